import { loadConfig } from '../../src/config';
import { loadSeeds } from '../../src/seeds/load-seeds';
import { distinctBody } from '../bench/legs/distinct-body';
import { WORKLOADS } from '../bench/workloads';
import type { GraphStore } from '../../src/store/graph-store';
import { overSocket, start, type Harness, type Request, type Sent } from '../support/socket-harness';

// The fast lane (src/http/fast-lane/): over a socket, a request for a document yoga has answered before
// (same role and Accept), with new variables, is run by the listener without yoga's pipeline. Each
// answer is compared with the one a server without the fast lane (and without the response cache, so
// that yoga executes every request) sends for the same request: status, every header, every byte.
const REFERENCE = { HTTP_FAST_LANE_DOCUMENTS: '0', HTTP_CACHE_MAX_BYTES: '0' };

/** A server with the fast lane and one without it (nor the cache), started before a block's tests and stopped after. */
function servers(env: Record<string, string>): { lane: Harness; reference: Harness } {
  const pair = {} as { lane: Harness; reference: Harness };
  beforeAll(async () => {
    pair.lane = await start(env);
    pair.reference = await start({ ...env, ...REFERENCE });
  });
  afterAll(async () => {
    await pair.lane.close();
    await pair.reference.close();
  });
  return pair;
}

/** Sends `request` to both servers; `ran` is whether the lane's listener answered it without yoga. */
async function both(lane: Harness, reference: Harness, request: Request): Promise<{ ours: Sent; theirs: Sent; ran: boolean }> {
  lane.yogaRequests.length = 0;
  const ours = await overSocket(lane.port, request);
  const ran = lane.yogaRequests.length === 0;
  return { ours, theirs: await overSocket(reference.port, request), ran };
}

describe.each([
  ['compiled (graphql-jit)', {}],
  ['graphql-js', { COMPILED_QUERIES: '0' }],
])('fast lane, %s: a known document with new variables is answered without yoga, as yoga answers it', (_name, env) => {
  const s = servers(env);

  it.each(WORKLOADS.map((w) => [w.name, w] as const))('answers %s the second time without yoga (unless expensive), with yoga’s bytes and headers', async (_n, workload) => {
    const request = { body: { query: workload.query, variables: workload.variables } };
    const first = await both(s.lane, s.reference, request);
    expect(first.ran).toBe(false); // a document is learnt from yoga's answer
    expect(first.ours).toEqual(first.theirs);
    const second = await both(s.lane, s.reference, request);
    const line = s.lane.lines.at(-1)!;
    const expensive = (line.cost as number) > loadConfig().EXPENSIVE_COST;
    expect(second.ran).toBe(!expensive);
    expect(second.ours).toEqual(second.theirs);
    expect(JSON.parse(second.ours.body.toString()).errors).toBeUndefined();
    expect(second.ours.headers.etag).toMatch(/^W\/"[\w-]{22}"$/);
  });

  it('answers distinct lookups (a new id each time) without yoga after the first, each as yoga does', async () => {
    const next = distinctBody(loadSeeds());
    const ran: boolean[] = [];
    for (let i = 0; i < 40; i++) {
      const request = { caller: 'reader' as const, body: JSON.parse(next()) as unknown };
      const answer = await both(s.lane, s.reference, request);
      expect(answer.ours).toEqual(answer.theirs);
      expect(answer.ours.status).toBe(200);
      ran.push(answer.ran);
    }
    expect(ran).toEqual([false, ...Array<boolean>(39).fill(true)]);
  });

  it('writes yoga’s log line for what it answers, operation and cost included', async () => {
    const request = { caller: 'reader' as const, body: { query: 'query Line($c: String!) { actionLine(code: $c) { code name } }', variables: { c: 'C3' } } };
    await both(s.lane, s.reference, request);
    s.lane.lines.length = 0;
    s.reference.lines.length = 0;
    const answer = await both(s.lane, s.reference, { ...request, body: { ...request.body, variables: { c: 'C4' } } });
    expect(answer.ran).toBe(true);
    const withoutTime = ({ ms, ...line }: Record<string, unknown>) => (expect(ms).toEqual(expect.any(Number)), line);
    expect(s.lane.lines.map(withoutTime)).toEqual(s.reference.lines.map(withoutTime));
    expect(s.lane.lines[0]).toMatchObject({ operation: 'Line', cost: expect.any(Number), keyId: 'ro', status: 200 });
  });
});

describe('fast lane: what depends on the variables is checked again, and yoga answers every refusal', () => {
  // A low cost limit and expensive threshold, so that variables alone can cross them.
  const env = { MAX_COST: '400', EXPENSIVE_COST: '120' };
  const s = servers(env);

  const known = async (query: string, variables: Record<string, unknown>) => {
    const learnt = await both(s.lane, s.reference, { body: { query, variables } });
    expect(learnt.ours).toEqual(learnt.theirs);
    expect(JSON.parse(learnt.ours.body.toString()).errors).toBeUndefined();
    return (again: Record<string, unknown>) => both(s.lane, s.reference, { body: { query, variables: again } });
  };

  it.each([
    ['a variable of the wrong type', { c: 7 }, 'BAD_USER_INPUT'],
    ['a missing variable', {}, 'BAD_USER_INPUT'],
    ['a null for a non-null variable', { c: null }, 'BAD_USER_INPUT'],
  ])('sends %s to yoga: its coded error, word for word', async (_name, variables, code) => {
    const run = await known('query($c: String!) { actionLine(code: $c) { code } }', { c: 'C1' });
    const answer = await run(variables);
    expect(answer.ran).toBe(false);
    expect(answer.ours).toEqual(answer.theirs);
    expect(JSON.parse(answer.ours.body.toString()).errors[0].extensions.code).toBe(code);
  });

  it('sends a result with an error (a bad argument a resolver refuses) to yoga, which runs it again', async () => {
    const run = await known('query($n: Int) { actionLines(first: $n) { nodes { code } } }', { n: 2 });
    const answer = await run({ n: -1 });
    expect(answer.ran).toBe(false);
    expect(answer.ours).toEqual(answer.theirs);
    expect(JSON.parse(answer.ours.body.toString()).errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('sends variables that make the cost pass the limit to yoga (QUERY_TOO_COMPLEX), and those that make it expensive', async () => {
    const ids = (n: number) => Array.from({ length: n }, (_, i) => `Initiative:missing-${i}`);
    const run = await known('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: ids(2) });
    const cheap = await run({ ids: ids(3) });
    expect(cheap.ran).toBe(true);
    expect(cheap.ours).toEqual(cheap.theirs);
    const tooCostly = await run({ ids: ids(500) });
    expect(tooCostly.ran).toBe(false);
    expect(tooCostly.ours).toEqual(tooCostly.theirs);
    expect(JSON.parse(tooCostly.ours.body.toString()).errors[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'cost' });
    s.lane.lines.length = 0;
    const expensive = await run({ ids: ids(150) });
    expect(s.lane.lines[0]!.cost as number).toBeGreaterThan(120);
    expect(expensive.ran).toBe(false);
    expect(expensive.ours).toEqual(expensive.theirs);
  });

  it('runs a GET of a known document (Apollo Client’s useGETForQueries) as yoga answers it, and never one a POST taught', async () => {
    const query = 'query($c: String!) { sdgGoal(code: $c) { code name } }';
    const get = (c: string, extra: Record<string, string> = {}): Request => ({
      method: 'GET',
      search: new URLSearchParams({ query, variables: JSON.stringify({ c }), ...extra }).toString(),
    });
    await known(query, { c: '1' });
    const first = await both(s.lane, s.reference, get('2'));
    expect(first.ran).toBe(false);
    expect(first.ours).toEqual(first.theirs);
    for (const request of [get('3'), get('4', { operationName: '' }), get('5', { extensions: '{}' }), get('x')]) {
      const answer = await both(s.lane, s.reference, request);
      expect(answer.ours).toEqual(answer.theirs);
    }
    const again = await both(s.lane, s.reference, get('6'));
    expect(again.ran).toBe(true);
    expect(JSON.parse(again.ours.body.toString()).data.sdgGoal.code).toBe('6');
  });

  it('leaves to yoga what it does not run: a batch, extensions, an empty operation name, an unknown operation', async () => {
    const query = 'query A { sdgGoal(code: "4") { code } } query B { sdgGoal(code: "5") { code } }';
    await both(s.lane, s.reference, { body: { query, operationName: 'A' } });
    const requests: Request[] = [
      { body: [{ query: '{ sdgGoal(code: "4") { code } }' }] },
      { body: { query: '{ sdgGoal(code: "4") { code } }', extensions: { note: 1 } } },
      { body: { query, operationName: '' } },
      { body: { query, operationName: 'C' } },
      { body: { query, operationName: 'A' } },
    ];
    for (const request of requests) {
      await both(s.lane, s.reference, request); // the first time yoga's, for any request
      const answer = await both(s.lane, s.reference, request);
      expect(answer.ours).toEqual(answer.theirs);
    }
  });

  it.each(['Application/JSON', 'application/jsonx', 'application/json ; charset=utf-8', 'application/json , text/plain'])(
    'leaves a body sent as %s to yoga, which does not read it as JSON (415), for a stored answer and for new variables',
    async (contentType) => {
      const query = 'query($c: String!) { theme(code: $c) { code } }';
      const run = await known(query, { c: 'T-IG' });
      await run({ c: 'T-IG' }); // stored by the response cache
      for (const c of ['T-IG', 'T-FM']) {
        const answer = await both(s.lane, s.reference, { headers: { 'content-type': contentType }, body: { query, variables: { c } } });
        expect(answer.ran).toBe(false);
        expect(answer.ours).toEqual(answer.theirs);
        expect(answer.ours.status).toBe(415);
      }
    },
  );

  it('never answers one role with a document another role learnt', async () => {
    const query = '{ auditLog(first: 1) { entries { seq } } }';
    const admin = await both(s.lane, s.reference, { caller: 'admin', body: { query } });
    expect(admin.ours).toEqual(admin.theirs);
    expect(JSON.parse(admin.ours.body.toString()).errors).toBeUndefined();
    for (const caller of ['reader', 'anonymous'] as const) {
      const refused = await both(s.lane, s.reference, { caller, body: { query } });
      expect(refused.ran).toBe(false);
      expect(refused.ours).toEqual(refused.theirs);
      expect(JSON.parse(refused.ours.body.toString()).errors.length).toBeGreaterThan(0);
    }
  });
});

describe('fast lane: the execution deadline', () => {
  // A store whose searches wait while `closed` (as a search waits for the word index during start-up's build,
  // or a read for a Neo4j in trouble): a cheap query that outlasts MAX_EXECUTION_MS.
  let closed = false;
  const waiting: (() => void)[] = [];
  const opened = () => (closed ? new Promise<void>((resolve) => waiting.push(resolve)) : Promise.resolve());
  const open = () => {
    closed = false;
    for (const resolve of waiting.splice(0)) resolve();
  };
  const slowSearch = (store: GraphStore): GraphStore =>
    new Proxy(store, {
      get(target, property) {
        const value = Reflect.get(target, property) as unknown;
        if (property !== 'search') return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
        return async (...args: Parameters<GraphStore['search']>) => (await opened(), target.search(...args));
      },
    });
  const pair = {} as { lane: Harness; reference: Harness };
  beforeAll(async () => {
    pair.lane = await start({ MAX_EXECUTION_MS: '200' }, { wrapStore: slowSearch });
    pair.reference = await start({ MAX_EXECUTION_MS: '200', ...REFERENCE }, { wrapStore: slowSearch });
    // Until the word index is built a search waits for it: past this test's short deadline on a busy machine.
    for (const h of [pair.lane, pair.reference]) await h.store.search({ text: 'itu', first: 1 });
  });
  afterAll(async () => {
    open();
    await pair.lane.close();
    await pair.reference.close();
  });

  it('answers EXECUTION_TIMEOUT, as yoga does, for a known document whose run outlasts the deadline waiting on the store (not what a second run finds)', async () => {
    const query = 'query($q: String!) { searchConnection(query: $q, first: 1) { edges { node { node { id } } } } }';
    const request = (q: string): Request => ({ body: { query, variables: { q } } });
    const learnt = await both(pair.lane, pair.reference, request('itu'));
    expect(learnt.ours).toEqual(learnt.theirs);
    expect(JSON.parse(learnt.ours.body.toString()).errors).toBeUndefined();
    closed = true;
    const ours = overSocket(pair.lane.port, request('unesco'));
    const theirs = overSocket(pair.reference.port, request('unesco'));
    // Both searches wait on the store past the deadline (its timer fires meanwhile), then the store answers.
    while (waiting.length < 2) await new Promise((resolve) => setTimeout(resolve, 10));
    await new Promise((resolve) => setTimeout(resolve, 400));
    open();
    expect(JSON.parse((await theirs).body.toString()).errors[0].extensions.code).toBe('EXECUTION_TIMEOUT');
    // Status and bytes as yoga's; not its ETag: yoga's own timed-out answer is marked storable (the response
    // cache decides before the deadline replaces the result), a fault of its own path, not copied here.
    const [a, b] = [await ours, await theirs];
    expect({ status: a.status, body: a.body, type: a.headers['content-type'] }).toEqual({ status: b.status, body: b.body, type: b.headers['content-type'] });
    expect(a.headers.etag).toBeUndefined();
  });
});

describe('fast lane: rate limits and writes', () => {
  it('counts each request once: those it answers, and those it gives back to yoga after counting', async () => {
    const h = await start({ RATE_LIMIT_ANONYMOUS: '4', RATE_LIMIT_WINDOW_S: '60' });
    try {
      const query = 'query($n: Int) { actionLines(first: $n) { nodes { code } } }';
      const statuses: number[] = [];
      for (const n of [1, -1, -2, 3, 4]) statuses.push((await overSocket(h.port, { body: { query, variables: { n } } })).status);
      // Learnt (1), two given back to yoga for their errors (2, 3), one run by the lane (4), then over the limit.
      expect(statuses.slice(0, 4).every((status) => status !== 429)).toBe(true);
      expect(statuses[4]).toBe(429);
    } finally {
      await h.close();
    }
  });

  it('never runs a mutation, and reads what a write changed on its next run', async () => {
    const h = await start();
    try {
      const rename = (name: string) =>
        overSocket(h.port, {
          caller: 'curator',
          body: {
            query: 'mutation($input: NodeUpdateInput!) { updateNode(input: $input) { id name } }',
            variables: { input: { id: 'Entity:ITU', name: { en: name } } },
          },
        });
      const read = (code: string) => overSocket(h.port, { body: { query: 'query($c: String!) { entity(code: $c) { code name } }', variables: { c: code } } });
      await read('UNESCO');
      // A mutation is never run by the lane, however often its document comes.
      for (const name of ['Once', 'Twice', 'Renamed ITU']) expect(JSON.parse((await rename(name)).body.toString()).data.updateNode.name).toBe(name);
      expect(h.yogaRequests).toEqual(['/graphql', '/graphql', '/graphql', '/graphql']);
      h.yogaRequests.length = 0;
      const after = await read('ITU');
      expect(h.yogaRequests).toEqual([]);
      expect(JSON.parse(after.body.toString()).data.entity).toEqual({ code: 'ITU', name: 'Renamed ITU' });
    } finally {
      await h.close();
    }
  });
});
