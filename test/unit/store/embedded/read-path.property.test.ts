import type { EdgeType } from '../../../../src/domain/edge-types';
import type { GraphEdge, GraphNode } from '../../../../src/domain/graph-records';
import { toSortKey } from '../../../../src/domain/sort-key';
import { decodeCursor, isAfter } from '../../../../src/store/cursor';
import { EmbeddedGraphStore, matchesFilter } from '../../../../src/store/embedded/embedded-graph-store';
import type { Direction, NodeFilter } from '../../../../src/store/graph-store';
import { createRandom, type Random } from '../../../support/create-random';
import { testEdge, testNode } from '../../../support/graph-records';

// The embedded store's read path keeps sorted lists, binary-searches cursors and remembers
// neighbour lists per (direction, link types) and listEdges answers. Whatever the graph and the
// writes between reads, every answer must equal the one computed from the records by brute force.
const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];
const CODES = ['1', '2', '10', '9.a', '9.b', '9.10', 'C7', 'C10', 'x', 'x1', 'a-b', 'Z'];
const KINDS = ['programme', 'partnership'];
const LINK_TYPES: EdgeType[] = ['LED_BY', 'PARTNER', 'ADDRESSES'];
const SHARED_TYPE_LISTS: readonly (readonly EdgeType[])[] = [['PARTNER', 'LED_BY'], ['ADDRESSES', 'ADDRESSES'], ['LED_BY'], []];

interface Model {
  nodes: Map<string, GraphNode>;
  edges: Map<string, GraphEdge>;
}

function randomInitiative(random: Random, i: number): GraphNode {
  return testNode('Initiative', `${random.pick(CODES)}-${i % 7}`, { props: { kind: random.pick(KINDS) } });
}

function build(random: Random): { store: EmbeddedGraphStore; model: Model } {
  const nodes = new Map<string, GraphNode>();
  for (let i = 0; i < 40; i++) {
    const node = randomInitiative(random, i);
    nodes.set(node.id, node);
  }
  for (const code of ['ITU', 'UNESCO', 'UNDP']) nodes.set(`Entity:${code}`, testNode('Entity', code));
  for (const code of ['C1', 'C2']) nodes.set(`ActionLine:${code}`, testNode('ActionLine', code));
  const edges = new Map<string, GraphEdge>();
  const initiatives = [...nodes.values()].filter((n) => n.type === 'Initiative');
  for (let i = 0; i < 80; i++) {
    const edge = randomEdge(random, initiatives);
    edges.set(edge.id, edge);
  }
  const store = new EmbeddedGraphStore({ nodes: nodes.values(), edges: edges.values(), dataset: { version: '0.0.0+test', builtAt: '2026-01-01T00:00:00Z' } });
  return { store, model: { nodes, edges } };
}

function randomEdge(random: Random, initiatives: readonly GraphNode[]): GraphEdge {
  const type = random.pick(LINK_TYPES);
  const from = random.pick(initiatives).id;
  const to = type === 'ADDRESSES' ? `ActionLine:${random.pick(['C1', 'C2'])}` : `Entity:${random.pick(['ITU', 'UNESCO', 'UNDP'])}`;
  return testEdge(type, from, to);
}

async function write(random: Random, store: EmbeddedGraphStore, model: Model): Promise<void> {
  const initiatives = [...model.nodes.values()].filter((n) => n.type === 'Initiative');
  const choice = random.below(4);
  if (choice === 0) {
    const node = randomInitiative(random, 100 + random.below(1000));
    if (model.nodes.has(node.id)) return;
    await store.applyWrites([{ op: 'createNode', node }]);
    model.nodes.set(node.id, node);
  } else if (choice === 1 && initiatives.length > 5) {
    const id = random.pick(initiatives).id;
    await store.applyWrites([{ op: 'deleteNode', id }]);
    model.nodes.delete(id);
    for (const [key, edge] of model.edges) if (edge.from === id || edge.to === id) model.edges.delete(key);
  } else if (choice === 2) {
    const edge = randomEdge(random, initiatives);
    if (model.edges.has(edge.id)) return;
    await store.applyWrites([{ op: 'createEdge', edge }]);
    model.edges.set(edge.id, edge);
  } else if (model.edges.size > 0) {
    const id = random.pick([...model.edges.keys()]);
    await store.applyWrites([{ op: 'deleteEdge', id }]);
    model.edges.delete(id);
  }
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function expectedPages(model: Model, first: number, filter: NodeFilter | undefined): string[][] {
  const all = [...model.nodes.values()]
    .filter((n) => n.type === 'Initiative' && matchesFilter(n, filter))
    .sort((a, b) => {
      const ka = toSortKey(a.code);
      const kb = toSortKey(b.code);
      return ka < kb ? -1 : ka > kb ? 1 : byId(a, b);
    })
    .map((n) => n.id);
  const pages: string[][] = [];
  for (let i = 0; i < all.length; i += first) pages.push(all.slice(i, i + first));
  return pages.length ? pages : [[]];
}

describe('store: the embedded read path answers as brute force over the records does', () => {
  it.each(SEEDS)('pages, neighbours and link families equal the brute-force answers between random writes (seed %i)', async (seed) => {
    const random = createRandom(seed);
    const { store, model } = build(random);
    for (let round = 0; round < 25; round++) {
      for (let w = random.below(3); w > 0; w--) await write(random, store, model);

      // Pages: walk every page by cursor, with and without a filter; totals and hasNextPage too.
      const first = random.int(1, 9);
      const filter = random.below(2) ? { props: { kind: random.pick(KINDS) } } : undefined;
      const pages: string[][] = [];
      let after: string | undefined;
      for (;;) {
        const page = await store.listNodes({ type: 'Initiative', first, after, filter, withTotal: true });
        pages.push(page.nodes.map((n) => n.id));
        expect(page.totalCount).toBe(expectedPages(model, 1, filter).flat().length);
        expect(page.cursors.map((c) => decodeCursor(c).id)).toEqual(page.nodes.map((n) => n.id));
        if (!page.hasNextPage) break;
        after = page.cursors.at(-1);
      }
      expect(pages).toEqual(expectedPages(model, first, filter));

      // A cursor of a node deleted since still lands after its position.
      const position = { sortKey: toSortKey(random.pick(CODES)), id: 'Initiative:' };
      const fromCursor = await store.listNodes({ type: 'Initiative', first: 100, after: Buffer.from(JSON.stringify([position.sortKey, position.id])).toString('base64url') });
      expect(fromCursor.nodes.map((n) => n.id)).toEqual(
        expectedPages(model, 1000, undefined)[0]!.filter((id) => isAfter(toSortKey(model.nodes.get(id)!.code), id, position)),
      );

      // Neighbours by direction and link types.
      const ids = [...model.nodes.keys()];
      const queries = Array.from({ length: 6 }, () => {
        // A new list, or one of a few kept constant as the resolvers keep theirs (the store remembers a list's key), repeats included.
        const types = random.below(3) ? (random.below(2) ? LINK_TYPES.filter(() => random.below(2)) : random.pick(SHARED_TYPE_LISTS)) : undefined;
        return { id: random.pick(ids), direction: random.pick<Direction>(['out', 'in', 'both']), types };
      });
      const answers = await store.getNeighbours(queries);
      queries.forEach((query, i) => {
        const expected = [...model.edges.values()]
          .filter((e) => (query.direction !== 'in' && e.from === query.id) || (query.direction !== 'out' && e.to === query.id))
          .filter((e) => !query.types || query.types.length === 0 || query.types.includes(e.type))
          .sort(byId)
          .map((e) => [e.id, e.from === query.id ? e.to : e.from]);
        expect(answers[i]!.map((n) => [n.edge.id, n.node.id])).toEqual(expected);
      });

      // Link families, asked twice (the second is the remembered answer).
      const types = LINK_TYPES.filter(() => random.below(2));
      const fromTypes = random.below(2) ? (['Initiative'] as const) : undefined;
      const expectedEdges = [...model.edges.values()].filter((e) => types.includes(e.type)).sort(byId).map((e) => e.id);
      for (let again = 0; again < 2; again++) {
        expect((await store.listEdges({ types, fromTypes: fromTypes ? [...fromTypes] : undefined })).map((e) => e.id)).toEqual(expectedEdges);
      }
    }
  });
});
