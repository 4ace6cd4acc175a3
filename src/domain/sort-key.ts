/**
 * A key that sorts official codes the way people read them: `C2` before
 * `C10`, `9.2` before `9.10`, and numbered targets before lettered ones
 * (`9.5` before `9.a`), as the UN lists them. Digit runs are zero-padded so a
 * plain string comparison (JavaScript or a Neo4j `ORDER BY`) gives that order.
 */
export function toSortKey(code: string): string {
  return code.toLowerCase().replace(/\d+/g, (digits) => digits.padStart(8, '0'));
}

/** Compares two codes by their sort keys; ties broken by the raw code so the order is total. */
export function compareCodes(a: string, b: string): number {
  const ka = toSortKey(a);
  const kb = toSortKey(b);
  if (ka !== kb) return ka < kb ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
