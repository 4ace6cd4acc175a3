import type { GraphNode } from '../../domain/graph-records';
import { LANGS, pickLocalized, type Lang } from '../../domain/lang';
import type { Direction } from '../../store/graph-store';
import type { EdgeType } from '../../domain/edge-types';
import type { GraphQLContext } from '../context';
import { linksConnection } from './link-connections';
import { linksAt, walks } from './relations';

/** The fields of `interface Node`, the same for every node type; each type's resolvers spread these. */
export const nodeFields = {
  name: (node: GraphNode, args: { lang: Lang }) => pickLocalized(node.name, args.lang).text,
  localizedName: (node: GraphNode, args: { lang: Lang }) => localized(node, args.lang),
  names: (node: GraphNode) =>
    LANGS.filter((lang) => node.name[lang] !== undefined).map((lang) => ({ text: node.name[lang]!, lang, fallback: false })),
  provenance: (node: GraphNode) => node.provenance,
  uri: (node: GraphNode) => (typeof node.props.uri === 'string' ? node.props.uri : null),
  uriConfidence: (node: GraphNode) => (typeof node.props.uriConfidence === 'string' ? node.props.uriConfidence : null),
  sameAs: (node: GraphNode) => (Array.isArray(node.props.sameAs) ? node.props.sameAs : []),
  // Bounded for the cost limit as if every type in both directions were asked for.
  links: walks(
    (node: GraphNode, args: { types?: EdgeType[] | null; direction: Direction }, ctx: GraphQLContext) =>
      linksAt(ctx, node.id, args.direction, args.types ?? []),
    { direction: 'both', types: [] },
  ),
  linksConnection,
};

function localized(node: GraphNode, lang: Lang) {
  const picked = pickLocalized(node.name, lang);
  return { text: picked.text, lang: picked.lang, fallback: picked.lang !== lang };
}
