/**
 * The query texts registered by automatic persisted queries, by the lower-case hex sha256 of the
 * text, at most `maxEntries` of them: the least recently used is dropped first. Losing one costs a
 * client a single extra round trip (it sends the text again), never a wrong answer, so an
 * in-memory store per process is enough, also behind a load balancer.
 */
export class PersistedQueryStore {
  private readonly queries = new Map<string, string>();

  constructor(private readonly maxEntries: number) {
    if (!Number.isInteger(maxEntries) || maxEntries < 1) {
      throw new RangeError(`PersistedQueryStore needs at least one entry, got ${String(maxEntries)}.`);
    }
  }

  get(hash: string): string | undefined {
    const query = this.queries.get(hash);
    if (query === undefined) return undefined;
    // Map keeps insertion order: re-inserting marks it most recently used.
    this.queries.delete(hash);
    this.queries.set(hash, query);
    return query;
  }

  set(hash: string, query: string): void {
    this.queries.delete(hash);
    this.queries.set(hash, query);
    while (this.queries.size > this.maxEntries) this.queries.delete(this.queries.keys().next().value!);
  }

  get size(): number {
    return this.queries.size;
  }
}
