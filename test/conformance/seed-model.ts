import { EDGE_TYPES, type EdgeType } from '../../src/domain/edge-types';
import type { GraphEdge, GraphNode, PropValue } from '../../src/domain/graph-records';
import { LANGS } from '../../src/domain/lang';
import { NODE_TYPES, type NodeType } from '../../src/domain/node-types';
import { compareCodes, toSortKey } from '../../src/domain/sort-key';
import { loadSeeds } from '../../src/seeds/load-seeds';
import type { Direction, Neighbour, NodeFilter, SearchHit } from '../../src/store/graph-store';
import { citedResolutionIds, scoreMatch, scoreSymbolCitations, searchNamesOf } from '../../src/store/text-index';

/**
 * The seed files and plain, deliberately naive computations over them (filter
 * and sort whole arrays): every expected value of the conformance suite is
 * derived here from `seeds/`, never copied from a store's output. The rules
 * used are the port's documented ones (order by sort key of code then id,
 * edges by id, a property filter on an array matches an element).
 */
export class SeedModel {
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
  readonly version: string;
  readonly builtAt: string;
  private readonly nodeById: Map<string, GraphNode>;
  private readonly edgeById: Map<string, GraphEdge>;

  constructor(seedsDir?: string) {
    const seeds = loadSeeds(seedsDir);
    this.nodes = seeds.nodeFiles.flatMap((file) => file.records);
    this.edges = seeds.edgeFiles.flatMap((file) => file.records);
    this.version = seeds.version;
    this.builtAt = seeds.manifest.builtAt;
    this.nodeById = new Map(this.nodes.map((node) => [node.id, node]));
    this.edgeById = new Map(this.edges.map((edge) => [edge.id, edge]));
  }

  /** The node with this id; throws (a broken test, not a store failure) when the seeds have none. */
  node(id: string): GraphNode {
    const node = this.nodeById.get(id);
    if (!node) throw new Error(`the seeds have no node "${id}"`);
    return node;
  }

  edge(id: string): GraphEdge {
    const edge = this.edgeById.get(id);
    if (!edge) throw new Error(`the seeds have no edge "${id}"`);
    return edge;
  }

  /** The first node of a type (in list order) that satisfies `predicate`; throws when none does. */
  pick(type: NodeType, predicate: (node: GraphNode) => boolean = () => true): GraphNode {
    const node = this.ofType(type).find(predicate);
    if (!node) throw new Error(`the seeds have no ${type} node as this test needs`);
    return node;
  }

  /** Nodes of a type passing `filter`, in list order: (sort key of code, id). */
  ofType(type: NodeType, filter?: NodeFilter): GraphNode[] {
    return this.nodes.filter((node) => node.type === type && passes(node, filter)).sort(byListOrder);
  }

  /** The edges at `id` in `direction`, of `types` (all when empty), with the node at the other end; by edge id. */
  neighbours(id: string, direction: Direction, types: readonly EdgeType[] = []): Neighbour[] {
    return this.edges
      .filter((edge) => types.length === 0 || types.includes(edge.type))
      .filter((edge) =>
        direction === 'out' ? edge.from === id : direction === 'in' ? edge.to === id : edge.from === id || edge.to === id,
      )
      .sort(byId)
      .map((edge) => ({ edge, node: this.node(edge.from === id ? edge.to : edge.from) }));
  }

  /** The distinct nodes at the far ends, in code order (as relationship fields of the API list them). */
  linked(id: string, direction: Direction, types: readonly EdgeType[], nodeTypes?: readonly NodeType[]): GraphNode[] {
    const nodes = this.neighbours(id, direction, types)
      .map((n) => n.node)
      .filter((node) => !nodeTypes || nodeTypes.includes(node.type));
    return distinctByCode(nodes);
  }

  /** Edges of `types`, optionally by the types of their ends, by id. */
  edgesOf(types: readonly EdgeType[], fromTypes?: readonly NodeType[], toTypes?: readonly NodeType[]): GraphEdge[] {
    return this.edges
      .filter((edge) => types.includes(edge.type))
      .filter((edge) => !fromTypes || fromTypes.includes(this.node(edge.from).type))
      .filter((edge) => !toTypes || toTypes.includes(this.node(edge.to).type))
      .sort(byId);
  }

  /** Nodes per node type and edges per edge type, in vocabulary order, zeros included. */
  counts(): { nodes: { type: string; count: number }[]; edges: { type: string; count: number }[] } {
    return {
      nodes: NODE_TYPES.map((type) => ({ type, count: this.nodes.filter((n) => n.type === type).length })),
      edges: EDGE_TYPES.map((type) => ({ type, count: this.edges.filter((e) => e.type === type).length })),
    };
  }

  /**
   * What `search` must answer: every node scored by the shared rule over its
   * names and name variants, with its degree (links at either end), and the
   * resolutions the query cites by symbol; best first, ties in code order.
   */
  search(text: string, types: readonly NodeType[] = [], first = 20): SearchHit[] {
    const degree = (id: string) => this.edges.filter((edge) => edge.from === id).length + this.edges.filter((edge) => edge.to === id).length;
    const cited = new Map(citedResolutionIds(text).filter((id) => this.nodeById.has(id)).map((id) => [id, degree(id)]));
    const citations = scoreSymbolCitations(text, cited);
    return this.nodes
      .filter((node) => types.length === 0 || types.includes(node.type))
      .map((node) => ({ node, score: Math.max(scoreMatch(text, node.code, searchNamesOf(node), degree(node.id)), citations.get(node.id) ?? 0) }))
      .filter((hit) => hit.score > 0)
      .sort((a, b) => b.score - a.score || compareCodes(a.node.code, b.node.code) || byId(a.node, b.node))
      .slice(0, first);
  }
}

export function namesOf(node: GraphNode): string[] {
  return LANGS.flatMap((lang) => (node.name[lang] ? [node.name[lang]!] : []));
}

export function distinctByCode(nodes: readonly GraphNode[]): GraphNode[] {
  return [...new Map(nodes.map((node) => [node.id, node])).values()].sort(
    (a, b) => compareCodes(a.code, b.code) || byId(a, b),
  );
}

export function byListOrder(a: GraphNode, b: GraphNode): number {
  const ka = toSortKey(a.code);
  const kb = toSortKey(b.code);
  return ka < kb ? -1 : ka > kb ? 1 : byId(a, b);
}

export function byId(a: { id: string }, b: { id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

// The port's filter rule, restated: codes exact; a property equal, or contained when the stored value is an array.
function passes(node: GraphNode, filter: NodeFilter | undefined): boolean {
  if (!filter) return true;
  if (filter.codes && !filter.codes.includes(node.code)) return false;
  return Object.entries(filter.props ?? {}).every(([key, wanted]) => propPasses(node.props[key], wanted));
}

function propPasses(actual: PropValue | undefined, wanted: PropValue): boolean {
  if (actual === undefined) return false;
  if (Array.isArray(actual) && !Array.isArray(wanted)) return (actual as unknown[]).includes(wanted);
  return JSON.stringify(actual) === JSON.stringify(wanted);
}
