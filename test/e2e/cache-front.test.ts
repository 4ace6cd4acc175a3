import { WORKLOADS } from '../bench/workloads';
import { inProcess, overSocket, start, storedOverSocket, type Harness, type Request, type Sent } from '../support/socket-harness';

// The response cache's look-up in the Node listener (src/http/cache/cache-front.ts): over a socket a
// hit is sent before yoga sees the request, with the bytes and headers yoga sends for it (the
// in-process path, app.fetch, still looks up in yoga's plugin: the reference here), the rate limit
// counted, CORS headers and the request's log line as yoga's plugins would give them.

const ERROR_CASES: Record<string, unknown> = {
  'a syntax error': { query: '{ actionLine(code: "C2") { code ' },
  'an unknown field': { query: '{ actionLine(code: "C2") { nope } }' },
  'a variable of the wrong type': { query: 'query($c: String!) { actionLine(code: $c) { code } }', variables: { c: 7 } },
  'a bad argument (coded BAD_USER_INPUT)': { query: '{ actionLines(first: -1) { nodes { code } } }' },
  'a role it lacks (FORBIDDEN)': { query: '{ auditLog { entries { seq } } }' },
};

describe('cache front: a hit over a socket is answered before yoga, as yoga answers it', () => {
  let h: Harness;
  beforeAll(async () => (h = await start()));
  afterAll(() => h.close());

  it.each(WORKLOADS.map((w) => [w.name, w] as const))('sends %s from the cache with the bytes and headers of the miss and of yoga’s hit', async (_name, workload) => {
    const request = { body: { query: workload.query, variables: workload.variables } };
    const miss = await storedOverSocket(h.port, request);
    h.yogaRequests.length = 0;
    const hit = await overSocket(h.port, request);
    expect(h.yogaRequests).toEqual([]);
    expect(miss.status).toBe(200);
    expect(JSON.parse(miss.body.toString()).errors).toBeUndefined();
    expect(hit).toEqual(miss);
    expect(hit.headers.etag).toMatch(/^W\/"[\w-]{22}"$/);
    expect(await inProcess(h.app, request)).toEqual(hit);
  });

  it.each(Object.entries(ERROR_CASES))('sends %s through yoga every time, never from the cache', async (_name, body) => {
    h.yogaRequests.length = 0;
    const first = await overSocket(h.port, { caller: 'reader', body });
    const second = await overSocket(h.port, { caller: 'reader', body });
    expect(h.yogaRequests).toEqual(['/graphql', '/graphql']);
    expect(second).toEqual(first);
    expect(JSON.parse(first.body.toString()).errors.length).toBeGreaterThan(0);
    expect(first.headers.etag).toBeUndefined();
  });

  it('answers a GET, a persisted query by its hash, a 304 and a compressed answer from the cache as yoga does', async () => {
    const query = '{ sdgGoal(code: "9") { code name } }';
    const hash = await sha256Hex(query);
    const get = { method: 'GET' as const, search: new URLSearchParams({ query }).toString() };
    const persisted = {
      method: 'GET' as const,
      search: new URLSearchParams({ extensions: JSON.stringify({ persistedQuery: { version: 1, sha256Hash: hash } }) }).toString(),
    };
    await overSocket(h.port, { body: { query, extensions: { persistedQuery: { version: 1, sha256Hash: hash } } } }); // registers it
    const matrix = { body: { query: WORKLOADS.find((w) => w.name === 'matrix')!.query }, headers: { 'accept-encoding': 'gzip, br' } };
    for (const request of [get, persisted, matrix] as Request[]) {
      const miss = await storedOverSocket(h.port, request);
      h.yogaRequests.length = 0;
      const hit = await overSocket(h.port, request);
      expect(h.yogaRequests).toEqual([]);
      expect(hit).toEqual(miss);
      expect(await inProcess(h.app, request)).toEqual(hit);
      const notModified = await overSocket(h.port, { ...request, headers: { ...request.headers, 'if-none-match': hit.headers.etag! } });
      expect(notModified.status).toBe(304);
      expect(notModified.body.length).toBe(0);
      expect(await inProcess(h.app, { ...request, headers: { ...request.headers, 'if-none-match': hit.headers.etag! } })).toEqual(notModified);
    }
    expect((await overSocket(h.port, matrix)).headers['content-encoding']).toBe('br');
  });

  it('gives one stored answer the headers of each encoding asked for and of a 304, in any order (the front reuses the last ones it built)', async () => {
    const query = WORKLOADS.find((w) => w.name === 'matrix')!.query;
    const plain: Request = { caller: 'reader', body: { query } };
    const gzip: Request = { ...plain, headers: { 'accept-encoding': 'gzip' } };
    const br: Request = { ...plain, headers: { 'accept-encoding': 'br' } };
    const stored = await storedOverSocket(h.port, plain);
    const notModified: Request = { ...plain, headers: { 'if-none-match': stored.headers.etag! } };
    const expected = new Map<Request, Sent>();
    for (const request of [plain, gzip, br, notModified]) expected.set(request, await inProcess(h.app, request));
    h.yogaRequests.length = 0;
    for (const request of [plain, gzip, plain, br, gzip, notModified, plain, br, br, notModified, gzip]) {
      expect(await overSocket(h.port, request)).toEqual(expected.get(request));
    }
    expect(h.yogaRequests).toEqual([]);
    expect([plain, gzip, br, notModified].map((r) => expected.get(r)!.headers['content-encoding'])).toEqual([undefined, 'gzip', 'br', undefined]);
    expect(expected.get(plain)!.headers['cache-control']).toMatch(/^private/);
    expect(expected.get(notModified)!.status).toBe(304);
  });

  it('stores an answer the second time it is given: the first goes to yoga, the second to the fast lane, the third is a hit', async () => {
    const request = { body: { query: '{ sdgGoal(code: "17") { code } }' } };
    h.yogaRequests.length = 0;
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await overSocket(h.port, request));
    expect(h.yogaRequests).toEqual(['/graphql']);
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
  });

  it('with the fast lane off, gives the first two to yoga', async () => {
    const off = await start({ HTTP_FAST_LANE_DOCUMENTS: '0' });
    try {
      const request = { body: { query: '{ sdgGoal(code: "16") { code } }' } };
      const answers = [];
      for (let i = 0; i < 4; i++) answers.push(await overSocket(off.port, request));
      expect(off.yogaRequests).toEqual(['/graphql', '/graphql']);
      expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    } finally {
      await off.close();
    }
  });

  it('writes the log line of yoga’s hit for a hit it sends', async () => {
    const request = { caller: 'reader' as const, body: { query: '{ entity(code: "UNESCO") { code } }' } };
    await storedOverSocket(h.port, request);
    h.lines.length = 0;
    await overSocket(h.port, request);
    await inProcess(h.app, request);
    expect(h.lines).toEqual([
      { method: 'POST', route: '/graphql', status: 200, ms: expect.any(Number), bytes: expect.any(Number), keyId: 'ro' },
      { method: 'POST', route: '/graphql', status: 200, ms: expect.any(Number), bytes: expect.any(Number), keyId: 'ro' },
    ]);
  });
});

describe('cache front: hostile targets and bodies', () => {
  let h: Harness;
  beforeAll(async () => (h = await start()));
  afterAll(() => h.close());

  it('answers a path that starts with // or /\\ as yoga does (404), even when the path after it is cached', async () => {
    const lookup: Request = { method: 'GET', search: `query=${encodeURIComponent('{ actionLine(code: "C2") { code } }')}` };
    await storedOverSocket(h.port, lookup);
    expect((await overSocket(h.port, lookup)).status).toBe(200);
    for (const prefix of ['//x', '/\\x']) {
      const odd = await overSocket(h.port, { ...lookup, path: `${prefix}/graphql?${lookup.search}` });
      expect({ status: odd.status, code: (JSON.parse(odd.body.toString()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code }).toEqual({
        status: 404,
        code: 'NOT_FOUND',
      });
    }
  });

  it('answers variables nested 20,000 deep (40 kB) with the coded variable error, and keeps serving', async () => {
    const deep = '['.repeat(20_000) + ']'.repeat(20_000);
    const query = 'query($v: String!) { actionLine(code: $v) { code } }';
    for (let i = 0; i < 3; i++) {
      const answer = await overSocket(h.port, { rawBody: `{"query":${JSON.stringify(query)},"variables":{"v":${deep}}}` });
      const body = JSON.parse(answer.body.toString()) as { errors: { extensions: { code: string } }[] };
      expect({ status: answer.status, code: body.errors[0]!.extensions.code }).toEqual({ status: 400, code: 'BAD_USER_INPUT' });
    }
    const unused = await overSocket(h.port, { rawBody: `{"query":"query($v: String) { __typename }","variables":{"v":${deep}}}` });
    const unusedCode = (JSON.parse(unused.body.toString()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code;
    expect({ status: unused.status, code: unusedCode }).toEqual({ status: 400, code: 'GRAPHQL_VALIDATION_FAILED' });
    expect((await overSocket(h.port, { body: { query: '{ actionLine(code: "C2") { code } }' } })).body.toString()).toBe('{"data":{"actionLine":{"code":"C2"}}}');
  });
});

describe('cache front: roles, writes, rate limits, CORS', () => {
  it('never serves one role’s answer to another, and leaves refused keys to yoga’s 401', async () => {
    const h = await start();
    try {
      const query = { body: { query: '{ auditLog(first: 1) { entries { seq } } }' } };
      const admin = await overSocket(h.port, { caller: 'admin', ...query });
      await overSocket(h.port, { caller: 'admin', ...query });
      const reader = await overSocket(h.port, { caller: 'reader', ...query });
      const anonymous = await overSocket(h.port, query);
      expect(JSON.parse(admin.body.toString()).data.auditLog).toEqual({ entries: [] });
      expect(JSON.parse(reader.body.toString()).errors.map((e: { extensions: { code: string } }) => e.extensions.code)).toEqual(['FORBIDDEN']);
      expect(JSON.parse(anonymous.body.toString()).errors.map((e: { extensions: { code: string } }) => e.extensions.code)).toEqual(['UNAUTHENTICATED']);
      const lookup = { body: { query: '{ actionLine(code: "C1") { code } }' } };
      await overSocket(h.port, lookup);
      await overSocket(h.port, lookup);
      expect((await overSocket(h.port, lookup)).status).toBe(200);
      const badKey = await overSocket(h.port, { ...lookup, headers: { authorization: 'Bearer not-a-key-at-all' } });
      expect(badKey.status).toBe(401);
      expect(JSON.parse(badKey.body.toString()).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    } finally {
      await h.close();
    }
  });

  it('shows a write to the very next read over the socket', async () => {
    const h = await start();
    try {
      const read = { body: { query: '{ entity(code: "ITU") { code name } }' } };
      const before = await overSocket(h.port, read);
      expect(await overSocket(h.port, read)).toEqual(before);
      const written = await overSocket(h.port, {
        caller: 'curator',
        body: {
          query: 'mutation($input: NodeUpdateInput!) { updateNode(input: $input) { id name } }',
          variables: { input: { id: 'Entity:ITU', name: { en: 'Renamed ITU' } } },
        },
      });
      expect(JSON.parse(written.body.toString()).data.updateNode.name).toBe('Renamed ITU');
      h.yogaRequests.length = 0;
      const after = await overSocket(h.port, read);
      // Not from the cache (the write emptied it): executed again, by the fast lane (the document is known).
      expect(h.yogaRequests).toEqual([]);
      expect(after.headers.etag).not.toBe(before.headers.etag);
      expect(JSON.parse(after.body.toString()).data.entity).toEqual({ code: 'ITU', name: 'Renamed ITU' });
    } finally {
      await h.close();
    }
  });

  it('counts hits against the rate limit: past it, yoga answers 429 without counting the request twice', async () => {
    const h = await start({ RATE_LIMIT_ANONYMOUS: '3', RATE_LIMIT_KEYED: '2', RATE_LIMIT_WINDOW_S: '60' });
    try {
      const request = { body: { query: '{ dataset { version } }' } };
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await overSocket(h.port, request)).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      const refused = await overSocket(h.port, request);
      const retryAfter = Number(refused.headers['retry-after']);
      expect(JSON.parse(refused.body.toString())).toEqual({
        errors: [
          {
            message: `More than 3 requests in 60 s from this client; retry in ${retryAfter} s.`,
            extensions: { code: 'RATE_LIMITED', limit: 'rate', max: 3, retryAfter },
          },
        ],
      });
      // A key has its own budget, hits counted too.
      const keyed = [];
      for (let i = 0; i < 3; i++) keyed.push((await overSocket(h.port, { caller: 'reader', ...request })).status);
      expect(keyed).toEqual([200, 200, 429]);
    } finally {
      await h.close();
    }
  });

  it('puts the CORS headers on a hit as on the miss: an allowed origin echoed, another one only varied on', async () => {
    const h = await start({ CORS_ORIGINS: 'https://app.example' });
    try {
      const request = { body: { query: '{ sdgTarget(code: "9.c") { code } }' }, headers: { origin: 'https://app.example' } };
      const miss = await storedOverSocket(h.port, request);
      h.yogaRequests.length = 0;
      const hit = await overSocket(h.port, request);
      expect(h.yogaRequests).toEqual([]);
      expect(hit).toEqual(miss);
      expect(hit.headers['access-control-allow-origin']).toBe('https://app.example');
      expect(hit.headers['access-control-allow-credentials']).toBe('true');
      expect(hit.headers.vary).toBe('Accept, Accept-Encoding, Authorization, X-API-Key, Origin');
      expect(await inProcess(h.app, request)).toEqual(hit);
      const other = { ...request, headers: { origin: 'https://evil.example' } };
      const otherHit = await storedOverSocket(h.port, other);
      expect(otherHit.headers['access-control-allow-origin']).toBeUndefined();
      expect(otherHit.headers.vary).toBe('Accept, Accept-Encoding, Authorization, X-API-Key, Origin');
      expect(await inProcess(h.app, other)).toEqual(otherHit);
    } finally {
      await h.close();
    }
  });
});

async function sha256Hex(text: string): Promise<string> {
  const { createHash } = await import('node:crypto');
  return createHash('sha256').update(text).digest('hex');
}
