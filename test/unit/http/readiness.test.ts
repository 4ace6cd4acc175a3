import { createYoga, createSchema } from 'graphql-yoga';
import { useHealthRoutes } from '../../../src/http/use-health-routes';
import { createEmbeddedGraphStore } from '../../../src/store/embedded/create-embedded-graph-store';
import type { GraphNode } from '../../../src/domain/graph-records';
import { EmbeddedGraphStore } from '../../../src/store/embedded/embedded-graph-store';
import type { GraphStore } from '../../../src/store/graph-store';
import { loadSeeds } from '../../../src/seeds/load-seeds';

// `/readyz` while start-up's background work (the word index, the list bounds) is not done: a load
// balancer must not send a copy traffic whose searches would wait for its index.
const schema = createSchema({ typeDefs: 'type Query { ok: Boolean }' });

function probe(store: GraphStore, warmingUp: () => readonly string[], detailed = true) {
  const yoga = createYoga({ schema, plugins: [useHealthRoutes(store, { detailed, warmingUp })] });
  return async () => {
    const response = await yoga.fetch('http://localhost/readyz');
    return { status: response.status, retryAfter: response.headers.get('retry-after'), body: (await response.json()) as Record<string, unknown> };
  };
}

describe('readiness: /readyz and the start-up work', () => {
  const store = createEmbeddedGraphStore();
  afterAll(() => store.close());

  it('answers 503 starting, with what it waits for, while the work is not done; ready once it is', async () => {
    let left: string[] = ['word index', 'list bounds'];
    const readyz = probe(store, () => left);
    const starting = await readyz();
    expect(starting).toEqual({
      status: 503,
      retryAfter: '5',
      body: expect.objectContaining({ status: 'starting', code: 'SERVICE_UNAVAILABLE', reason: 'warming_up', waitingFor: ['word index', 'list bounds'] }),
    });
    expect((starting.body.errors as { extensions: { code: string } }[])[0]!.extensions.code).toBe('SERVICE_UNAVAILABLE');
    left = [];
    expect(await readyz()).toMatchObject({ status: 200, body: { status: 'ready', store: 'embedded' } });
  });

  it('names nothing it waits for when anonymous reading is off', async () => {
    const starting = await probe(store, () => ['word index'], false)();
    expect(starting.status).toBe(503);
    expect(starting.body.waitingFor).toBeUndefined();
  });

  it('waits a moment for work about to finish, so a probe right after a small start sees it ready', async () => {
    const doneAt = performance.now() + 60;
    expect((await probe(store, () => (performance.now() < doneAt ? ['word index'] : []))()).status).toBe(200);
  });

  it('reports a store that cannot answer before anything it is building', async () => {
    const closed = createEmbeddedGraphStore();
    await closed.close();
    const answer = await probe(closed, () => ['word index'])();
    expect(answer.status).toBe(503);
    expect(answer.body.status).toBe('unavailable');
  });

  it('holds readiness for a large graph’s word index until it is built, and never again after', async () => {
    const seeds = loadSeeds();
    // The seeds stand for a large graph: the bound is lowered to their size.
    const large = new EmbeddedGraphStore({
      nodes: seeds.nodeFiles.flatMap((file) => file.records),
      edges: seeds.edgeFiles.flatMap((file) => file.records),
      dataset: { version: seeds.version, builtAt: seeds.manifest.builtAt },
      indexBeforeReadyNodes: 1,
    });
    try {
      expect(large.warmingUp()).toEqual(['word index']);
      expect((await large.search({ text: 'health', first: 1 })).length).toBe(1); // waits for the build
      expect(large.warmingUp()).toEqual([]);
      const [itu] = await large.getNodes(['Entity:ITU']);
      await large.applyWrites([{ op: 'updateNode', node: { ...itu!, name: { ...itu!.name, en: 'Renamed' } } as GraphNode }]);
      expect(large.warmingUp()).toEqual([]); // a write's changes do not hold it up again
    } finally {
      await large.close();
    }
  });

  it('does not hold readiness for a small graph’s index (built within a search’s wait)', async () => {
    const small = createEmbeddedGraphStore();
    try {
      expect(small.warmingUp()).toEqual([]);
    } finally {
      await small.close();
    }
  });
});
