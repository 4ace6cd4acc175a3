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

function recordingDriver(options: { refuseAdmin?: boolean } = {}) {
  const autoCommitRuns: AutoCommitRun[] = [];
  /** Every query text in the order it ran, auto-commit and in transactions alike. */
  const order: string[] = [];
  const tx = {
    run: async (text: string) => {
      order.push(text);
      return { records: [] };
    },
  };
  const driver = {
    session: () => ({
      run: async (text: string, _params: unknown, config?: Record<string, unknown>) => {
        autoCommitRuns.push({ text, config });
        order.push(text);
        if (options.refuseAdmin && text.includes('db.prepareForReplanning')) {
          throw Object.assign(new Error('refused'), { code: 'Neo.ClientError.Security.Forbidden' });
        }
        return { records: [] };
      },
      executeWrite: async <T>(work: (t: typeof tx) => Promise<T>) => work(tx),
      executeRead: async <T>(work: (t: typeof tx) => Promise<T>) => work(tx),
      close: async () => undefined,
    }),
  };
  return { driver: driver as unknown as Driver, autoCommitRuns, order };
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

describe('db:seed: statistics refreshed after the load', () => {
  const cypherDir = findCypherDir();
  const prepare = readCypherFile(cypherDir, 'import/prepare-for-replanning.cypher').text;

  it('resamples the indexes and clears the plan caches after the last data write and before the count check', async () => {
    const { driver, order } = recordingDriver();
    const run = seedNeo4j({ driver, database: 'neo4j', cypherDir, seeds: loadSeeds(), wipe: true, timeoutMs: 120_000 });
    await expect(run).rejects.toThrow(SeedCountError);
    const dataset = readCypherFile(cypherDir, 'import/dataset.cypher').text;
    const countNodes = readCypherFile(cypherDir, 'queries/count-node-types.cypher').text;
    expect(prepare).toContain('CALL db.prepareForReplanning(');
    expect([order.indexOf(dataset) < order.indexOf(prepare), order.indexOf(prepare) < order.indexOf(countNodes)]).toEqual([true, true]);
    expect(order.filter((text) => text === prepare)).toHaveLength(1);
  });

  it('still loads the seeds, and says so, when the user may not run the admin procedure', async () => {
    const { driver, order } = recordingDriver({ refuseAdmin: true });
    const lines: string[] = [];
    const run = seedNeo4j({ driver, database: 'neo4j', cypherDir, seeds: loadSeeds(), timeoutMs: 120_000, progress: (l) => lines.push(l) });
    await expect(run).rejects.toThrow(SeedCountError); // the fake's empty counts: it went on to the check
    expect(order).toContain(readCypherFile(cypherDir, 'queries/count-node-types.cypher').text);
    expect(lines.filter((line) => line.startsWith('statistics:'))).toEqual([
      'statistics: NOT refreshed (db.prepareForReplanning needs an admin user); id lookups may scan until Neo4j resamples',
    ]);
  });
});
