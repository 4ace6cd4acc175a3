import { loadConfig } from '../../src/config';
import { loadSeeds } from '../../src/seeds/load-seeds';
import { createNeo4jDriver, createNeo4jGraphStore } from '../../src/store/neo4j/create-neo4j-graph-store';
import { findCypherDir } from '../../src/store/neo4j/cypher-files';
import { seedNeo4j } from '../../src/store/neo4j/seed-neo4j';
import { describeGraphStore } from './describe-graph-store';

/**
 * The conformance suite against a real Neo4j 5 (5.26+), when NEO4J_URI is
 * set (with NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE): `npm run test:neo4j`.
 * THE DATABASE IS WIPED: point it at a database for tests only. Every store
 * the suite asks for gets a freshly wiped and seeded database first, so each
 * writing case starts from the seeds. Without NEO4J_URI the suite is
 * reported as skipped, never as passed.
 */
const uri = process.env.NEO4J_URI;

describeGraphStore({
  name: 'neo4j',
  timeoutMs: 180_000,
  skip: uri ? undefined : 'NEO4J_URI is not set (see cypher/README.md to run Neo4j)',
  create: async () => {
    const config = loadConfig({ ...process.env, STORE: 'neo4j' });
    const driver = createNeo4jDriver(config);
    try {
      await seedNeo4j({
        driver,
        database: config.NEO4J_DATABASE,
        cypherDir: findCypherDir(),
        seeds: loadSeeds(config.SEEDS_DIR),
        wipe: true,
        timeoutMs: 120_000,
      });
    } catch (error) {
      throw new Error(`Could not seed the Neo4j test database at ${uri}: ${(error as Error).message}`);
    } finally {
      await driver.close();
    }
    const store = createNeo4jGraphStore(config);
    await store.ping();
    return store;
  },
});
