import { createHash } from 'node:crypto';
import { createTestApp } from './test-app';

const QUERY = '{ actionLine(code: "C2") { code facilitators { role entity { code } } } }';
const HASH = createHash('sha256').update(QUERY).digest('hex');
const ANSWER = { data: { actionLine: { code: 'C2', facilitators: [{ role: 'LEAD_FACILITATOR', entity: { code: 'ITU' } }] } } };
const persisted = (sha256Hash: string, version = 1) => ({ persistedQuery: { version, sha256Hash } });

async function post(app: ReturnType<typeof createTestApp>['app'], body: unknown) {
  const response = await app.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as unknown };
}

async function get(app: ReturnType<typeof createTestApp>['app'], params: Record<string, string>) {
  const response = await app.fetch(`http://localhost/graphql?${new URLSearchParams(params)}`, { headers: { accept: 'application/json' } });
  return { status: response.status, body: (await response.json()) as unknown };
}

const notFound = { status: 404, body: { errors: [{ message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } }] } };

describe("graphql: automatic persisted queries (Apollo's protocol)", () => {
  it('answers an unknown hash with PersistedQueryNotFound, then runs it by hash once the text was sent with it', async () => {
    const { app } = createTestApp();
    expect(await post(app, { extensions: persisted(HASH) })).toEqual(notFound);
    expect(await post(app, { query: QUERY, extensions: persisted(HASH) })).toEqual({ status: 200, body: ANSWER });
    expect(await post(app, { extensions: persisted(HASH) })).toEqual({ status: 200, body: ANSWER });
  });

  it('runs a registered hash sent by GET (useGETForHashedQueries), with variables', async () => {
    const { app } = createTestApp();
    const query = 'query One($code: String!) { actionLine(code: $code) { code } }';
    const hash = createHash('sha256').update(query).digest('hex');
    const params = { extensions: JSON.stringify(persisted(hash)), variables: JSON.stringify({ code: 'C5' }), operationName: 'One' };
    expect(await get(app, params)).toEqual(notFound);
    expect(await post(app, { query, variables: { code: 'C5' }, extensions: persisted(hash) })).toEqual({
      status: 200,
      body: { data: { actionLine: { code: 'C5' } } },
    });
    expect(await get(app, params)).toEqual({ status: 200, body: { data: { actionLine: { code: 'C5' } } } });
    // Other variables under the same hash: the response cache keys hash and variables, never the hash alone.
    expect(await get(app, { ...params, variables: JSON.stringify({ code: 'C6' }) })).toEqual({
      status: 200,
      body: { data: { actionLine: { code: 'C6' } } },
    });
  });

  it('refuses a text that does not hash to the hash sent, and does not register it', async () => {
    const { app } = createTestApp();
    const wrong = await post(app, { query: '{ actionLine(code: "C5") { code } }', extensions: persisted(HASH) });
    expect(wrong).toEqual({
      status: 400,
      body: {
        errors: [
          {
            message: 'The query does not hash to extensions.persistedQuery.sha256Hash.',
            extensions: { code: 'PERSISTED_QUERY_HASH_MISMATCH', expected: createHash('sha256').update('{ actionLine(code: "C5") { code } }').digest('hex') },
          },
        ],
      },
    });
    expect(await post(app, { extensions: persisted(HASH) })).toEqual(notFound);
  });

  it('refuses another protocol version and a hash that is not sha256 hex', async () => {
    const { app } = createTestApp();
    expect(await post(app, { query: QUERY, extensions: persisted(HASH, 2) })).toEqual({
      status: 400,
      body: {
        errors: [{ message: 'Persisted query version 2 is not supported: send version 1.', extensions: { code: 'PERSISTED_QUERY_NOT_SUPPORTED', expected: 1 } }],
      },
    });
    expect(await post(app, { extensions: persisted('abc') })).toEqual({
      status: 400,
      body: {
        errors: [
          {
            message: 'extensions.persistedQuery.sha256Hash must be 64 hexadecimal digits.',
            extensions: { code: 'BAD_REQUEST', argument: 'extensions.persistedQuery.sha256Hash' },
          },
        ],
      },
    });
  });

  it('forgets the least recently used query past PERSISTED_QUERIES_MAX', async () => {
    const { app } = createTestApp({ PERSISTED_QUERIES_MAX: '2', HTTP_CACHE_MAX_BYTES: '0' });
    const queries = ['C1', 'C2', 'C3'].map((code) => `{ actionLine(code: "${code}") { code } }`);
    const hashes = queries.map((query) => createHash('sha256').update(query).digest('hex'));
    for (const [i, query] of queries.entries()) expect((await post(app, { query, extensions: persisted(hashes[i]!) })).status).toBe(200);
    expect(await post(app, { extensions: persisted(hashes[0]!) })).toEqual(notFound);
    expect(await post(app, { extensions: persisted(hashes[2]!) })).toEqual({ status: 200, body: { data: { actionLine: { code: 'C3' } } } });
  });

  it('with PERSISTED_QUERIES_MAX=0 answers PersistedQueryNotSupported to a hash and runs a text as sent', async () => {
    const { app } = createTestApp({ PERSISTED_QUERIES_MAX: '0' });
    expect(await post(app, { extensions: persisted(HASH) })).toEqual({
      status: 200,
      body: { errors: [{ message: 'PersistedQueryNotSupported', extensions: { code: 'PERSISTED_QUERY_NOT_SUPPORTED' } }] },
    });
    expect(await post(app, { query: QUERY, extensions: persisted(HASH) })).toEqual({ status: 200, body: ANSWER });
  });
});
