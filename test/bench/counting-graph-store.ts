import type { GraphStore } from '../../src/store/graph-store';

/** Calls per store method since the last reset, and their sum. */
export interface StoreCallCounts {
  total: number;
  byMethod: Record<string, number>;
}

/**
 * Wraps a store so that every call of a port method is counted before it is
 * passed on unchanged. The benchmark reads the counts to report store calls
 * per request: the number that shows whether a nested query costs one call
 * per depth level (batched) or one per field (N+1).
 */
export function createCountingGraphStore(inner: GraphStore): { store: GraphStore; counts: () => StoreCallCounts; reset: () => void } {
  let byMethod: Record<string, number> = {};
  const store = new Proxy(inner, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function' || typeof property !== 'string') return value;
      return (...args: unknown[]) => {
        byMethod[property] = (byMethod[property] ?? 0) + 1;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return {
    store,
    counts: () => ({ total: Object.values(byMethod).reduce((sum, n) => sum + n, 0), byMethod: { ...byMethod } }),
    reset: () => {
      byMethod = {};
    },
  };
}
