import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hashApiKey } from '../../src/auth/api-key-authenticator';
import { loadConfig } from '../../src/config';
import { createApp } from '../../src/http/create-app';
import { createServer, edgeLimitsOf } from '../../src/http/create-server';
import { createLogger, type Logger } from '../../src/logger';
import { createEmbeddedGraphStore } from '../../src/store/embedded/create-embedded-graph-store';
import type { GraphStore } from '../../src/store/graph-store';
import { EXPENSIVE_QUERY } from '../bench/expensive-workloads';
import { WORKLOADS } from '../bench/workloads';
import { createCountingStore } from '../support/counting-store';
import { createTestApp, postGraphQL } from './test-app';

// The query: sdgTargets / actionLines nested 8 list levels deep (depth 10, within MAX_DEPTH).
function nestedFanOut(levels: number): string {
  let selection = 'code';
  for (let level = levels; level >= 1; level--) selection = `${level % 2 === 1 ? 'sdgTargets' : 'actionLines'} { code ${selection} }`;
  return `{ actionLine(code: "C2") { ${selection} } }`;
}

// A store whose neighbour lookups take `ms` each, so that a query runs long enough to meet a deadline.
function slowStore(ms: number): GraphStore {
  const inner = createEmbeddedGraphStore();
  return new Proxy(inner, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function') return value;
      if (property === 'getNeighbours') {
        return async (...args: unknown[]) => {
          await new Promise((resolve) => setTimeout(resolve, ms));
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      }
      return (value as (...a: unknown[]) => unknown).bind(target);
    },
  });
}

async function listen(app: ReturnType<typeof createTestApp>['app'], config: ReturnType<typeof loadConfig>): Promise<{ server: Server; base: string }> {
  const server = createServer(app, edgeLimitsOf(config));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

async function close(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
}

const post = (base: string, query: string, headers: Record<string, string> = {}) =>
  fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) });

describe('limits: the cost counts lists by their largest fan-out in the data', () => {
  it('refuses the 8-level sdgTargets/actionLines walk before it runs, with the estimate', async () => {
    const counting = createCountingStore(createEmbeddedGraphStore());
    const { app } = createTestApp({}, counting.store);
    await postGraphQL(app, '{ dataset { version } }'); // the bounds are computed once, at start
    counting.reset();
    const { body } = await postGraphQL(app, nestedFanOut(8));
    expect(body.data).toBeUndefined();
    expect(body.errors).toHaveLength(1);
    const extensions = body.errors![0]!.extensions!;
    expect(extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', limit: 'cost', max: 2_000_000, estimate: expect.any(Number) });
    expect(extensions.estimate).toBeGreaterThan(2_000_000);
    expect(body.errors![0]!.message).toBe(`Query cost is estimated at ${String(extensions.estimate)}, over the limit of 2000000.`);
    expect(counting.countsByMethod()).toEqual({}); // refused before any field ran
  });

  it('answers the same walk two levels deep, which the bounds keep under the limit', async () => {
    const { app } = createTestApp();
    const { body } = await postGraphQL(app, nestedFanOut(2));
    expect(body.errors).toBeUndefined();
    expect(((body.data?.actionLine as { sdgTargets: unknown[] }).sdgTargets).length).toBeGreaterThan(0);
  });

  it('lets every bench workload and README example through at the default limits', async () => {
    const { app } = createTestApp();
    const readme = [
      '{ actionLine(code: "C2") { name facilitators { role entity { code } } sdgTargets { code } } }',
      '{ sdgTarget(code: "9.c") { name(lang: ZH) actionLines { code } } }',
      '{ entity(code: "ITU") { facilitates { role actionLine { code } source { document paragraph url } confidence flags } } }',
      '{ matrix(rows: GDC_OBJECTIVES, columns: ACTION_LINES_MAIN) { cells { row { code } column { code } value evidence { id } } } }',
      '{ coverage { unreachedTargets { target { code } } gdcCommitmentsWithoutWsis { code } actionLinesWithoutGdc { code } entities { entity { code } mandateCount } } }',
      '{ overlap(a: "ActionLine:C5", b: "GdcObjective:3") { jaccard sharedTargets { node { code } evidenceA { id } evidenceB { id } } } }',
      EXPENSIVE_QUERY,
    ];
    for (const query of [...WORKLOADS.map((w) => w.query), ...readme]) {
      const { body } = await postGraphQL(app, query);
      expect([query.slice(0, 80), body.errors]).toEqual([query.slice(0, 80), undefined]);
    }
  }, 60_000);
});

describe('limits: a deadline, a response cap and a bound on expensive queries back the cost limit', () => {
  it('answers the most expensive allowed query over a socket within the default deadline, /healthz answering meanwhile', async () => {
    const { app, config } = createTestApp();
    const { server, base } = await listen(app, config);
    try {
      let worstHealthMs = 0;
      let running = true;
      const probe = (async () => {
        while (running) {
          const started = performance.now();
          expect((await fetch(`${base}/healthz`)).status).toBe(200);
          worstHealthMs = Math.max(worstHealthMs, performance.now() - started);
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
      })();
      const response = await post(base, EXPENSIVE_QUERY);
      const body = (await response.json()) as { data?: Record<string, { nodes: unknown[] }>; errors?: unknown };
      running = false;
      await probe;
      expect([response.status, body.errors]).toEqual([200, undefined]);
      expect(Object.keys(body.data!)).toHaveLength(15);
      process.stdout.write(`query-limits: worst /healthz while the most expensive allowed query ran: ${worstHealthMs.toFixed(0)} ms\n`);
    } finally {
      await close(server);
    }
  }, 60_000);

  it('aborts a query past MAX_EXECUTION_MS with EXECUTION_TIMEOUT and no partial data, and still serves', async () => {
    const { app } = createTestApp({ MAX_EXECUTION_MS: '50' }, slowStore(40));
    const { body } = await postGraphQL(app, '{ sdgGoals(first: 17) { nodes { targets { actionLines { facilitators { role } } } } } }');
    expect(body).toEqual({
      errors: [{ message: 'The query did not finish within 50 ms.', extensions: { code: 'EXECUTION_TIMEOUT', max: 50 } }],
    });
    const after = await postGraphQL(app, '{ entity(code: "ITU") { code } }');
    expect(after.body).toEqual({ data: { entity: { code: 'ITU' } } });
  });

  it('replaces an answer over MAX_RESPONSE_BYTES with RESPONSE_TOO_LARGE', async () => {
    const { app } = createTestApp({ MAX_RESPONSE_BYTES: '2048' });
    const response = await app.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ sdgTargets(first: 100) { nodes { code name } } }' }),
    });
    const body = (await response.json()) as { errors: { message: string; extensions: Record<string, unknown> }[] };
    expect(response.status).toBe(422);
    expect(body.errors.map((e) => e.extensions)).toEqual([{ code: 'RESPONSE_TOO_LARGE', max: 2048, size: expect.any(Number) }]);
    expect(body.errors[0]!.extensions.size).toBeGreaterThan(2048);
  });

  it('queues expensive queries one at a time and refuses past the queue with SERVER_BUSY, Retry-After', async () => {
    const { app } = createTestApp({ EXPENSIVE_COST: '10', MAX_CONCURRENT_EXPENSIVE: '1', MAX_QUEUED_EXPENSIVE: '1' }, slowStore(100));
    const expensive = '{ sdgGoals(first: 3) { nodes { targets { code } } } }';
    const send = () =>
      app.fetch('http://localhost/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: expensive }) });
    const answers = await Promise.all([send(), send(), send()]);
    const bodies = (await Promise.all(answers.map((a) => a.json()))) as { data?: unknown; errors?: { extensions: Record<string, unknown> }[] }[];
    // One runs, one waits its turn, the third finds the queue full.
    expect(bodies.filter((b) => b.errors === undefined)).toHaveLength(2);
    const busy = answers.findIndex((_, i) => bodies[i]!.errors !== undefined);
    expect(bodies[busy]!.errors!.map((e) => e.extensions)).toEqual([{ code: 'SERVER_BUSY', limit: 'expensive', max: 2 }]);
    expect([answers[busy]!.status, answers[busy]!.headers.get('retry-after')]).toEqual([503, '1']);
    // A cheap query never queues.
    expect((await postGraphQL(app, '{ entity(code: "ITU") { code } }')).body).toEqual({ data: { entity: { code: 'ITU' } } });
  });

  it('holds an expensive query slot until its answer is written, then answers the queued one', async () => {
    // What happened, in order: each store call's node type, and each request-log line's cost.
    const events: string[] = [];
    const logger: Logger = { ...createLogger('silent'), info: (_message, fields) => void events.push(`answered cost ${String(fields?.cost)}`) };
    const inner = createEmbeddedGraphStore();
    const store = new Proxy(inner, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver) as unknown;
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          if (property === 'listNodes') events.push(`listNodes ${(args[0] as { type: string }).type}`);
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
    const app = createApp({ store, config: loadConfig({ EXPENSIVE_COST: '10', MAX_CONCURRENT_EXPENSIVE: '1' }), logger });
    await postGraphQL(app, '{ dataset { version } }'); // the list bounds, computed once
    events.length = 0;
    const [first, second] = await Promise.all([
      postGraphQL(app, '{ sdgGoals(first: 3) { nodes { targets { code } } } }'),
      postGraphQL(app, '{ actionLines(first: 3) { nodes { sdgTargets { code } } } }'),
    ]);
    expect([first.body.errors, second.body.errors]).toEqual([undefined, undefined]);
    // The second starts executing only once the first has been serialised and answered.
    expect(events.filter((e) => e.startsWith('listNodes') || e.startsWith('answered')).map((e) => e.replace(/cost \d+/, 'cost n'))).toEqual([
      'listNodes SdgGoal',
      'answered cost n',
      'listNodes ActionLine',
      'answered cost n',
    ]);
  });
});

describe('fairness: per-client rate limits over a socket', () => {
  const KEY = 'rate-limit-test-key-0123456789';
  let server: Server;
  let base: string;
  const lines: { msg: string; fields: Record<string, unknown> }[] = [];
  const logger: Logger = {
    debug: () => undefined,
    info: (msg, fields = {}) => void lines.push({ msg, fields }),
    warn: (msg, fields = {}) => void lines.push({ msg, fields }),
    error: (msg, fields = {}) => void lines.push({ msg, fields }),
  };

  beforeAll(async () => {
    const config = loadConfig({ RATE_LIMIT_ANONYMOUS: '3', RATE_LIMIT_KEYED: '5', RATE_LIMIT_WINDOW_S: '60', API_KEYS: `tester:reader:${hashApiKey(KEY)}` });
    server = createServer(createApp({ store: createEmbeddedGraphStore(), config, logger }), edgeLimitsOf(config));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => close(server));

  it('answers an anonymous client past its limit with 429, Retry-After and RATE_LIMITED, keys counted apart, probes never', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await post(base, '{ dataset { version } }')).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const refused = await post(base, '{ dataset { version } }');
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(await refused.json()).toEqual({
      errors: [
        {
          message: `More than 3 requests in 60 s from this client; retry in ${retryAfter} s.`,
          extensions: { code: 'RATE_LIMITED', limit: 'rate', max: 3, retryAfter },
        },
      ],
    });
    // The same address with an API key has its own budget; health probes are not counted.
    expect((await post(base, '{ dataset { version } }', { authorization: `Bearer ${KEY}` })).status).toBe(200);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });

  it('logs one line per request with its route, status, operation, cost, bytes, key id and code, never the key', async () => {
    lines.length = 0;
    await post(base, 'query Lookup { entity(code: "ITU") { code } }', { authorization: `Bearer ${KEY}` });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const requests = lines.filter((line) => line.msg === 'request');
    expect(requests).toEqual([
      {
        msg: 'request',
        fields: {
          method: 'POST',
          route: '/graphql',
          status: 200,
          ms: expect.any(Number),
          operation: 'Lookup',
          cost: 2,
          bytes: expect.any(Number),
          keyId: 'tester',
          code: undefined,
        },
      },
    ]);
    expect(JSON.stringify(lines)).not.toContain(KEY);
  });
});
