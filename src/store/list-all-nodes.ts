import type { GraphNode } from '../domain/graph-records';
import type { GraphStore, ListNodesQuery } from './graph-store';

/** Nodes read per `listNodes` call while paging through a whole list. */
export const LIST_ALL_PAGE_SIZE = 1000;

/**
 * Every node of a type (and filter), in list order, read page by page through
 * the port's cursors: for the API's plain lists (`gdcObjectives`,
 * `mappingStudies`, `MappingStudy.versions`), which promise every item and so
 * must not stop at a page size nobody sees. One store call per
 * {@link LIST_ALL_PAGE_SIZE} nodes; the cost limit bounds how much of such a
 * list a query may ask for, by the list's size in the data.
 */
export async function listAllNodes(store: Pick<GraphStore, 'listNodes'>, query: Omit<ListNodesQuery, 'first' | 'after' | 'withTotal'>): Promise<GraphNode[]> {
  const nodes: GraphNode[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await store.listNodes({ ...query, first: LIST_ALL_PAGE_SIZE, after });
    nodes.push(...page.nodes);
    if (!page.hasNextPage || page.cursors.length === 0) return nodes;
    after = page.cursors.at(-1);
  }
}
