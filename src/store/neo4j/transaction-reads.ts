import type { Node as Neo4jNode } from 'neo4j-driver';
import type { GraphEdge, GraphNode } from '../../domain/graph-records';
import type { GraphReads, ListEdgesQuery, Neighbour, NeighbourQuery } from '../graph-store';
import { byId, edgeOf, endsNamedBy, neighbourParams, neighboursOf, type RunQuery } from './query-results';
import { fromNodeProperties } from './record-mapping';

/**
 * The port's reads inside one write transaction (`GraphStore.writeWith`).
 * Nodes and edges are read write-locked (held until the transaction ends),
 * so no other transaction can change or delete what the batch is planned
 * from; before a node's links are read the node is locked, so no link can be
 * added to it or removed from it meanwhile (Neo4j locks a relationship's ends
 * to create or delete it). Two service copies planning on the same record
 * therefore run one after the other: the second reads what the first wrote.
 *
 * Every record read is kept (absent ones as null): a later read of the same
 * id costs no round trip, and the batch's checks and its audit `before`
 * values come from these same reads. Valid only inside its transaction, and
 * only until the batch writes.
 */
export class TransactionReads implements GraphReads {
  /** Every node read so far, by id; null for an id that does not exist. */
  readonly nodes = new Map<string, GraphNode | null>();
  /** Every edge read so far, by id; null for an id that does not exist. */
  readonly edges = new Map<string, GraphEdge | null>();
  /** How many queries these reads ran (for the round-trip figures in cypher/README.md). */
  queries = 0;

  constructor(private readonly run: RunQuery) {}

  async getNodes(ids: readonly string[]): Promise<(GraphNode | null)[]> {
    const missing = [...new Set(ids)].filter((id) => !this.nodes.has(id));
    if (missing.length > 0) {
      const records = await this.query('get-nodes-for-update', { ids: missing });
      for (const id of missing) this.nodes.set(id, null);
      for (const record of records) {
        const node = fromNodeProperties((record.get('n') as Neo4jNode).properties);
        this.nodes.set(node.id, node);
      }
    }
    return ids.map((id) => this.nodes.get(id) ?? null);
  }

  async getEdges(ids: readonly string[]): Promise<(GraphEdge | null)[]> {
    const missing = [...new Set(ids)].filter((id) => !this.edges.has(id));
    const ends = missing.flatMap((id) => {
      const named = endsNamedBy(id);
      return named ? [{ id, ...named }] : [];
    });
    // Ids not of the form type|from|to can only be found by a scan (get-edges-by-id); those edges are
    // read unlocked. Every id the API makes is of that form (toEdgeId), so only a hand-made id gets here.
    const others = missing.filter((id) => !endsNamedBy(id));
    const records = [
      ...(ends.length > 0 ? await this.query('get-edges-for-update', { ends }) : []),
      ...(others.length > 0 ? await this.query('get-edges-by-id', { ids: others }) : []),
    ];
    for (const id of missing) this.edges.set(id, null);
    for (const edge of records.map(edgeOf)) this.edges.set(edge.id, edge);
    return ids.map((id) => this.edges.get(id) ?? null);
  }

  async getNeighbours(queries: readonly NeighbourQuery[]): Promise<Neighbour[][]> {
    if (queries.length === 0) return [];
    await this.getNodes(queries.map((q) => q.id)); // locks each node first
    // The edges found are not kept in `edges`: a relationship's properties can change without its ends
    // being locked, so a batch that updates or deletes one reads it again, locked.
    return neighboursOf(await this.query('get-neighbours', neighbourParams(queries)), queries.length);
  }

  async listEdges(query: ListEdgesQuery): Promise<GraphEdge[]> {
    if (query.types.length === 0) return [];
    const records = await this.query('list-edges', {
      types: [...query.types],
      fromTypes: query.fromTypes ? [...query.fromTypes] : null,
      toTypes: query.toTypes ? [...query.toTypes] : null,
    });
    return records.map(edgeOf).sort(byId);
  }

  private query(name: string, params: Record<string, unknown>) {
    this.queries += 1;
    return this.run(name, params);
  }
}
