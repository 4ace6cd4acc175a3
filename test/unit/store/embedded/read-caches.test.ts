import { EmbeddedGraphStore } from '../../../../src/store/embedded/embedded-graph-store';
import { testEdge, testNode } from '../../../support/graph-records';

// The embedded store keeps neighbour lists and per-type edge lists between calls; every write
// must show in the next read, as if nothing were remembered.
const node = (type: 'ActionLine' | 'SdgTarget' | 'SdgGoal', code: string, en: string) => testNode(type, code, { en });
const edge = testEdge;

function createStore(): EmbeddedGraphStore {
  return new EmbeddedGraphStore({
    nodes: [node('ActionLine', 'C2', 'Infrastructure'), node('SdgTarget', '9.c', 'Access'), node('SdgGoal', '9', 'Industry')],
    edges: [edge('MATRIX_LINK', 'ActionLine:C2', 'SdgTarget:9.c', { rationale: 'first' }), edge('TARGET_OF', 'SdgTarget:9.c', 'SdgGoal:9')],
    dataset: { version: '0.0.0+test', builtAt: '2026-01-01T00:00:00Z' },
  });
}

const neighboursOf = async (store: EmbeddedGraphStore, id: string) =>
  (await store.getNeighbours([{ id, direction: 'both' }]))[0]!.map((n) => ({ edge: n.edge.id, node: n.node.name.en, rationale: n.edge.props.rationale }));

describe('store: embedded read caches follow every write', () => {
  it('shows a renamed node in its neighbours’ lists', async () => {
    const store = createStore();
    expect(await neighboursOf(store, 'ActionLine:C2')).toEqual([{ edge: 'MATRIX_LINK|ActionLine:C2|SdgTarget:9.c', node: 'Access', rationale: 'first' }]);
    await store.applyWrites([{ op: 'updateNode', node: node('SdgTarget', '9.c', 'Access to ICT') }]);
    expect(await neighboursOf(store, 'ActionLine:C2')).toEqual([{ edge: 'MATRIX_LINK|ActionLine:C2|SdgTarget:9.c', node: 'Access to ICT', rationale: 'first' }]);
  });

  it('shows an updated, a created and a deleted link at both ends and in listEdges and counts', async () => {
    const store = createStore();
    await neighboursOf(store, 'SdgTarget:9.c');
    await store.listEdges({ types: ['MATRIX_LINK'] });
    await store.applyWrites([{ op: 'updateEdge', edge: edge('MATRIX_LINK', 'ActionLine:C2', 'SdgTarget:9.c', { rationale: 'second' }) }]);
    expect((await neighboursOf(store, 'SdgTarget:9.c')).map((n) => n.rationale)).toEqual(['second', undefined]);

    await store.applyWrites([{ op: 'createEdge', edge: edge('MATRIX_LINK', 'ActionLine:C2', 'SdgGoal:9') }]);
    expect((await store.listEdges({ types: ['MATRIX_LINK'] })).map((e) => e.id)).toEqual([
      'MATRIX_LINK|ActionLine:C2|SdgGoal:9',
      'MATRIX_LINK|ActionLine:C2|SdgTarget:9.c',
    ]);
    expect((await neighboursOf(store, 'SdgGoal:9')).map((n) => n.edge)).toEqual(['MATRIX_LINK|ActionLine:C2|SdgGoal:9', 'TARGET_OF|SdgTarget:9.c|SdgGoal:9']);

    await store.applyWrites([{ op: 'deleteNode', id: 'SdgTarget:9.c' }]);
    expect(await store.listEdges({ types: ['MATRIX_LINK', 'TARGET_OF'] })).toHaveLength(1);
    expect((await neighboursOf(store, 'SdgGoal:9')).map((n) => n.edge)).toEqual(['MATRIX_LINK|ActionLine:C2|SdgGoal:9']);
    expect((await store.counts()).edges.filter((c) => c.count > 0)).toEqual([{ type: 'MATRIX_LINK', count: 1 }]);
  });

  it('takes back cached state with a batch that fails', async () => {
    const store = createStore();
    await neighboursOf(store, 'ActionLine:C2');
    await expect(
      store.applyWrites([
        { op: 'updateEdge', edge: edge('MATRIX_LINK', 'ActionLine:C2', 'SdgTarget:9.c', { rationale: 'lost' }) },
        { op: 'deleteNode', id: 'SdgTarget:9.x' },
      ]),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await neighboursOf(store, 'ActionLine:C2')).map((n) => n.rationale)).toEqual(['first']);
  });

  it('hands out lists the caller may change without changing the store', async () => {
    const store = createStore();
    const first = (await store.getNeighbours([{ id: 'SdgTarget:9.c', direction: 'both' }]))[0]!;
    first.length = 0;
    expect(await neighboursOf(store, 'SdgTarget:9.c')).toHaveLength(2);
  });
});
