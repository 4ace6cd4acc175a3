import { createHash } from 'node:crypto';
import type { GraphEdge, GraphNode } from '../../domain/graph-records';

/**
 * What a release held, record by record: the id of every node and edge and a
 * hash of its content. Enough to say what was added, changed or removed
 * between two releases without keeping every old record.
 */
export interface ReleaseSnapshot {
  nodes: Record<string, string>;
  edges: Record<string, string>;
}

export function snapshotOf(nodes: Iterable<GraphNode>, edges: Iterable<GraphEdge>): ReleaseSnapshot {
  const snapshot: ReleaseSnapshot = { nodes: {}, edges: {} };
  for (const node of sortedById(nodes)) snapshot.nodes[node.id] = recordHash(node);
  for (const edge of sortedById(edges)) snapshot.edges[edge.id] = recordHash(edge);
  return snapshot;
}

/** 16 hex digits of sha256 over the record's JSON with keys sorted, so key order never counts as a change. */
export function recordHash(record: GraphNode | GraphEdge): string {
  return createHash('sha256').update(canonicalJson(record)).digest('hex').slice(0, 16);
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function sortedById<T extends { id: string }>(records: Iterable<T>): T[] {
  return [...records].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
