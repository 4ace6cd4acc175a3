import { LruMap } from '../../domain/lru-map';

/**
 * The query texts registered by automatic persisted queries, by the lower-case hex sha256 of the
 * text, at most `maxEntries` of them: the least recently used is dropped first. Losing one costs a
 * client a single extra round trip (it sends the text again), never a wrong answer, so an
 * in-memory store per process is enough, also behind a load balancer.
 */
export class PersistedQueryStore {
  private readonly queries: LruMap<string, string>;

  constructor(maxEntries: number) {
    if (!Number.isInteger(maxEntries) || maxEntries < 1) {
      throw new RangeError(`PersistedQueryStore needs at least one entry, got ${String(maxEntries)}.`);
    }
    this.queries = new LruMap(maxEntries);
  }

  get(hash: string): string | undefined {
    return this.queries.get(hash);
  }

  set(hash: string, query: string): void {
    this.queries.set(hash, query);
  }

  get size(): number {
    return this.queries.size;
  }
}
