import { BadUserInputError } from '../domain/errors';

/**
 * Page cursors, the same for every store: an opaque base64url string holding
 * the position (sort key and id) of the last node of a page. Positions, not
 * offsets, so a page stays correct when nodes are added before it.
 */
export interface CursorPosition {
  sortKey: string;
  id: string;
}

export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.sortKey, position.id]), 'utf8').toString('base64url');
}

/** Decodes a cursor, or throws `BAD_USER_INPUT` naming the argument it came in (`after` or `before`). */
export function decodeCursor(cursor: string, argument: 'after' | 'before' = 'after'): CursorPosition {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'string') {
      return { sortKey: value[0], id: value[1] };
    }
  } catch {
    // fall through to the error below: any undecodable cursor is the caller's mistake
  }
  throw new BadUserInputError(`Cursor "${cursor.slice(0, 64)}" is not one this API returned.`, {
    argument,
    expected: 'a cursor, startCursor or endCursor from a previous page',
  });
}

/** Whether a node at (sortKey, id) comes after the cursor position in list order. */
export function isAfter(sortKey: string, id: string, position: CursorPosition): boolean {
  return sortKey > position.sortKey || (sortKey === position.sortKey && id > position.id);
}

/** Whether a node at (sortKey, id) comes before the cursor position in list order. */
export function isBefore(sortKey: string, id: string, position: CursorPosition): boolean {
  return sortKey < position.sortKey || (sortKey === position.sortKey && id < position.id);
}
