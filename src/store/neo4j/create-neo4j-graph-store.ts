import neo4j, { type Driver } from 'neo4j-driver';
import type { Config } from '../../config';
import { Neo4jGraphStore } from './neo4j-graph-store';

export type Neo4jConfig = Pick<
  Config,
  | 'NEO4J_URI'
  | 'NEO4J_USER'
  | 'NEO4J_PASSWORD'
  | 'NEO4J_DATABASE'
  | 'NEO4J_MAX_POOL_SIZE'
  | 'NEO4J_TIMEOUT_MS'
  | 'NEO4J_CONNECT_TIMEOUT_MS'
  | 'NEO4J_RETRY_MS'
>;

/**
 * A Neo4j store from configuration. Connects lazily: it never fails because
 * the database is down (the service starts, `/readyz` says 503, and calls
 * answer `STORE_UNAVAILABLE` until the database is back). `NEO4J_TIMEOUT_MS`
 * bounds each transaction on the server; `NEO4J_CONNECT_TIMEOUT_MS` (connecting,
 * waiting for a pooled connection) and `NEO4J_RETRY_MS` (the driver's retries)
 * are derived in config.ts so that an outage answers STORE_UNAVAILABLE within
 * the execution deadline rather than hanging past it.
 */
export function createNeo4jGraphStore(config: Neo4jConfig): Neo4jGraphStore {
  return new Neo4jGraphStore({ driver: createNeo4jDriver(config), database: config.NEO4J_DATABASE, timeoutMs: config.NEO4J_TIMEOUT_MS });
}

/** The driver for the configured database (also used by db:seed); creating it opens no connection. */
export function createNeo4jDriver(config: Neo4jConfig): Driver {
  if (!config.NEO4J_URI) throw new Error('NEO4J_URI is required for the Neo4j store.');
  return neo4j.driver(config.NEO4J_URI, neo4j.auth.basic(config.NEO4J_USER, config.NEO4J_PASSWORD), {
    maxConnectionPoolSize: config.NEO4J_MAX_POOL_SIZE,
    connectionAcquisitionTimeout: config.NEO4J_CONNECT_TIMEOUT_MS,
    connectionTimeout: config.NEO4J_CONNECT_TIMEOUT_MS,
    maxTransactionRetryTime: config.NEO4J_RETRY_MS,
    userAgent: 'wsis-graph',
  });
}
