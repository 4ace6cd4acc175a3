import type { GraphEdge, GraphNode } from '../domain/graph-records';
import { parseGlobalId, type NodeType } from '../domain/node-types';
import { compareCodes } from '../domain/sort-key';
import type { GraphStore } from '../store/graph-store';
import { requireNodes } from './require-node';
import { jaccard, loadReachIndex, type EvidenceMap, type GoalLinkReach, type ReachIndex } from './reach-index';

/** Something both sides share, with the links that give it to each side. */
export interface SharedItem {
  /** The shared node's id (an SDG target, goal or entity). */
  id: string;
  evidenceA: GraphEdge[];
  evidenceB: GraphEdge[];
}

export interface Overlap {
  a: GraphNode;
  b: GraphNode;
  /** SDG targets both reach, in code order. */
  sharedTargets: SharedItem[];
  /** SDG goals both reach (through a target or a goal-level link), in goal order. */
  sharedGoals: SharedItem[];
  /** Entities linked to both, in code order. */
  sharedEntities: SharedItem[];
  /** Links joining a (or one of its parts) to b (or one of its parts), in id order. */
  links: GraphEdge[];
  /** SDG target ids only a reaches / only b reaches: what each leaves uncovered. */
  onlyA: string[];
  onlyB: string[];
  targetCountA: number;
  targetCountB: number;
  /** |targets(a) ∩ targets(b)| / |targets(a) ∪ targets(b)|; 0 when neither reaches a target. */
  jaccard: number;
}

/**
 * What two nodes have in common. Both are read "rolled up": a node stands
 * also for its parts (C7 for its sub-lines, a goal for its targets, a GDC
 * objective for its commitments, a document for its paragraphs and parts).
 *
 * - SDG targets and goals: as {@link ReachIndex.reachOf} defines reach.
 * - Entities: those joined to the node or one of its parts by any link
 *   (facilitation, activity, mandate, leadership, partnership, naming); an
 *   entity counts as linked to itself.
 * - Links: every link between the two sides, either direction.
 *
 * Store calls: one `getNodes`, one `listEdges` (target reach and parts, only
 * the links leaving node types a walk from `a` and `b` can read), one
 * `getNeighbours` for the parts of both sides together.
 */
export async function computeOverlap(
  store: GraphStore,
  ids: { a: string; b: string },
  options: { goalLinks: GoalLinkReach },
): Promise<Overlap> {
  const [[a, b], index] = await Promise.all([
    requireNodes(store, [
      { argument: 'a', id: ids.a },
      { argument: 'b', id: ids.b },
    ]),
    loadReachIndex(store, { around: typesOf([ids.a, ids.b]) }),
  ]);
  const membersA = membersOf(index, a!.id);
  const membersB = membersOf(index, b!.id);
  const all = [...new Set([...membersA, ...membersB])];
  const lists = await store.getNeighbours(all.map((id) => ({ id, direction: 'both' as const })));
  const neighboursOf = new Map(all.map((id, i) => [id, lists[i]!]));

  const reachA = index.reachOf(a!.id, { goalLinks: options.goalLinks, rollUp: true });
  const reachB = index.reachOf(b!.id, { goalLinks: options.goalLinks, rollUp: true });
  const entitiesA = entitiesOf(a!, membersA, neighboursOf);
  const entitiesB = entitiesOf(b!, membersB, neighboursOf);

  const inB = new Set(membersB);
  const links = new Map<string, GraphEdge>();
  for (const member of membersA) {
    for (const { edge, node } of neighboursOf.get(member)!) if (inB.has(node.id) && !inB.has(member)) links.set(edge.id, edge);
  }
  // Evidence not in the index is entity evidence: keep only links to entities (a hub has thousands of others).
  const seenEdges = new Map<string, GraphEdge>();
  for (const list of lists) for (const { edge, node } of list) if (node.type === 'Entity') seenEdges.set(edge.id, edge);
  const edgeById = (id: string) => index.edges.get(id) ?? seenEdges.get(id);
  return {
    a: a!,
    b: b!,
    sharedTargets: shared(reachA.targets, reachB.targets, edgeById, inCodeOrder),
    sharedGoals: shared(reachA.goals, reachB.goals, edgeById, inCodeOrder),
    sharedEntities: shared(entitiesA, entitiesB, edgeById, inCodeOrder),
    links: [...links.values()].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0)),
    onlyA: inCodeOrder([...reachA.targets.keys()].filter((t) => !reachB.targets.has(t))),
    onlyB: inCodeOrder([...reachB.targets.keys()].filter((t) => !reachA.targets.has(t))),
    targetCountA: reachA.targets.size,
    targetCountB: reachB.targets.size,
    jaccard: jaccard(reachA.targets, reachB.targets),
  };
}

// The types of two well-formed ids; undefined (load everything) otherwise, as requireNodes rejects them anyway.
function typesOf(ids: readonly string[]): NodeType[] | undefined {
  const parsed = ids.map(parseGlobalId);
  return parsed.every((p) => p !== null) ? parsed.map((p) => p!.type) : undefined;
}

/** The node and its parts, transitively (sub-lines, targets, commitments, paragraphs). */
export function membersOf(index: ReachIndex, id: string): string[] {
  const members = [id];
  for (let i = 0; i < members.length; i++) {
    for (const part of index.partsOf(members[i]!)) if (!members.includes(part.from)) members.push(part.from);
  }
  return members;
}

function entitiesOf(
  node: GraphNode,
  members: readonly string[],
  neighboursOf: ReadonlyMap<string, readonly { edge: GraphEdge; node: GraphNode }[]>,
): EvidenceMap {
  const entities: EvidenceMap = new Map();
  if (node.type === 'Entity') entities.set(node.id, []);
  for (const member of members) {
    for (const { edge, node: other } of neighboursOf.get(member)!) {
      if (other.type !== 'Entity' || other.id === node.id) continue;
      entities.set(other.id, [...new Set([...(entities.get(other.id) ?? []), edge.id])].sort());
    }
  }
  return entities;
}

function shared(
  a: EvidenceMap,
  b: EvidenceMap,
  edgeById: (id: string) => GraphEdge | undefined,
  order: (ids: readonly string[]) => string[],
): SharedItem[] {
  const ids = order([...a.keys()].filter((id) => b.has(id)));
  const edges = (list: readonly string[]) => list.map(edgeById).filter((edge): edge is GraphEdge => edge !== undefined);
  return ids.map((id) => ({ id, evidenceA: edges(a.get(id)!), evidenceB: edges(b.get(id)!) }));
}


// Ids of one node type sort as their codes (`SdgTarget:9.5` before `SdgTarget:9.a`).
function inCodeOrder(ids: readonly string[]): string[] {
  return [...ids].sort(compareCodes);
}
