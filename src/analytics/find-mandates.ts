import { MANDATE_CHAIN_TYPES, type EdgeType } from '../domain/edge-types';
import type { GraphEdge, GraphNode } from '../domain/graph-records';
import type { NodeType } from '../domain/node-types';
import type { GraphStore, Neighbour } from '../store/graph-store';
import { requireNodes } from './require-node';

/** Node types a text can mandate or ask (the ends of MANDATES and ASKS). */
export const MANDATABLE_TYPES: readonly NodeType[] = ['Entity', 'Process', 'ActionLine', 'Initiative', 'Theme'];

const MANDATE_TYPES: readonly EdgeType[] = ['MANDATES', 'ASKS'];

/**
 * The mandate line of a text: whose mandates it can renew. The UN line is the
 * General Assembly, ECOSOC and the Summit's own outcome documents (which the
 * Assembly endorsed); ITU's organs form the ITU line; a regional commission
 * or UNESCO is a line of its own. A text only carries forward the mandates of
 * a text in the same line: an ESCAP resolution that follows up A/RES/70/125
 * does not renew what the Assembly asked of the CSTD or the IGF.
 * `props.mandateLine` says it where the seeds know; otherwise the issuing
 * body decides (`body`). A text with neither (a curated record not yet
 * described) has no known line: `null`, and the walk does not stop at it.
 */
export function mandateLineOf(text: GraphNode): string | null {
  if (typeof text.props.mandateLine === 'string') return text.props.mandateLine;
  const body = typeof text.props.body === 'string' ? text.props.body : '';
  if (['UNGA', 'ECOSOC', 'WSIS', 'CSTD'].includes(body)) return 'UN';
  if (body.startsWith('ITU')) return 'ITU';
  return body || null;
}

/** Whether a chain may go from a text of line `a` to one of line `b`: the same line, or an unknown one. */
function sameLine(a: string | null, b: string | null): boolean {
  return a === null || b === null || a === b;
}

/**
 * Chains longer than this are not walked. The longest chain in the dataset
 * is 4 texts; the bound only keeps a malformed graph from costing more.
 */
export const MAX_CHAIN_LENGTH = 20;

/** One step of a chain: `resolution` REVISES/REAFFIRMS/FOLLOWS_UP/ENDORSES the text before it. */
export interface ChainStep {
  resolution: GraphNode;
  relation: EdgeType;
  edge: GraphEdge;
}

/** A text that carries a mandate, with how it came to carry it. */
export interface MandateTrace {
  /** The text that carries the mandate: the one that gave it (empty `chain`) or a later one. */
  resolution: GraphNode;
  /** The MANDATES or ASKS link as given, from the text, one of its paragraphs or a GDC part. */
  mandate: GraphEdge;
  /** The text that gave the mandate (the link's source, or the document that paragraph or part belongs to). */
  origin: GraphNode;
  /** The node mandated. */
  assignee: GraphNode;
  /** The paragraph of the origin that gives the mandate, where known. */
  paragraph: string | null;
  /** From the origin forward to `resolution`: each step names the later text and its relation to the step before. */
  chain: ChainStep[];
}

/**
 * The texts that give `of` a mandate, directly and through chains.
 *
 * Direction: a MANDATES or ASKS link runs from the text to the body. Chain
 * links (MANDATE_CHAIN_TYPES: REVISES, REAFFIRMS, FOLLOWS_UP, ENDORSES) run
 * from the LATER text to the earlier one it acts on, so a mandate is carried
 * forward by walking chain links INTO the mandating text, backwards along
 * their arrows: if E/RES/2006/46 mandates the CSTD and a later text
 * FOLLOWS_UP E/RES/2006/46, the later text carries that mandate. RECALLS and
 * BUILDS_ON do not carry a mandate (recalling a text does not renew it).
 *
 * Store calls: one for the node, one for its mandate links, one for the
 * documents of paragraphs and GDC parts, then one per chain level (the whole
 * frontier in one `getNeighbours`).
 *
 * Order: by chain length, then date of the carrying text (undated last), then
 * its code, then the mandate link id.
 *
 * @throws BadUserInputError when `of` is not a global id of a mandatable type.
 * @throws NotFoundError when no node has the id.
 */
export async function findMandates(store: GraphStore, of: string, argument = 'of'): Promise<MandateTrace[]> {
  const [assignee] = await requireNodes(store, [{ argument, id: of, types: MANDATABLE_TYPES }]);
  const [given] = await store.getNeighbours([{ id: of, direction: 'in', types: MANDATE_TYPES }]);
  const origins = await originsOf(store, given!);
  const traces: MandateTrace[] = [];
  const chains = await walkChains(store, [...new Map(origins.map((o) => [o.origin.id, o.origin])).values()], 'in');
  for (const { edge, origin } of origins) {
    for (const chain of chains.get(origin.id) ?? []) {
      traces.push({
        resolution: chain.at(-1)?.resolution ?? origin,
        mandate: edge,
        origin,
        assignee: assignee!,
        paragraph: paragraphOf(edge, origin),
        chain,
      });
    }
  }
  return traces.sort(byChainThenDate);
}

/**
 * The reverse: every mandate `resolution` carries, its own (and its
 * paragraphs') and those of the earlier texts it revises, reaffirms, follows
 * up or endorses, walking chain links OUT of it along their arrows.
 *
 * Reads only `getNodes` and `getNeighbours`; `Resolution.mandatesCarried`
 * passes the request's loaders (`Loaders.reads`), so a list of texts costs a
 * store call per step of the walk for all of them, not per text.
 */
export async function findCarriedMandates(store: Pick<GraphStore, 'getNodes' | 'getNeighbours'>, resolution: string): Promise<MandateTrace[]> {
  const [self] = await requireNodes(store, [{ argument: 'resolution', id: resolution, types: ['Resolution'] }]);
  const reached = (await walkChains(store, [self!], 'out')).get(self!.id)!;
  // Walking out gives chains from this text back to each earlier one; a trace reads from the origin forward.
  const earlier = reached.map((back) => ({ origin: back.at(-1)?.resolution ?? self!, chain: forwardChain(self!, back) }));
  const originIds = earlier.map((e) => e.origin.id);
  const partsOf = await store.getNeighbours(originIds.map((id) => ({ id, direction: 'in' as const, types: ['PART_OF'] as EdgeType[] })));
  const givers = originIds.flatMap((id, i) => [id, ...partsOf[i]!.map((p) => p.node.id)]);
  const given = await store.getNeighbours(givers.map((id) => ({ id, direction: 'out' as const, types: MANDATE_TYPES })));
  const originByGiver = new Map<string, (typeof earlier)[number]>();
  earlier.forEach((entry, i) => {
    originByGiver.set(entry.origin.id, entry);
    for (const part of partsOf[i]!) originByGiver.set(part.node.id, entry);
  });
  const traces: MandateTrace[] = [];
  givers.forEach((giver, i) => {
    const { origin, chain } = originByGiver.get(giver)!;
    for (const { edge, node } of given[i]!) {
      traces.push({ resolution: self!, mandate: edge, origin, assignee: node, paragraph: paragraphOf(edge, origin), chain });
    }
  });
  return traces.sort(byChainThenDate);
}

// The text each mandate link comes from: the link's source if it is a
// Resolution, else the document its paragraph or GDC part is PART_OF.
async function originsOf(store: GraphStore, given: readonly Neighbour[]): Promise<{ edge: GraphEdge; origin: GraphNode }[]> {
  const parts = given.filter(({ node }) => node.type !== 'Resolution');
  const documents = await store.getNeighbours(parts.map(({ node }) => ({ id: node.id, direction: 'out' as const, types: ['PART_OF'] as EdgeType[] })));
  const documentOf = new Map(parts.map(({ node }, i) => [node.id, documents[i]![0]?.node]));
  return given.flatMap(({ edge, node }) => {
    const origin = node.type === 'Resolution' ? node : documentOf.get(node.id);
    return origin ? [{ edge, origin }] : [];
  });
}

/**
 * Breadth-first over chain links from each start, one store call per level
 * for all starts together, never leaving the start's mandate line
 * (`mandateLineOf`): a text of another line is neither reached nor walked
 * through. For each start: the chains to every text reached, shortest first,
 * the empty chain (the start itself) included. A text reached by two chains
 * of the same length keeps the one through the lower edge id, so answers are
 * stable.
 */
async function walkChains(store: Pick<GraphStore, 'getNeighbours'>, startNodes: readonly GraphNode[], direction: 'in' | 'out'): Promise<Map<string, ChainStep[][]>> {
  const starts = startNodes.map((n) => n.id);
  const lineOf = new Map(startNodes.map((n) => [n.id, mandateLineOf(n)]));
  const result = new Map<string, ChainStep[][]>(starts.map((start) => [start, [[]]]));
  const seen = new Map<string, Set<string>>(starts.map((start) => [start, new Set([start])]));
  let frontier = starts.map((start) => ({ start, at: start, chain: [] as ChainStep[] }));
  for (let level = 0; level < MAX_CHAIN_LENGTH && frontier.length > 0; level++) {
    const ids = [...new Set(frontier.map((f) => f.at))];
    const lists = await store.getNeighbours(ids.map((id) => ({ id, direction, types: MANDATE_CHAIN_TYPES })));
    const byId = new Map(ids.map((id, i) => [id, lists[i]!]));
    const next: typeof frontier = [];
    for (const { start, at, chain } of frontier) {
      for (const { edge, node } of byId.get(at)!) {
        if (seen.get(start)!.has(node.id)) continue;
        if (!sameLine(lineOf.get(start) ?? null, mandateLineOf(node))) continue;
        seen.get(start)!.add(node.id);
        const longer = [...chain, { resolution: node, relation: edge.type, edge }];
        result.get(start)!.push(longer);
        next.push({ start, at: node.id, chain: longer });
      }
    }
    frontier = next;
  }
  return result;
}

// Turns a chain walked backwards (self → … → earlier) into one read forward
// (earlier → … → self): step i names the later text and its link to the earlier.
function forwardChain(self: GraphNode, back: readonly ChainStep[]): ChainStep[] {
  return back
    .map((step, i) => ({ resolution: i === 0 ? self : back[i - 1]!.resolution, relation: step.relation, edge: step.edge }))
    .reverse();
}

function paragraphOf(edge: GraphEdge, origin: GraphNode): string | null {
  const cited = edge.provenance.sources.find((s) => s.paragraph !== undefined && s.document === origin.props.symbol);
  if (cited?.paragraph) return cited.paragraph;
  const first = edge.provenance.sources[0]?.paragraph;
  if (first) return first;
  // A link from a Paragraph node carries its number in the node's code: `<document>#<number>`.
  const hash = edge.from.lastIndexOf('#');
  return edge.from.startsWith('Paragraph:') && hash > 0 ? edge.from.slice(hash + 1) : null;
}

function byChainThenDate(a: MandateTrace, b: MandateTrace): number {
  if (a.chain.length !== b.chain.length) return a.chain.length - b.chain.length;
  const da = dateOf(a.resolution);
  const db = dateOf(b.resolution);
  if (da !== db) return da < db ? -1 : 1;
  if (a.resolution.code !== b.resolution.code) return a.resolution.code < b.resolution.code ? -1 : 1;
  return a.mandate.id < b.mandate.id ? -1 : a.mandate.id > b.mandate.id ? 1 : 0;
}

// Undated texts sort last: '~' comes after every digit.
function dateOf(node: GraphNode): string {
  const date = node.props.date ?? node.props.year;
  return date === undefined ? '~' : String(date);
}
