/**
 * A date as precise as its source: ISO 8601's calendar date with the lower parts left out where
 * the source does not give them, `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (`2015`, `2008-05`,
 * `2024-03-11`). The sources date resolutions, meetings and roles this way (a role "since 2005",
 * a meeting "in October 2023"); a full date-time is `DateTime`'s job.
 */
export const PARTIAL_DATE_FORM = 'an ISO 8601 date, possibly partial: YYYY, YYYY-MM or YYYY-MM-DD';

const PARTIAL_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** True for `2015`, `2015-12` and `2015-12-31`; false for `2015-13`, `2015-02-30`, `15`, `Dec 2015`. */
export function isPartialDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = PARTIAL_DATE.exec(value);
  if (!match) return false;
  const [, year, month, day] = match;
  if (month === undefined) return true;
  const m = Number(month);
  if (m < 1 || m > 12) return false;
  if (day === undefined) return true;
  // Day 0 of the next month is the last day of this one (leap years included).
  const daysInMonth = new Date(Date.UTC(Number(year), m, 0)).getUTCDate();
  const d = Number(day);
  return d >= 1 && d <= daysInMonth;
}
