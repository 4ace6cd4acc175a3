import type { GraphEdge, GraphNode } from '../../../../src/domain/graph-records';
import { compareCodes } from '../../../../src/domain/sort-key';
import { EmbeddedGraphStore } from '../../../../src/store/embedded/embedded-graph-store';
import { citedResolutionIds, scoreMatch, scoreSymbolCitations, searchNamesOf } from '../../../../src/store/text-index';
import { createRandom, type Random } from '../../../support/create-random';
import { testEdge, testNode } from '../../../support/graph-records';

// The embedded store's search narrows by a word index of interned ids (scoring one-word queries from its postings), keeps only the best `first`
// with precomputed sort keys, and retires and compacts index entries on writes. Whatever the graph and
// the writes between searches, every answer must equal the brute-force one: every node scored, all
// hits sorted (score, compareCodes, id), the first `first` kept.
const SEEDS = [11, 12, 13, 14, 15, 16];
const WORDS = ['digital', 'health', 'e-health', 'data', 'itu', 'situation', 'society', '数字', '经济', '数字经济', '教育', '国际电联', 'C7'];
const CODES = ['1', '2', '10', '9.a', '9.10', 'C7', 'C10', 'x', 'x1', 'a-b'];
const QUERIES = ['digital', 'dig', 'health', 'e-health', 'itu', '数', '数字', '数字经济', '经济 数字', 'data society', 'C7', 'c7-3', 'zzz', 'itu digital health', '9.a', 'Resolution 70/125', '第70/125号决议'];

interface Model {
  nodes: Map<string, GraphNode>;
  edges: Map<string, GraphEdge>;
}

function randomName(random: Random): string {
  const count = 1 + random.below(3);
  const words = Array.from({ length: count }, () => random.pick(WORDS));
  return random.below(2) === 0 ? words.join(' ') : words.join('');
}

function randomNode(random: Random, i: number): GraphNode {
  const type = random.pick(['Initiative', 'Entity', 'Resolution'] as const);
  const code = type === 'Resolution' ? random.pick(['70/125', '60/252', 'A-1']) : `${random.pick(CODES)}-${i}`;
  const props: GraphNode['props'] = random.below(3) === 0 ? { nameVariants: [randomName(random)] } : {};
  return { ...testNode(type, code, { en: randomName(random), props }), name: { en: randomName(random), ...(random.below(2) ? { zh: randomName(random) } : {}) } };
}

function build(random: Random): { store: EmbeddedGraphStore; model: Model } {
  const nodes = new Map<string, GraphNode>();
  for (let i = 0; i < 60; i++) {
    const node = randomNode(random, i);
    nodes.set(node.id, node);
  }
  const edges = new Map<string, GraphEdge>();
  const ids = [...nodes.keys()];
  for (let i = 0; i < 40; i++) {
    const edge = testEdge('PARTNER', random.pick(ids), random.pick(ids));
    if (edge.from !== edge.to) edges.set(edge.id, edge);
  }
  const store = new EmbeddedGraphStore({ nodes: nodes.values(), edges: edges.values(), dataset: { version: '0.0.0+test', builtAt: '2026-01-01T00:00:00Z' } });
  return { store, model: { nodes, edges } };
}

/** The answer as the store gave it before top-k and interned ids: everything scored and sorted. */
function bruteForce(model: Model, text: string, first: number, types?: string[]): { id: string; score: number }[] {
  const degree = (id: string) => [...model.edges.values()].filter((e) => e.from === id || e.to === id).length;
  const scores = new Map<string, number>();
  for (const node of model.nodes.values()) {
    const score = scoreMatch(text, node.code, searchNamesOf(node), degree(node.id));
    if (score > 0) scores.set(node.id, score);
  }
  const cited = new Map(citedResolutionIds(text).filter((id) => model.nodes.has(id)).map((id) => [id, degree(id)]));
  for (const [id, score] of scoreSymbolCitations(text, cited)) scores.set(id, Math.max(scores.get(id) ?? 0, score));
  return [...scores]
    .map(([id, score]) => ({ node: model.nodes.get(id)!, score }))
    .filter(({ node }) => !types || types.includes(node.type))
    .sort((a, b) => b.score - a.score || compareCodes(a.node.code, b.node.code) || (a.node.id < b.node.id ? -1 : a.node.id > b.node.id ? 1 : 0))
    .slice(0, first)
    .map(({ node, score }) => ({ id: node.id, score }));
}

async function write(random: Random, store: EmbeddedGraphStore, model: Model, i: number): Promise<void> {
  const ids = [...model.nodes.keys()];
  const choice = random.below(3);
  if (choice === 0) {
    const node = randomNode(random, 1000 + i);
    if (model.nodes.has(node.id)) return;
    await store.applyWrites([{ op: 'createNode', node }]);
    model.nodes.set(node.id, node);
  } else if (choice === 1) {
    const node = { ...model.nodes.get(random.pick(ids))!, name: { en: randomName(random) } };
    await store.applyWrites([{ op: 'updateNode', node }]);
    model.nodes.set(node.id, node);
  } else {
    const id = random.pick(ids);
    const linked = [...model.edges.values()].filter((e) => e.from === id || e.to === id);
    await store.applyWrites([...linked.map((e) => ({ op: 'deleteEdge' as const, id: e.id })), { op: 'deleteNode', id }]);
    for (const edge of linked) model.edges.delete(edge.id);
    model.nodes.delete(id);
  }
}

describe('embedded store: search equals brute-force scoring and sorting', () => {
  it.each(SEEDS)('seed %i: every query, before and after random writes', async (seed) => {
    const random = createRandom(seed);
    const { store, model } = build(random);
    for (let round = 0; round < 30; round++) {
      for (const text of QUERIES) {
        const first = random.pick([1, 3, 20, 500]);
        const types = random.below(4) === 0 ? [random.pick(['Initiative', 'Entity', 'Resolution'])] : undefined;
        const hits = await store.search({ text, first, ...(types ? { types: types as never } : {}) });
        expect(hits.map((hit) => ({ id: hit.node.id, score: hit.score }))).toEqual(bruteForce(model, text, first, types));
      }
      for (let w = 0; w < 5; w++) await write(random, store, model, round * 10 + w);
    }
  });
});
