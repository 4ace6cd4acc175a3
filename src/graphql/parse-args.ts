import { z } from 'zod';
import { BadUserInputError } from '../domain/errors';

/**
 * Validates resolver arguments with zod. On failure throws `BAD_USER_INPUT`
 * naming the argument (its path, e.g. `filter.goal`) and what was expected,
 * before anything is read or written.
 */
export function parseArgs<S extends z.ZodType>(schema: S, args: unknown): z.infer<S> {
  const result = schema.safeParse(args);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const argument = issue.path.map(String).join('.') || 'arguments';
  throw new BadUserInputError(`Argument "${argument}" is invalid: ${issue.message}.`, {
    argument,
    expected: issue.message,
  });
}

/** An official code or id: non-empty, at most 200 characters, no control characters. */
export const codeArg = z
  .string()
  .trim()
  .min(1, 'a non-empty code')
  .max(200, 'a code of at most 200 characters')
  .regex(/^[^\p{Cc}]*$/u, 'a code without control characters');

/** A page size: 0 up to the configured maximum. */
export function firstArg(max: number) {
  return z.number().int().min(0, `an integer from 0 to ${max}`).max(max, `an integer from 0 to ${max}`);
}

/**
 * Memoises a schema that depends on a configured limit. Building a zod schema
 * costs more than using one, and resolvers run on every request: build each
 * once per limit value (a process has one configuration, so one entry).
 */
export function perLimit<S>(build: (limit: number) => S): (limit: number) => S {
  const built = new Map<number, S>();
  return (limit) => {
    let schema = built.get(limit);
    if (schema === undefined) built.set(limit, (schema = build(limit)));
    return schema;
  };
}
