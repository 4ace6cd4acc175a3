import DataLoader from 'dataloader';
import type { GraphEdge, GraphNode } from '../domain/graph-records';
import type { GraphStore, Neighbour, NeighbourQuery } from '../store/graph-store';
import { resolveNodeIds } from '../store/resolve-node-ids';

/**
 * The per-request DataLoaders over the store port's batch methods. A new set
 * is made for every request (so one user's writes or cache never leak into
 * another's answers); within a request, every lookup made in one tick of the
 * event loop becomes one store call, so a nested query costs a number of
 * store calls bounded by its depth, not by the number of nodes it returns.
 */
export interface Loaders {
  node: DataLoader<string, GraphNode | null>;
  /** Like `node`, but an id that is an alias of a merged record answers the surviving node (`node(id:)`, `nodes(ids:)`). */
  nodeOrAlias: DataLoader<string, GraphNode | null>;
  edge: DataLoader<string, GraphEdge | null>;
  neighbours: DataLoader<NeighbourQuery, Neighbour[], string>;
  /**
   * The port's two batch reads, served through `node` and `neighbours`: an
   * analysis that takes a store (`findCarriedMandates`) and runs once per
   * parent in a list makes one store call per step for all of them together,
   * not one per parent, and shares what the request has already read.
   */
  reads: BatchedReads;
}

/** The part of the port an analysis per parent node needs; see {@link Loaders.reads}. */
export type BatchedReads = Pick<GraphStore, 'getNodes' | 'getNeighbours'>;

export function createLoaders(store: GraphStore): Loaders {
  const node = new DataLoader<string, GraphNode | null>((ids) => store.getNodes(ids));
  const edge = new DataLoader<string, GraphEdge | null>((ids) => store.getEdges(ids));
  const neighbours = new DataLoader<NeighbourQuery, Neighbour[], string>(
    async (queries) => {
      const results = await store.getNeighbours(queries);
      // The nodes at the other ends are now known: later lookups of them need no store call.
      for (const list of results) for (const { node: other } of list) node.prime(other.id, other);
      return results;
    },
    { cacheKeyFn: neighbourKey },
  );
  const nodeOrAlias = new DataLoader<string, GraphNode | null>(async (ids) => {
    const found = await resolveNodeIds(store, ids);
    for (const n of found) if (n) node.prime(n.id, n);
    return found;
  });
  const reads: BatchedReads = {
    getNodes: async (ids) => valuesOrThrow(await node.loadMany(ids)),
    getNeighbours: async (queries) => valuesOrThrow(await neighbours.loadMany(queries)),
  };
  return { node, nodeOrAlias, edge, neighbours, reads };
}

// `loadMany` answers an Error in place of a value whose batch failed; the port throws instead.
function valuesOrThrow<T>(values: readonly (T | Error)[]): T[] {
  return values.map((value) => {
    if (value instanceof Error) throw value;
    return value;
  });
}

function neighbourKey(query: NeighbourQuery): string {
  return `${query.direction}|${typesKey(query.types)}|${query.id}`;
}

// The resolvers pass the same constant list of link types for a field on every call (hundreds per
// deep query): its sorted form is made once per list.
const typesKeys = new WeakMap<readonly string[], string>();

function typesKey(types: readonly string[] | undefined): string {
  if (!types || types.length === 0) return '*';
  let key = typesKeys.get(types);
  if (key === undefined) {
    key = [...types].sort().join(',');
    typesKeys.set(types, key);
  }
  return key;
}
