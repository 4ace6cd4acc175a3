/**
 * A key that sorts official codes the way people read them: `C2` before
 * `C10`, `9.2` before `9.10`, and numbered targets before lettered ones
 * (`9.5` before `9.a`), as the UN lists them. Digit runs are zero-padded so a
 * plain string comparison (JavaScript or a Neo4j `ORDER BY`) gives that order.
 */
export function toSortKey(code: string): string {
  let key = sortKeys.get(code);
  if (key === undefined) {
    key = code.toLowerCase().replace(/\d+/g, (digits) => digits.padStart(8, '0'));
    // Sorting calls this for every comparison: remember keys, within a bound so input cannot grow it forever.
    if (sortKeys.size >= MAX_REMEMBERED) sortKeys.clear();
    sortKeys.set(code, key);
  }
  return key;
}

const MAX_REMEMBERED = 100_000;
const sortKeys = new Map<string, string>();

/** Compares two codes by their sort keys; ties broken by the raw code so the order is total. */
export function compareCodes(a: string, b: string): number {
  const ka = toSortKey(a);
  const kb = toSortKey(b);
  if (ka !== kb) return ka < kb ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
