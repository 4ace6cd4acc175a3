import { exportGraph } from '../../../src/analytics/export-graph';
import { toGraphml } from '../../../src/analytics/to-graphml';
import { countCalls, createFixtureStore, FIXTURE_EDGES, FIXTURE_NODES, node } from './fixtures';

describe('analytics: graph export', () => {
  it('exports the whole graph: every node and every link', async () => {
    const graph = await exportGraph(createFixtureStore());
    expect(graph.nodes.map((n) => n.id).sort()).toEqual(FIXTURE_NODES.map((n) => n.id).sort());
    expect(graph.edges.map((e) => e.id)).toEqual(FIXTURE_EDGES.map((e) => e.id).sort());
  });

  it('exports a neighbourhood: nodes within hops and the links among them, one store call per level', async () => {
    const { store, calls } = countCalls(createFixtureStore());
    const graph = await exportGraph(store, { node: 'ActionLine:C7', hops: 1 });
    expect(graph.nodes.map((n) => n.id)).toEqual(['ActionLine:C7', 'ActionLine:C7.e-health', 'Entity:B']);
    expect(graph.edges.map((e) => e.id)).toEqual(['FACILITATES|Entity:B|ActionLine:C7', 'SUB_LINE_OF|ActionLine:C7.e-health|ActionLine:C7']);
    expect(calls).toEqual(['getNodes:1', 'getNeighbours:1', 'getNeighbours:2']);
  });

  it('refuses an unknown node with NOT_FOUND naming the argument', async () => {
    await expect(exportGraph(createFixtureStore(), { node: 'Entity:Z', hops: 1 })).rejects.toMatchObject({ code: 'NOT_FOUND', details: { argument: 'node' } });
  });

  it('writes GraphML with escaped text and one element per node and link', () => {
    const a = node('Entity', 'A&B', {}, 'Fish <&> "chips"');
    const xml = toGraphml({ nodes: [a], edges: [] });
    expect(xml).toContain('<node id="Entity:A&amp;B">');
    expect(xml).toContain('<data key="name_en">Fish &lt;&amp;&gt; &quot;chips&quot;</data>');
    expect(xml.match(/<node /g)).toHaveLength(1);
    expect(xml.match(/<edge /g)).toBeNull();
  });
});
