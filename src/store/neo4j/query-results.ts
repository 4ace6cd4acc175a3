import type { Node as Neo4jNode, Record as Neo4jRecord, Relationship } from 'neo4j-driver';
import { isEdgeType } from '../../domain/edge-types';
import type { GraphEdge } from '../../domain/graph-records';
import { parseGlobalId } from '../../domain/node-types';
import type { Neighbour } from '../graph-store';
import { fromEdgeProperties, fromNeo4jValue, fromNodeProperties } from './record-mapping';

/** Runs one file of `cypher/queries/` by name with its parameters, in the caller's transaction. */
export type RunQuery = (name: string, params: Record<string, unknown>) => Promise<Neo4jRecord[]>;

/** The edge of a record with `r`, `type`, `from` and `to` (as get-edges.cypher returns them). */
export function edgeOf(record: Neo4jRecord): GraphEdge {
  const relationship = record.get('r') as Relationship;
  return fromEdgeProperties(String(record.get('type')), String(record.get('from')), String(record.get('to')), relationship.properties);
}

/** get-neighbours.cypher's records, one list per query (by index `i`), each sorted by edge id. */
export function neighboursOf(records: readonly Neo4jRecord[], queryCount: number): Neighbour[][] {
  const results = Array.from({ length: queryCount }, () => new Map<string, Neighbour>());
  for (const record of records) {
    const edge = edgeOf(record);
    // A self-loop matches an undirected pattern twice; keep it once, as the embedded store does.
    results[toNumber(record.get('i'))]!.set(edge.id, { edge, node: fromNodeProperties((record.get('b') as Neo4jNode).properties) });
  }
  return results.map((found) => [...found.values()].sort((a, b) => byId(a.edge, b.edge)));
}

/** get-neighbours.cypher's parameter for these queries. */
export function neighbourParams(queries: readonly { id: string; direction: string; types?: readonly string[] }[]) {
  return { queries: queries.map((q) => ({ id: q.id, direction: q.direction, types: [...(q.types ?? [])] })) };
}

/** The ends an edge id of the form `type|from|to[|discriminator]` names, or null for any other id. */
export function endsNamedBy(id: string): { from: string; to: string } | null {
  const [type, from, to] = id.split('|');
  if (type === undefined || from === undefined || to === undefined || !isEdgeType(type)) return null;
  return parseGlobalId(from) && parseGlobalId(to) ? { from, to } : null;
}

export function toNumber(value: unknown): number {
  return fromNeo4jValue(value) as number;
}

export function byId(a: { id: string }, b: { id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
