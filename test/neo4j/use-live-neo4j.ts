import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import { loadConfig, NEO4J_TOOL_LIMITS, type Config } from '../../src/config';
import { loadSeeds, type SeedSet } from '../../src/seeds/load-seeds';
import { createNeo4jDriver, createNeo4jGraphStore } from '../../src/store/neo4j/create-neo4j-graph-store';
import { findCypherDir } from '../../src/store/neo4j/cypher-files';
import type { Neo4jGraphStore } from '../../src/store/neo4j/neo4j-graph-store';
import { seedNeo4j } from '../../src/store/neo4j/seed-neo4j';
import { SKIP_VARIABLE } from './global-setup';

/** Why the Neo4j leg cannot run here (no Java/Maven outside CI), or undefined when it runs. */
export const liveNeo4jSkip: string | undefined = process.env[SKIP_VARIABLE];

/** The database of the Neo4j leg, for one test file (see `useLiveNeo4j`). */
export interface LiveNeo4j {
  /** The service configuration for STORE=neo4j against it (from NEO4J_URI, NEO4J_USER, …). */
  config(overrides?: Record<string, string>): Config;
  /** A driver, opened for this file and closed after it. */
  driver(): Driver;
  /** A new Neo4j store over the database (the caller closes it). */
  openStore(overrides?: Record<string, string>): Neo4jGraphStore;
  /** Wipes the database and loads the seeds (`db:seed --wipe`, with its count check); resolves with the time it took in ms. */
  reseed(): Promise<number>;
  /** How many nodes and edges the seeds hold. */
  seeds(): { nodes: number; edges: number };
  /** How many reseeds this file made, and their total time in ms. */
  readonly reseeds: { count: number; ms: number };
}

/**
 * Call at the top of a test file (or of a `describe`) that needs the live
 * Neo4j started by `global-setup.ts` (or the one `NEO4J_URI` names). It
 * registers hooks that, before the file's tests, take a lock that
 * serialises every file using the database (jest may run files in parallel
 * workers; they share one database), and after them close the driver and
 * release the lock. The database is not cleaned here: call `reseed()` where
 * the file needs the seeds. Skipped files (see `liveNeo4jSkip`) get no hooks.
 *
 * THE DATABASE IS WIPED by `reseed()`: with NEO4J_URI set, point it at a
 * database for tests only.
 */
export function useLiveNeo4j(): LiveNeo4j {
  let driver: Driver | undefined;
  let releaseLock: (() => void) | undefined;
  let seeds: SeedSet | undefined;
  const reseeds = { count: 0, ms: 0 };

  const config = (overrides: Record<string, string> = {}): Config => {
    if (!process.env.NEO4J_URI) throw new Error('NEO4J_URI is not set: the Neo4j leg runs under jest, whose global set-up starts the test Neo4j.');
    return loadConfig({ ...process.env, STORE: 'neo4j', ...overrides });
  };

  // The file's own driver (reseeds, checks) is a tool's, not the service's: it waits for a busy server.
  const toolDriver = () => createNeo4jDriver({ ...config(), ...NEO4J_TOOL_LIMITS });

  if (!liveNeo4jSkip) {
    beforeAll(async () => {
      releaseLock = await lockDatabase(config().NEO4J_URI!);
    }, 30 * 60_000);
    afterAll(async () => {
      await driver?.close();
      releaseLock?.();
    });
  }

  return {
    config,
    driver: () => (driver ??= toolDriver()),
    openStore: (overrides) => createNeo4jGraphStore(config(overrides)),
    reseeds,
    seeds: () => {
      seeds ??= loadSeeds(config().SEEDS_DIR);
      return { nodes: seeds.nodeFiles.reduce((n, f) => n + f.records.length, 0), edges: seeds.edgeFiles.reduce((n, f) => n + f.records.length, 0) };
    },
    reseed: async () => {
      const started = Date.now();
      seeds ??= loadSeeds(config().SEEDS_DIR);
      await seedNeo4j({
        driver: (driver ??= toolDriver()),
        database: config().NEO4J_DATABASE,
        cypherDir: findCypherDir(),
        seeds,
        wipe: true,
        timeoutMs: 120_000,
      });
      const ms = Date.now() - started;
      reseeds.count += 1;
      reseeds.ms += ms;
      return ms;
    },
  };
}

// A lock folder per database address, shared by jest's worker processes (mkdir is atomic).
// A lock whose owner process is gone is taken over, so a crashed worker does not block the next run.
async function lockDatabase(uri: string): Promise<() => void> {
  const dir = path.join(os.tmpdir(), `wsis-neo4j-lock-${uri.replace(/[^A-Za-z0-9]+/g, '_')}`);
  for (;;) {
    try {
      mkdirSync(dir);
      writeFileSync(path.join(dir, 'pid'), String(process.pid));
      return () => rmSync(dir, { recursive: true, force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (ownerIsGone(dir)) rmSync(dir, { recursive: true, force: true });
      else await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

function ownerIsGone(dir: string): boolean {
  let pid: number;
  try {
    pid = Number(readFileSync(path.join(dir, 'pid'), 'utf8'));
  } catch {
    return false; // just created, pid not written yet
  }
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
