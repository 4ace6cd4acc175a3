import type { EdgeType } from '../domain/edge-types';
import type { GraphEdge, GraphNode } from '../domain/graph-records';
import type { GraphStore } from '../store/graph-store';
import { requireNodes } from './require-node';

/** A path: `nodes[i]` and `nodes[i + 1]` are joined by `edges[i]` (in either direction). */
export interface GraphPath {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

export interface PathQuery {
  from: string;
  to: string;
  /** Longest path, in links; the caller bounds it (MAX_PATH_HOPS). */
  maxHops: number;
  /** Most paths returned. */
  first: number;
  /** Only links of these types; every type when absent or empty. */
  linkTypes?: readonly EdgeType[];
}

/**
 * The shortest paths between two nodes, links followed in either direction,
 * as explanations ("C5 ← 29(c) → SDG 16"). Breadth-first from `from`, one
 * `getNeighbours` call per level for the whole frontier, stopping at the
 * level where `to` is met or after `maxHops` levels. Every shortest path is
 * a candidate; the first `first` are returned in a stable order (by the ids
 * of their links, compared from the `to` end). `[]` when none is within `maxHops`;
 * `from` equal to `to` gives the one path of no links.
 *
 * @throws BadUserInputError / NotFoundError for an id that is malformed / unknown (argument `from` or `to`).
 */
export async function findPaths(store: GraphStore, query: PathQuery): Promise<GraphPath[]> {
  const [from, to] = await requireNodes(store, [
    { argument: 'from', id: query.from },
    { argument: 'to', id: query.to },
  ]);
  if (from!.id === to!.id) return [{ nodes: [from!], edges: [] }];
  const nodes = new Map<string, GraphNode>([[from!.id, from!]]);
  // For every node reached: its distance and the links that reach it from the level before.
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
  return enumerate(to!.id, parents, query.first).map((ids) => ({
    nodes: ids.nodes.map((id) => nodes.get(id)!),
    edges: ids.edges,
  }));
}

// Walks parent links back from `to`, depth-first in link-id order, and stops
// after `first` paths, so a node with many shortest paths costs only what is returned.
function enumerate(
  to: string,
  parents: ReadonlyMap<string, readonly { edge: GraphEdge; prev: string }[]>,
  first: number,
): { nodes: string[]; edges: GraphEdge[] }[] {
  const paths: { nodes: string[]; edges: GraphEdge[] }[] = [];
  const walk = (at: string, nodes: string[], edges: GraphEdge[]) => {
    if (paths.length >= first) return;
    const incoming = parents.get(at)!;
    if (incoming.length === 0) {
      paths.push({ nodes: [at, ...nodes], edges: [...edges] });
      return;
    }
    for (const { edge, prev } of [...incoming].sort((a, b) => (a.edge.id < b.edge.id ? -1 : a.edge.id > b.edge.id ? 1 : 0))) {
      walk(prev, [at, ...nodes], [edge, ...edges]);
    }
  };
  walk(to, [], []);
  return paths;
}
