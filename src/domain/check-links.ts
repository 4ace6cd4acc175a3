import type { EdgeType } from './edge-types';
import type { GraphEdge, GraphNode } from './graph-records';
import { NODE_VOCABULARY, type RequiredLink } from './node-vocabulary';

/**
 * The graph-level half of the vocabulary: what a record schema cannot see
 * alone because it needs the records around it. `seeds:check` runs these over
 * the seeds and the change planner over the state a write batch would leave,
 * so the two cannot disagree.
 */

/** A node without a link it needs: which field would fail, and what was expected. */
export interface LinkIssue {
  id: string;
  field: string;
  expected: string;
  found: number;
}

/**
 * The required links (see `NodeSpec.requiredLinks`) that `node` lacks or has
 * too many of, given `count`, the number of its links of a type in a
 * direction in the state being checked.
 */
export function checkRequiredLinks(node: GraphNode, count: (type: EdgeType, direction: 'out' | 'in') => number): LinkIssue[] {
  const issues: LinkIssue[] = [];
  for (const link of NODE_VOCABULARY[node.type].requiredLinks ?? []) {
    const found = count(link.type, link.direction);
    if (found < link.min || (link.max !== undefined && found > link.max)) {
      issues.push({ id: node.id, field: link.field, expected: describeRequiredLink(link), found });
    }
  }
  return issues;
}

/** `exactly 1 TARGET_OF link out`, `at least 1 INDICATOR_OF link out`. */
export function describeRequiredLink(link: RequiredLink): string {
  const amount = link.max === link.min ? `exactly ${link.min}` : link.max === undefined ? `at least ${link.min}` : `${link.min} to ${link.max}`;
  return `${amount} ${link.type} link${link.min === 1 && link.max === 1 ? '' : 's'} ${link.direction === 'out' ? 'from' : 'to'} it`;
}

/** Node types that need links of `type` at their `direction` end: what must be re-checked when such a link goes. */
export function typesNeeding(type: EdgeType): { nodeType: GraphNode['type']; direction: 'out' | 'in' }[] {
  return Object.entries(NODE_VOCABULARY).flatMap(([nodeType, spec]) =>
    (spec.requiredLinks ?? []).filter((link) => link.type === type).map((link) => ({ nodeType: nodeType as GraphNode['type'], direction: link.direction })),
  );
}

/** The edge types some node type requires (the ones whose removal a write must re-check). */
export const REQUIRED_LINK_TYPES: readonly EdgeType[] = [
  ...new Set(Object.values(NODE_VOCABULARY).flatMap((spec) => (spec.requiredLinks ?? []).map((link) => link.type))),
];

/**
 * Facts between a link and the nodes at its ends: a target's TARGET_OF goes
 * to its own goal, a paragraph's PART_OF to its own text. `from` or `to` may
 * be absent (an end that does not exist is reported elsewhere).
 */
export function checkEdgeEnds(edge: GraphEdge, from: GraphNode | undefined, _to: GraphNode | undefined): string[] {
  const issues: string[] = [];
  if (edge.type === 'TARGET_OF' && from && `SdgGoal:${String(from.props.goal)}` !== edge.to) {
    issues.push(`"${edge.id}" joins a target to a goal that is not its own (expected SdgGoal:${String(from.props.goal)})`);
  }
  if (edge.type === 'PART_OF' && from?.type === 'Paragraph' && `Resolution:${String(from.props.document)}` !== edge.to) {
    issues.push(`"${edge.id}" joins a paragraph to another document than its own (expected Resolution:${String(from.props.document)})`);
  }
  return issues;
}
