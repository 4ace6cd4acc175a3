import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { testNode } from '../support/graph-records';
import { liveNeo4jSkip, useLiveNeo4j } from './use-live-neo4j';

/**
 * `npm run db:seed` against the live Neo4j, as a user runs it (the CLI in a
 * child process): `--wipe` loads exactly the seeds and says so; a second run
 * without `--wipe` changes nothing and passes its count check; after a write
 * the count check fails, exit 1, naming the type that differs.
 */
const ROOT = path.join(__dirname, '..', '..');

(liveNeo4jSkip ? describe.skip : describe)(`neo4j: db:seed on a live database${liveNeo4jSkip ? ` (skipped: ${liveNeo4jSkip})` : ''}`, () => {
  const live = useLiveNeo4j();

  const dbSeed = (...args: string[]) => {
    const config = live.config();
    const result = spawnSync(process.execPath, [path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'src/cli/db-seed.ts', ...args], {
      cwd: ROOT,
      encoding: 'utf8',
      env: {
        ...process.env,
        NEO4J_URI: config.NEO4J_URI,
        NEO4J_USER: config.NEO4J_USER,
        NEO4J_PASSWORD: config.NEO4J_PASSWORD,
        NEO4J_DATABASE: config.NEO4J_DATABASE,
      },
      timeout: 240_000,
    });
    return { status: result.status, lastLine: result.stdout.trim().split('\n').at(-1), stderr: result.stderr.trim() };
  };

  it('--wipe loads exactly the seeds; a second run changes nothing; after a write the count check fails with exit 1', async () => {
    const { nodes, edges } = live.seeds();
    const checked = `checked: ${nodes} nodes and ${edges} edges, as in the seeds`;
    expect(dbSeed('--wipe')).toEqual({ status: 0, lastLine: checked, stderr: '' });
    expect(dbSeed()).toEqual({ status: 0, lastLine: checked, stderr: '' });

    const store = live.openStore();
    try {
      const before = (await store.counts()).nodes.find((c) => c.type === 'Entity')!.count;
      await store.applyWrites([{ op: 'createNode', node: testNode('Entity', 'DbSeedExtra') }]);
      const failed = dbSeed();
      expect({ status: failed.status, stderr: failed.stderr }).toEqual({
        status: 1,
        stderr: `db:seed failed: The database does not hold exactly the seeds (Entity: ${before + 1} stored, ${before} in the seeds). Run with --wipe to start clean.`,
      });
    } finally {
      await store.close();
    }
    // Leave the database as the seeds for the next file.
    expect(dbSeed('--wipe')).toEqual({ status: 0, lastLine: checked, stderr: '' });
  }, 900_000);
});
