import type { GraphNode } from '../domain/graph-records';
import { NODE_TYPES } from '../domain/node-types';
import { toSortKey } from '../domain/sort-key';

/**
 * The aliases a node carries: the ids of records merged into it, kept in
 * `props.aliases` (see `src/seeds/import/id-map.ts`). A list counts by its
 * string elements, a single string as itself, anything else as none: exactly
 * the values a `listNodes` filter `{ props: { aliases: id } }` matches.
 */
export function aliasesOf(node: GraphNode): string[] {
  const value = node.props.aliases;
  if (Array.isArray(value)) return value.filter((alias): alias is string => typeof alias === 'string');
  return typeof value === 'string' ? [value] : [];
}

/**
 * Of the nodes that carry one alias, the one that answers it (`GraphStore.getNodesByAlias`):
 * the first by node type in vocabulary order, then in list order (code sort key, then id);
 * `null` for none. One rule for both stores, so that they agree even on a doubled alias.
 */
export function firstAliasHolder(holders: readonly GraphNode[]): GraphNode | null {
  let best: GraphNode | null = null;
  for (const node of holders) if (best === null || holderBefore(node, best)) best = node;
  return best;
}

function holderBefore(a: GraphNode, b: GraphNode): boolean {
  if (a.type !== b.type) return NODE_TYPES.indexOf(a.type) < NODE_TYPES.indexOf(b.type);
  const [keyA, keyB] = [toSortKey(a.code), toSortKey(b.code)];
  if (keyA !== keyB) return keyA < keyB;
  return a.id < b.id;
}
