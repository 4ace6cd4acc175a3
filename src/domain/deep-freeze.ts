/**
 * Freezes `value` and everything it holds, and returns it. An object already
 * frozen is taken to be frozen all the way down (every record this project
 * freezes is frozen by this function, or built frozen, as the seeds' quick
 * parse does), so freezing a record twice costs one check.
 */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
