import { gunzipSync } from 'node:zlib';
import { buildSchema, getIntrospectionQuery, graphql, printSchema, lexicographicSortSchema } from 'graphql';
import { createSchema } from '../../src/graphql/schema';
import { createTestApp, readyzOnceStarted } from './test-app';

/** Status, headers that matter and parsed body of an in-process request. */
async function call(app: ReturnType<typeof createTestApp>['app'], url: string, init: RequestInit = {}) {
  const response = await app.fetch(`http://localhost${url}`, init);
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: kept as text
  }
  return { status: response.status, headers: response.headers, body };
}

const coded = (code: string) => ({ errors: [expect.objectContaining({ message: expect.any(String), extensions: expect.objectContaining({ code }) })] });

describe('http: every non-2xx answer has a coded JSON body', () => {
  const { app } = createTestApp();

  it.each([
    ['GET', '/nope', 404, 'NOT_FOUND'],
    ['GET', '/export/nope', 404, 'NOT_FOUND'],
    ['POST', '/id', 404, 'NOT_FOUND'],
    ['PUT', '/graphql', 405, 'METHOD_NOT_ALLOWED'],
    ['DELETE', '/graphql', 405, 'METHOD_NOT_ALLOWED'],
    ['POST', '/graphql/schema.graphql', 405, 'METHOD_NOT_ALLOWED'],
  ])('answers %s %s with %i %s', async (method, url, status, code) => {
    const answer = await call(app, url, { method });
    expect({ status: answer.status, type: answer.headers.get('content-type'), body: answer.body }).toEqual({
      status,
      type: 'application/json; charset=utf-8',
      body: coded(code),
    });
  });

  it('keeps a large error answer as it is when it is sent compressed (its message is not replaced)', async () => {
    // Over the response cache's compression threshold: a variable refused with a long value in its message.
    const provenance = Array.from({ length: 5000 }, (_, i) => ['C1', 1, null, 'x'][i % 4]);
    const request = {
      query: 'mutation($v: NodeInput!) { createNode(input: $v) { id } }',
      variables: { v: { type: 'SdgGoal', code: 'x', name: { en: 'x' }, props: [], provenance } },
    };
    const init = { method: 'POST', body: JSON.stringify(request) };
    const plain = await app.fetch('http://localhost/graphql', { ...init, headers: { 'content-type': 'application/json' } });
    const zipped = await app.fetch('http://localhost/graphql', { ...init, headers: { 'content-type': 'application/json', 'accept-encoding': 'gzip' } });
    const plainBody = (await plain.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(plainBody.errors[0]!.message).toContain('got invalid value');
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    expect({ status: zipped.status, body: JSON.parse(gunzipSync(Buffer.from(await zipped.arrayBuffer())).toString('utf8')) }).toEqual({
      status: plain.status,
      body: plainBody,
    });
  });

  it('names the routes there are in a 404', async () => {
    const answer = await call(app, '/grahpql');
    expect(answer.body).toEqual({
      errors: [
        {
          message: 'Nothing is served at "/grahpql".',
          extensions: expect.objectContaining({ code: 'NOT_FOUND', routes: expect.arrayContaining(['/graphql', '/graphql/schema.graphql']) }),
        },
      ],
    });
  });

  it('answers a 405 on /graphql with Allow', async () => {
    const answer = await call(app, '/graphql', { method: 'PATCH' });
    expect([answer.status, answer.headers.get('allow')]).toEqual([405, 'GET, POST, OPTIONS']);
  });

  it('answers an Accept it cannot serve with 406 NOT_ACCEPTABLE, naming the media types it can', async () => {
    const answer = await call(app, '/graphql?query=%7B__typename%7D', { headers: { accept: 'text/xml' } });
    expect({ status: answer.status, body: answer.body }).toEqual({
      status: 406,
      body: {
        errors: [
          {
            message: 'No answer matches "Accept: text/xml": accept application/graphql-response+json or application/json.',
            extensions: { code: 'NOT_ACCEPTABLE' },
          },
        ],
      },
    });
  });
});

describe('http: CORS from the CORS_ORIGINS allowlist', () => {
  const preflight = (origin: string) => ({
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, authorization' },
  });
  const query = (origin: string) => ({
    method: 'POST',
    headers: { origin, 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ actionLine(code: "C2") { code } }' }),
  });
  const cors = (headers: Headers) => ({
    origin: headers.get('access-control-allow-origin'),
    credentials: headers.get('access-control-allow-credentials'),
  });

  it('sends no CORS headers and refuses preflights when no origin is configured', async () => {
    const { app } = createTestApp();
    const pre = await call(app, '/graphql', preflight('https://elsewhere.example'));
    expect({ status: pre.status, body: pre.body }).toEqual({ status: 403, body: coded('CORS_ORIGIN_NOT_ALLOWED') });
    const answer = await call(app, '/graphql', query('https://elsewhere.example'));
    expect([answer.status, cors(answer.headers)]).toEqual([200, { origin: null, credentials: null }]);
  });

  it('echoes a listed origin with credentials, on first answers and on cached ones alike', async () => {
    const { app } = createTestApp({ CORS_ORIGINS: 'https://tool.example, http://localhost:5173' });
    const pre = await call(app, '/graphql', preflight('https://tool.example'));
    expect({
      status: pre.status,
      ...cors(pre.headers),
      methods: pre.headers.get('access-control-allow-methods'),
      headers: pre.headers.get('access-control-allow-headers'),
    }).toEqual({ status: 204, origin: 'https://tool.example', credentials: 'true', methods: 'GET, POST, OPTIONS', headers: 'content-type, authorization' });
    const first = await call(app, '/graphql', query('https://tool.example'));
    const cached = await call(app, '/graphql', query('https://tool.example'));
    for (const answer of [first, cached]) {
      expect([answer.status, cors(answer.headers), answer.headers.get('vary')]).toEqual([
        200,
        { origin: 'https://tool.example', credentials: 'true' },
        expect.stringContaining('Origin'),
      ]);
    }
    expect(cached.headers.get('etag')).toBe(first.headers.get('etag'));
  });

  it('gives an origin not on the list no CORS headers and a refused preflight', async () => {
    const { app } = createTestApp({ CORS_ORIGINS: 'https://tool.example' });
    const pre = await call(app, '/graphql', preflight('https://tool.example.evil'));
    expect(pre.status).toBe(403);
    const answer = await call(app, '/graphql', query('https://tool.example.evil'));
    expect([answer.status, cors(answer.headers), answer.headers.get('vary')]).toEqual([
      200,
      { origin: null, credentials: null },
      expect.stringContaining('Origin'),
    ]);
  });

  it('answers any origin with * and never allows credentials then', async () => {
    const { app } = createTestApp({ CORS_ORIGINS: '*' });
    const answer = await call(app, '/graphql', query('https://anyone.example'));
    expect(cors(answer.headers)).toEqual({ origin: '*', credentials: null });
    const pre = await call(app, '/graphql', preflight('https://anyone.example'));
    expect([pre.status, cors(pre.headers)]).toEqual([204, { origin: '*', credentials: null }]);
  });

  it('puts the CORS headers on error answers too, so a browser script can read the code', async () => {
    const { app } = createTestApp({ CORS_ORIGINS: 'https://tool.example' });
    const answer = await call(app, '/nope', { headers: { origin: 'https://tool.example' } });
    expect([answer.status, cors(answer.headers).origin]).toEqual([404, 'https://tool.example']);
  });

  it('refuses a malformed CORS_ORIGINS at start-up', () => {
    expect(() => createTestApp({ CORS_ORIGINS: 'tool.example' })).toThrow(/CORS_ORIGINS/);
  });
});

describe('http: ALLOW_INTROSPECTION', () => {
  it('answers introspection by default (GraphiQL and the explorer need it)', async () => {
    const { app } = createTestApp();
    const answer = await call(app, '/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __type(name: "ActionLine") { name } }' }),
    });
    expect(answer.body).toEqual({ data: { __type: { name: 'ActionLine' } } });
  });

  it('refuses __schema and __type with INTROSPECTION_DISABLED when off, and keeps __typename', async () => {
    const { app } = createTestApp({ ALLOW_INTROSPECTION: 'false' });
    const post = (query: string) =>
      call(app, '/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
    const full = await post(getIntrospectionQuery());
    expect(full.body).toEqual({
      errors: [expect.objectContaining({ extensions: { code: 'INTROSPECTION_DISABLED', field: '__schema' } })],
    });
    const nested = await post('{ actionLine(code: "C2") { code } t: __type(name: "Node") { name } }');
    expect(nested.body).toEqual({ errors: [expect.objectContaining({ extensions: { code: 'INTROSPECTION_DISABLED', field: '__type' } })] });
    expect((await post('{ actionLine(code: "C2") { __typename code } }')).body).toEqual({
      data: { actionLine: { __typename: 'ActionLine', code: 'C2' } },
    });
    const sdl = await call(app, '/graphql/schema.graphql');
    expect({ status: sdl.status, body: sdl.body }).toEqual({ status: 403, body: coded('INTROSPECTION_DISABLED') });
  });
});

describe('http: /readyz with anonymous reading off', () => {
  it('says ready and nothing else', async () => {
    const { app } = createTestApp({ ALLOW_ANONYMOUS_READ: 'false' });
    const ready = await readyzOnceStarted(app);
    expect([ready.status, await ready.json()]).toEqual([200, { status: 'ready' }]);
  });

  it('says not ready without naming the store', async () => {
    const closed = createTestApp().store;
    await closed.close();
    const { app } = createTestApp({ ALLOW_ANONYMOUS_READ: 'false' }, closed);
    const ready = await call(app, '/readyz');
    expect([ready.status, ready.body]).toEqual([
      503,
      { status: 'unavailable', code: 'STORE_UNAVAILABLE', errors: [{ message: 'The store does not answer; retry later.', extensions: { code: 'STORE_UNAVAILABLE' } }] },
    ]);
  });
});

describe('http: published client metadata', () => {
  const { app } = createTestApp();

  it('serves the SDL of the served schema at /graphql/schema.graphql', async () => {
    const answer = await call(app, '/graphql/schema.graphql');
    expect([answer.status, answer.headers.get('content-type')]).toEqual([200, 'text/plain; charset=utf-8']);
    const served = buildSchema(answer.body as string);
    expect(printSchema(lexicographicSortSchema(served))).toBe(printSchema(lexicographicSortSchema(createSchema())));
  });

  it('serves possibleTypes for every interface and union, matching what introspection says', async () => {
    const answer = await call(app, '/graphql/possible-types.json');
    expect(answer.status).toBe(200);
    const introspected = await graphql({
      schema: createSchema(),
      source: '{ __schema { types { kind name possibleTypes { name } } } }',
    });
    const expected: Record<string, string[]> = {};
    for (const type of (introspected.data as { __schema: { types: { kind: string; name: string; possibleTypes: { name: string }[] | null }[] } }).__schema
      .types) {
      if ((type.kind === 'INTERFACE' || type.kind === 'UNION') && !type.name.startsWith('__')) {
        expected[type.name] = type.possibleTypes!.map((t) => t.name).sort();
      }
    }
    expect(answer.body).toEqual(expected);
    expect(Object.keys(expected)).toEqual(expect.arrayContaining(['Node', 'Evidence']));
  });
});
