import type { GraphQLContext } from '../../../src/graphql/context';
import { distinctNodes, linksAt, nodesAt } from '../../../src/graphql/resolvers/relations';
import { createLoaders } from '../../../src/loaders/create-loaders';
import { createEmbeddedGraphStore } from '../../../src/store/embedded/create-embedded-graph-store';

// nodesAt builds its list without link views: it must answer what the far ends of linksAt give.
const store = createEmbeddedGraphStore();
const contextOf = (): GraphQLContext => ({ loaders: createLoaders(store) }) as unknown as GraphQLContext;

describe('relationship fields: nodesAt equals the far ends of linksAt', () => {
  it('lists for nodesAt the distinct far ends of linksAt, filtered by node type, in code order', async () => {
    const edges = await store.listEdges({ types: ['MATRIX_LINK'] });
    const ids = [...new Set(edges.map((e) => e.from))];
    for (const id of ids) {
      for (const nodeTypes of [undefined, ['SdgTarget'] as const]) {
        const ctx = contextOf();
        const links = await linksAt(ctx, id, 'out', ['MATRIX_LINK'], nodeTypes);
        expect(await nodesAt(ctx, id, 'out', ['MATRIX_LINK'], nodeTypes)).toEqual(distinctNodes(links.map((l) => l.other!)));
      }
    }
  });
});
