import type { EdgeType } from '../../../src/domain/edge-types';
import { toEdgeId, type GraphEdge, type GraphNode, type Props } from '../../../src/domain/graph-records';
import { toGlobalId, type NodeType } from '../../../src/domain/node-types';
import { EmbeddedGraphStore } from '../../../src/store/embedded/embedded-graph-store';
import type { GraphStore } from '../../../src/store/graph-store';

/**
 * A small hand-made graph whose analytic answers can be worked out by hand
 * (the expected values in the tests are derived in their comments):
 *
 *   SDG 1 ← 1.1, 1.2        SDG 2 ← 2.1                       (TARGET_OF)
 *   C1 → 1.1, C1 → SDG 2 (goal level, flagged)                 (MATRIX_LINK)
 *   C7.e-health → 1.2, C7.e-health SUB_LINE_OF C7
 *   GDC objective 1 ← commitments 10, 11; 10 → 1.1, 11 → SDG 2 (CONTRIBUTES_TO); 10 CORRESPONDS_TO C1 (derived)
 *   entity A lead-facilitates C1; B co-facilitates C7 and is C1's former lead
 *   R1 para 5 MANDATES A; R2 MANDATES B; R2 FOLLOWS_UP R1; R3 REAFFIRMS R2; R4 RECALLS R1
 */
export function createFixtureStore(): EmbeddedGraphStore {
  return new EmbeddedGraphStore({ nodes: FIXTURE_NODES, edges: FIXTURE_EDGES, dataset: { version: 'fixture', builtAt: '2026-01-01T00:00:00Z' } });
}

const source = { sources: [{ document: 'fixture' }], confidence: 'source' as const };

export function node(type: NodeType, code: string, props: Props = {}, name = `${type} ${code}`): GraphNode {
  return { id: toGlobalId(type, code), type, code, name: { en: name }, props, provenance: source };
}

export function edge(
  type: EdgeType,
  from: string,
  to: string,
  options: { props?: Props; flags?: string[]; paragraph?: string; derived?: string } = {},
): GraphEdge {
  return {
    id: toEdgeId(type, from, to),
    type,
    from,
    to,
    props: options.props ?? {},
    provenance: {
      sources: [{ document: 'fixture', ...(options.paragraph ? { paragraph: options.paragraph } : {}) }],
      confidence: options.derived ? 'derived' : 'source',
      ...(options.derived ? { method: options.derived } : {}),
      ...(options.flags ? { flags: options.flags } : {}),
    },
  };
}

export const FIXTURE_NODES: GraphNode[] = [
  node('SdgGoal', '1'),
  node('SdgGoal', '2'),
  node('SdgTarget', '1.1', { goal: '1' }),
  node('SdgTarget', '1.2', { goal: '1' }),
  node('SdgTarget', '2.1', { goal: '2' }),
  node('ActionLine', 'C1', { kind: 'action_line' }, 'Role of governance', ),
  node('ActionLine', 'C7', { kind: 'action_line' }),
  node('ActionLine', 'C7.e-health', { kind: 'sub_line', parent: 'C7' }),
  node('GdcObjective', '1'),
  node('GdcCommitment', '10'),
  node('GdcCommitment', '11'),
  node('Entity', 'A'),
  node('Entity', 'B'),
  node('Resolution', 'R1', { date: '2001-01-01', symbol: 'R1' }),
  node('Resolution', 'R2', { date: '2002-01-01', symbol: 'R2' }),
  node('Resolution', 'R3', { date: '2003-01-01', symbol: 'R3' }),
  node('Resolution', 'R4', { date: '2004-01-01', symbol: 'R4' }),
  node('Paragraph', 'R1#5', { document: 'R1', number: '5' }),
];

export const FIXTURE_EDGES: GraphEdge[] = [
  edge('TARGET_OF', 'SdgTarget:1.1', 'SdgGoal:1'),
  edge('TARGET_OF', 'SdgTarget:1.2', 'SdgGoal:1'),
  edge('TARGET_OF', 'SdgTarget:2.1', 'SdgGoal:2'),
  edge('SUB_LINE_OF', 'ActionLine:C7.e-health', 'ActionLine:C7'),
  edge('MATRIX_LINK', 'ActionLine:C1', 'SdgTarget:1.1'),
  edge('MATRIX_LINK', 'ActionLine:C1', 'SdgGoal:2', { flags: ['matrix_views_disagree'] }),
  edge('MATRIX_LINK', 'ActionLine:C7.e-health', 'SdgTarget:1.2'),
  edge('UNDER_OBJECTIVE', 'GdcCommitment:10', 'GdcObjective:1'),
  edge('UNDER_OBJECTIVE', 'GdcCommitment:11', 'GdcObjective:1'),
  edge('CONTRIBUTES_TO', 'GdcCommitment:10', 'SdgTarget:1.1'),
  edge('CONTRIBUTES_TO', 'GdcCommitment:11', 'SdgGoal:2'),
  edge('CORRESPONDS_TO', 'GdcCommitment:10', 'ActionLine:C1', { derived: 'shared SDG target 1.1' }),
  edge('FACILITATES', 'Entity:A', 'ActionLine:C1', { props: { role: 'lead_facilitator' } }),
  edge('FACILITATES', 'Entity:B', 'ActionLine:C7', { props: { role: 'co_facilitator' } }),
  edge('FACILITATES', 'Entity:B', 'ActionLine:C1', { props: { role: 'former_lead' } }),
  edge('PART_OF', 'Paragraph:R1#5', 'Resolution:R1'),
  edge('MANDATES', 'Paragraph:R1#5', 'Entity:A', { paragraph: '5' }),
  edge('MANDATES', 'Resolution:R2', 'Entity:B'),
  edge('FOLLOWS_UP', 'Resolution:R2', 'Resolution:R1'),
  edge('REAFFIRMS', 'Resolution:R3', 'Resolution:R2'),
  edge('RECALLS', 'Resolution:R4', 'Resolution:R1'),
];

/** The edge of the fixture with this type and ends. */
export function fixtureEdge(type: EdgeType, from: string, to: string): GraphEdge {
  const found = FIXTURE_EDGES.find((e) => e.id === toEdgeId(type, from, to));
  if (!found) throw new Error(`no fixture edge ${type} ${from} ${to}`);
  return found;
}

/** A store that records every port call as `<method>:<number of keys>` (batch methods) or `<method>`. */
export function countCalls(store: GraphStore): { store: GraphStore; calls: string[] } {
  const calls: string[] = [];
  const counted = new Proxy(store, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls.push(Array.isArray(args[0]) ? `${String(key)}:${args[0].length}` : String(key));
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { store: counted, calls };
}
