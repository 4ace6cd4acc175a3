import DataLoader from 'dataloader';
import type { GraphEdge, GraphNode } from '../../src/domain/graph-records';
import type { Loaders } from '../../src/loaders/create-loaders';
import type { GraphStore, Neighbour, NeighbourQuery } from '../../src/store/graph-store';
import { resolveNodeIds } from '../../src/store/resolve-node-ids';

/**
 * The loaders of the benchmark's naive build: the same shape as
 * `createLoaders`, so the real resolvers run unchanged, but with batching and
 * caching off. Every `load` is its own store call with one key, and nothing
 * is remembered within a request: what a GraphQL server without DataLoader
 * does when each field resolver asks the store for what it needs.
 */
export function createNaiveLoaders(store: GraphStore): Loaders {
  const options = { batch: false, cache: false } as const;
  return {
    node: new DataLoader<string, GraphNode | null>((ids) => store.getNodes(ids), options),
    nodeOrAlias: new DataLoader<string, GraphNode | null>((ids) => resolveNodeIds(store, ids), options),
    edge: new DataLoader<string, GraphEdge | null>((ids) => store.getEdges(ids), options),
    neighbours: new DataLoader<NeighbourQuery, Neighbour[], string>((queries) => store.getNeighbours(queries), options),
    // The store itself: an analysis per parent node makes its own calls, as it did before loaders served it.
    reads: store,
  };
}
