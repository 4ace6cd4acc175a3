import { EDGE_TYPES } from '../domain/edge-types';
import type { GraphEdge, GraphNode } from '../domain/graph-records';
import { NODE_TYPES } from '../domain/node-types';
import { compareCodes } from '../domain/sort-key';
import type { GraphStore } from '../store/graph-store';
import { listAllNodes } from './list-all-nodes';
import { requireNodes } from './require-node';

export interface GraphExport {
  /** Nodes by type in vocabulary order, each type in code order. */
  nodes: GraphNode[];
  /** Links in id order, both ends among `nodes`. */
  edges: GraphEdge[];
}

/**
 * The whole graph, or the neighbourhood of one node: the nodes within `hops`
 * links of it (either direction) and every link among them. Whole graph: one
 * `listNodes` per type and one `listEdges`. Neighbourhood: one
 * `getNeighbours` per level, plus one for the links among the outermost nodes.
 *
 * @throws BadUserInputError / NotFoundError for a malformed / unknown `node` id.
 */
export async function exportGraph(store: GraphStore, around?: { node: string; hops: number }): Promise<GraphExport> {
  if (!around) {
    const [lists, edges] = await Promise.all([
      Promise.all(NODE_TYPES.map((type) => listAllNodes(store, type))),
      store.listEdges({ types: EDGE_TYPES }),
    ]);
    return { nodes: lists.flat(), edges };
  }
  const [start] = await requireNodes(store, [{ argument: 'node', id: around.node }]);
  const nodes = new Map<string, GraphNode>([[start!.id, start!]]);
  const edges = new Map<string, GraphEdge>();
  let frontier = [start!.id];
  for (let level = 0; level <= around.hops && frontier.length > 0; level++) {
    const last = level === around.hops;
    const lists = await store.getNeighbours(frontier.map((id) => ({ id, direction: 'both' as const })));
    const next: string[] = [];
    for (const list of lists) {
      for (const { edge, node } of list) {
        // Beyond the last level only links among the nodes already in are kept.
        if (last && !nodes.has(node.id)) continue;
        edges.set(edge.id, edge);
        if (!nodes.has(node.id)) {
          nodes.set(node.id, node);
          next.push(node.id);
        }
      }
    }
    frontier = next;
  }
  const typeOrder = (node: GraphNode) => NODE_TYPES.indexOf(node.type);
  const inOrder = [...nodes.values()].sort((a, b) => typeOrder(a) - typeOrder(b) || compareCodes(a.code, b.code) || compare(a.id, b.id));
  return { nodes: inOrder, edges: [...edges.values()].sort((a, b) => compare(a.id, b.id)) };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
