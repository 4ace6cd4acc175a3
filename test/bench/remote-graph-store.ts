import type { GraphStore } from '../../src/store/graph-store';
import { createPreciseDelay } from './precise-delay';

export interface RemoteStoreSimulation {
  /** Idle wait per store call, µs: the network round trips of one call to a database server. */
  latencyUs: number;
  /** Calls in flight at once (the driver's connection pool, `NEO4J_MAX_POOL_SIZE` 50); the rest queue. */
  pool: number;
  /** CPU burnt on the main thread per call, µs: a stand-in for a driver's encoding and decoding (an assumption, not a measured figure). */
  cpuUs: number;
}

/**
 * The embedded store made to behave like a remote one, for the bench's
 * "realistic comparison": every port call takes a connection from a pool of
 * `pool`, waits `latencyUs` without using CPU (a worker-thread timer, see
 * precise-delay.ts), burns `cpuUs` of CPU, then answers from the embedded
 * store. The naive build's one-call-per-field then queues on the pool the way
 * it would on Neo4j, and ours pays one round trip per depth level.
 */
export function createRemoteGraphStore(inner: GraphStore, simulation: RemoteStoreSimulation): GraphStore {
  const delay = createPreciseDelay();
  const waiting: (() => void)[] = [];
  let inFlight = 0;
  const acquire = (): Promise<void> | void => {
    if (inFlight < simulation.pool) {
      inFlight++;
      return;
    }
    return new Promise<void>((resolve) => waiting.push(resolve));
  };
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else inFlight--;
  };
  const burn = () => {
    const until = performance.now() + simulation.cpuUs / 1000;
    while (performance.now() < until);
  };
  return new Proxy(inner, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function' || typeof property !== 'string') return value;
      if (property === 'close') return async () => Promise.all([delay.close(), (value as () => Promise<void>).apply(target)]).then(() => undefined);
      return async (...args: unknown[]) => {
        await acquire();
        try {
          await delay.wait(simulation.latencyUs);
          if (simulation.cpuUs > 0) burn();
          return await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        } finally {
          release();
        }
      };
    },
  });
}
