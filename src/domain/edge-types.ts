import type { NodeType } from './node-types';
import { prop, type PropSpecs } from './prop-spec';

/** Roles in facilitating a WSIS action line (Tunis Agenda para 108; the roles as the sources name them). */
export const FACILITATOR_ROLES = ['lead_facilitator', 'co_facilitator', 'facilitator', 'contributor', 'former_lead'] as const;

/**
 * Roles in leading, convening or hosting an initiative, process or body (LED_BY): the words the
 * seeds record, each read in its source (seed 002 section 1 (a): `lead_organizer`,
 * `organizing_committee`, `head`; seed 002 section 2 (e): `co_chair`; seed 003: `parent`,
 * `under_the_auspices_of`, `set_up_by`, `carried_out_by`, `led_by`; UNGIS and IGF pages and seed
 * 004 para 83: `secretariat`; the IGF's page: `convener`). A new word is a vocabulary change here,
 * with its source, not a free-text value.
 */
export const LEADERSHIP_ROLES = [
  'lead_organizer',
  'organizing_committee',
  'head',
  'co_chair',
  'convener',
  'secretariat',
  'parent',
  'under_the_auspices_of',
  'set_up_by',
  'carried_out_by',
  'led_by',
] as const;

/** Roles in a partnership (PARTNER), as the seeds record them (seed 000 para 9.3: ITU a G20 DEWG knowledge partner). */
export const PARTNERSHIP_ROLES = ['knowledge_partner'] as const;

/**
 * The relationship vocabulary: every edge type, the node types it may join and
 * what it means. `seeds:check` rejects an edge whose ends are of other types,
 * and the README's data model table is this list. Each is also a Neo4j
 * relationship type, so names are SCREAMING_SNAKE and directed from the
 * "acting" side.
 */
export const EDGE_VOCABULARY = {
  SUB_LINE_OF: {
    from: ['ActionLine'],
    to: ['ActionLine'],
    doc: 'A C7 sub-line (e-government, …, e-science) is part of C7 (Geneva Plan of Action para 15).',
  },
  TARGET_OF: { from: ['SdgTarget'], to: ['SdgGoal'], doc: 'An SDG target belongs to its goal (A/RES/70/1).' },
  INDICATOR_OF: {
    from: ['SdgIndicator'],
    to: ['SdgTarget'],
    doc: 'An indicator measures a target; an indicator listed under several targets has one edge to each (UNSD global indicator framework).',
    props: { listedAs: prop.string() },
  },
  MATRIX_LINK: {
    from: ['ActionLine'],
    to: ['SdgTarget', 'SdgGoal'],
    doc: 'WSIS–SDG Matrix (2015) link from an action line to a target, or to a goal where the matrix links at goal level; carries the rationale.',
    props: { level: prop.enum(['target', 'goal']), goal: prop.string(), sourceRows: prop.strings(), pairStatus: prop.string(), rowGroup: prop.strings() },
  },
  FACILITATES: {
    from: ['Entity'],
    to: ['ActionLine', 'Theme'],
    doc: 'A UN entity facilitates an action line, with a role (lead_facilitator, co_facilitator, facilitator, contributor, former_lead).',
    props: {
      role: prop.enum(FACILITATOR_ROLES, { graphql: 'FacilitatorRole', required: true }),
      roleWordInSource: prop.boolean(),
      basis: prop.string(),
      roleInData: prop.string(),
    },
  },
  REPORTS_ACTIVITY: {
    from: ['Entity'],
    to: ['ActionLine', 'Theme'],
    doc: "An entity reported an activity under an action line or theme (UN Secretary-General's 2024 WSIS report).",
  },
  REVISES: { from: ['Resolution'], to: ['Resolution'], doc: 'A text revises (updates) an earlier one.' },
  REAFFIRMS: { from: ['Resolution'], to: ['Resolution'], doc: 'A text reaffirms an earlier one.' },
  FOLLOWS_UP: { from: ['Resolution'], to: ['Resolution'], doc: 'A text follows up an earlier one.' },
  ENDORSES: { from: ['Resolution'], to: ['Resolution'], doc: 'A text endorses another (e.g. UNGA endorsing the Tunis texts).' },
  RECALLS: { from: ['Resolution'], to: ['Resolution'], doc: 'A text recalls an earlier one.' },
  BUILDS_ON: {
    from: ['Resolution'],
    to: ['Resolution'],
    doc: 'A text names another as its basis (aligns with, annexes, builds on, defines, basis for).',
  },
  MANDATES: {
    from: ['Resolution', 'Paragraph', 'GdcCommitment'],
    to: ['Entity', 'Process', 'ActionLine', 'Initiative', 'Theme'],
    doc: 'A text gives a mandate to, establishes, extends or makes permanent an entity, process or initiative; paragraph where known.',
  },
  ASKS: {
    from: ['Paragraph', 'GdcCommitment'],
    to: ['Entity', 'Process'],
    doc: 'A paragraph requests an action of an entity or process.',
  },
  PART_OF: {
    from: ['Paragraph', 'GdcCommitment', 'GdcObjective', 'GdcPrinciple'],
    to: ['Resolution'],
    doc: 'A paragraph, objective, principle or commitment belongs to its document.',
  },
  UNDER_OBJECTIVE: { from: ['GdcCommitment'], to: ['GdcObjective'], doc: 'A GDC commitment serves a GDC objective.' },
  NAMES: {
    from: ['GdcCommitment', 'GdcObjective', 'Paragraph', 'Resolution'],
    to: ['Process', 'Entity', 'Resolution', 'Initiative', 'Meeting', 'ActionLine', 'Theme', 'SdgGoal', 'SdgTarget', 'GdcObjective', 'GdcCommitment'],
    doc: 'A text names an existing process, body, document, initiative or meeting — or an action line, theme, SDG goal or target, GDC objective or commitment — without asking it to act (imported documents: see src/linking).',
  },
  CORRESPONDS_TO: {
    from: ['GdcCommitment', 'GdcObjective'],
    to: ['ActionLine', 'Theme'],
    doc: 'A GDC part corresponds to a WSIS action line: sourced where a source says so, `derived` (with its method) otherwise.',
  },
  CONTRIBUTES_TO: {
    from: ['Initiative', 'GdcCommitment', 'GdcObjective'],
    to: ['SdgGoal', 'SdgTarget'],
    doc: 'An initiative or GDC part serves an SDG goal or target where a source states it.',
  },
  ADDRESSES: {
    from: ['Initiative'],
    to: ['ActionLine', 'Theme'],
    doc: 'An initiative works under a WSIS action line or theme.',
  },
  LED_BY: {
    from: ['Initiative', 'Process', 'Entity'],
    to: ['Entity'],
    doc: 'An initiative, process or body (an advisory body, an inter-agency working group) is led, convened or hosted by an entity; `role`, `since`, `until` where sources give them.',
    props: { role: prop.enum(LEADERSHIP_ROLES, { graphql: 'LeadershipRole' }), period: prop.string() },
  },
  PARTNER: {
    from: ['Initiative', 'Process', 'Entity'],
    to: ['Entity'],
    doc: 'An entity is a partner in an initiative, process or body.',
    props: { role: prop.enum(PARTNERSHIP_ROLES, { graphql: 'PartnershipRole' }) },
  },
  RELATED_TO: {
    from: ['Initiative', 'Process', 'Entity'],
    to: ['Resolution', 'Initiative', 'Process', 'Entity'],
    doc: 'A sourced link that fits no sharper type (e.g. an initiative and the resolution it responds to).',
  },
  MEETING_OF: {
    from: ['Meeting'],
    to: ['Process', 'Entity'],
    doc: 'A meeting or session belongs to a process (the IGF, the WSIS Forum) or is a session of a body (CSTD, CSW, the ITU Plenipotentiary).',
  },
  ADOPTED_AT: { from: ['Resolution'], to: ['Meeting'], doc: 'A text was adopted at a meeting (the Tunis Agenda at the Tunis phase of the Summit).' },
  STUDY_LINK: {
    from: ['ActionLine'],
    to: ['SdgTarget', 'SdgGoal'],
    doc: 'A mapping study asserts that an action line serves an SDG target or goal, with its rationale; `study` names the study version.',
    props: { study: prop.string({ required: true, doc: 'The id of the study version.' }) },
  },
} as const satisfies Record<string, EdgeSpec>;

/** One edge type: the node types it may join, what it means, and its props (see {@link PropSpecs}). */
export interface EdgeSpec {
  from: readonly NodeType[];
  to: readonly NodeType[];
  doc: string;
  props?: PropSpecs;
}

/**
 * Props the generic `Link` type reads on a link of any type (`rationale`,
 * `relation`, `action`, `label`, `since`, `until`), so they are strings wherever they appear
 * (`since` and `until` dates as precise as the source, `Link.sinceDate` / `untilDate`).
 */
export const COMMON_EDGE_PROPS: PropSpecs = {
  rationale: prop.string(),
  relation: prop.string(),
  action: prop.string(),
  label: prop.string(),
  since: prop.partialDate(),
  until: prop.partialDate(),
};

/** Every prop spec of an edge type: the common ones, then its own. */
export function edgePropSpecs(type: EdgeType): PropSpecs {
  return { ...COMMON_EDGE_PROPS, ...((EDGE_VOCABULARY[type] as EdgeSpec).props ?? {}) };
}

export type EdgeType = keyof typeof EDGE_VOCABULARY;

export const EDGE_TYPES = Object.keys(EDGE_VOCABULARY) as EdgeType[];

export function isEdgeType(value: string): value is EdgeType {
  return Object.prototype.hasOwnProperty.call(EDGE_VOCABULARY, value);
}

/** The edge types whose chains carry a mandate forward in time (used by `mandates`). */
export const MANDATE_CHAIN_TYPES: readonly EdgeType[] = ['REVISES', 'REAFFIRMS', 'FOLLOWS_UP', 'ENDORSES'];

/** Whether an edge of `type` may join a node of `fromType` to one of `toType`. */
export function isAllowedEdge(type: EdgeType, fromType: NodeType, toType: NodeType): boolean {
  const rule = EDGE_VOCABULARY[type];
  return (rule.from as readonly NodeType[]).includes(fromType) && (rule.to as readonly NodeType[]).includes(toType);
}
