import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { hashApiKey } from '../../src/auth/api-key-authenticator';
import type { App } from '../../src/http/create-app';
import { createEmbeddedGraphStore } from '../../src/store/embedded/create-embedded-graph-store';
import { WORKLOADS } from '../bench/workloads';
import { createCountingStore } from '../support/counting-store';
import { createTestApp } from './test-app';

// The HTTP response cache (src/http/cache/): repeats answered before the GraphQL pipeline, with the
// very bytes a fresh execution gives, never across roles, never after a write.
const KEYS = { reader: 'reader-key-0123456789', curator: 'curator-key-0123456789', admin: 'admin-key-0123456789' } as const;
const API_KEYS = `ro:reader:${hashApiKey(KEYS.reader)},cur:curator:${hashApiKey(KEYS.curator)},adm:admin:${hashApiKey(KEYS.admin)}`;
type Caller = 'anonymous' | keyof typeof KEYS;

interface Sent {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

async function send(app: App, init: { caller?: Caller; method?: 'GET' | 'POST'; body?: unknown; search?: string; headers?: Record<string, string> }): Promise<Sent> {
  const headers: Record<string, string> = { accept: 'application/graphql-response+json', ...init.headers };
  if (init.caller && init.caller !== 'anonymous') headers.authorization = `Bearer ${KEYS[init.caller]}`;
  let response: Response;
  if (init.method === 'GET') {
    response = await app.fetch(`http://localhost/graphql?${init.search}`, { headers });
  } else {
    headers['content-type'] = 'application/json';
    response = await app.fetch('http://localhost/graphql', { method: 'POST', headers, body: JSON.stringify(init.body) });
  }
  return { status: response.status, headers: Object.fromEntries(response.headers.entries()), body: Buffer.from(await response.arrayBuffer()) };
}

function setup(env: Record<string, string> = {}) {
  const counting = createCountingStore(createEmbeddedGraphStore());
  const { app, store } = createTestApp({ API_KEYS, ...env }, counting.store);
  return { app, store, counting };
}

const ERROR_CASES: Record<string, unknown> = {
  'a syntax error': { query: '{ actionLine(code: "C2") { code ' },
  'an unknown field': { query: '{ actionLine(code: "C2") { nope } }' },
  'a variable of the wrong type': { query: 'query($c: String!) { actionLine(code: $c) { code } }', variables: { c: 7 } },
  'a missing variable': { query: 'query($c: String!) { actionLine(code: $c) { code } }' },
  'a bad argument (coded BAD_USER_INPUT)': { query: '{ actionLines(first: -1) { nodes { code } } }' },
  'a role it lacks (FORBIDDEN)': { query: '{ auditLog { entries { seq } } }' },
};

describe('http cache: repeats are answered from the cache with the same bytes', () => {
  const { app, store, counting } = setup();
  afterAll(() => store.close());

  it.each(WORKLOADS.map((w) => [w.name, w] as const))('answers %s from the cache once answered twice, without the store, byte for byte', async (_name, workload) => {
    const request = { body: { query: workload.query, variables: workload.variables } };
    const first = await send(app, request);
    counting.reset();
    const miss = await send(app, request); // executed again: an answer is stored the second time
    expect(counting.calls().length).toBeGreaterThan(0);
    expect(miss).toEqual(first);
    counting.reset();
    const hit = await send(app, request);
    expect(miss.status).toBe(200);
    expect(JSON.parse(miss.body.toString()).errors).toBeUndefined();
    expect(hit).toEqual(miss);
    expect(counting.calls()).toEqual([]);
    expect(hit.headers.etag).toMatch(/^W\/"[\w-]{22}"$/);
    expect(hit.headers['cache-control']).toBe('no-cache');
    expect(hit.headers.vary).toBe('Accept, Accept-Encoding, Authorization, X-API-Key');
  });

  it.each(Object.entries(ERROR_CASES))('answers %s the same every time, executing it each time (errors are not stored)', async (_name, body) => {
    const first = await send(app, { caller: 'reader', body });
    const second = await send(app, { caller: 'reader', body });
    expect(second).toEqual(first);
    expect(JSON.parse(first.body.toString()).errors.length).toBeGreaterThan(0);
    expect(first.headers.etag).toBeUndefined();
  });

  it('shares an entry between the same variables written in another key order, and between GET and POST bytes', async () => {
    const query = 'query($c: String!, $l: Lang) { actionLine(code: $c) { code name(lang: $l) } }';
    await send(app, { body: { query, variables: { c: 'C3', l: 'FR' } } });
    const post = await send(app, { body: { query, variables: { c: 'C3', l: 'FR' } } });
    counting.reset();
    const reordered = await send(app, { body: { variables: { l: 'FR', c: 'C3' }, query } });
    expect(reordered).toEqual(post);
    expect(counting.calls()).toEqual([]);
    const search = new URLSearchParams({ query, variables: JSON.stringify({ c: 'C3', l: 'FR' }) }).toString();
    const get = await send(app, { method: 'GET', search });
    const getAgain = await send(app, { method: 'GET', search });
    expect(get.body).toEqual(post.body);
    expect(getAgain).toEqual(get);
  });

  it('answers 304 to a matching If-None-Match, and the full answer to another tag', async () => {
    const request = { body: { query: '{ sdgGoal(code: "9") { code name } }' } };
    const full = await send(app, request);
    const notModified = await send(app, { ...request, headers: { 'if-none-match': full.headers.etag! } });
    expect(notModified.status).toBe(304);
    expect(notModified.body.length).toBe(0);
    expect(notModified.headers.etag).toBe(full.headers.etag);
    const other = await send(app, { ...request, headers: { 'if-none-match': 'W/"something-else"' } });
    expect(other).toEqual(full);
  });
});

describe('http cache: never across roles, never after a write', () => {
  it('keeps answers per role: an admin answer is never served to a reader, nor a reader answer to an admin', async () => {
    const { app, store } = setup();
    const query = { body: { query: '{ auditLog(first: 1) { entries { seq } } }' } };
    const admin = await send(app, { caller: 'admin', ...query });
    const reader = await send(app, { caller: 'reader', ...query });
    const adminAgain = await send(app, { caller: 'admin', ...query });
    expect(JSON.parse(admin.body.toString()).data.auditLog).toEqual({ entries: [] });
    expect(JSON.parse(reader.body.toString()).errors.map((e: { extensions: { code: string } }) => e.extensions.code)).toEqual(['FORBIDDEN']);
    expect(adminAgain).toEqual(admin);
    expect(admin.headers['cache-control']).toBe('private, no-cache');
    await store.close();
  });

  it('shows a write to the very next query, and stores mutations never', async () => {
    const { app, store } = setup();
    const read = { body: { query: '{ entity(code: "ITU") { code name } }' } };
    const before = await send(app, read);
    expect(await send(app, read)).toEqual(before);
    const rename = {
      caller: 'curator' as const,
      body: { query: 'mutation($input: NodeUpdateInput!) { updateNode(input: $input) { id name } }', variables: { input: { id: 'Entity:ITU', name: { en: 'Renamed ITU' } } } },
    };
    const written = await send(app, rename);
    expect(JSON.parse(written.body.toString()).data.updateNode).toEqual({ id: 'Entity:ITU', name: 'Renamed ITU' });
    expect(written.headers.etag).toBeUndefined();
    const after = await send(app, read);
    expect(JSON.parse(after.body.toString()).data.entity).toEqual({ code: 'ITU', name: 'Renamed ITU' });
    expect(after.headers.etag).not.toBe(before.headers.etag);
    // The same mutation sent again is executed again: a second audit entry.
    const again = await send(app, rename);
    expect(JSON.parse(again.body.toString()).data.updateNode.name).toBe('Renamed ITU');
    expect((await store.listAudit({ first: 10 })).entries).toHaveLength(2);
    await store.close();
  });

  it('answers from the pipeline every time when HTTP_CACHE_MAX_BYTES is 0, with the same bytes', async () => {
    const { app, store, counting } = setup({ HTTP_CACHE_MAX_BYTES: '0' });
    const request = { body: { query: '{ actionLine(code: "C2") { code } }' } };
    const first = await send(app, request);
    counting.reset();
    const second = await send(app, request);
    expect(second).toEqual(first);
    expect(counting.calls().length).toBeGreaterThan(0);
    await store.close();
  });

  it('sends the configured Cache-Control', async () => {
    const { app, store } = setup({ HTTP_CACHE_CONTROL: 'public, max-age=60' });
    const request = { body: { query: '{ actionLine(code: "C2") { code } }' } };
    expect((await send(app, request)).headers['cache-control']).toBe('public, max-age=60');
    expect((await send(app, { caller: 'reader', ...request })).headers['cache-control']).toBe('private, max-age=60');
    await store.close();
  });
});

describe('http cache: compression', () => {
  const { app, store } = setup();
  afterAll(() => store.close());
  const matrix = WORKLOADS.find((w) => w.name === 'matrix')!;

  it.each(['br', 'gzip'])('sends a large answer as %s when accepted, the same bytes once decoded, on miss and hit', async (encoding) => {
    const request = { body: { query: matrix.query } };
    const plain = await send(app, request);
    const compressed = await send(app, { ...request, headers: { 'accept-encoding': encoding } });
    const again = await send(app, { ...request, headers: { 'accept-encoding': `${encoding};q=1, identity;q=0.5` } });
    expect(compressed.headers['content-encoding']).toBe(encoding);
    const decode = encoding === 'br' ? brotliDecompressSync : gunzipSync;
    expect(decode(compressed.body)).toEqual(plain.body);
    expect(compressed.body.length).toBeLessThan(plain.body.length / 4);
    expect(again).toEqual(compressed);
    expect(compressed.headers.etag).toBe(plain.headers.etag);
  });

  it('leaves a small answer, and a client that refuses every encoding, uncompressed', async () => {
    const small = await send(app, { body: { query: '{ actionLine(code: "C2") { code } }' }, headers: { 'accept-encoding': 'br, gzip' } });
    expect(small.headers['content-encoding']).toBeUndefined();
    const refused = await send(app, { body: { query: matrix.query }, headers: { 'accept-encoding': 'br;q=0, gzip;q=0' } });
    expect(refused.headers['content-encoding']).toBeUndefined();
  });

  // Not a speed check: gzip of the 9 MB page takes about 1 s alone, and far longer on a loaded machine.
  it('compresses the GraphiQL page and a CSV export', async () => {
    const page = await app.fetch('http://localhost/graphql', { headers: { accept: 'text/html', 'accept-encoding': 'gzip' } });
    expect(page.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await page.arrayBuffer())).toString()).toContain('<title>wsis-graph</title>');
    const csvUrl = 'http://localhost/export/matrix.csv?rows=ACTION_LINES&columns=SDG_TARGETS';
    const plain = Buffer.from(await (await app.fetch(csvUrl)).arrayBuffer());
    const csv = await app.fetch(csvUrl, { headers: { 'accept-encoding': 'br' } });
    expect(csv.headers.get('content-encoding')).toBe('br');
    expect(csv.headers.get('content-disposition')).toContain('attachment');
    expect(brotliDecompressSync(Buffer.from(await csv.arrayBuffer()))).toEqual(plain);
  }, 60_000);
});
