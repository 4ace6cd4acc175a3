import { createGenerationSync } from '../../../src/http/cache/generation-sync';
import { requestKey } from '../../../src/http/cache/request-key';
import { ResponseCache } from '../../../src/http/cache/response-cache';
import { createEmbeddedGraphStore } from '../../../src/store/embedded/create-embedded-graph-store';

const answer = (text: string) => ({ status: 200, headers: { 'content-type': 'application/json' }, body: Buffer.from(text) });
/** An answer is stored the second time its key is answered: offer it twice. */
const store = (cache: ResponseCache, key: string, text: string, epoch = cache.epoch) => {
  cache.set(key, epoch, answer(text));
  return cache.set(key, epoch, answer(text));
};

describe('http cache: ResponseCache holds at most maxBytes, for one generation', () => {
  it('drops the least recently used entries first and never holds more than maxBytes', () => {
    const cache = new ResponseCache({ maxBytes: 3 * (256 + 1000 + 2), ttlMs: 0 });
    for (const key of ['a', 'b', 'c']) store(cache, key, 'x'.repeat(1000));
    expect(cache.get('a')).toBeDefined(); // a is now the most recently used
    store(cache, 'd', 'x'.repeat(1000));
    expect(['a', 'b', 'c', 'd'].map((key) => cache.get(key) !== undefined)).toEqual([true, false, true, true]);
    expect(cache.size.bytes).toBeLessThanOrEqual(3 * (256 + 1000 + 2));
    store(cache, 'huge', 'x'.repeat(10_000));
    expect(cache.get('huge')).toBeUndefined();
  });

  it('refuses an answer computed before a write, and forgets everything at a write', () => {
    const cache = new ResponseCache({ maxBytes: 1e6, ttlMs: 0 });
    const before = cache.epoch;
    store(cache, 'kept', '1', before);
    cache.bump();
    store(cache, 'late', '2', before);
    expect(cache.get('kept')).toBeUndefined();
    expect(cache.get('late')).toBeUndefined();
    expect(cache.size).toEqual({ entries: 0, bytes: 0 });
  });

  it('serves an entry for ttlMs only', () => {
    let now = 1000;
    const cache = new ResponseCache({ maxBytes: 1e6, ttlMs: 50, now: () => now });
    store(cache, 'k', '1');
    now += 49;
    expect(cache.get('k')?.body.toString()).toBe('1');
    now += 1;
    expect(cache.get('k')).toBeUndefined();
  });

  it('stores an answer the second time its key is answered, never the first', () => {
    const cache = new ResponseCache({ maxBytes: 1e6, ttlMs: 0 });
    const first = cache.set('k', cache.epoch, answer('1'));
    expect(cache.get('k')).toBeUndefined();
    expect(first.etag).toMatch(/^W\/"[\w-]{22}"$/); // sent with the answer all the same
    cache.set('other', cache.epoch, answer('2'));
    expect(cache.set('k', cache.epoch, answer('1')).etag).toBe(first.etag);
    expect(cache.get('k')?.body.toString()).toBe('1');
    expect(cache.get('other')).toBeUndefined();
    expect(cache.size.entries).toBe(1);
  });

  it('gives equal bytes equal ETags and different bytes different ones', () => {
    const cache = new ResponseCache({ maxBytes: 1e6, ttlMs: 0 });
    const a = cache.set('a', cache.epoch, answer('{"data":1}'));
    const b = cache.set('b', cache.epoch, answer('{"data":1}'));
    const c = cache.set('c', cache.epoch, answer('{"data":2}'));
    expect(a.etag).toBe(b.etag);
    expect(a.etag).not.toBe(c.etag);
  });
});

describe('http cache: requestKey', () => {
  const post = (body: unknown, headers: Record<string, string> = {}) =>
    new Request('http://localhost/graphql', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const keyOf = (request: Request, role = 'anonymous') => requestKey(request, new URL(request.url), role, '/graphql');
  const apq = { persistedQuery: { version: 1, sha256Hash: 'ab12' } };

  it('keys a persisted query sent as its hash by the hash, in a POST or a GET; sent with its text, by the text', async () => {
    const byHash = await keyOf(post({ extensions: apq, variables: { a: 1 } }));
    const asGet = new Request(`http://localhost/graphql?${new URLSearchParams({ extensions: JSON.stringify(apq), variables: '{"a":1}' })}`);
    expect(await keyOf(asGet)).toBe(byHash);
    expect(byHash).toContain('ab12');
    expect(byHash).not.toContain('{ a }');
    const withText = await keyOf(post({ query: '{ a }', extensions: apq, variables: { a: 1 } }));
    expect(withText).not.toBe(byHash);
    expect(withText).toContain('{ a }');
  });

  it('separates roles, media types, operations and variables', async () => {
    const base = { query: 'query A { a } query B { b }', operationName: 'A', variables: { x: 1 } };
    const keys = await Promise.all([
      keyOf(post(base)),
      keyOf(post(base), 'reader'),
      keyOf(post(base, { accept: 'application/graphql-response+json' })),
      keyOf(post({ ...base, operationName: 'B' })),
      keyOf(post({ ...base, variables: { x: 2 } })),
    ]);
    expect(new Set(keys).size).toBe(5);
  });

  it('gives a repeated request the key it computed the first time, without mixing requests, past its memory too', async () => {
    // keyOf remembers keys by the request's text (the cache-hit path skips the parse): asked again, in any order, the same keys.
    const variants: (() => Request)[] = [
      () => post({ query: '{ a }', variables: { x: 1, y: 2 } }),
      () => post({ query: '{ a }', variables: { y: 2, x: 1 } }),
      () => post({ query: '{ a }', variables: { x: 1, y: 3 } }),
      () => post({ query: '{ a }', variables: { x: 1, y: 2 } }, { accept: 'application/json' }),
      () => post({ query: '{ b }' }),
    ];
    const first = await Promise.all(variants.map((request) => keyOf(request())));
    expect(first[0]).toBe(first[1]); // variables' key order does not matter
    expect(new Set(first).size).toBe(4);
    const asReader = await keyOf(variants[0]!(), 'reader');
    expect(asReader).not.toBe(first[0]);
    // More distinct requests than are remembered, then the first ones again.
    for (let i = 0; i < 1100; i++) await keyOf(post({ query: `{ n${i} }` }));
    const again = await Promise.all([...variants].reverse().map((request) => keyOf(request())));
    expect(again.reverse()).toEqual(first);
    expect(await keyOf(variants[0]!(), 'reader')).toBe(asReader);
  });

  it('refuses what it cannot key: batches, bad JSON, other paths, other methods, page requests', async () => {
    const refused = await Promise.all([
      keyOf(post([{ query: '{ a }' }])),
      keyOf(new Request('http://localhost/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' })),
      keyOf(new Request('http://localhost/graphql?query=%7Ba%7D&variables=%7B', {})),
      keyOf(new Request('http://localhost/healthz?x=1', {})),
      keyOf(new Request('http://localhost/graphql?query=%7Ba%7D', { method: 'DELETE' })),
      keyOf(new Request('http://localhost/graphql?query=%7Ba%7D', { headers: { accept: 'text/html' } })),
    ]);
    expect(refused).toEqual([null, null, null, null, null, null]);
  });
});

describe('http cache: generation sync for several copies over one store', () => {
  it("bumps when the store's audit log moved since the last look (another copy wrote), and not otherwise", async () => {
    const store = createEmbeddedGraphStore();
    const bumps: number[] = [];
    let n = 0;
    const sync = createGenerationSync(store, () => bumps.push(++n), 1);
    await sync.current();
    expect(bumps).toEqual([1]); // the first look: the cache is empty, nothing lost
    await new Promise((resolve) => setTimeout(resolve, 2));
    await sync.current();
    expect(bumps).toEqual([1]);
    const node = (await store.getNodes(['Entity:ITU']))[0]!;
    await store.applyWrites([{ op: 'updateNode', node: { ...node, name: { ...node.name, en: 'Written by another copy' } } }]);
    await new Promise((resolve) => setTimeout(resolve, 2));
    await sync.current();
    expect(bumps).toEqual([1, 2]);
    await store.close();
  });

  it('does not look again within the interval', async () => {
    const store = createEmbeddedGraphStore();
    const sync = createGenerationSync(store, () => undefined, 60_000);
    await sync.current();
    expect(sync.current()).toBeUndefined();
    expect(createGenerationSync(store, () => undefined, 0).current()).toBeUndefined();
    await store.close();
  });
});
