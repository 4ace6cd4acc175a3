import { findPaths, type GraphPath, type PathQuery } from '../../../src/analytics/find-paths';
import { requireNodes } from '../../../src/analytics/require-node';
import { EDGE_TYPES, EDGE_VOCABULARY, type EdgeType } from '../../../src/domain/edge-types';
import { graphEdgeShapeSchema, graphNodeShapeSchema, toEdgeId, type GraphEdge, type GraphNode } from '../../../src/domain/graph-records';
import type { NodeType } from '../../../src/domain/node-types';
import { EmbeddedGraphStore } from '../../../src/store/embedded/embedded-graph-store';
import { createEmbeddedGraphStore } from '../../../src/store/embedded/create-embedded-graph-store';
import type { GraphStore } from '../../../src/store/graph-store';
import { createCountingStore } from '../../support/counting-store';
import { edge, node } from './fixtures';
import { createRandom } from '../../support/create-random';

/**
 * `findPaths` searches from both ends; these tests hold it to the answers of
 * the plain breadth-first search from `from` it replaced (kept below as the
 * oracle, unchanged): the same paths in the same order, the same cut-off,
 * the same errors, on generated graphs and on the real seeds.
 */

// The oracle: findPaths as it was before the bidirectional search (one-directional BFS from `from`).
async function referenceFindPaths(store: GraphStore, query: PathQuery): Promise<GraphPath[]> {
  const [from, to] = await requireNodes(store, [
    { argument: 'from', id: query.from },
    { argument: 'to', id: query.to },
  ]);
  if (from!.id === to!.id) return [{ nodes: [from!], edges: [] }];
  const nodes = new Map<string, GraphNode>([[from!.id, from!]]);
  const parents = new Map<string, { edge: GraphEdge; prev: string }[]>([[from!.id, []]]);
  const types = query.linkTypes && query.linkTypes.length > 0 ? query.linkTypes : undefined;
  let frontier = [from!.id];
  for (let hop = 1; hop <= query.maxHops && frontier.length > 0 && !parents.has(to!.id); hop++) {
    const lists = await store.getNeighbours(frontier.map((id) => ({ id, direction: 'both' as const, types })));
    const next: string[] = [];
    const reachedNow = new Set<string>();
    frontier.forEach((id, i) => {
      for (const { edge, node } of lists[i]!) {
        if (parents.has(node.id) && !reachedNow.has(node.id)) continue;
        if (!reachedNow.has(node.id)) {
          reachedNow.add(node.id);
          parents.set(node.id, []);
          nodes.set(node.id, node);
          next.push(node.id);
        }
        parents.get(node.id)!.push({ edge, prev: id });
      }
    });
    frontier = next;
  }
  if (!parents.has(to!.id)) return [];
  const paths: { nodes: string[]; edges: GraphEdge[] }[] = [];
  const walk = (at: string, ids: string[], edges: GraphEdge[]) => {
    if (paths.length >= query.first) return;
    const incoming = parents.get(at)!;
    if (incoming.length === 0) {
      paths.push({ nodes: [at, ...ids], edges: [...edges] });
      return;
    }
    for (const { edge, prev } of [...incoming].sort((a, b) => (a.edge.id < b.edge.id ? -1 : a.edge.id > b.edge.id ? 1 : 0))) {
      walk(prev, [at, ...ids], [edge, ...edges]);
    }
  };
  walk(to!.id, [], []);
  return paths.map((ids) => ({ nodes: ids.nodes.map((id) => nodes.get(id)!), edges: ids.edges }));
}


const GENERATED_TYPES: readonly NodeType[] = ['Entity', 'ActionLine', 'SdgTarget', 'SdgGoal', 'Resolution', 'Paragraph', 'Initiative', 'GdcCommitment'];

/**
 * A random graph of up to 14 nodes whose links all obey the edge vocabulary
 * (checked with the record schemas), dense enough to have many shortest
 * paths of equal length, with some parallel links (same ends, several types
 * or a discriminator) and self-loops.
 */
function generateGraph(random: ReturnType<typeof createRandom>): { nodes: GraphNode[]; edges: GraphEdge[] } {
  const nodes: GraphNode[] = [];
  const count = random.int(2, 14);
  for (let i = 0; i < count; i++) nodes.push(node(random.pick(GENERATED_TYPES), `n${i}`));
  const byType = (types: readonly NodeType[]) => nodes.filter((n) => types.includes(n.type));
  const usable = EDGE_TYPES.filter((type) => byType(EDGE_VOCABULARY[type].from).length > 0 && byType(EDGE_VOCABULARY[type].to).length > 0);
  const edges = new Map<string, GraphEdge>();
  const wanted = usable.length === 0 ? 0 : random.int(0, Math.round(count * random.pick([1, 2, 3])));
  for (let i = 0; i < wanted; i++) {
    const type = random.pick(usable);
    const from = random.pick(byType(EDGE_VOCABULARY[type].from)).id;
    const to = random.pick(byType(EDGE_VOCABULARY[type].to)).id;
    let made = edge(type, from, to);
    if (edges.has(made.id)) made = { ...made, id: toEdgeId(type, from, to, `d${i}`) };
    edges.set(made.id, made);
  }
  return { nodes: nodes.map((n) => graphNodeShapeSchema.parse(n)), edges: [...edges.values()].map((e) => graphEdgeShapeSchema.parse(e)) };
}

function randomQuery(random: ReturnType<typeof createRandom>, nodes: readonly GraphNode[], edges: readonly GraphEdge[]): PathQuery {
  const linked = [...new Set(edges.flatMap((e) => [e.from, e.to]))];
  const endpoint = () => {
    const roll = random.next();
    if (roll < 0.03) return 'not a global id';
    if (roll < 0.06) return 'Entity:missing';
    return roll < 0.8 && linked.length > 0 ? random.pick(linked) : random.pick(nodes).id;
  };
  const present = [...new Set(edges.map((e) => e.type))];
  const linkTypes: EdgeType[] | undefined =
    random.next() < 0.25 && present.length > 0 ? present.filter(() => random.next() < 0.6) : random.next() < 0.05 ? [] : undefined;
  return { from: endpoint(), to: endpoint(), maxHops: random.int(1, 5), first: random.pick([1, 2, 3, 5, 100]), ...(linkTypes ? { linkTypes } : {}) };
}

// The result or the error, so both can be compared whole.
async function outcome(run: () => Promise<GraphPath[]>): Promise<{ paths: GraphPath[] } | { error: { name: string; message: string; code: unknown; details: unknown } }> {
  try {
    return { paths: await run() };
  } catch (error) {
    const e = error as Error & { code?: unknown; details?: unknown };
    return { error: { name: e.name, message: e.message, code: e.code, details: e.details } };
  }
}

// Compares one query; returns the store calls the new search made.
async function expectSameAsReference(store: GraphStore, query: PathQuery, label: string) {
  const counting = createCountingStore(store);
  const actual = await outcome(() => findPaths(counting.store, query));
  const expected = await outcome(() => referenceFindPaths(store, query));
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    // Deep equality below names the difference; the label says which case to replay.
    expect({ label, actual }).toEqual({ label, expected });
  }
  expect(actual).toEqual(expected);
  const counts = counting.countsByMethod();
  if ('error' in actual && actual.error.code === 'BAD_USER_INPUT') {
    expect(counts).toEqual({});
  } else {
    const levelCalls = counts.getNeighbours ? { countNeighbours: 1, getNeighbours: 1 } : {};
    expect(Object.keys(counts).sort()).toEqual(Object.keys({ getNodes: 1, ...levelCalls }).sort());
    expect(counts.getNodes).toBe(1);
    // At most one neighbour call per level, and exactly one per link when a path of links is found;
    // each after one call counting both frontiers' links.
    expect(counts.getNeighbours ?? 0).toBeLessThanOrEqual(query.maxHops);
    expect(counts.countNeighbours ?? 0).toBe(counts.getNeighbours ?? 0);
    if ('paths' in actual && actual.paths.length > 0) expect(counts.getNeighbours ?? 0).toBe(actual.paths[0]!.edges.length);
  }
  return expected;
}

describe('analytics: paths searched from both ends answer as the search from one end', () => {
  it('on 1000 generated graphs × 10 random queries: the same paths, order, cut-off and errors, one store call per level', async () => {
    let found = 0;
    let severalPaths = 0;
    let cases = 0;
    for (let seed = 1; seed <= 1000; seed++) {
      const random = createRandom(seed);
      const { nodes, edges } = generateGraph(random);
      const store = new EmbeddedGraphStore({ nodes, edges, dataset: { version: 'generated', builtAt: '2026-01-01T00:00:00Z' } });
      for (let q = 0; q < 10; q++) {
        const query = randomQuery(random, nodes, edges);
        const expected = await expectSameAsReference(store, query, `seed ${seed}, query ${q}: ${JSON.stringify(query)}`);
        cases++;
        if ('paths' in expected && expected.paths.length > 0 && expected.paths[0]!.edges.length > 1) found++;
        if ('paths' in expected && expected.paths.length > 1) severalPaths++;
      }
    }
    expect(cases).toBe(10000);
    // The generator must exercise the interesting cases, not only "no path".
    expect(found).toBeGreaterThan(700);
    expect(severalPaths).toBeGreaterThan(500);
  });

  it('on the real seeds: the same answers for 400 random pairs and for hub pairs, every length and cut-off', async () => {
    const store = createEmbeddedGraphStore();
    const ids: string[] = [];
    for (const type of ['Entity', 'ActionLine', 'SdgGoal', 'SdgTarget', 'GdcObjective', 'GdcCommitment', 'Resolution', 'Initiative', 'Theme'] as const) {
      ids.push(...(await store.listNodes({ type, first: 1000 })).nodes.map((n) => n.id));
    }
    expect(ids.length).toBeGreaterThan(300);
    const random = createRandom(2026);
    let found = 0;
    for (let i = 0; i < 400; i++) {
      const query: PathQuery = { from: random.pick(ids), to: random.pick(ids), maxHops: random.int(2, 5), first: random.pick([1, 5, 100]) };
      const expected = await expectSameAsReference(store, query, `seeds pair ${i}: ${JSON.stringify(query)}`);
      if ('paths' in expected && expected.paths.length > 0) found++;
    }
    expect(found).toBeGreaterThan(100);
    for (const [from, to] of [
      ['Entity:ITU', 'SdgGoal:9'],
      ['Entity:ITU', 'SdgTarget:9.c'],
      ['Entity:CSTD', 'ActionLine:C5'],
      ['ActionLine:C5', 'GdcObjective:3'],
      ['Entity:UNESCO', 'Entity:ITU'],
    ] as const) {
      for (const maxHops of [1, 2, 3, 4, 5]) {
        for (const first of [1, 5, 100]) await expectSameAsReference(store, { from, to, maxHops, first }, `${from} → ${to} ${maxHops} ${first}`);
      }
    }
  });
});
