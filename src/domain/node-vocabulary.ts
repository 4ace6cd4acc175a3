import type { EdgeType } from './edge-types';
import { CONFIDENCES } from './confidences';
import type { Props } from './graph-records';
import type { NodeType } from './node-types';
import { prop, type PropIssue, type PropSpecs } from './prop-spec';

/**
 * The node vocabulary: per node type, the form of its code, the properties
 * the API reads (with their types and enum values), the links a node of the
 * type cannot do without, and the facts that tie its props to its code.
 * Together with the link props in `EDGE_VOCABULARY` this is the one source
 * the record schemas (`graph-records.ts`), `seeds:check`, the validation of
 * every curation write (`change-planner.ts`) and the SDL enums (checked by
 * `test/unit/domain/vocabulary.test.ts`) follow. A new node type adds an
 * entry here (the `Record<NodeType, …>` makes the compiler ask for it).
 */
export interface NodeSpec {
  /** Well-formed codes; official identifiers stay official (`"9.c"`, `"C7.e-health"`, `"A/RES/70/125"`). */
  code: RegExp;
  props: PropSpecs;
  /** Links every node of this type needs, because a non-null API field reads them. */
  requiredLinks?: readonly RequiredLink[];
  /** Facts between the props and the code a hand edit must not break; each returns the issues it finds. */
  rules?: readonly ((node: { code: string; props: Props }) => PropIssue | null)[];
}

/** `count` links of `type` in `direction` (at least `min`, at most `max`). */
export interface RequiredLink {
  type: EdgeType;
  direction: 'out' | 'in';
  min: number;
  max?: number;
  /** The API field that fails without it, for the error message. */
  field: string;
}

const names = {
  nameZhVariants: prop.strings({ doc: 'Other Chinese names the sources use.' }),
};

export const NODE_VOCABULARY: Readonly<Record<NodeType, NodeSpec>> = {
  ActionLine: {
    code: /^(C([1-9]|1[01])|C7\.e-[a-z]+)$/,
    props: {
      kind: prop.enum(['action_line', 'sub_line'], { graphql: 'ActionLineKind' }),
      parent: prop.string({ doc: 'C7 for a sub-line.' }),
      nameGenevaPlan2003: prop.string(),
      nameZhItu: prop.string(),
    },
    rules: [
      (n) => (n.code.includes('.') && n.props.parent !== 'C7' ? { key: 'parent', value: n.props.parent, expected: '"C7" for a C7 sub-line' } : null),
    ],
  },
  Theme: { code: /^T-[A-Z]+$/, props: { tunisAgendaHeading: prop.string() } },
  SdgGoal: {
    code: /^([1-9]|1[0-7])$/,
    props: {
      colour: prop.string(),
      colourBrand: prop.string(),
      shortName_en: prop.string(),
      shortName_fr: prop.string(),
      shortName_es: prop.string(),
      shortName_ru: prop.string(),
      shortName_ar: prop.string(),
      shortName_zh: prop.string(),
    },
  },
  SdgTarget: {
    code: /^([1-9]|1[0-7])\.([1-9]\d?|[a-z])$/,
    props: {
      goal: prop.string({ required: true, doc: 'The goal code, the part of the code before the dot.' }),
      kind: prop.enum(['outcome', 'means_of_implementation'], { graphql: 'TargetKind' }),
    },
    requiredLinks: [{ type: 'TARGET_OF', direction: 'out', min: 1, max: 1, field: 'SdgTarget.goal' }],
    rules: [
      (n) => {
        const goal = n.code.split('.')[0];
        return n.props.goal !== goal ? { key: 'goal', value: n.props.goal, expected: `"${goal}", the goal of target ${n.code}` } : null;
      },
    ],
  },
  SdgIndicator: {
    code: /^([1-9]|1[0-7])\.([1-9]\d?|[a-z])\.[1-9]\d?$/,
    props: {
      unsdCode: prop.string(),
      listedAs: prop.strings({ required: true, doc: 'Every listing code, its own code first.' }),
      target: prop.string(),
      goal: prop.string(),
    },
    requiredLinks: [{ type: 'INDICATOR_OF', direction: 'out', min: 1, field: 'SdgIndicator.targets' }],
    rules: [
      (n) =>
        !Array.isArray(n.props.listedAs) || n.props.listedAs[0] !== n.code
          ? { key: 'listedAs', value: n.props.listedAs, expected: `a list of listing codes that starts with "${n.code}"` }
          : null,
    ],
  },
  Entity: {
    code: /^[A-Za-z][A-Za-z0-9_-]*$/,
    props: { kind: prop.string(), ...names, respondentToSgWsisReport2024: prop.boolean(), parent: prop.string() },
  },
  Resolution: {
    code: /^\S(.*\S)?$/,
    props: {
      symbol: prop.string(),
      body: prop.string(),
      instrument: prop.string(),
      date: prop.partialDate(),
      year: prop.int(),
      venue: prop.string(),
      shortLabel: prop.string(),
      ...names,
    },
  },
  Paragraph: {
    code: /^\S+#\d+(-\d+)?(\([a-z]\))?$/,
    props: {
      document: prop.string({ required: true, doc: 'The symbol of the text, the part of the code before "#".' }),
      number: prop.string(),
      action: prop.string(),
      theme: prop.string(),
      deadline: prop.string(),
      askedGroups: prop.strings(),
    },
    rules: [
      (n) => {
        const document = n.code.slice(0, n.code.lastIndexOf('#'));
        return n.props.document !== document ? { key: 'document', value: n.props.document, expected: `"${document}", the text of paragraph ${n.code}` } : null;
      },
    ],
  },
  Initiative: { code: /^[a-z][a-z0-9_-]*$/, props: { kind: prop.string(), start: prop.string(), status: prop.string(), ...names } },
  GdcObjective: {
    // `GdcObjective.number: Int!` is the code read as a number, so the code is digits only.
    code: /^[1-9]\d*$/,
    props: { number: prop.int(), shortLabel: prop.string(), paragraph: prop.string(), subAreas: prop.strings() },
    rules: [(n) => (n.props.number !== undefined && n.props.number !== Number(n.code) ? { key: 'number', value: n.props.number, expected: `${n.code}, the code` } : null)],
  },
  GdcPrinciple: { code: /^[a-z]$|^\d+$/, props: {} },
  GdcCommitment: {
    code: /^(\d+(\([a-z]\))?|Rev\.\d+\/[\w()-]+)$/,
    props: {
      paragraph: prop.string(),
      action: prop.string(),
      status: prop.enum(['adopted', 'draft'], { graphql: 'GdcStatus' }),
      draft: prop.string(),
      objective: prop.string(),
    },
  },
  Process: { code: /^[A-Za-z][A-Za-z0-9-]*$/, props: { kind: prop.string(), year: prop.int() } },
  Meeting: {
    code: /^[A-Za-z][A-Za-z0-9-]*$/, // "<series>-<number or year>[-<place>]": IGF-2023-Kyoto, CSTD-26
    props: {
      number: prop.int(),
      date: prop.partialDate(),
      endDate: prop.partialDate(),
      year: prop.int(),
      place: prop.string(),
      status: prop.string(),
      theme: prop.string(),
      body: prop.string(),
      process: prop.string(),
    },
  },
  MappingStudy: {
    code: /^[a-z0-9][a-z0-9-]{0,62}\/v[1-9]\d*$/, // "<slug>/v<version>", made through the curation API
    props: {
      slug: prop.string({ required: true }),
      version: prop.int({ required: true }),
      status: prop.enum(['draft', 'published'], { graphql: 'StudyStatus', required: true }),
      authors: prop.strings(),
      description: prop.string(),
      publishedAt: prop.string(),
      revisionOf: prop.string(),
    },
    rules: [
      (n) =>
        n.code !== `${String(n.props.slug)}/v${String(n.props.version)}`
          ? { key: 'version', value: n.props.version, expected: 'the slug and version of the code "<slug>/v<version>"' }
          : null,
    ],
  },
};

/** Props the `Node` interface reads on a node of any type (`uri`, `uriConfidence`, `sameAs`). */
export const COMMON_NODE_PROPS: PropSpecs = {
  uri: prop.string(),
  uriConfidence: prop.enum(CONFIDENCES, { graphql: 'Confidence' }),
  sameAs: prop.strings(),
};

/** Every prop spec of a node type: the common ones, then its own. */
export function nodePropSpecs(type: NodeType): PropSpecs {
  return { ...COMMON_NODE_PROPS, ...NODE_VOCABULARY[type].props };
}

/** The node types that need links of an edge type in a direction: what a write must re-check when such a link goes. */
export function requiredLinksOf(type: NodeType): readonly RequiredLink[] {
  return NODE_VOCABULARY[type].requiredLinks ?? [];
}
