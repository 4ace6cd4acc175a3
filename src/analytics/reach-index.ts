import { EDGE_VOCABULARY, type EdgeType } from '../domain/edge-types';
import type { GraphEdge } from '../domain/graph-records';
import { nodeTypeOf } from '../domain/graph-records';
import type { NodeType } from '../domain/node-types';
import type { GraphStore } from '../store/graph-store';

/**
 * How a link to a whole SDG goal counts toward SDG targets:
 * - `EVERY_TARGET`: as a link to every target of that goal. The WSIS–SDG
 *   Matrix links some action lines at goal level and says the link holds for
 *   the whole goal ("E-learning supports every Goal 4 target", "E-health is
 *   linked to all Goal 3 targets"); C3 is linked to all 17 goals that way.
 * - `GOAL_ONLY`: the link reaches the goal, no particular target.
 */
export const GOAL_LINK_REACHES = ['EVERY_TARGET', 'GOAL_ONLY'] as const;
export type GoalLinkReach = (typeof GOAL_LINK_REACHES)[number];

/** Evidence per reached node: the ids of the edges walked to reach it (sorted, distinct). */
export type EvidenceMap = Map<string, string[]>;

/** The SDG targets and goals a node reaches, each with the edges that say so. */
export interface Reach {
  targets: EvidenceMap;
  goals: EvidenceMap;
}

/**
 * Links that make a node part of a bigger one ("parts" are rolled up into
 * the whole): a C7 sub-line into C7, a target into its goal, a GDC commitment
 * into its objective, a paragraph or GDC part into its document.
 */
export const PART_TYPES: readonly EdgeType[] = ['SUB_LINE_OF', 'TARGET_OF', 'UNDER_OBJECTIVE', 'PART_OF'];

/** Links along which a node reaches SDG targets and goals (besides the parts above). */
const REACH_TYPES: readonly EdgeType[] = ['MATRIX_LINK', 'CONTRIBUTES_TO', 'FACILITATES'];

/**
 * The relationship families the target-based questions need (matrix links,
 * contributions, facilitation, and the part-of structure), loaded with ONE
 * `listEdges` call and indexed in memory. Kept only as long as the store
 * returns the very same frozen edge list (see {@link loadReachIndex}), so an
 * answer always reflects the store as it is. Read-only once built.
 */
export class ReachIndex {
  readonly edges = new Map<string, GraphEdge>();
  private readonly outByNode = new Map<string, GraphEdge[]>();
  private readonly inByNode = new Map<string, GraphEdge[]>();

  constructor(edges: readonly GraphEdge[]) {
    for (const edge of edges) {
      this.edges.set(edge.id, edge);
      push(this.outByNode, edge.from, edge);
      push(this.inByNode, edge.to, edge);
    }
  }

  /** The edges of `types` leaving `id`, in edge-id order. */
  out(id: string, types: readonly EdgeType[]): GraphEdge[] {
    return (this.outByNode.get(id) ?? []).filter((edge) => types.includes(edge.type));
  }

  /** The edges of `types` reaching `id`, in edge-id order. */
  in(id: string, types: readonly EdgeType[]): GraphEdge[] {
    return (this.inByNode.get(id) ?? []).filter((edge) => types.includes(edge.type));
  }

  /** The part-of edges into `id`: its sub-lines, targets, commitments, paragraphs. */
  partsOf(id: string): GraphEdge[] {
    return this.in(id, PART_TYPES);
  }

  /** The goal a target belongs to, or undefined. */
  goalOf(targetId: string): string | undefined {
    return this.out(targetId, ['TARGET_OF'])[0]?.to;
  }

  /**
   * The SDG targets and goals `id` reaches, with evidence:
   * - an SDG target reaches itself; an SDG goal reaches itself and its targets (TARGET_OF);
   * - an action line, GDC commitment or objective, or initiative reaches what its
   *   MATRIX_LINK / CONTRIBUTES_TO links point at; a link to a goal counts for
   *   the goal and, under `EVERY_TARGET`, for each of its targets;
   * - an entity reaches what the action lines it facilitates reach (FACILITATES,
   *   any role except `former_lead` or one that ended, i.e. has an `until`),
   *   those action lines rolled up;
   * - with `rollUp`, a node also reaches what its parts reach (C7 its
   *   sub-lines, an objective its commitments). A GDC objective always rolls up.
   * A target reached also reaches its goal, with the same evidence.
   */
  reachOf(id: string, options: { goalLinks: GoalLinkReach; rollUp: boolean }): Reach {
    // Remembered with the index (which lives as long as its edges): a matrix asks for every row and
    // column, and the next matrix asks for them again. Callers read a Reach, never change it.
    const key = `${options.goalLinks}|${options.rollUp}|${id}`;
    let reach = this.reaches.get(key);
    if (!reach) {
      reach = { targets: new Map(), goals: new Map() };
      this.visit(id, [], options, reach, []);
      this.reaches.set(key, reach);
    }
    return reach;
  }

  private readonly reaches = new Map<string, Reach>();

  // `path` holds the nodes above this one, so a malformed cycle of part-of links cannot loop;
  // a node reached along two paths is visited twice, keeping the evidence of both.
  private visit(id: string, via: string[], options: { goalLinks: GoalLinkReach; rollUp: boolean }, reach: Reach, path: string[]): void {
    if (path.includes(id)) return;
    const below = [...path, id];
    const type = nodeTypeOf(id);
    if (type === 'SdgTarget') {
      this.addTarget(reach, id, via);
      return;
    }
    if (type === 'SdgGoal') {
      addEvidence(reach.goals, id, via);
      for (const edge of this.in(id, ['TARGET_OF'])) addEvidence(reach.targets, edge.from, [...via, edge.id]);
      return;
    }
    if (type === 'Entity') {
      for (const edge of this.out(id, ['FACILITATES'])) {
        // A role that ended (former lead, or dated with `until`) is history, not reach.
        if (edge.props.role === 'former_lead' || edge.props.until !== undefined) continue;
        this.visit(edge.to, [...via, edge.id], { ...options, rollUp: true }, reach, below);
      }
      return;
    }
    for (const edge of this.out(id, ['MATRIX_LINK', 'CONTRIBUTES_TO'])) {
      const evidence = [...via, edge.id];
      if (nodeTypeOf(edge.to) === 'SdgTarget') {
        this.addTarget(reach, edge.to, evidence);
        continue;
      }
      addEvidence(reach.goals, edge.to, evidence);
      if (options.goalLinks === 'EVERY_TARGET') {
        for (const part of this.in(edge.to, ['TARGET_OF'])) addEvidence(reach.targets, part.from, evidence);
      }
    }
    if (options.rollUp || type === 'GdcObjective') {
      for (const part of this.in(id, ['SUB_LINE_OF', 'UNDER_OBJECTIVE'])) {
        this.visit(part.from, [...via, part.id], options, reach, below);
      }
    }
  }

  private addTarget(reach: Reach, targetId: string, evidence: readonly string[]): void {
    addEvidence(reach.targets, targetId, evidence);
    const goal = this.goalOf(targetId);
    if (goal) addEvidence(reach.goals, goal, evidence);
  }
}

/**
 * Loads the relationship families a {@link ReachIndex} needs, in one store call.
 * With `around`, only the links a question about nodes of those types can
 * walk ({@link walkableTypes}): an overlap of two entities does not need the
 * part-of links of every paragraph nor the contributions of every initiative,
 * which are most of these families and grow with the data.
 */
export async function loadReachIndex(store: GraphStore, options: { around?: readonly NodeType[] } = {}): Promise<ReachIndex> {
  const types = [...REACH_TYPES, ...PART_TYPES];
  const edges = await store.listEdges(options.around ? { types, fromTypes: walkableTypes(options.around) } : { types });
  // A store that hands back the same frozen list while no edge changed (the embedded one) gets its
  // index built once per write generation; a fresh list (Neo4j) gets a fresh index.
  if (!Object.isFrozen(edges)) return new ReachIndex(edges);
  let index = indexes.get(edges);
  if (!index) indexes.set(edges, (index = new ReachIndex(edges)));
  return index;
}

const indexes = new WeakMap<readonly GraphEdge[], ReachIndex>();

/**
 * The node types whose links a walk of this module can read when it starts
 * at nodes of `start` types: parts rolled up ({@link PART_TYPES} and the
 * sub-line/objective links, read into a node), targets into goals, and
 * facilitation, matrix and contribution links followed out. Closed over the
 * edge vocabulary (`EDGE_VOCABULARY`), which the record schemas enforce on
 * every edge a store holds (seeds and curation both parse with them), so an
 * index of the links leaving these types answers such a walk exactly as an
 * index of every link would.
 */
export function walkableTypes(start: readonly NodeType[]): NodeType[] {
  const types = new Set<NodeType>(start);
  const queue = [...types];
  const add = (type: NodeType) => {
    if (types.has(type)) return;
    types.add(type);
    queue.push(type);
  };
  while (queue.length > 0) {
    const type = queue.pop()!;
    for (const edgeType of [...PART_TYPES, ...REACH_TYPES]) {
      const rule = EDGE_VOCABULARY[edgeType];
      // Read into a node: its parts (any part-of link, sub-lines, commitments, a goal's targets).
      if ((rule.to as readonly NodeType[]).includes(type) && PART_TYPES.includes(edgeType)) for (const from of rule.from) add(from);
      // Followed out of a node: facilitation, matrix and contribution links, a target's goal.
      if ((rule.from as readonly NodeType[]).includes(type)) for (const to of rule.to) add(to);
    }
  }
  return [...types].sort();
}

/** |A ∩ B| / |A ∪ B| on the keys of two maps; 0 when both are empty. */
export function jaccard(a: ReadonlyMap<string, unknown>, b: ReadonlyMap<string, unknown>): number {
  let shared = 0;
  for (const key of a.keys()) if (b.has(key)) shared++;
  const union = a.size + b.size - shared;
  return union === 0 ? 0 : shared / union;
}

function addEvidence(map: EvidenceMap, key: string, evidence: readonly string[]): void {
  const merged = new Set([...(map.get(key) ?? []), ...evidence]);
  map.set(key, [...merged].sort());
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
