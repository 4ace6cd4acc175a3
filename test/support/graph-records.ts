import type { GraphEdge, GraphNode } from '../../src/domain/graph-records';

/** Provenance for hand-made test records: valid, and plainly not a fact. */
export const TEST_PROVENANCE = { sources: [{ document: 'test fixture' }], confidence: 'source' as const };

/** A valid node record for tests; its English name is `"<type> <code>"` unless given. */
export function testNode(
  type: GraphNode['type'],
  code: string,
  options: { en?: string; props?: GraphNode['props'] } = {},
): GraphNode {
  return {
    id: `${type}:${code}`,
    type,
    code,
    name: { en: options.en ?? `${type} ${code}` },
    props: options.props ?? {},
    provenance: TEST_PROVENANCE,
  };
}

/** A valid edge record for tests, with the conventional id `TYPE|from|to`. */
export function testEdge(type: GraphEdge['type'], from: string, to: string, props: GraphEdge['props'] = {}): GraphEdge {
  return { id: `${type}|${from}|${to}`, type, from, to, props, provenance: TEST_PROVENANCE };
}
