import type { GraphEdge, GraphNode } from '../../domain/graph-records';

/**
 * The embedded store's records and their links: nodes and edges by id, and
 * per node the ids of the edges leaving and reaching it (several edges may
 * join the same two nodes). Only what the store asks of a graph, so that
 * loading ×1000 (198k nodes, 346k links) costs two map entries and two array
 * slots per link: graphology's multi-graph kept an edge object and a
 * neighbour map of edge sets per node, 8 s of that start-up on the loaded
 * machine. Records are stored as given; the store freezes them.
 *
 * Lists of edge ids are in insertion order (callers sort what they serve).
 * Throws on an unknown id, as graphology did, so a store bug is loud.
 */
export class RecordGraph {
  private readonly nodes = new Map<string, GraphNode>();
  private readonly edgeRecords = new Map<string, GraphEdge>();
  private readonly outOf = new Map<string, string[]>();
  private readonly inOf = new Map<string, string[]>();

  hasNode(id: string): boolean {
    return this.nodes.has(id);
  }

  hasEdge(id: string): boolean {
    return this.edgeRecords.has(id);
  }

  getNodeAttributes(id: string): GraphNode {
    const node = this.nodes.get(id);
    if (!node) throw new Error(`RecordGraph: no node "${id}"`);
    return node;
  }

  getEdgeAttributes(id: string): GraphEdge {
    const edge = this.edgeRecords.get(id);
    if (!edge) throw new Error(`RecordGraph: no edge "${id}"`);
    return edge;
  }

  /** Adds a node, or replaces the record of the node with its id (its edges stay). */
  setNode(node: GraphNode): void {
    this.nodes.set(node.id, node);
  }

  /** Adds an edge between two existing nodes; its id must be new. */
  addEdge(edge: GraphEdge): void {
    if (this.edgeRecords.has(edge.id)) throw new Error(`RecordGraph: edge "${edge.id}" exists`);
    if (!this.nodes.has(edge.from) || !this.nodes.has(edge.to)) throw new Error(`RecordGraph: edge "${edge.id}" joins a missing node`);
    this.edgeRecords.set(edge.id, edge);
    push(this.outOf, edge.from, edge.id);
    push(this.inOf, edge.to, edge.id);
  }

  /** Replaces an edge's record; its type and ends are the same (the store checks). */
  replaceEdge(edge: GraphEdge): void {
    this.getEdgeAttributes(edge.id);
    this.edgeRecords.set(edge.id, edge);
  }

  dropEdge(id: string): void {
    const edge = this.getEdgeAttributes(id);
    this.edgeRecords.delete(id);
    pull(this.outOf, edge.from, id);
    pull(this.inOf, edge.to, id);
  }

  /** Drops a node and every edge at it. */
  dropNode(id: string): void {
    for (const edge of this.edges(id)) this.dropEdge(edge);
    this.nodes.delete(id);
    this.outOf.delete(id);
    this.inOf.delete(id);
  }

  /** Ids of the edges leaving `id`. */
  outEdges(id: string): string[] {
    return [...(this.outOf.get(id) ?? [])];
  }

  /** Ids of the edges reaching `id`. */
  inEdges(id: string): string[] {
    return [...(this.inOf.get(id) ?? [])];
  }

  /** Ids of every edge at `id`, each once (a self-loop too). */
  edges(id: string): string[] {
    return [...new Set([...(this.outOf.get(id) ?? []), ...(this.inOf.get(id) ?? [])])];
  }

  /** Edges out plus edges in (a self-loop counts twice), as graphology's `degree`. */
  degree(id: string): number {
    this.getNodeAttributes(id);
    return (this.outOf.get(id)?.length ?? 0) + (this.inOf.get(id)?.length ?? 0);
  }

  /** The distinct nodes joined to `id` by an edge in either direction. */
  neighbors(id: string): string[] {
    const found = new Set<string>();
    for (const edge of this.outOf.get(id) ?? []) found.add(this.edgeRecords.get(edge)!.to);
    for (const edge of this.inOf.get(id) ?? []) found.add(this.edgeRecords.get(edge)!.from);
    return [...found];
  }

  /** Every node record, in no particular order. */
  nodeRecords(): IterableIterator<GraphNode> {
    return this.nodes.values();
  }
}

function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function pull(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (!list) return;
  const at = list.indexOf(value);
  if (at >= 0) list.splice(at, 1);
  if (list.length === 0) map.delete(key);
}
