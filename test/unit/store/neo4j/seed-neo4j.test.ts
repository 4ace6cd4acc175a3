import type { Driver } from 'neo4j-driver';
import { loadSeeds } from '../../../../src/seeds/load-seeds';
import { findCypherDir, readCypherFile } from '../../../../src/store/neo4j/cypher-files';
import { SeedCountError, seedNeo4j } from '../../../../src/store/neo4j/seed-neo4j';

/**
 * How db:seed talks to the driver, without a database: a recording fake of
 * the driver's sessions (not Neo4j; every query answers no rows, so the final
 * count check fails, which these tests expect and ignore).
 */
interface AutoCommitRun {
  text: string;
  config: Record<string, unknown> | undefined;
}

function recordingDriver() {
  const autoCommitRuns: AutoCommitRun[] = [];
  const tx = { run: async () => ({ records: [] }) };
  const driver = {
    session: () => ({
      run: async (text: string, _params: unknown, config?: Record<string, unknown>) => {
        autoCommitRuns.push({ text, config });
        return { records: [] };
      },
      executeWrite: async <T>(work: (t: typeof tx) => Promise<T>) => work(tx),
      executeRead: async <T>(work: (t: typeof tx) => Promise<T>) => work(tx),
      close: async () => undefined,
    }),
  };
  return { driver: driver as unknown as Driver, autoCommitRuns };
}

describe('db:seed: auto-commit runs', () => {
  const cypherDir = findCypherDir();

  it('runs the wipe without a client timeout, and the schema with one', async () => {
    const { driver, autoCommitRuns } = recordingDriver();
    const run = seedNeo4j({ driver, database: 'neo4j', cypherDir, seeds: loadSeeds(), wipe: true, timeoutMs: 120_000 });
    await expect(run).rejects.toThrow(SeedCountError);
    const wipeText = readCypherFile(cypherDir, 'import/wipe.cypher').text;
    expect(autoCommitRuns[0]).toEqual({ text: wipeText, config: {} });
    const others = autoCommitRuns.slice(1);
    expect(others.length).toBeGreaterThan(0);
    expect(others.filter((r) => r.config?.timeout !== 120_000)).toEqual([]);
  });
});
