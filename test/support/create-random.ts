/**
 * mulberry32: a small, fast generator with a 32-bit seed, for generated tests
 * (property tests, hostile input) whose every failing case can be replayed
 * from its seed.
 */
export function createRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  /** An integer from `min` to `max`, both included. */
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  /** An integer from 0 to `count - 1`. */
  const below = (count: number) => Math.floor(next() * count);
  const pick = <T>(items: readonly T[]): T => items[below(items.length)]!;
  return { next, int, below, pick };
}

export type Random = ReturnType<typeof createRandom>;
