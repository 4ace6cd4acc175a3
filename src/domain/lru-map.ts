/**
 * A map that holds at most `maxEntries` entries and drops the least recently used one first (a read
 * or a write uses an entry). A `Map` keeps insertion order, so re-inserting an entry on use makes the
 * first key the least recently used one. For the service's bounded memories of what clients sent
 * (persisted queries, known documents).
 */
export class LruMap<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(private readonly maxEntries: number) {
    if (!Number.isInteger(maxEntries) || maxEntries < 1) throw new RangeError(`LruMap needs at least one entry, got ${String(maxEntries)}.`);
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: K): V | undefined {
    const value = this.entries.get(key);
    if (value === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  set(key: K, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }
}
