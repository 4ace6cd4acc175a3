import type { Driver, ManagedTransaction, Session, SessionConfig } from 'neo4j-driver';

/** What a store sent to the database: queries run, and transactions (each ends in one COMMIT round trip). */
export interface RoundTrips {
  queries: number;
  transactions: number;
  /** queries + transactions: each RUN is a round trip (BEGIN is pipelined with the first), and so is each COMMIT. */
  readonly total: number;
}

/**
 * A real driver that counts what goes over the wire: every query a session
 * or a managed transaction runs, and every transaction function (one
 * COMMIT each). It forwards every call to the real driver: it records, it
 * does not pretend to be Neo4j. `reset()` starts a new count.
 */
export function countingDriver(real: Driver): { driver: Driver; counts: () => RoundTrips; reset: () => void } {
  let queries = 0;
  let transactions = 0;
  const countTx = (tx: ManagedTransaction): ManagedTransaction =>
    new Proxy(tx, {
      get(target, property, receiver) {
        if (property === 'run') {
          return (...args: Parameters<ManagedTransaction['run']>) => {
            queries += 1;
            return target.run(...args);
          };
        }
        return Reflect.get(target, property, receiver) as unknown;
      },
    });
  const countSession = (session: Session): Session =>
    new Proxy(session, {
      get(target, property, receiver) {
        if (property === 'executeRead' || property === 'executeWrite') {
          return <T>(work: (tx: ManagedTransaction) => Promise<T>, config?: unknown) => {
            const method = target[property].bind(target) as (w: typeof work, c?: unknown) => Promise<T>;
            return method((tx) => {
              transactions += 1; // one per attempt: a retried transaction commits (or rolls back) again
              return work(countTx(tx));
            }, config);
          };
        }
        if (property === 'run') {
          return (...args: Parameters<Session['run']>) => {
            queries += 1;
            return target.run(...args);
          };
        }
        return Reflect.get(target, property, receiver) as unknown;
      },
    });
  const driver = new Proxy(real, {
    get(target, property, receiver) {
      if (property === 'session') return (config?: SessionConfig) => countSession(target.session(config));
      return Reflect.get(target, property, receiver) as unknown;
    },
  });
  return {
    driver,
    counts: () => ({ queries, transactions, total: queries + transactions }),
    reset: () => {
      queries = 0;
      transactions = 0;
    },
  };
}
