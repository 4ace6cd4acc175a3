import { randomBytes } from 'node:crypto';
import net, { type AddressInfo } from 'node:net';
import { NEO4J_TOOL_LIMITS } from '../../src/config';
import { createApp } from '../../src/http/create-app';
import { createLogger } from '../../src/logger';
import type { Neo4jGraphStore } from '../../src/store/neo4j/neo4j-graph-store';
import { loadSeeds } from '../../src/seeds/load-seeds';
import { createNeo4jDriver } from '../../src/store/neo4j/create-neo4j-graph-store';
import { findCypherDir } from '../../src/store/neo4j/cypher-files';
import { seedNeo4j } from '../../src/store/neo4j/seed-neo4j';
import { startTestNeo4j, type TestNeo4j } from './start-test-neo4j';
import { liveNeo4jSkip, useLiveNeo4j } from './use-live-neo4j';

/**
 * STORE=neo4j when the server goes away and comes back, with real Bolt: a
 * Neo4j of this test's own on a fixed free port is stopped (the store then
 * answers STORE_UNAVAILABLE, /readyz 503) and a new one is started on the same
 * port with the same credentials and seeded (`db:seed`); the same store object
 * answers again without a restart of the service. (The new server is a new
 * database: what is shown is the connection's recovery, not the data's survival.)
 */
(liveNeo4jSkip ? describe.skip : describe)(`neo4j: a server that stops and comes back${liveNeo4jSkip ? ` (skipped: ${liveNeo4jSkip})` : ''}`, () => {
  // Holds the lock of the shared database too, so this file's two servers do not start while another Neo4j file runs.
  const live = useLiveNeo4j();
  const password = randomBytes(12).toString('hex');
  let port: number;
  let server: TestNeo4j | undefined;
  let store: Neo4jGraphStore;

  const start = async () => {
    const started = await startTestNeo4j({ port, password, heap: '512m', pageCache: '64m' });
    const config = live.config({ NEO4J_URI: started.uri, NEO4J_PASSWORD: password });
    // Seeding a server that has just started is a tool's job: it waits longer than the service would.
    const driver = createNeo4jDriver({ ...config, ...NEO4J_TOOL_LIMITS });
    try {
      await seedNeo4j({ driver, database: config.NEO4J_DATABASE, cypherDir: findCypherDir(), seeds: loadSeeds(config.SEEDS_DIR), timeoutMs: 120_000 });
    } finally {
      await driver.close();
    }
    return started;
  };
  // Every limit at its default: the driver's connect and retry limits are derived from the
  // execution deadline (config.ts), so a stopped server answers STORE_UNAVAILABLE, not EXECUTION_TIMEOUT.
  const app = () => createApp({ store, config: live.config(), logger: createLogger('silent') });
  // As a load balancer polls it: a new app answers "starting" until its first list bounds are read
  // from the database (a few round trips), then ready, or unavailable with the server stopped.
  const readyz = async () => {
    const probed = app();
    for (let tries = 0; ; tries++) {
      const response = await probed.fetch('http://localhost/readyz');
      const body = (await response.json()) as { status?: string };
      if (body.status !== 'starting' || tries >= 120) return { status: response.status, body: body as unknown };
    }
  };
  const query = async () => {
    const response = await app().fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: JSON.stringify({ query: '{ actionLine(code: "C2") { code } }' }),
    });
    return (await response.json()) as { data: unknown; errors?: { extensions?: { code?: unknown } }[] };
  };

  beforeAll(async () => {
    port = await freePort();
    server = await start();
    store = live.openStore({ NEO4J_URI: server.uri, NEO4J_PASSWORD: password });
  }, 300_000);

  afterAll(async () => {
    await store?.close();
    await server?.stop();
  }, 60_000);

  it('answers while the server runs, STORE_UNAVAILABLE once it stops, and again once a server is back on the port', async () => {
    expect((await readyz()).status).toBe(200);
    expect(await store.counts()).toEqual(expect.objectContaining({ nodes: expect.any(Array) }));
    expect(await query()).toEqual({ data: { actionLine: { code: 'C2' } } });

    await server!.stop();
    server = undefined;
    expect(await readyz()).toEqual({
      status: 503,
      body: {
        status: 'unavailable',
        store: 'neo4j',
        code: 'STORE_UNAVAILABLE',
        reason: expect.stringMatching(/^(unavailable|timeout)$/),
        errors: [{ message: 'The store does not answer; retry later.', extensions: { code: 'STORE_UNAVAILABLE' } }],
      },
    });
    await expect(store.counts()).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
    // A new app has no cost bounds yet and its first read of them meets the stopped server: the
    // request is answered with that coded error at once, without data (use-query-limits.ts).
    const failed = await query();
    expect({ data: failed.data, codes: failed.errors?.map((e) => e.extensions?.code) }).toEqual({
      data: undefined,
      codes: ['STORE_UNAVAILABLE'],
    });

    server = await start();
    expect((await readyz()).status).toBe(200);
    expect(await store.counts()).toEqual(expect.objectContaining({ nodes: expect.any(Array) }));
    expect(await query()).toEqual({ data: { actionLine: { code: 'C2' } } });
  }, 600_000);
});

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
