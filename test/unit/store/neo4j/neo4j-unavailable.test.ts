import net, { type AddressInfo } from 'node:net';
import { loadConfig } from '../../../../src/config';
import { createApp } from '../../../../src/http/create-app';
import { createLogger } from '../../../../src/logger';
import { createGraphStore } from '../../../../src/store/create-graph-store';
import type { GraphStore } from '../../../../src/store/graph-store';

/**
 * STORE=neo4j with no database at NEO4J_URI: the service starts, reports
 * 503 on /readyz and answers queries with a coded STORE_UNAVAILABLE error.
 * No Neo4j server runs here, so "recovers" is shown only for our own state:
 * after failures, each request makes a new connection attempt (seen by a
 * plain TCP listener put on the port; it is not Neo4j and answers nothing).
 * That the driver then completes a Bolt handshake with a real server is the
 * driver's behaviour and is not proven here.
 */
describe('neo4j store: an unreachable database', () => {
  let port: number;
  let store: GraphStore;

  beforeAll(async () => {
    port = await closedPort();
    // The driver's connect and retry limits at their defaults, derived from the default MAX_EXECUTION_MS.
    const config = loadConfig({ STORE: 'neo4j', NEO4J_URI: `bolt://127.0.0.1:${port}` });
    store = await createGraphStore(config, createLogger('silent'));
  });

  afterAll(async () => {
    await store.close();
  });

  const app = () => createApp({ store, config: loadConfig({}), logger: createLogger('silent') });

  it('does not stop start-up: the store is created and says which adapter it is', () => {
    expect(store.kind).toBe('neo4j');
  });

  it('reports 503 with STORE_UNAVAILABLE on /readyz, 200 on /healthz', async () => {
    const ready = await app().fetch('http://localhost/readyz');
    expect({ status: ready.status, body: await ready.json() }).toEqual({
      status: 503,
      body: {
        status: 'unavailable',
        store: 'neo4j',
        code: 'STORE_UNAVAILABLE',
        reason: 'unavailable',
        errors: [{ message: 'The store does not answer; retry later.', extensions: { code: 'STORE_UNAVAILABLE' } }],
      },
    });
    const health = await app().fetch('http://localhost/healthz');
    expect(health.status).toBe(200);
  });

  // The cost limit's first read of the graph (its list bounds) already found the store gone: the query is
  // answered with that error at once (503), not run into the same wait again (use-query-limits.ts).
  it('answers a query with a coded STORE_UNAVAILABLE error (503) before running it', async () => {
    const response = await app().fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: JSON.stringify({ query: '{ actionLine(code: "C2") { code } }' }),
    });
    const body = (await response.json()) as { data: unknown; errors: { message: string; path: unknown[]; extensions: Record<string, unknown> }[] };
    expect({
      status: response.status,
      data: body.data,
      errors: body.errors.map((e) => ({ message: e.message, path: e.path, extensions: e.extensions })),
    }).toEqual({
      status: 503,
      data: undefined,
      errors: [{ message: 'The Neo4j database cannot be reached; try again later.', path: undefined, extensions: { code: 'STORE_UNAVAILABLE', reason: 'unavailable' } }],
    });
  });

  it('rejects every port method with STORE_UNAVAILABLE', async () => {
    const calls: [string, () => Promise<unknown>][] = [
      ['getNodes', () => store.getNodes(['ActionLine:C2'])],
      ['getEdges', () => store.getEdges(['x'])],
      ['getNeighbours', () => store.getNeighbours([{ id: 'ActionLine:C2', direction: 'both' }])],
      ['listNodes', () => store.listNodes({ type: 'ActionLine', first: 5 })],
      ['listEdges', () => store.listEdges({ types: ['FACILITATES'] })],
      ['search', () => store.search({ text: 'health', first: 5 })],
      ['counts', () => store.counts()],
      ['datasetInfo', () => store.datasetInfo()],
      ['applyWrites', () => store.applyWrites([{ op: 'deleteEdge', id: 'x' }])],
      ['listAudit', () => store.listAudit({ first: 5 })],
      ['ping', () => store.ping()],
    ];
    const codes = await Promise.all(
      calls.map(async ([name, call]) => [name, await call().then(() => 'resolved', (error: { code?: unknown }) => error.code)]),
    );
    expect(Object.fromEntries(codes)).toEqual(Object.fromEntries(calls.map(([name]) => [name, 'STORE_UNAVAILABLE'])));
  }, 30_000);

  it('caches no failure: after failed requests, the next request connects again', async () => {
    await app().fetch('http://localhost/readyz');
    let attempts = 0;
    const listener = net.createServer((socket) => {
      attempts += 1;
      socket.destroy();
    });
    await new Promise<void>((resolve) => listener.listen(port, '127.0.0.1', resolve));
    try {
      const ready = await app().fetch('http://localhost/readyz');
      expect(ready.status).toBe(503);
      const firstRound = attempts;
      expect(firstRound).toBeGreaterThan(0);
      await store.getNodes(['ActionLine:C2']).catch(() => undefined);
      expect(attempts).toBeGreaterThan(firstRound);
    } finally {
      await new Promise((resolve) => listener.close(resolve));
    }
  });
});

/**
 * A server that accepts TCP connections but never answers (a hung database,
 * or a port that is not Bolt): the driver gives up waiting for a usable
 * connection after NEO4J_CONNECT_TIMEOUT_MS with an error that has no server code.
 * The listener is a plain socket, not Neo4j.
 */
describe('neo4j store: a database that accepts connections but never answers', () => {
  let listener: net.Server;
  let store: GraphStore;
  const sockets = new Set<net.Socket>();

  beforeAll(async () => {
    listener = net.createServer((socket) => void sockets.add(socket));
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    const { port } = listener.address() as AddressInfo;
    const config = loadConfig({ STORE: 'neo4j', NEO4J_URI: `bolt://127.0.0.1:${port}`, NEO4J_CONNECT_TIMEOUT_MS: '300' });
    store = await createGraphStore(config, createLogger('silent'));
  });

  afterAll(async () => {
    await store.close();
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => listener.close(resolve));
  });

  it('rejects reads, writes and ping with STORE_UNAVAILABLE once the connection wait times out', async () => {
    const outcomes = await Promise.all(
      [() => store.getNodes(['ActionLine:C2']), () => store.applyWrites([]), () => store.ping()].map((call) =>
        call().then(
          () => 'resolved',
          (error: { code?: unknown; details?: unknown }) => ({ code: error.code, details: error.details }),
        ),
      ),
    );
    const unavailable = { code: 'STORE_UNAVAILABLE', details: { reason: 'timeout' } };
    expect(outcomes).toEqual([unavailable, unavailable, unavailable]);
  }, 30_000);
});

/**
 * The execution deadline and the driver's limits at their defaults: however
 * the database is missing, and over either scheme (neo4j:// first asks a
 * router for a routing table, bolt:// connects directly), the driver gives
 * up before MAX_EXECUTION_MS, so the caller learns that the store is
 * unavailable (STORE_UNAVAILABLE), not that the query was slow
 * (EXECUTION_TIMEOUT).
 */
describe('neo4j store: an outage is reported as one, within the default execution deadline', () => {
  const sockets = new Set<net.Socket>();
  const silent = net.createServer((socket) => void sockets.add(socket));
  let closed: number;
  let silentPort: number;

  beforeAll(async () => {
    closed = await closedPort();
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    silentPort = (silent.address() as AddressInfo).port;
  });

  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => silent.close(resolve));
  });

  const cases = [
    ['bolt://', 'nothing listens', () => `bolt://127.0.0.1:${closed}`],
    ['neo4j://', 'nothing listens', () => `neo4j://127.0.0.1:${closed}`],
    ['bolt://', 'a listener never answers', () => `bolt://127.0.0.1:${silentPort}`],
    ['neo4j://', 'a listener never answers', () => `neo4j://127.0.0.1:${silentPort}`],
  ] as const;

  it.each(cases)('answers STORE_UNAVAILABLE over %s when %s', async (_scheme, _how, uri) => {
    const config = loadConfig({ STORE: 'neo4j', NEO4J_URI: uri() });
    const store = await createGraphStore(config, createLogger('silent'));
    try {
      const response = await createApp({ store, config, logger: createLogger('silent') }).fetch('http://localhost/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
        body: JSON.stringify({ query: '{ actionLine(code: "C2") { code } }' }),
      });
      const body = (await response.json()) as { data: unknown; errors?: { extensions?: { code?: unknown } }[] };
      expect({ data: body.data, codes: body.errors?.map((e) => e.extensions?.code) }).toEqual({ data: undefined, codes: ['STORE_UNAVAILABLE'] });
    } finally {
      await store.close();
    }
  }, 30_000);
});

// A local port with nothing listening: bind port 0, note the port, close.
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
