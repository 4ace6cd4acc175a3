import neo4j, { type Driver } from 'neo4j-driver';
import { EDGE_TYPES } from '../../domain/edge-types';
import { NODE_TYPES } from '../../domain/node-types';
import type { SeedSet } from '../../seeds/load-seeds';
import { checkParams, readCypherFile, readCypherFolder, splitStatements, type CypherFile } from './cypher-files';
import { mapDriverError } from './map-driver-error';
import { toEdgeProperties, toNodeProperties, fromNeo4jValue } from './record-mapping';

export interface SeedNeo4jOptions {
  driver: Driver;
  database: string;
  cypherDir: string;
  seeds: SeedSet;
  /** Delete everything in the database first. */
  wipe?: boolean;
  /** Rows per write transaction. */
  batchSize?: number;
  /** Transaction timeout in milliseconds. */
  timeoutMs: number;
  /** One line of progress (a file loaded, a step done). */
  progress?: (line: string) => void;
}

export interface SeedReport {
  nodes: number;
  edges: number;
}

/** The seeded database does not hold what the seeds say; names the first types that differ. */
export class SeedCountError extends Error {}

/**
 * Loads the seeds into Neo4j with the files of `cypher/`: the schema
 * (constraints, indexes), then every node file, every edge file (batched
 * `UNWIND … MERGE`, so a second run changes nothing), then the `:Dataset`
 * node; refreshes the planner's statistics (index samples, query caches)
 * so queries are planned on the loaded graph, not the empty one; finally checks the counts per node and edge type against the seeds
 * and throws `SeedCountError` when they differ (e.g. a database holding
 * writes made since: run with `wipe`).
 */
export async function seedNeo4j(options: SeedNeo4jOptions): Promise<SeedReport> {
  const { driver, database, cypherDir, seeds, timeoutMs } = options;
  const batchSize = options.batchSize ?? 1000;
  const progress = options.progress ?? (() => undefined);
  const imports = readCypherFolder(cypherDir, 'import');
  const queries = readCypherFolder(cypherDir, 'queries');

  // Auto-commit runs: schema commands and CALL … IN TRANSACTIONS cannot share a transaction with writes.
  // `timeout: null` leaves the server's own limit: the wipe's outer transaction lasts as long as
  // every batch together, so a per-transaction timeout would stop a large wipe half-way.
  const autoCommit = async (file: CypherFile, text: string = file.text, timeout: number | null = timeoutMs) => {
    checkParams(file, {});
    const session = driver.session({ database });
    try {
      await session.run(text, {}, timeout === null ? {} : { timeout });
    } catch (error) {
      throw mapDriverError(error);
    } finally {
      await session.close();
    }
  };
  const write = async (file: CypherFile, params: Record<string, unknown>) => {
    checkParams(file, params);
    const session = driver.session({ database, defaultAccessMode: neo4j.session.WRITE });
    try {
      return await session.executeWrite((tx) => tx.run(file.text, params), { timeout: timeoutMs });
    } catch (error) {
      throw mapDriverError(error);
    } finally {
      await session.close();
    }
  };

  if (options.wipe) {
    await autoCommit(imports.wipe!, imports.wipe!.text, null);
    progress('wiped the database');
  }
  const schema = readCypherFile(cypherDir, 'schema.cypher');
  const statements = splitStatements(schema.text);
  for (const statement of statements) await autoCommit(schema, statement);
  await autoCommit(imports['await-indexes']!);
  progress(`schema: ${statements.length} constraints and indexes, all online`);

  // Rows of every file batched together: a transaction per batchSize rows rather than per file
  // (25 seed files; each commit forces the transaction log, so fewer commits is most of the time saved).
  const nodeRows = seeds.nodeFiles.flatMap((file) =>
    file.records.map((node) => ({ id: node.id, type: node.type, props: toNodeProperties(node) })),
  );
  for (let at = 0; at < nodeRows.length; at += batchSize) await write(imports.nodes!, { rows: nodeRows.slice(at, at + batchSize) });
  for (const file of seeds.nodeFiles) progress(`${file.file}: ${file.records.length} nodes`);
  const edgeRows = seeds.edgeFiles.flatMap((file) =>
    file.records.map((edge) => ({ id: edge.id, type: edge.type, from: edge.from, to: edge.to, props: toEdgeProperties(edge) })),
  );
  for (let at = 0; at < edgeRows.length; at += batchSize) await write(imports.edges!, { rows: edgeRows.slice(at, at + batchSize) });
  for (const file of seeds.edgeFiles) progress(`${file.file}: ${file.records.length} edges`);

  const nodes = seeds.nodeFiles.flatMap((file) => file.records);
  const edges = seeds.edgeFiles.flatMap((file) => file.records);
  await write(imports.dataset!, {
    version: seeds.version,
    builtAt: seeds.manifest.builtAt,
    nodeCount: neo4j.int(nodes.length),
    edgeCount: neo4j.int(edges.length),
  });
  progress(`dataset ${seeds.version}`);
  await refreshStatistics(driver, database, timeoutMs, imports['prepare-for-replanning']!, progress);

  const session = driver.session({ database, defaultAccessMode: neo4j.session.READ });
  let stored: { nodes: Map<string, number>; edges: Map<string, number> };
  try {
    stored = await session.executeRead(async (tx) => {
      const tally = async (file: CypherFile) =>
        new Map((await tx.run(file.text)).records.map((r) => [String(r.get('type')), fromNeo4jValue(r.get('count')) as number]));
      return { nodes: await tally(queries['count-node-types']!), edges: await tally(queries['count-edge-types']!) };
    });
  } catch (error) {
    throw mapDriverError(error);
  } finally {
    await session.close();
  }
  const differences = [
    ...NODE_TYPES.map((type) => [type, nodes.filter((n) => n.type === type).length, stored.nodes.get(type) ?? 0] as const),
    ...EDGE_TYPES.map((type) => [type, edges.filter((e) => e.type === type).length, stored.edges.get(type) ?? 0] as const),
  ].filter(([, expected, found]) => expected !== found);
  if (differences.length > 0) {
    const list = differences.map(([type, expected, found]) => `${type}: ${found} stored, ${expected} in the seeds`).join('; ');
    throw new SeedCountError(`The database does not hold exactly the seeds (${list}). Run with --wipe to start clean.`);
  }
  progress(`checked: ${nodes.length} nodes and ${edges.length} edges, as in the seeds`);
  return { nodes: nodes.length, edges: edges.length };
}

// Index samples and cached plans from before the load (an empty graph after --wipe) make Neo4j plan
// id lookups as scans of the whole index; db.prepareForReplanning resamples, waits and clears the
// caches. It is an admin procedure: a user without the privilege gets the seeds loaded all the same,
// and a line saying the plans may be poor until Neo4j resamples on its own.
async function refreshStatistics(
  driver: Driver,
  database: string,
  timeoutMs: number,
  file: CypherFile,
  progress: (line: string) => void,
): Promise<void> {
  checkParams(file, {});
  const session = driver.session({ database });
  try {
    await session.run(file.text, {}, { timeout: timeoutMs });
    progress('statistics: indexes resampled, query caches cleared');
  } catch (error) {
    if (!isRefusedPrivilege(error)) throw mapDriverError(error);
    progress('statistics: NOT refreshed (db.prepareForReplanning needs an admin user); id lookups may scan until Neo4j resamples');
  } finally {
    await session.close();
  }
}

function isRefusedPrivilege(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('Neo.ClientError.Security.');
}
