import type { GraphEdge, GraphNode } from '../../domain/graph-records';

/**
 * The embedded store's records and their links: nodes and edges by id, and
 * per node its record and the ids of the edges leaving and reaching it (several edges may
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
  // One entry per node, its record and edge lists together: a degree or a record is one map read.
  private readonly nodes = new Map<string, NodeEntry>();
  private readonly edgeRecords = new Map<string, GraphEdge>();

  hasNode(id: string): boolean {
    return this.nodes.has(id);
  }

  hasEdge(id: string): boolean {
    return this.edgeRecords.has(id);
  }

  getNodeAttributes(id: string): GraphNode {
    return this.entryOf(id).node;
  }

  getEdgeAttributes(id: string): GraphEdge {
    const edge = this.edgeRecords.get(id);
    if (!edge) throw new Error(`RecordGraph: no edge "${id}"`);
    return edge;
  }

  /** Adds a node, or replaces the record of the node with its id (its edges stay). */
  setNode(node: GraphNode): void {
    const entry = this.nodes.get(node.id);
    if (entry) entry.node = node;
    else this.nodes.set(node.id, { node, out: [], in: [] });
  }

  /** Adds an edge between two existing nodes; its id must be new. */
  addEdge(edge: GraphEdge): void {
    if (this.edgeRecords.has(edge.id)) throw new Error(`RecordGraph: edge "${edge.id}" exists`);
    const from = this.nodes.get(edge.from);
    const to = this.nodes.get(edge.to);
    if (!from || !to) throw new Error(`RecordGraph: edge "${edge.id}" joins a missing node`);
    this.edgeRecords.set(edge.id, edge);
    from.out.push(edge.id);
    to.in.push(edge.id);
  }

  /** Replaces an edge's record; its type and ends are the same (the store checks). */
  replaceEdge(edge: GraphEdge): void {
    this.getEdgeAttributes(edge.id);
    this.edgeRecords.set(edge.id, edge);
  }

  dropEdge(id: string): void {
    const edge = this.getEdgeAttributes(id);
    this.edgeRecords.delete(id);
    pull(this.nodes.get(edge.from)!.out, id);
    pull(this.nodes.get(edge.to)!.in, id);
  }

  /** Drops a node and every edge at it. */
  dropNode(id: string): void {
    for (const edge of this.edges(id)) this.dropEdge(edge);
    this.nodes.delete(id);
  }

  /** Ids of the edges leaving `id`. */
  outEdges(id: string): string[] {
    return [...this.entryOf(id).out];
  }

  /** Ids of the edges reaching `id`. */
  inEdges(id: string): string[] {
    return [...this.entryOf(id).in];
  }

  /** Ids of every edge at `id`, each once (a self-loop too). */
  edges(id: string): string[] {
    const entry = this.entryOf(id);
    return [...new Set([...entry.out, ...entry.in])];
  }

  /** Edges out plus edges in (a self-loop counts twice), as graphology's `degree`. */
  degree(id: string): number {
    const entry = this.entryOf(id);
    return entry.out.length + entry.in.length;
  }

  /** The distinct nodes joined to `id` by an edge in either direction. */
  neighbors(id: string): string[] {
    const found = new Set<string>();
    const entry = this.entryOf(id);
    for (const edge of entry.out) found.add(this.edgeRecords.get(edge)!.to);
    for (const edge of entry.in) found.add(this.edgeRecords.get(edge)!.from);
    return [...found];
  }

  /**
   * Gives every edge list exactly its length in memory. A list grown by pushes keeps room for about 16
   * more (V8 grows a backing store by half plus 16): at ×1000, 21 MB for 198k nodes after loading.
   */
  trimToSize(): void {
    for (const entry of this.nodes.values()) {
      entry.out = entry.out.slice();
      entry.in = entry.in.slice();
    }
  }

  /** Every node record, in no particular order. */
  *nodeRecords(): IterableIterator<GraphNode> {
    for (const entry of this.nodes.values()) yield entry.node;
  }

  private entryOf(id: string): NodeEntry {
    const entry = this.nodes.get(id);
    if (!entry) throw new Error(`RecordGraph: no node "${id}"`);
    return entry;
  }
}

/** A node's record and the ids of the edges leaving and reaching it, in insertion order. */
interface NodeEntry {
  node: GraphNode;
  out: string[];
  in: string[];
}

function pull(list: string[], value: string): void {
  const at = list.indexOf(value);
  if (at >= 0) list.splice(at, 1);
}
