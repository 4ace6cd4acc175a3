import type { EdgeType } from '../../domain/edge-types';
import type { GraphEdge, GraphNode, PropValue } from '../../domain/graph-records';
import type { NodeType } from '../../domain/node-types';
import { compareCodes } from '../../domain/sort-key';
import type { Direction } from '../../store/graph-store';
import type { GraphQLContext } from '../context';

/**
 * Building blocks that keep the per-type resolver files one line a field:
 * walking relationships through the request's loaders, and reading node
 * properties. Relationship fields return nodes in code order and links in
 * link-id order, so answers are stable across stores.
 */

/** A link as the API shows it: the edge, and the node at its far end when it was reached from a node. */
export interface LinkView {
  edge: GraphEdge;
  other?: GraphNode;
}

/** The links at `id` of the given types and direction, optionally only those whose far end is of `nodeTypes`. */
export async function linksAt(
  ctx: GraphQLContext,
  id: string,
  direction: Direction,
  types: readonly EdgeType[],
  nodeTypes?: readonly NodeType[],
): Promise<LinkView[]> {
  const neighbours = await ctx.loaders.neighbours.load({ id, direction, types });
  const links: LinkView[] = [];
  for (const { edge, node } of neighbours) if (!nodeTypes || nodeTypes.includes(node.type)) links.push({ edge, other: node });
  return links;
}

/** The distinct nodes at the far end of those links, in code order. */
export async function nodesAt(
  ctx: GraphQLContext,
  id: string,
  direction: Direction,
  types: readonly EdgeType[],
  nodeTypes?: readonly NodeType[],
): Promise<GraphNode[]> {
  // The far ends straight from the neighbours: no link view per node (a deep query reads thousands).
  const neighbours = await ctx.loaders.neighbours.load({ id, direction, types });
  const nodes: GraphNode[] = [];
  for (const { node } of neighbours) if (!nodeTypes || nodeTypes.includes(node.type)) nodes.push(node);
  return distinctNodes(nodes);
}

/**
 * Which links a relationship list field walks, kept on its resolver (under
 * {@link RELATION}) so that the cost limit can bound the list by the largest
 * such fan-out in the loaded graph (`src/graphql/cost/`): one source for both.
 * Empty `types` means every link type.
 */
export interface RelationSpec {
  direction: Direction;
  types: readonly EdgeType[];
  nodeTypes?: readonly NodeType[];
}

export const RELATION = Symbol('relation');

/** Marks a list resolver with the links it walks. */
export function walks<F extends object>(resolver: F, spec: RelationSpec): F & { [RELATION]: RelationSpec } {
  return Object.assign(resolver, { [RELATION]: spec });
}

/** A field resolver listing linked nodes. */
export function nodesVia(direction: Direction, types: readonly EdgeType[], nodeTypes?: readonly NodeType[]) {
  return walks((parent: GraphNode, _args: unknown, ctx: GraphQLContext) => nodesAt(ctx, parent.id, direction, types, nodeTypes), {
    direction,
    types,
    nodeTypes,
  });
}

/** A field resolver for one linked node (the first in code order), or null. */
export function nodeVia(direction: Direction, types: readonly EdgeType[], nodeTypes?: readonly NodeType[]) {
  return async (parent: GraphNode, _args: unknown, ctx: GraphQLContext) =>
    (await nodesAt(ctx, parent.id, direction, types, nodeTypes))[0] ?? null;
}

/** A field resolver listing links with their evidence. */
export function linksVia(direction: Direction, types: readonly EdgeType[], nodeTypes?: readonly NodeType[]) {
  return walks((parent: GraphNode, _args: unknown, ctx: GraphQLContext) => linksAt(ctx, parent.id, direction, types, nodeTypes), {
    direction,
    types,
    nodeTypes,
  });
}

/** A field resolver for a scalar property; null when the node does not have it. */
export function prop(key: string) {
  return (parent: GraphNode): PropValue | null => parent.props[key] ?? null;
}

/** A field resolver for a list property; `[]` when absent. */
export function listProp(key: string) {
  return (parent: GraphNode): readonly unknown[] => {
    const value = parent.props[key];
    return value === undefined ? [] : Array.isArray(value) ? value : [value];
  };
}

/** The nodes without repeats (by id), in code order, then id order. */
export function distinctNodes(nodes: readonly GraphNode[]): GraphNode[] {
  // Most lists are short and already in order (a store's neighbours, one level of a traversal): one pass
  // tells, and a list in strictly increasing order has no repeat (a repeat compares equal to itself).
  if (inStrictOrder(nodes)) return nodes.slice();
  const byId = new Map(nodes.map((node) => [node.id, node]));
  return [...byId.values()].sort(compareNodes);
}

function compareNodes(a: GraphNode, b: GraphNode): number {
  return compareCodes(a.code, b.code) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function inStrictOrder(nodes: readonly GraphNode[]): boolean {
  for (let i = 1; i < nodes.length; i++) if (compareNodes(nodes[i - 1]!, nodes[i]!) >= 0) return false;
  return true;
}
