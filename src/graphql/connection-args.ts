import { z } from 'zod';
import { BadUserInputError } from '../domain/errors';
import { firstArg, parseArgs, perLimit } from './parse-args';

/**
 * Relay's pagination arguments, checked: a page is read forwards (`first`, optionally `after` a
 * cursor) or backwards (`last`, optionally `before` a cursor), never both ways at once. With
 * neither `first` nor `last`, the first `DEFAULT_PAGE_SIZE` items. Both are 0 to `MAX_PAGE_SIZE`.
 *
 * ```ts
 * pageArgsOf({ last: 5, before: 'WyJjMDAwMDAwMDciLCJBY3Rpb25MaW5lOkM3Il0' }, 500)
 * // → { last: 5, before: '…' }
 * ```
 */
export type PageArgs = { first: number; after?: string } | { last: number; before?: string };

/** The page size when a connection is asked for with neither `first` nor `last`. */
export const DEFAULT_PAGE_SIZE = 50;

const cursorArg = z.string().max(1000, 'a cursor from a previous page').nullish();

const relayArgs = perLimit((max) =>
  z.object({ first: firstArg(max).nullish(), after: cursorArg, last: firstArg(max).nullish(), before: cursorArg }),
);

export function pageArgsOf(args: Record<string, unknown>, maxPageSize: number): PageArgs {
  const { first, after, last, before } = parseArgs(relayArgs(maxPageSize), pick(args));
  const forwards = first != null || after != null;
  const backwards = last != null || before != null;
  if (forwards && backwards) {
    const argument = first != null && last != null ? 'last' : before != null ? 'before' : 'after';
    throw new BadUserInputError('Page forwards (first, after) or backwards (last, before), not both ways at once.', {
      argument,
      expected: 'first/after or last/before',
    });
  }
  if (backwards) return { last: last ?? DEFAULT_PAGE_SIZE, ...(before != null ? { before } : {}) };
  return { first: first ?? DEFAULT_PAGE_SIZE, ...(after != null ? { after } : {}) };
}

/** Whether the page is read from the end. */
export function isBackwards(page: PageArgs): page is { last: number; before?: string } {
  return 'last' in page;
}

function pick(args: Record<string, unknown>): Record<string, unknown> {
  return { first: args.first, after: args.after, last: args.last, before: args.before };
}
