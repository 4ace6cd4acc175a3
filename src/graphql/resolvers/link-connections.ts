import type { GraphNode } from '../../domain/graph-records';
import type { EdgeType } from '../../domain/edge-types';
import type { Direction } from '../../store/graph-store';
import { pageArgsOf } from '../connection-args';
import type { GraphQLContext } from '../context';
import { sliceConnection } from '../slice-connection';
import { linksAt, RELATION, walks, type LinkView, type RelationSpec } from './relations';

/**
 * Relationship lists as Relay connections (`linksConnection`, `mandatedByConnection`, …). The
 * links at a node come whole from the request's loaders (one batched store call per level, as for
 * the plain lists), and a page is cut from them by link id, so cursors are link positions.
 */

/** What `NodeLink` resolves from: the link, the node it was reached from, and the node at its far end. */
export interface NodeLinkView {
  edge: LinkView['edge'];
  at: string;
  other: GraphNode;
}

/** `linksConnection(types, direction, first, after, last, before)` of every node type. */
export const linksConnection = walks(
  async (node: GraphNode, args: { types?: EdgeType[] | null; direction?: Direction } & Record<string, unknown>, ctx: GraphQLContext) => {
    const page = pageArgsOf(args, ctx.limits.MAX_PAGE_SIZE);
    const links = await linksAt(ctx, node.id, args.direction ?? 'both', args.types ?? []);
    const views: NodeLinkView[] = links.map((link) => ({ edge: link.edge, at: node.id, other: link.other! }));
    return sliceConnection(views, (view) => view.edge.id, page, 'link');
  },
  // Bounded for the cost limit as if every type in both directions were asked for.
  { direction: 'both', types: [] },
);

/** Resolvers of `NodeLink`. The `link` carries no far end, so `Link` resolves the same wherever it is reached. */
export const NodeLink = {
  link: (view: NodeLinkView): LinkView => ({ edge: view.edge }),
  node: (view: NodeLinkView) => view.other,
  direction: (view: NodeLinkView) => (view.edge.from === view.at ? 'out' : 'in'),
};

/**
 * A connection over a list resolver of links (`mandatedBy`, `activities`, …): the same links,
 * in link-id order, paged. Keeps the list's relation spec, so the cost limit bounds both alike.
 */
export function connectionOfLinks<P>(list: (parent: P, args: Record<string, unknown>, ctx: GraphQLContext) => Promise<LinkView[]>) {
  const resolver = async (parent: P, args: Record<string, unknown>, ctx: GraphQLContext) => {
    const page = pageArgsOf(args, ctx.limits.MAX_PAGE_SIZE);
    const links = await list(parent, {}, ctx);
    return sliceConnection(inIdOrder(links), (link) => link.edge.id, page, 'link');
  };
  const spec = (list as { [RELATION]?: RelationSpec })[RELATION];
  return spec ? walks(resolver, spec) : resolver;
}

// One item per link, in id order (a list reached through several paths, as a text's mandates through its paragraphs, may repeat one).
function inIdOrder(links: readonly LinkView[]): LinkView[] {
  const byId = new Map(links.map((link) => [link.edge.id, link]));
  return [...byId.values()].sort((a, b) => (a.edge.id < b.edge.id ? -1 : a.edge.id > b.edge.id ? 1 : 0));
}
