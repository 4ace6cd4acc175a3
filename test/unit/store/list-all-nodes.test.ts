import { EmbeddedGraphStore } from '../../../src/store/embedded/embedded-graph-store';
import { LIST_ALL_PAGE_SIZE, listAllNodes } from '../../../src/store/list-all-nodes';
import { createCountingStore } from '../../support/counting-store';
import { testNode } from '../../support/graph-records';

// More principles than a page holds (the Compact has far fewer: this is about the list having no hidden cap).
const COUNT = 2 * LIST_ALL_PAGE_SIZE + 345;

describe('store: listAllNodes reads a whole list, page by page', () => {
  it('returns every node in list order, one store call per page', async () => {
    const nodes = Array.from({ length: COUNT }, (_, i) => testNode('GdcPrinciple', `p${i}`));
    const store = new EmbeddedGraphStore({ nodes, edges: [], dataset: { version: 'test', builtAt: '2025-01-01T00:00:00.000Z' } });
    const counting = createCountingStore(store);
    const all = await listAllNodes(counting.store, { type: 'GdcPrinciple' });
    const inOnePage = (await store.listNodes({ type: 'GdcPrinciple', first: 10 * COUNT })).nodes;
    expect(all.map((n) => n.code)).toEqual(inOnePage.map((n) => n.code));
    expect(all).toHaveLength(COUNT);
    expect(all.slice(0, 3).map((n) => n.code)).toEqual(['p0', 'p1', 'p2']);
    expect(all.slice(9, 11).map((n) => n.code)).toEqual(['p9', 'p10']); // code order, not string order
    expect(counting.countsByMethod()).toEqual({ listNodes: 3 });
  });
});
