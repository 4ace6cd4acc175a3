import { BadUserInputError } from '../domain/errors';
import { isBackwards, type PageArgs } from './connection-args';

/** A Relay connection as the resolvers return it: edges, their nodes, page info, and the count of the whole list. */
export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  nodes: T[];
  pageInfo: PageInfo;
  totalCount: number;
}

export interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

/**
 * One page of a list that is already in memory (a node's links, a search's hits), as a Relay
 * connection. `items` must be sorted by `keyOf`, ascending and without repeats (links by link id;
 * ranked lists by their rank, given as a zero-padded position). A cursor holds the key of its
 * item, tagged with `kind` so that a cursor of another list is refused: positions, not offsets,
 * so a page stays right when items are added before it.
 *
 * Page info is exact both ways: the whole list is at hand.
 */
export function sliceConnection<T>(items: readonly T[], keyOf: (item: T) => string, page: PageArgs, kind: string): Connection<T> {
  const keys = items.map(keyOf);
  let start = 0;
  let end = keys.length;
  if (isBackwards(page)) {
    if (page.before !== undefined) end = firstNotBefore(keys, decodeListCursor(page.before, kind, 'before'));
    start = Math.max(0, end - page.last);
  } else {
    if (page.after !== undefined) start = firstAfter(keys, decodeListCursor(page.after, kind, 'after'));
    end = Math.min(keys.length, start + page.first);
  }
  const nodes = items.slice(start, end);
  const cursors = keys.slice(start, end).map((key) => encodeListCursor(kind, key));
  return {
    nodes,
    edges: nodes.map((node, i) => ({ node, cursor: cursors[i]! })),
    pageInfo: {
      hasPreviousPage: start > 0,
      hasNextPage: end < keys.length,
      startCursor: cursors[0] ?? null,
      endCursor: cursors.at(-1) ?? null,
    },
    totalCount: items.length,
  };
}

/** A rank as a key that sorts as the rank does (for lists ordered by something other than an id). */
export function rankKey(rank: number): string {
  return String(rank).padStart(10, '0');
}

function encodeListCursor(kind: string, key: string): string {
  // An object, where the store's node cursors are arrays: neither kind is taken for the other.
  return Buffer.from(JSON.stringify({ list: kind, at: key }), 'utf8').toString('base64url');
}

/** The key a cursor of `kind` holds; `BAD_USER_INPUT` naming `argument` for any other string. */
export function cursorKey(cursor: string, kind: string, argument: 'after' | 'before'): string {
  return decodeListCursor(cursor, kind, argument);
}

function decodeListCursor(cursor: string, kind: string, argument: 'after' | 'before'): string {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { list?: unknown; at?: unknown } | null;
    if (value !== null && typeof value === 'object' && value.list === kind && typeof value.at === 'string') return value.at;
  } catch {
    // fall through: any undecodable cursor is the caller's mistake
  }
  throw new BadUserInputError(`Cursor "${cursor.slice(0, 64)}" is not one this list returned.`, {
    argument,
    expected: 'a cursor, startCursor or endCursor from a previous page of the same list',
  });
}

// Binary searches over the sorted keys: the first index whose key is past `key`, and the first whose key is not before it.
function firstAfter(keys: readonly string[], key: string): number {
  let low = 0;
  let high = keys.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (keys[mid]! > key) high = mid;
    else low = mid + 1;
  }
  return low;
}

function firstNotBefore(keys: readonly string[], key: string): number {
  let low = 0;
  let high = keys.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (keys[mid]! >= key) high = mid;
    else low = mid + 1;
  }
  return low;
}
