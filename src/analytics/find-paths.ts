import type { EdgeType } from '../domain/edge-types';
import type { GraphEdge, GraphNode } from '../domain/graph-records';
import type { GraphStore } from '../store/graph-store';
import { requireNodes } from './require-node';

/** A path: `nodes[i]` and `nodes[i + 1]` are joined by `edges[i]` (in either direction). */
export interface GraphPath {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

export interface PathQuery {
  from: string;
  to: string;
  /** Longest path, in links; the caller bounds it (MAX_PATH_HOPS). */
  maxHops: number;
  /** Most paths returned. */
  first: number;
  /** Only links of these types; every type when absent or empty. */
  linkTypes?: readonly EdgeType[];
}

/**
 * The shortest paths between two nodes, links followed in either direction,
 * as explanations ("C5 ← 29(c) → SDG 16"). Every shortest path is a
 * candidate; the first `first` are returned in a stable order (by the ids of
 * their links, compared from the `to` end). `[]` when none is within
 * `maxHops`; `from` equal to `to` gives the one path of no links.
 *
 * Searched breadth-first from both ends at once, one level at a time, always
 * growing the side whose frontier has fewer links (not fewer nodes: ITU alone
 * has 40,040 links at the bench's ×1000 scale, SDG 9 alone 12), until the two
 * sides meet or `maxHops` levels have been walked in all. Through a hub (an
 * entity mandated by thousands of paragraphs, a goal many initiatives
 * contribute to) a search from one end only reads the hub's whole
 * neighbourhood and then the neighbourhood of that; meeting in the middle, on
 * the cheaper side each time, reads two small balls instead. Store calls: one
 * `getNodes`, then per level one `countNeighbours` for both frontiers and one
 * `getNeighbours` for the chosen side's, so at most `2 × maxHops + 1`.
 *
 * @throws BadUserInputError / NotFoundError for an id that is malformed / unknown (argument `from` or `to`).
 */
export async function findPaths(store: GraphStore, query: PathQuery): Promise<GraphPath[]> {
  const [from, to] = await requireNodes(store, [
    { argument: 'from', id: query.from },
    { argument: 'to', id: query.to },
  ]);
  if (from!.id === to!.id) return [{ nodes: [from!], edges: [] }];
  const types = query.linkTypes && query.linkTypes.length > 0 ? query.linkTypes : undefined;
  const forward = createSide(from!);
  const backward = createSide(to!);
  let meeting: string[] = [];
  for (let hops = 0; hops < query.maxHops && meeting.length === 0; hops++) {
    if (forward.frontier.length === 0 || backward.frontier.length === 0) return [];
    const [forwardLinks, backwardLinks] = await frontierLinks(store, forward, backward, types);
    const [side, other] = forwardLinks <= backwardLinks ? [forward, backward] : [backward, forward];
    const lists = await store.getNeighbours(side.frontier.map((id) => ({ id, direction: 'both' as const, types })));
    meeting = grow(side, lists).filter((id) => other.reached.has(id));
  }
  if (meeting.length === 0) return [];
  const nodeOf = (id: string) => (forward.reached.get(id) ?? backward.reached.get(id))!.node;
  return enumerate(to!.id, meeting, forward.reached, backward.reached, query.first).map((ids) => ({
    nodes: ids.nodes.map(nodeOf),
    edges: ids.edges,
  }));
}

// How many links each side's frontier has (what growing it would read), in one store call for both.
async function frontierLinks(store: GraphStore, forward: Side, backward: Side, types: readonly EdgeType[] | undefined): Promise<[number, number]> {
  const ids = [...forward.frontier, ...backward.frontier];
  const counts = await store.countNeighbours(ids.map((id) => ({ id, direction: 'both' as const, types })));
  const sum = (from: number, to: number) => counts.slice(from, to).reduce((total, count) => total + count, 0);
  return [sum(0, forward.frontier.length), sum(forward.frontier.length, ids.length)];
}

/** A link that reached a node from the level before it, on one side of the search. */
interface ParentLink {
  edge: GraphEdge;
  prev: string;
}

/** A node one side of the search reached, at which level, by which links from the level before. */
interface Reached {
  node: GraphNode;
  level: number;
  links: ParentLink[];
}

// One end of the search: every node it reached (the end itself at level 0,
// with no links) and its newest level.
interface Side {
  reached: Map<string, Reached>;
  frontier: string[];
  level: number;
}

function createSide(end: GraphNode): Side {
  return { reached: new Map([[end.id, { node: end, level: 0, links: [] }]]), frontier: [end.id], level: 0 };
}

// Adds the next level to `side` from its frontier's neighbour lists (same
// order as the frontier): a node reached before is not reached again, a node
// first reached at this level keeps every link from this level. Returns the
// new level.
// (One map read per neighbour: on a hub this loop runs once per link of the hub.)
function grow(side: Side, lists: readonly (readonly { edge: GraphEdge; node: GraphNode }[])[]): string[] {
  const level = side.level + 1;
  const next: string[] = [];
  side.frontier.forEach((prev, i) => {
    for (const { edge, node } of lists[i]!) {
      let reached = side.reached.get(node.id);
      if (reached === undefined) {
        reached = { node, level, links: [] };
        side.reached.set(node.id, reached);
        next.push(node.id);
      } else if (reached.level !== level) {
        continue;
      }
      reached.links.push({ edge, prev });
    }
  });
  side.frontier = next;
  side.level = level;
  return next;
}

// The shortest paths, walked from `to`: first along the backward side's links
// (only those that lead to a meeting node) out to the level where the sides
// met, then along the forward side's parent links back to `from`. At each
// node the links are taken in id order and the walk stops after `first`
// paths, so the order is that of link ids compared from the `to` end and a
// node with many shortest paths costs only what is returned.
function enumerate(
  to: string,
  meeting: readonly string[],
  forward: ReadonlyMap<string, Reached>,
  backward: ReadonlyMap<string, Reached>,
  first: number,
): { nodes: string[]; edges: GraphEdge[] }[] {
  // Reverse the backward side's parent links, keeping only nodes between `to` and a meeting node.
  const meets = new Set(meeting);
  const towardsFrom = new Map<string, ParentLink[]>();
  let level = [...meeting];
  while (level.length > 0) {
    const before: string[] = [];
    for (const id of level) {
      for (const { edge, prev } of backward.get(id)!.links) {
        let links = towardsFrom.get(prev);
        if (!links) {
          links = [];
          towardsFrom.set(prev, links);
          before.push(prev);
        }
        links.push({ edge, prev: id });
      }
    }
    level = before;
  }

  const paths: { nodes: string[]; edges: GraphEdge[] }[] = [];
  // `pastMeeting`: the walk has passed the meeting level and follows the forward side's links.
  const walk = (at: string, pastMeeting: boolean, nodes: string[], edges: GraphEdge[]) => {
    if (paths.length >= first) return;
    const onForward = pastMeeting || meets.has(at);
    const steps = onForward ? forward.get(at)!.links : towardsFrom.get(at)!;
    if (steps.length === 0) {
      paths.push({ nodes: [at, ...nodes], edges: [...edges] });
      return;
    }
    for (const { edge, prev } of [...steps].sort((a, b) => (a.edge.id < b.edge.id ? -1 : a.edge.id > b.edge.id ? 1 : 0))) {
      walk(prev, onForward, [at, ...nodes], [edge, ...edges]);
    }
  };
  walk(to, false, [], []);
  return paths;
}
