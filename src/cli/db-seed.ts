import { ConfigError, loadConfig, NEO4J_TOOL_LIMITS } from '../config';
import { loadSeeds } from '../seeds/load-seeds';
import { createNeo4jDriver } from '../store/neo4j/create-neo4j-graph-store';
import { findCypherDir } from '../store/neo4j/cypher-files';
import { seedNeo4j } from '../store/neo4j/seed-neo4j';

/**
 * `npm run db:seed [-- --wipe]`: applies cypher/schema.cypher and loads the
 * seeds into the Neo4j database at NEO4J_URI (NEO4J_USER, NEO4J_PASSWORD,
 * NEO4J_DATABASE), printing one line per file, then checks the counts per
 * type against the seeds. Exits 1 on any failure, with the reason.
 */
async function main(): Promise<void> {
  const wipe = process.argv.slice(2).includes('--wipe');
  const config = loadConfig();
  if (!config.NEO4J_URI) throw new ConfigError('NEO4J_URI is required, e.g. NEO4J_URI=bolt://localhost:7687 npm run db:seed');
  // No request waits on a seeding: wait for a database that is still starting (not the service's limits).
  const driver = createNeo4jDriver({ ...config, ...NEO4J_TOOL_LIMITS });
  try {
    await seedNeo4j({
      driver,
      database: config.NEO4J_DATABASE,
      cypherDir: findCypherDir(),
      seeds: loadSeeds(config.SEEDS_DIR),
      wipe,
      timeoutMs: Math.max(config.NEO4J_TIMEOUT_MS, 120_000),
      progress: (line) => process.stdout.write(`${line}\n`),
    });
  } finally {
    await driver.close();
  }
}

main().catch((error: unknown) => {
  const code = (error as { code?: unknown }).code;
  process.stderr.write(`db:seed failed: ${error instanceof Error ? error.message : String(error)}${typeof code === 'string' ? ` (${code})` : ''}\n`);
  process.exit(1);
});
