import { parse } from 'graphql';
import { estimateCost, TEXT_WEIGHT } from '../../../src/graphql/cost/estimate-cost';
import { computeFanOut, FanOutBounds, relationSpecsOf } from '../../../src/graphql/cost/fan-out-bounds';
import { resolvers } from '../../../src/graphql/resolvers';
import { createSchema } from '../../../src/graphql/schema';
import { loadSeeds } from '../../../src/seeds/load-seeds';
import { EmbeddedGraphStore } from '../../../src/store/embedded/embedded-graph-store';
import { growSeeds } from '../../bench/grow-seeds';
import { testEdge, testNode } from '../../support/graph-records';
import { plainFanOuts } from '../../support/plain-fan-out';

// Two action lines and three targets of one goal: C1 is matrix-linked to all three targets, C2 to one.
function smallGraph(): EmbeddedGraphStore {
  return new EmbeddedGraphStore({
    nodes: [
      testNode('ActionLine', 'C1'),
      testNode('ActionLine', 'C2'),
      testNode('SdgGoal', '9'),
      ...['9.1', '9.2', '9.3'].map((code) => testNode('SdgTarget', code)),
    ],
    edges: [
      ...['9.1', '9.2', '9.3'].map((code) => testEdge('TARGET_OF', `SdgTarget:${code}`, 'SdgGoal:9')),
      ...['9.1', '9.2', '9.3'].map((code) => testEdge('MATRIX_LINK', 'ActionLine:C1', `SdgTarget:${code}`)),
      testEdge('MATRIX_LINK', 'ActionLine:C2', 'SdgTarget:9.1'),
    ],
    dataset: { version: 'test', builtAt: '2026-01-01T00:00:00Z' },
  });
}

const specs = relationSpecsOf(resolvers);

describe('cost: list bounds come from the largest fan-out in the loaded graph', () => {
  it('reads each relationship field from the links its resolver walks', () => {
    expect(specs.get('ActionLine.sdgTargets')).toEqual({ direction: 'out', types: ['MATRIX_LINK'], nodeTypes: ['SdgTarget'] });
    expect(specs.get('SdgTarget.actionLines')).toEqual({ direction: 'in', types: ['MATRIX_LINK'], nodeTypes: undefined });
    expect(specs.get('SdgGoal.targets')).toEqual({ direction: 'in', types: ['TARGET_OF'], nodeTypes: undefined });
  });

  it('bounds a field by its largest list at one node, nodes by their count', async () => {
    const table = await computeFanOut(smallGraph(), specs, 6);
    expect(table.fields.get('ActionLine.sdgTargets')).toBe(3); // C1's three, not C2's one
    expect(table.fields.get('SdgTarget.actionLines')).toBe(2); // 9.1 has C1 and C2
    expect(table.fields.get('SdgGoal.targets')).toBe(3);
    expect(table.counts.get('SdgTarget')).toBe(3);
    expect(table.maxDegree).toBe(3); // C1 (three targets), goal 9 (three targets) and 9.1 (goal, C1, C2) have three links each
  });

  it('multiplies nested lists by those bounds, and by first where it is smaller', async () => {
    const table = await computeFanOut(smallGraph(), specs, 6);
    const schema = createSchema();
    const cost = (query: string, variables?: Record<string, unknown>) => estimateCost(schema, parse(query), table, variables);
    // actionLine 1 × (1 + sdgTargets 3 × (1 + code 1 + actionLines 2 × (1 + code 1)))
    expect(cost('{ actionLine(code: "C1") { sdgTargets { code actionLines { code } } } }')).toBe(1 + 3 * (1 + 1 + 2 * 2));
    // sdgTargets(first: 2): the connection's nodes by 2 (at most the 3 targets there are)
    expect(cost('{ sdgTargets(first: 2) { nodes { code } } }')).toBe(1 + 2 * 2);
    expect(cost('query ($n: Int) { sdgTargets(first: $n) { nodes { code } } }', { n: 100 })).toBe(1 + 3 * 2);
  });

  it('weighs text values by TEXT_WEIGHT for the expensive gate, codes and other values by 1', async () => {
    const table = await computeFanOut(smallGraph(), specs, 6);
    const schema = createSchema();
    const weighed = (query: string) => estimateCost(schema, parse(query), table, {}, null, TEXT_WEIGHT);
    // sdgTargets(first: 3): 1 + 3 × (node 1 + code 1)
    expect(weighed('{ sdgTargets(first: 3) { nodes { code } } }')).toBe(1 + 3 * 2);
    // … + name, a text: 1 + 3 × (1 + code 1 + name TEXT_WEIGHT)
    expect(weighed('{ sdgTargets(first: 3) { nodes { code name } } }')).toBe(1 + 3 * (2 + TEXT_WEIGHT));
    // every name: names (langs) × (1 + text TEXT_WEIGHT)
    expect(weighed('{ sdgTargets(first: 3) { nodes { names { text } } } }')).toBe(1 + 3 * (1 + table.langs * (1 + TEXT_WEIGHT)));
    expect(estimateCost(schema, parse('{ sdgTargets(first: 3) { nodes { names { text } } } }'), table)).toBe(1 + 3 * (1 + table.langs * 2));
  });

  it('recomputes after the graph changes, with a new generation', async () => {
    const store = smallGraph();
    const bounds = new FanOutBounds(store, specs, 6);
    const before = await bounds.current();
    await store.applyWrites([
      { op: 'createNode', node: testNode('ActionLine', 'C3') },
      { op: 'createEdge', edge: testEdge('MATRIX_LINK', 'ActionLine:C3', 'SdgTarget:9.1') },
    ]);
    expect((await bounds.current()).generation).toBe(before.generation); // not told yet: the table stands
    bounds.invalidate();
    await bounds.current(); // starts the recomputation in the background and answers the previous table
    await new Promise((resolve) => setTimeout(resolve, 50));
    const after = await bounds.current();
    expect([after.generation, after.fields.get('SdgTarget.actionLines')]).toEqual([before.generation + 1, 3]); // 9.1: C1, C2, C3
    expect(after.fields.get('ActionLine.sdgTargets')).toBe(3);
    expect(before.fields.get('SdgTarget.actionLines')).toBe(2);
  });

  it('gives every field the bound of a plain count over all links, on the seeds and on them grown ×5', async () => {
    const real = loadSeeds();
    for (const seeds of [real, growSeeds(real, 5)]) {
      const nodes = seeds.nodeFiles.flatMap((file) => file.records);
      const edges = seeds.edgeFiles.flatMap((file) => file.records);
      const store = new EmbeddedGraphStore({ nodes, edges, dataset: { version: 'test', builtAt: '2026-01-01T00:00:00Z' } });
      const table = await computeFanOut(store, specs, 6);
      const expected = plainFanOuts(edges, specs);
      expect(table.fields).toEqual(expected);
      expect([...expected.values()].filter((bound) => bound > 0).length).toBeGreaterThan(specs.size / 2);
    }
  });
});
