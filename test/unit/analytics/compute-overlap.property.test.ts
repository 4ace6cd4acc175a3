import { computeOverlap, membersOf, type Overlap, type SharedItem } from '../../../src/analytics/compute-overlap';
import { requireNodes } from '../../../src/analytics/require-node';
import { GOAL_LINK_REACHES, jaccard, PART_TYPES, ReachIndex, type EvidenceMap, type GoalLinkReach } from '../../../src/analytics/reach-index';
import { EDGE_TYPES, EDGE_VOCABULARY, type EdgeType } from '../../../src/domain/edge-types';
import { graphEdgeShapeSchema, graphNodeShapeSchema, toEdgeId, type GraphEdge, type GraphNode } from '../../../src/domain/graph-records';
import { NODE_TYPES, type NodeType } from '../../../src/domain/node-types';
import { compareCodes } from '../../../src/domain/sort-key';
import { EmbeddedGraphStore } from '../../../src/store/embedded/embedded-graph-store';
import { createEmbeddedGraphStore } from '../../../src/store/embedded/create-embedded-graph-store';
import type { GraphStore } from '../../../src/store/graph-store';
import { createCountingStore } from '../../support/counting-store';
import { edge, node } from './fixtures';
import { createRandom } from '../../support/create-random';

/**
 * `computeOverlap` loads only the links a walk from its two nodes can read;
 * these tests hold it to the answers of the version that loaded every link
 * of the reach families (kept below as the oracle), on generated graphs and
 * on the real seeds.
 */

// The oracle: computeOverlap as it was, over an index of every reach and part-of link.
async function referenceOverlap(store: GraphStore, ids: { a: string; b: string }, options: { goalLinks: GoalLinkReach }): Promise<Overlap> {
  const [[a, b], index] = await Promise.all([
    requireNodes(store, [
      { argument: 'a', id: ids.a },
      { argument: 'b', id: ids.b },
    ]),
    store.listEdges({ types: ['MATRIX_LINK', 'CONTRIBUTES_TO', 'FACILITATES', ...PART_TYPES] }).then((edges) => new ReachIndex(edges)),
  ]);
  const membersA = membersOf(index, a!.id);
  const membersB = membersOf(index, b!.id);
  const all = [...new Set([...membersA, ...membersB])];
  const lists = await store.getNeighbours(all.map((id) => ({ id, direction: 'both' as const })));
  const neighboursOf = new Map(all.map((id, i) => [id, lists[i]!]));
  const reachA = index.reachOf(a!.id, { goalLinks: options.goalLinks, rollUp: true });
  const reachB = index.reachOf(b!.id, { goalLinks: options.goalLinks, rollUp: true });
  const entitiesOf = (n: GraphNode, members: readonly string[]): EvidenceMap => {
    const entities: EvidenceMap = new Map();
    if (n.type === 'Entity') entities.set(n.id, []);
    for (const member of members) {
      for (const { edge: e, node: other } of neighboursOf.get(member)!) {
        if (other.type !== 'Entity' || other.id === n.id) continue;
        entities.set(other.id, [...new Set([...(entities.get(other.id) ?? []), e.id])].sort());
      }
    }
    return entities;
  };
  const entitiesA = entitiesOf(a!, membersA);
  const entitiesB = entitiesOf(b!, membersB);
  const inB = new Set(membersB);
  const links = new Map<string, GraphEdge>();
  for (const member of membersA) {
    for (const { edge: e, node: n } of neighboursOf.get(member)!) if (inB.has(n.id) && !inB.has(member)) links.set(e.id, e);
  }
  const seenEdges = new Map([...neighboursOf.values()].flat().map(({ edge: e }) => [e.id, e]));
  const edgeById = (id: string) => index.edges.get(id) ?? seenEdges.get(id);
  const inCodeOrder = (list: readonly string[]) => [...list].sort(compareCodes);
  const shared = (x: EvidenceMap, y: EvidenceMap): SharedItem[] => {
    const edges = (list: readonly string[]) => list.map(edgeById).filter((e): e is GraphEdge => e !== undefined);
    return inCodeOrder([...x.keys()].filter((id) => y.has(id))).map((id) => ({ id, evidenceA: edges(x.get(id)!), evidenceB: edges(y.get(id)!) }));
  };
  return {
    a: a!,
    b: b!,
    sharedTargets: shared(reachA.targets, reachB.targets),
    sharedGoals: shared(reachA.goals, reachB.goals),
    sharedEntities: shared(entitiesA, entitiesB),
    links: [...links.values()].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0)),
    onlyA: inCodeOrder([...reachA.targets.keys()].filter((t) => !reachB.targets.has(t))),
    onlyB: inCodeOrder([...reachB.targets.keys()].filter((t) => !reachA.targets.has(t))),
    targetCountA: reachA.targets.size,
    targetCountB: reachB.targets.size,
    jaccard: jaccard(reachA.targets, reachB.targets),
  };
}


// Every node type except MappingStudy (made through the API, joined by no link of the vocabulary).
const GENERATED_TYPES = NODE_TYPES.filter((type) => type !== 'MappingStudy');
// Links the reach walk reads, drawn more often so that generated graphs reach targets through chains.
const REACH_EDGE_TYPES: readonly EdgeType[] = ['MATRIX_LINK', 'CONTRIBUTES_TO', 'FACILITATES', ...PART_TYPES];

/** A random graph of up to 20 nodes whose links obey the edge vocabulary (checked with the record schemas). */
function generateGraph(random: ReturnType<typeof createRandom>): { nodes: GraphNode[]; edges: GraphEdge[] } {
  const nodes: GraphNode[] = [];
  const count = random.int(2, 20);
  for (let i = 0; i < count; i++) nodes.push(node(random.pick(GENERATED_TYPES), `n${i}`));
  const byType = (types: readonly NodeType[]) => nodes.filter((n) => types.includes(n.type));
  const usable = (types: readonly EdgeType[]) => types.filter((t) => byType(EDGE_VOCABULARY[t].from).length > 0 && byType(EDGE_VOCABULARY[t].to).length > 0);
  const reach = usable(REACH_EDGE_TYPES);
  const any = usable(EDGE_TYPES);
  const edges = new Map<string, GraphEdge>();
  const wanted = any.length === 0 ? 0 : random.int(0, count * 3);
  for (let i = 0; i < wanted; i++) {
    const type = reach.length > 0 && random.next() < 0.7 ? random.pick(reach) : random.pick(any);
    const from = random.pick(byType(EDGE_VOCABULARY[type].from)).id;
    const to = random.pick(byType(EDGE_VOCABULARY[type].to)).id;
    const props: Record<string, string> = type === 'FACILITATES' ? { role: random.pick(['lead_facilitator', 'co_facilitator', 'former_lead']) } : {};
    let made = edge(type, from, to, { props });
    if (edges.has(made.id)) made = { ...made, id: toEdgeId(type, from, to, `d${i}`) };
    edges.set(made.id, made);
  }
  return { nodes: nodes.map((n) => graphNodeShapeSchema.parse(n)), edges: [...edges.values()].map((e) => graphEdgeShapeSchema.parse(e)) };
}

async function outcome(run: () => Promise<Overlap>): Promise<{ overlap: Overlap } | { error: { name: string; message: string; code: unknown; details: unknown } }> {
  try {
    return { overlap: await run() };
  } catch (error) {
    const e = error as Error & { code?: unknown; details?: unknown };
    return { error: { name: e.name, message: e.message, code: e.code, details: e.details } };
  }
}

async function expectSameAsReference(store: GraphStore, ids: { a: string; b: string }, goalLinks: GoalLinkReach, label: string) {
  const counting = createCountingStore(store);
  const actual = await outcome(() => computeOverlap(counting.store, ids, { goalLinks }));
  const expected = await outcome(() => referenceOverlap(store, ids, { goalLinks }));
  if (JSON.stringify(actual) !== JSON.stringify(expected)) expect({ label, actual }).toEqual({ label, expected });
  expect(actual).toEqual(expected);
  if ('overlap' in actual) expect(counting.countsByMethod()).toEqual({ getNodes: 1, listEdges: 1, getNeighbours: 1 });
  return expected;
}

describe('analytics: overlap over only the links its two nodes can reach answers as over every link', () => {
  it('on 1000 generated graphs × 5 random pairs, both goal-link readings: the same whole answer, three store calls', async () => {
    let withShared = 0;
    for (let seed = 1; seed <= 1000; seed++) {
      const random = createRandom(seed);
      const { nodes, edges } = generateGraph(random);
      const store = new EmbeddedGraphStore({ nodes, edges, dataset: { version: 'generated', builtAt: '2026-01-01T00:00:00Z' } });
      for (let q = 0; q < 5; q++) {
        const a = random.next() < 0.03 ? 'Entity:missing' : random.pick(nodes).id;
        const b = random.next() < 0.03 ? 'not a global id' : random.pick(nodes).id;
        for (const goalLinks of GOAL_LINK_REACHES) {
          const expected = await expectSameAsReference(store, { a, b }, goalLinks, `seed ${seed}, pair ${q}: ${a} ${b} ${goalLinks}`);
          if ('overlap' in expected && expected.overlap.sharedTargets.length + expected.overlap.sharedEntities.length > 0) withShared++;
        }
      }
    }
    // The generator must produce overlaps, not only empty answers.
    expect(withShared).toBeGreaterThan(1000);
  });

  it('on the real seeds: the same whole answer for 900 random pairs and the benchmark pair', async () => {
    const store = createEmbeddedGraphStore();
    const ids: string[] = [];
    for (const type of ['Entity', 'ActionLine', 'SdgGoal', 'SdgTarget', 'GdcObjective', 'GdcCommitment', 'Resolution', 'Paragraph', 'Initiative', 'Theme'] as const) {
      ids.push(...(await store.listNodes({ type, first: 1000 })).nodes.map((n) => n.id));
    }
    expect(ids.length).toBeGreaterThan(300);
    const random = createRandom(2026);
    const pairs: [string, string][] = [['Entity:ITU', 'Entity:UNESCO'], ['ActionLine:C5', 'GdcObjective:3']];
    // 900 pairs (300 before dataset 1.1.0 added about 70 texts, paragraphs and bodies that reach no SDG target, thinning the sample).
    for (let i = 0; i < 900; i++) pairs.push([random.pick(ids), random.pick(ids)]);
    let withShared = 0;
    for (const [a, b] of pairs) {
      for (const goalLinks of GOAL_LINK_REACHES) {
        const expected = await expectSameAsReference(store, { a, b }, goalLinks, `${a} ${b} ${goalLinks}`);
        if ('overlap' in expected && expected.overlap.sharedGoals.length > 0) withShared++;
      }
    }
    expect(withShared).toBeGreaterThan(40);
  });
});
