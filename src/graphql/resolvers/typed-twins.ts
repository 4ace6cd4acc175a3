import { isPartialDate } from '../../domain/partial-date';

/*
 * The typed twins of older free-text fields (`partialDate` beside `date`, `leadershipRole` beside
 * `leadRole`) read values that were stored before their vocabulary was typed: a journal or a
 * Neo4j database may hold a curator's "October 2023" or a role word outside today's list, accepted
 * when it was written. Such a value reads as null in the typed field (the old text field still
 * carries it), so an accepted write can never make a read fail with a serialisation error.
 */

/** The value when it is a PartialDate (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`), otherwise null. */
export function partialDateOrNull(value: unknown): string | null {
  if (typeof value === 'number' && Number.isInteger(value)) value = String(value);
  return isPartialDate(value) ? value : null;
}

/** The value when it is one of `words`, otherwise null. */
export function memberOrNull<T extends string>(words: readonly T[], value: unknown): T | null {
  return typeof value === 'string' && (words as readonly string[]).includes(value) ? (value as T) : null;
}
