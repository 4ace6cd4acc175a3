import { LINK_FIELDS, type Link, type NodeRef, type Source } from './fragments';
import { graphql } from './graphql';

export const MANDATABLE = ['Entity', 'Process', 'ActionLine', 'Initiative', 'Theme'];

const SOURCE = 'document paragraph url';
const LANGS = ['AR', 'ZH', 'EN', 'FR', 'RU', 'ES'];

/**
 * Links asked for per request. A node's links come as a connection, page by page
 * (`withAllLinks`): the most any node has in the seeds is 80 (Entity:ITU), so one page
 * is the rule, and a page of 100 stays within any MAX_PAGE_SIZE a deployment is likely to set.
 */
const LINKS_PER_PAGE = 100;

/** One page of a node's links, each with `fields`, after the cursor `$after`. */
const linksPage = (fields: string) =>
  `linksConnection(first: ${LINKS_PER_PAGE}, after: $after) { pageInfo { hasNextPage endCursor } nodes { link { ${fields} } } }`;

interface LinksPage<L> {
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: { link: L }[];
}

/**
 * A node with its names in the six languages (each saying whether it is English served as a
 * fallback), provenance and the first page of its links; `withAllLinks` adds the other pages.
 */
export const NODE = `query Node($id: ID!, $lang: Lang!, $after: String) {
  node(id: $id) {
    id code __typename name(lang: $lang)
    ${LANGS.map((lang) => `name_${lang}: localizedName(lang: ${lang}) { text lang fallback }`).join('\n    ')}
    provenance { source { ${SOURCE} } sources { ${SOURCE} } confidence method flags notes }
    ${linksPage(LINK_FIELDS)}
  }
}`;

/** The next page of a node's links (after the first, which NODE brings). */
const NODE_LINKS = `query NodeLinks($id: ID!, $lang: Lang!, $after: String) { node(id: $id) { ${linksPage(LINK_FIELDS)} } }`;

/** Every link of node `id` with LINK_FIELDS: the links of `page`, then those of the pages after it. */
async function allLinks(id: string, lang: unknown, page: LinksPage<Link>): Promise<Link[]> {
  const links = page.nodes.map((item) => item.link);
  for (let next = page; next.pageInfo.hasNextPage; ) {
    const answer = await graphql<{ node: { linksConnection: LinksPage<Link> } | null }>(NODE_LINKS, { id, lang, after: next.pageInfo.endCursor });
    if (!answer.node) break;
    next = answer.node.linksConnection;
    links.push(...next.nodes.map((item) => item.link));
  }
  return links;
}

type NodeAnswer = { node: (Omit<NodeDetail, 'links'> & { linksConnection: LinksPage<Link> }) | null };

/** NODE's answer made whole: `links` holds every link of the node, over all pages (`useQuery`'s `complete`). */
export async function withAllLinks(data: NodeAnswer, variables: Record<string, unknown>): Promise<{ node: NodeDetail | null }> {
  if (!data.node) return { node: null };
  const { linksConnection, ...node } = data.node;
  return { node: { ...node, links: await allLinks(node.id, variables.lang, linksConnection) } };
}

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
  partialDate direct paragraph partialOriginDate
  origin { id code __typename name(lang: $lang) }
  assignee { id code __typename name(lang: $lang) }
  mandate { id kind action relation by { id code __typename name(lang: $lang) } source { ${SOURCE} } confidence flags }
  chain { relation resolution { id code __typename name(lang: $lang) partialDate } link { id source { ${SOURCE} } confidence } }
`;

export const MANDATES = `query Mandates($id: ID!, $lang: Lang!) { mandates(of: $id) { ${TRACE} } }`;
export const MANDATES_CARRIED = `query Carried($id: ID!, $lang: Lang!) { node(id: $id) { ... on Resolution { mandatesCarried { ${TRACE} } } } }`;

export interface MandateTrace {
  resolution: NodeRef;
  partialDate: string | null;
  direct: boolean;
  paragraph: string | null;
  partialOriginDate: string | null;
  origin: NodeRef;
  assignee: NodeRef;
  mandate: { id: string; kind: string; action: string | null; relation: string | null; by: NodeRef; source: Source; confidence: string; flags: string[] };
  chain: { relation: string; resolution: NodeRef & { partialDate?: string | null }; link: { id: string; source: Source; confidence: string } }[];
}

const NEIGHBOUR_LINK_FIELDS = 'id type from { id code __typename name(lang: $lang) } to { id code __typename name(lang: $lang) }';

/**
 * The links of the nodes around a node, for drawing two hops: the first page of each neighbour's
 * links (the drawing keeps at most 120 nodes, and no node in the seeds has more than a page).
 */
export const NEIGHBOUR_LINKS = `query NeighbourLinks($ids: [ID!]!, $lang: Lang!, $after: String) {
  nodes(ids: $ids) { id ${linksPage(NEIGHBOUR_LINK_FIELDS)} }
}`;

/** A neighbour's link as NEIGHBOUR_LINKS reads it. */
export type NeighbourLink = Pick<Link, 'id' | 'type'> & { from: NodeRef; to: NodeRef };
type NeighbourAnswer = { nodes: ({ id: string; linksConnection: LinksPage<NeighbourLink> } | null)[] };

/** NEIGHBOUR_LINKS's answer as lists of links (`useQuery`'s `complete`). */
export async function neighbourLinkLists(data: NeighbourAnswer): Promise<{ nodes: ({ id: string; links: NeighbourLink[] } | null)[] }> {
  return { nodes: data.nodes.map((node) => node && { id: node.id, links: node.linksConnection.nodes.map((item) => item.link) }) };
}
