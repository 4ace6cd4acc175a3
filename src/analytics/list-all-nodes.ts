import type { GraphNode } from '../domain/graph-records';
import type { NodeType } from '../domain/node-types';
import type { GraphStore, NodeFilter } from '../store/graph-store';

// Big pages: the axes of a matrix are a few hundred nodes at most, so this is one call per type.
const PAGE = 1000;

/** Every node of a type (optionally filtered), in code order, paging through `listNodes`. */
export async function listAllNodes(store: GraphStore, type: NodeType, filter?: NodeFilter): Promise<GraphNode[]> {
  const nodes: GraphNode[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await store.listNodes({ type, filter, first: PAGE, after });
    nodes.push(...page.nodes);
    if (!page.hasNextPage || page.cursors.length === 0) return nodes;
    after = page.cursors.at(-1);
  }
}
