import neo4j, { type Driver } from 'neo4j-driver';
import type { Config } from '../../config';
import { Neo4jGraphStore } from './neo4j-graph-store';

export type Neo4jConfig = Pick<
  Config,
  'NEO4J_URI' | 'NEO4J_USER' | 'NEO4J_PASSWORD' | 'NEO4J_DATABASE' | 'NEO4J_MAX_POOL_SIZE' | 'NEO4J_TIMEOUT_MS'
>;

/**
 * A Neo4j store from configuration. Connects lazily: it never fails because
 * the database is down (the service starts, `/readyz` says 503, and calls
 * answer `STORE_UNAVAILABLE` until the database is back). `NEO4J_TIMEOUT_MS`
 * bounds connecting, waiting for a pooled connection, each transaction and
 * the driver's retries of a transaction, so an outage answers in about that
 * time rather than hanging.
 */
export function createNeo4jGraphStore(config: Neo4jConfig): Neo4jGraphStore {
  return new Neo4jGraphStore({ driver: createNeo4jDriver(config), database: config.NEO4J_DATABASE, timeoutMs: config.NEO4J_TIMEOUT_MS });
}

/** The driver for the configured database (also used by db:seed); creating it opens no connection. */
export function createNeo4jDriver(config: Neo4jConfig): Driver {
  if (!config.NEO4J_URI) throw new Error('NEO4J_URI is required for the Neo4j store.');
  return neo4j.driver(config.NEO4J_URI, neo4j.auth.basic(config.NEO4J_USER, config.NEO4J_PASSWORD), {
    maxConnectionPoolSize: config.NEO4J_MAX_POOL_SIZE,
    connectionAcquisitionTimeout: config.NEO4J_TIMEOUT_MS,
    connectionTimeout: config.NEO4J_TIMEOUT_MS,
    maxTransactionRetryTime: config.NEO4J_TIMEOUT_MS,
    userAgent: 'wsis-graph',
  });
}
