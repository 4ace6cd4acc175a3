import { LEADERSHIP_ROLES, PARTNERSHIP_ROLES } from '../../domain/edge-types';
import type { GraphQLContext } from '../context';
import { linkEvidenceFields } from './evidence';
import type { LinkView } from './relations';
import { memberOrNull, partialDateOrNull } from './typed-twins';

const propOf = (key: string) => (link: LinkView) => link.edge.props[key] ?? null;
const dateOf = (key: string) => (link: LinkView) => partialDateOrNull(link.edge.props[key]);

/**
 * The fields every typed view of a link has (Facilitation, Activity, Mandate, MatrixLink): an id
 * of its own, `<View>:<link id>`, so that no two types share an id (normalised caches key
 * records by id), and the `Link` it reads, without a far end so that it is the same wherever it
 * is reached.
 */
function viewOf(typeName: string) {
  return {
    ...linkEvidenceFields,
    id: (link: LinkView) => `${typeName}:${link.edge.id}`,
    link: (link: LinkView): LinkView => ({ edge: link.edge }),
  };
}

/** Resolvers of `Link`, the generic view of any relationship. */
export const Link = {
  ...linkEvidenceFields,
  type: (link: LinkView) => link.edge.type,
  from: (link: LinkView, _args: unknown, ctx: GraphQLContext) => ctx.loaders.node.load(link.edge.from),
  to: (link: LinkView, _args: unknown, ctx: GraphQLContext) => ctx.loaders.node.load(link.edge.to),
  node: (link: LinkView, _args: unknown, ctx: GraphQLContext) => link.other ?? ctx.loaders.node.load(link.edge.to),
  // FacilitatorRole is FACILITATES' vocabulary; a LED_BY role (`secretariat`, `co_chair`) is not one of its values.
  role: (link: LinkView) => (link.edge.type === 'FACILITATES' ? (link.edge.props.role ?? null) : null),
  leadRole: (link: LinkView) => (link.edge.type === 'LED_BY' || link.edge.type === 'PARTNER' ? (link.edge.props.role ?? null) : null),
  leadershipRole: (link: LinkView) => (link.edge.type === 'LED_BY' ? memberOrNull(LEADERSHIP_ROLES, link.edge.props.role) : null),
  partnershipRole: (link: LinkView) => (link.edge.type === 'PARTNER' ? memberOrNull(PARTNERSHIP_ROLES, link.edge.props.role) : null),
  rationale: propOf('rationale'),
  relation: propOf('relation'),
  action: propOf('action'),
  label: propOf('label'),
  since: propOf('since'),
  until: propOf('until'),
  sinceDate: dateOf('since'),
  untilDate: dateOf('until'),
};

/** Resolvers of `Facilitation`: a FACILITATES link seen from either end. */
export const Facilitation = {
  ...viewOf('Facilitation'),
  role: propOf('role'),
  roleWordInSource: propOf('roleWordInSource'),
  roleWordsInSources: (link: LinkView) => (Array.isArray(link.edge.props.roleWordsInSources) ? link.edge.props.roleWordsInSources : []),
  since: propOf('since'),
  until: propOf('until'),
  sinceDate: dateOf('since'),
  untilDate: dateOf('until'),
  entity: (link: LinkView, _args: unknown, ctx: GraphQLContext) => ctx.loaders.node.load(link.edge.from),
  actionLine: (link: LinkView, _args: unknown, ctx: GraphQLContext) => ctx.loaders.node.load(link.edge.to),
};

/** Resolvers of `Activity`: a REPORTS_ACTIVITY link. */
export const Activity = {
  ...viewOf('Activity'),
  label: propOf('label'),
  entity: Facilitation.entity,
  actionLine: Facilitation.actionLine,
};

/** Resolvers of `MatrixLink`: a MATRIX_LINK from an action line to a target or goal. */
export const MatrixLink = {
  ...viewOf('MatrixLink'),
  level: (link: LinkView) => (link.edge.to.startsWith('SdgTarget:') ? 'target' : 'goal'),
  rationale: propOf('rationale'),
  actionLine: (link: LinkView, _args: unknown, ctx: GraphQLContext) => ctx.loaders.node.load(link.edge.from),
  target: (link: LinkView, _args: unknown, ctx: GraphQLContext) =>
    link.edge.to.startsWith('SdgTarget:') ? ctx.loaders.node.load(link.edge.to) : null,
  goal: async (link: LinkView, _args: unknown, ctx: GraphQLContext) => {
    if (!link.edge.to.startsWith('SdgTarget:')) return ctx.loaders.node.load(link.edge.to);
    const goals = await ctx.loaders.neighbours.load({ id: link.edge.to, direction: 'out', types: ['TARGET_OF'] });
    return goals[0]?.node ?? null;
  },
};

/** Resolvers of `Mandate`: a MANDATES or ASKS link from a text to the body it asks to act. */
export const Mandate = {
  ...viewOf('Mandate'),
  kind: (link: LinkView) => link.edge.type,
  by: (link: LinkView, _args: unknown, ctx: GraphQLContext) => ctx.loaders.node.load(link.edge.from),
  assignee: (link: LinkView, _args: unknown, ctx: GraphQLContext) => ctx.loaders.node.load(link.edge.to),
  document: (link: LinkView) => link.edge.provenance.sources[0]?.document ?? null,
  paragraph: (link: LinkView) => link.edge.provenance.sources[0]?.paragraph ?? null,
  action: propOf('action'),
  relation: propOf('relation'),
};
