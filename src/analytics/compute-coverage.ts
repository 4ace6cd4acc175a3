import type { GraphEdge, GraphNode } from '../domain/graph-records';
import { compareCodes } from '../domain/sort-key';
import type { GraphStore } from '../store/graph-store';
import { listAllNodes } from './list-all-nodes';

/** An SDG target no action line links at target level, with the goal-level links (if any) that reach its goal. */
export interface UnreachedTarget {
  target: GraphNode;
  /** MATRIX_LINKs from an action line to the target's goal; empty when nothing reaches the target at all. */
  goalLevelLinks: GraphEdge[];
}

/** An entity's weight in the WSIS system: how many texts mandate or ask it, and what it facilitates. */
export interface EntityRank {
  entity: GraphNode;
  /** MANDATES and ASKS links to the entity (from texts, their paragraphs and GDC parts), in id order. */
  mandates: GraphEdge[];
  /** FACILITATES links from the entity, in id order (every role, `former_lead` included; each link says its role). */
  facilitations: GraphEdge[];
}

export interface Coverage {
  /** SDG targets in code order that no MATRIX_LINK names. */
  unreachedTargets: UnreachedTarget[];
  /** GDC commitments in code order with no CORRESPONDS_TO to an action line or theme, their own or their objective's. */
  gdcCommitmentsWithoutWsis: GraphNode[];
  /** Action lines (C1–C11 and sub-lines) in code order that no GDC commitment or objective CORRESPONDS_TO; C7 counts as reached when one of its sub-lines is. */
  actionLinesWithoutGdc: GraphNode[];
  /** Entities with at least one mandate or facilitation, most mandates + facilitations first, then by code. */
  entities: EntityRank[];
}

/**
 * The gaps and weights a mapping study reports. Reads whole relationship
 * families: node lists for targets, GDC commitments, action lines and
 * entities, and one `listEdges` for MATRIX_LINK, TARGET_OF, CORRESPONDS_TO,
 * UNDER_OBJECTIVE, SUB_LINE_OF, MANDATES, ASKS and FACILITATES.
 */
export async function computeCoverage(store: GraphStore): Promise<Coverage> {
  const [targets, commitments, actionLines, entities, edges] = await Promise.all([
    listAllNodes(store, 'SdgTarget'),
    listAllNodes(store, 'GdcCommitment'),
    listAllNodes(store, 'ActionLine'),
    listAllNodes(store, 'Entity'),
    store.listEdges({
      types: ['MATRIX_LINK', 'TARGET_OF', 'CORRESPONDS_TO', 'UNDER_OBJECTIVE', 'SUB_LINE_OF', 'MANDATES', 'ASKS', 'FACILITATES'],
    }),
  ]);
  const ofType = (type: GraphEdge['type']) => edges.filter((edge) => edge.type === type);

  const linkedTargets = new Set(ofType('MATRIX_LINK').map((edge) => edge.to));
  const goalOf = new Map(ofType('TARGET_OF').map((edge) => [edge.from, edge.to]));
  const goalLinks = groupBy(
    ofType('MATRIX_LINK').filter((edge) => edge.to.startsWith('SdgGoal:')),
    (edge) => edge.to,
  );
  const unreachedTargets = targets
    .filter((target) => !linkedTargets.has(target.id))
    .map((target) => ({ target, goalLevelLinks: goalLinks.get(goalOf.get(target.id) ?? '') ?? [] }));

  const correspondences = ofType('CORRESPONDS_TO').filter((edge) => edge.to.startsWith('ActionLine:') || edge.to.startsWith('Theme:'));
  const corresponding = new Set(correspondences.map((edge) => edge.from));
  const objectiveOf = new Map(ofType('UNDER_OBJECTIVE').map((edge) => [edge.from, edge.to]));
  const gdcCommitmentsWithoutWsis = commitments.filter(
    (c) => !corresponding.has(c.id) && !corresponding.has(objectiveOf.get(c.id) ?? ''),
  );

  const reachedLines = new Set(correspondences.map((edge) => edge.to));
  for (const edge of ofType('SUB_LINE_OF')) if (reachedLines.has(edge.from)) reachedLines.add(edge.to);
  const actionLinesWithoutGdc = actionLines.filter((line) => !reachedLines.has(line.id));

  const mandatesOf = groupBy(ofType('MANDATES').concat(ofType('ASKS')), (edge) => edge.to);
  const facilitationsOf = groupBy(ofType('FACILITATES'), (edge) => edge.from);
  const ranked = entities
    .map((entity) => ({
      entity,
      mandates: sortById(mandatesOf.get(entity.id) ?? []),
      facilitations: sortById(facilitationsOf.get(entity.id) ?? []),
    }))
    .filter((rank) => rank.mandates.length + rank.facilitations.length > 0)
    .sort(
      (x, y) =>
        y.mandates.length + y.facilitations.length - (x.mandates.length + x.facilitations.length) ||
        compareCodes(x.entity.code, y.entity.code),
    );

  return { unreachedTargets, gdcCommitmentsWithoutWsis, actionLinesWithoutGdc, entities: ranked };
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

function sortById(edges: GraphEdge[]): GraphEdge[] {
  return edges.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
