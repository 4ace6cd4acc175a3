import type { GraphStore } from '../../src/store/graph-store';

/** One recorded call of a port method: its name and its first argument (the batch, the query). */
export interface StoreCall {
  method: string;
  arg: unknown;
}

export interface CountingStore {
  /** The wrapped store: every port method is recorded, then passed on unchanged. */
  store: GraphStore;
  /** Calls since the last reset, in call order. */
  calls(): StoreCall[];
  /** How many calls each method received since the last reset (methods never called are absent). */
  countsByMethod(): Record<string, number>;
  reset(): void;
}

/**
 * Wraps a store to record its calls, so a test can prove that a nested query
 * costs store calls bounded by its depth (DataLoader batches), not by the
 * number of nodes it returns: the N+1 check. Records are kept with their
 * argument so batch shapes can be asserted, as dataloader's own tests do
 * (`expect(calls).toEqual([[1, 2], [3]])`).
 */
export function createCountingStore(inner: GraphStore): CountingStore {
  let recorded: StoreCall[] = [];
  const store = new Proxy(inner, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function' || typeof property !== 'string') return value;
      return (...args: unknown[]) => {
        recorded.push({ method: property, arg: args[0] });
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return {
    store,
    calls: () => [...recorded],
    countsByMethod: () => {
      const counts: Record<string, number> = {};
      for (const call of recorded) counts[call.method] = (counts[call.method] ?? 0) + 1;
      return counts;
    },
    reset: () => {
      recorded = [];
    },
  };
}
