import { LINK_FIELDS, type Link, type NodeRef, type Source } from './fragments';

export const MANDATABLE = ['Entity', 'Process', 'ActionLine', 'Initiative', 'Theme'];

const SOURCE = 'document paragraph url';
const LANGS = ['AR', 'ZH', 'EN', 'FR', 'RU', 'ES'];

/** A node with its names in the six languages (each saying whether it is English served as a fallback), provenance and links. */
export const NODE = `query Node($id: ID!, $lang: Lang!) {
  node(id: $id) {
    id code __typename name(lang: $lang)
    ${LANGS.map((lang) => `name_${lang}: localizedName(lang: ${lang}) { text lang fallback }`).join('\n    ')}
    provenance { source { ${SOURCE} } sources { ${SOURCE} } confidence method flags notes }
    links { ${LINK_FIELDS} }
  }
}`;

export interface LocalizedText {
  text: string;
  lang: string;
  fallback: boolean;
}

export interface NodeDetail extends NodeRef {
  provenance: { source: Source; sources: Source[]; confidence: string; method: string | null; flags: string[]; notes: string[] };
  links: Link[];
  [name: `name_${string}`]: LocalizedText;
}

export const NAME_KEYS = LANGS;

/** The fields of every object type, for reading a node's properties whatever its type. */
export const TYPE_FIELDS = `query TypeFields($type: String!) {
  __type(name: $type) {
    fields {
      name
      args { name defaultValue type { kind } }
      type { kind name ofType { kind name ofType { kind name ofType { kind name } } } }
    }
  }
}`;

interface TypeRef {
  kind: string;
  name: string | null;
  ofType?: TypeRef | null;
}

export interface FieldInfo {
  name: string;
  args: { name: string; defaultValue: string | null; type: { kind: string } }[];
  type: TypeRef;
}

/** Fields shown apart (names, links, provenance) or identical for every node. */
const SHOWN_ELSEWHERE = new Set(['id', 'code', 'name', 'names', 'localizedName', 'provenance', 'links']);

/**
 * The property fields of a type: those whose value is a scalar, an enum or a
 * list of them, and that need no argument. Read from the schema, so a field
 * added to a type shows on its page without a change here.
 */
export function propertyFields(fields: FieldInfo[]): string[] {
  return fields
    .filter((field) => !SHOWN_ELSEWHERE.has(field.name))
    .filter((field) => field.args.every((arg) => arg.type.kind !== 'NON_NULL' || arg.defaultValue !== null))
    .filter((field) => ['SCALAR', 'ENUM'].includes(leaf(field.type).kind))
    .map((field) => field.name);
}

function leaf(type: TypeRef): TypeRef {
  return type.ofType ? leaf(type.ofType) : type;
}

/** The query for `fields` of the node with `id`, as `... on <Type>`. */
export function propertiesQuery(type: string, fields: string[]): string {
  return `query NodeProperties($id: ID!) { node(id: $id) { ... on ${type} { ${fields.join(' ')} } } }`;
}

const TRACE = `
  resolution { id code __typename name(lang: $lang) }
  date direct paragraph originDate
  origin { id code __typename name(lang: $lang) }
  assignee { id code __typename name(lang: $lang) }
  mandate { id kind action relation by { id code __typename name(lang: $lang) } source { ${SOURCE} } confidence flags }
  chain { relation resolution { id code __typename name(lang: $lang) date } link { id source { ${SOURCE} } confidence } }
`;

export const MANDATES = `query Mandates($id: ID!, $lang: Lang!) { mandates(of: $id) { ${TRACE} } }`;
export const MANDATES_CARRIED = `query Carried($id: ID!, $lang: Lang!) { node(id: $id) { ... on Resolution { mandatesCarried { ${TRACE} } } } }`;

export interface MandateTrace {
  resolution: NodeRef;
  date: string | null;
  direct: boolean;
  paragraph: string | null;
  originDate: string | null;
  origin: NodeRef;
  assignee: NodeRef;
  mandate: { id: string; kind: string; action: string | null; relation: string | null; by: NodeRef; source: Source; confidence: string; flags: string[] };
  chain: { relation: string; resolution: NodeRef & { date?: string | null }; link: { id: string; source: Source; confidence: string } }[];
}

/** The links of the nodes around a node, for drawing two hops. */
export const NEIGHBOUR_LINKS = `query NeighbourLinks($ids: [ID!]!, $lang: Lang!) {
  nodes(ids: $ids) { id links { id type from { id code __typename name(lang: $lang) } to { id code __typename name(lang: $lang) } } }
}`;
