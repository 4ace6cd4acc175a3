import type { GraphNode } from '../../domain/graph-records';
import type { GraphQLContext } from '../context';
import { connectionOfLinks } from './link-connections';
import { nodeFields } from './node-fields';
import { linksAt, linksVia, nodeVia, nodesAt, nodesVia, prop, type LinkView } from './relations';
import { partialDateOrNull } from './typed-twins';

const RESOLUTION_RELATIONS = ['REVISES', 'REAFFIRMS', 'FOLLOWS_UP', 'ENDORSES', 'RECALLS', 'BUILDS_ON'] as const;

/** Resolvers of `Resolution`. */
export const Resolution = {
  ...nodeFields,
  symbol: prop('symbol'),
  body: prop('body'),
  instrument: prop('instrument'),
  date: prop('date'),
  partialDate: (resolution: GraphNode) => partialDateOrNull(resolution.props.date),
  year: prop('year'),
  venue: prop('venue'),
  shortLabel: prop('shortLabel'),
  mandates: resolutionMandates,
  mandatesConnection: connectionOfLinks(resolutionMandates),
  paragraphs: nodesVia('in', ['PART_OF'], ['Paragraph']),
  relations: linksVia('out', RESOLUTION_RELATIONS),
  citedBy: linksVia('in', RESOLUTION_RELATIONS),
  adoptedAt: nodeVia('out', ['ADOPTED_AT'], ['Meeting']),
};

// The text's own MANDATES links and those of its paragraphs, in link-id order.
async function resolutionMandates(node: GraphNode, _args: unknown, ctx: GraphQLContext): Promise<LinkView[]> {
  const [own, paragraphs] = await Promise.all([
    linksAt(ctx, node.id, 'out', ['MANDATES', 'ASKS']),
    nodesAt(ctx, node.id, 'in', ['PART_OF'], ['Paragraph']),
  ]);
  const ofParagraphs = await Promise.all(paragraphs.map((p) => linksAt(ctx, p.id, 'out', ['MANDATES', 'ASKS'])));
  return [...own, ...ofParagraphs.flat()].sort((a, b) => (a.edge.id < b.edge.id ? -1 : 1));
}
