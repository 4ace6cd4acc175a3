import type { GraphStore } from '../../store/graph-store';

export interface GenerationSync {
  /** Resolves once the cache has seen every write older than `intervalMs` (immediately when none is due). */
  current(): Promise<void> | undefined;
}

/**
 * Keeps one copy's cache honest about writes made by *other* copies of the service over a shared
 * store: at most every `intervalMs`, the first request to arrive reads the audit log past the last
 * batch seen (`seq` counts acknowledged batches, in every store) and the dataset version (a reseed),
 * and bumps the generation when either moved. Requests arriving meanwhile wait for that one read, so
 * an answer is never older than `intervalMs` plus one store round trip. When the store cannot be
 * read, the cache is dropped too: without news of the writes, stored answers are not trusted.
 * `intervalMs` 0: never (one process owns the store).
 */
export function createGenerationSync(store: GraphStore, bump: () => void, intervalMs: number): GenerationSync {
  if (intervalMs <= 0) return { current: () => undefined };
  let checkedAt = -Infinity;
  let running: Promise<void> | undefined;
  let seen: { seq: number; version: string } | undefined;

  const check = async (): Promise<void> => {
    try {
      const version = (await store.datasetInfo()).version;
      let seq = seen?.seq ?? 0;
      for (;;) {
        const page = await store.listAudit({ first: 50, afterSeq: seq });
        seq = page.entries.at(-1)?.seq ?? seq;
        if (!page.hasNextPage) break;
      }
      // The first check finds an empty cache: bumping it then costs nothing.
      if (!seen || seen.seq !== seq || seen.version !== version) bump();
      seen = { seq, version };
    } catch {
      bump();
      seen = undefined;
    }
  };

  return {
    current() {
      const now = Date.now();
      if (running || now - checkedAt < intervalMs) return running;
      checkedAt = now;
      running = check().finally(() => {
        running = undefined;
      });
      return running;
    },
  };
}
