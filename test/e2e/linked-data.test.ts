import jsonld from 'jsonld';
import { StoreUnavailableError } from '../../src/domain/errors';
import { createEmbeddedGraphStore } from '../../src/store/embedded/create-embedded-graph-store';
import type { GraphStore } from '../../src/store/graph-store';
import { createTestApp, postGraphQL } from './test-app';

const { app } = createTestApp();
const get = (path: string, accept?: string) =>
  app.fetch(`http://localhost${path}`, { headers: accept ? { accept } : {}, redirect: 'manual' });

const OWL_SAME_AS = 'http://www.w3.org/2002/07/owl#sameAs';
const SKOS = 'http://www.w3.org/2004/02/skos/core#';

type Expanded = Record<string, { '@id'?: string; '@value'?: string; '@language'?: string }[] | string | string[]>;

describe('GET /id/<global id>: the node as linked data', () => {
  it('answers SdgTarget:9.c as JSON-LD whose expanded form says owl:sameAs the UN SDG KOS concept', async () => {
    const response = await get('/id/SdgTarget:9.c', 'application/ld+json');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/ld+json; charset=utf-8');
    const doc = (await response.json()) as Record<string, unknown>;
    // Expansion resolves the context: what another tool reads, independent of our term names.
    const [node] = (await jsonld.expand(doc as jsonld.JsonLdDocument)) as Expanded[];
    expect(node!['@id']).toBe('http://localhost/id/SdgTarget:9.c');
    expect(node!['@type']).toEqual([`${SKOS}Concept`]);
    const sameAs = (node![OWL_SAME_AS] as { '@id': string }[]).map((v) => v['@id']);
    expect(sameAs).toContain('http://metadata.un.org/sdg/9.c');
    const labels = node![`${SKOS}prefLabel`] as { '@value': string; '@language': string }[];
    expect(labels.find((l) => l['@language'] === 'zh')?.['@value']).toMatch(/^大幅提升信息和通信技术的普及度/);
    expect((node![`${SKOS}broader`] as { '@id': string }[]).map((v) => v['@id'])).toEqual(['http://localhost/id/SdgGoal:9']);
    expect((node![`${SKOS}notation`] as { '@value': string }[])[0]!['@value']).toBe('9.c');
  });

  it('round-trips: compacting the expanded document with its own context gives the document back', async () => {
    for (const id of ['SdgTarget:9.c', 'SdgGoal:9', 'SdgIndicator:9.c.1', 'Entity:ITU', 'Resolution:A/RES/70/125']) {
      const doc = (await (await get(`/id/${id}`, 'application/ld+json')).json()) as Record<string, unknown>;
      const expanded = await jsonld.expand(doc as jsonld.JsonLdDocument);
      const compacted = await jsonld.compact(expanded, doc['@context'] as jsonld.ContextDefinition);
      // jsonld.compact writes single values as scalars; the document keeps arrays for lists of one.
      const normalise = (value: unknown): unknown =>
        Array.isArray(value)
          ? value.length === 1
            ? normalise(value[0])
            : value.map(normalise)
          : value && typeof value === 'object'
            ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalise(v)]))
            : value;
      expect(normalise(compacted)).toEqual(normalise(doc));
    }
  });

  it('keeps a derived KOS URI visible as derived', async () => {
    // 1.5.2's UNSD code C200211 is newer than the 2020 KOS dump: its URI is built from the pattern.
    const { body } = await postGraphQL(app, '{ node(id: "SdgIndicator:1.5.2") { uri uriConfidence } }');
    expect(body.data?.node).toEqual({ uri: 'http://metadata.un.org/sdg/C200211', uriConfidence: 'DERIVED' });
    const doc = (await (await get('/id/SdgIndicator:1.5.2')).json()) as Record<string, unknown>;
    expect(doc['wsis:uriConfidence']).toBe('derived');
  });

  it('sends a browser to the explorer page with 303, and a data client gets the document', async () => {
    const browser = await get('/id/SdgTarget:9.c', 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8');
    expect(browser.status).toBe(303);
    expect(browser.headers.get('location')).toBe('http://localhost/node/SdgTarget:9.c');
    const curl = await get('/id/SdgTarget:9.c', '*/*');
    expect(curl.status).toBe(200);
    const paragraph = await get('/id/Paragraph:A/RES/80/173%2367', 'text/html');
    expect(paragraph.headers.get('location')).toBe('http://localhost/node/Paragraph:A/RES/80/173%2367');
  });

  it('answers 400 for a malformed id and 404 for an unknown one, with codes', async () => {
    const bad = await get('/id/NotAType:1');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('BAD_USER_INPUT');
    const missing = await get('/id/SdgTarget:99.z');
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('NOT_FOUND');
    expect((await app.fetch('http://localhost/id/SdgTarget:9.c', { method: 'POST' })).status).toBe(405);
  });
});

describe('KOS URIs on every SDG node', () => {
  it('gives every goal, target and indicator a KOS URI, and 31 indicator URIs are DERIVED', async () => {
    const { body } = await postGraphQL(
      app,
      `{ sdgGoals(first: 500) { nodes { code uri uriConfidence sameAs } }
         sdgTargets(first: 500) { nodes { code uri uriConfidence } }
         sdgIndicators(first: 500) { nodes { code uri uriConfidence } } }`,
    );
    type Row = { code: string; uri: string | null; uriConfidence: string | null; sameAs?: string[] };
    const data = body.data as Record<string, { nodes: Row[] }>;
    const goals = data.sdgGoals!.nodes;
    const targets = data.sdgTargets!.nodes;
    const indicators = data.sdgIndicators!.nodes;
    expect([goals.length, targets.length, indicators.length]).toEqual([17, 169, 232]);
    for (const row of [...goals, ...targets]) {
      expect(row.uri).toBe(`http://metadata.un.org/sdg/${row.code}`);
      expect(row.uriConfidence).toBe('SOURCE');
    }
    for (const row of indicators) expect(row.uri).toMatch(/^http:\/\/metadata\.un\.org\/sdg\/C\w{6}$/);
    expect(indicators.filter((r) => r.uriConfidence === 'DERIVED')).toHaveLength(31);
    expect(goals.find((g) => g.code === '9')!.sameAs).toEqual(
      expect.arrayContaining([expect.stringMatching(/^http:\/\/purl\.unep\.org\/sdg\/SDGIO_/), expect.stringMatching(/^http:\/\/www\.wikidata\.org\/entity\/Q/)]),
    );
  });
});

describe('merged records: the old id is an alias node(id:) still resolves', () => {
  it('answers node(id: "Initiative:iawg_ai") and nodes(ids:) with the Entity it was merged into', async () => {
    const { body } = await postGraphQL(
      app,
      `{ node(id: "Initiative:iawg_ai") { id code ... on Entity { leads { id } } }
         nodes(ids: ["Initiative:ai_advisory_body", "Entity:ITU", "Initiative:no_such_thing"]) { id } }`,
    );
    expect(body.errors).toBeUndefined();
    expect(body.data?.node).toEqual({ id: 'Entity:IAWG_AI', code: 'IAWG_AI', leads: [] });
    expect(body.data?.nodes).toEqual([{ id: 'Entity:AIAB' }, { id: 'Entity:ITU' }, null]);
    // The lookups by code stay exact: an alias is not an initiative any more.
    const { body: lookup } = await postGraphQL(app, '{ initiative(id: "iawg_ai") { id } entity(code: "IAWG_AI") { id } }');
    expect(lookup.data).toEqual({ initiative: null, entity: { id: 'Entity:IAWG_AI' } });
  });

  it('answers /id/<alias> with 301 to the surviving node', async () => {
    const response = await get('/id/Initiative:hlab_effective_multilateralism', 'application/ld+json');
    expect(response.status).toBe(301);
    expect(response.headers.get('location')).toBe('http://localhost/id/Entity:HLAB');
  });
});

describe('GET /id/ when the store fails', () => {
  it('answers 503 STORE_UNAVAILABLE for an unreachable store and the masked 500 for anything else, in the one error body', async () => {
    const real = createEmbeddedGraphStore();
    const failing = (error: Error): GraphStore =>
      new Proxy(real, { get: (target, key) => (key === 'getNodes' ? () => Promise.reject(error) : Reflect.get(target, key)) });
    const down = createTestApp({}, failing(new StoreUnavailableError('database down'))).app;
    const broken = createTestApp({}, failing(new Error('secret detail /srv/file.ts'))).app;
    const a = await down.fetch('http://localhost/id/SdgTarget:9.c');
    expect(a.status).toBe(503);
    expect(((await a.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('STORE_UNAVAILABLE');
    const b = await broken.fetch('http://localhost/id/SdgTarget:9.c');
    expect(b.status).toBe(500);
    expect(await b.json()).toEqual({ errors: [{ message: 'Unexpected error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
  });
});
