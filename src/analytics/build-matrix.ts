import { EDGE_TYPES, type EdgeType } from '../domain/edge-types';
import type { GraphEdge, GraphNode } from '../domain/graph-records';
import { nodeTypeOf } from '../domain/graph-records';
import type { NodeType } from '../domain/node-types';
import { compareCodes } from '../domain/sort-key';
import type { GraphStore } from '../store/graph-store';
import { listAllNodes } from './list-all-nodes';
import { jaccard, loadReachIndex, type GoalLinkReach, type Reach, type ReachIndex } from './reach-index';

/** The axes a matrix can have; `schema/analytics.graphql` documents each. */
export const MATRIX_AXES = [
  'ACTION_LINES',
  'ACTION_LINES_MAIN',
  'SDG_GOALS',
  'SDG_TARGETS',
  'GDC_OBJECTIVES',
  'GDC_COMMITMENTS',
  'ENTITIES',
  'INITIATIVES',
] as const;
export type MatrixAxis = (typeof MATRIX_AXES)[number];

export const MATRIX_MEASURES = ['DIRECT_LINKS', 'SHARED_TARGETS', 'JACCARD'] as const;
export type MatrixMeasure = (typeof MATRIX_MEASURES)[number];

export interface MatrixQuery {
  rows: MatrixAxis;
  columns: MatrixAxis;
  measure: MatrixMeasure;
  /** How a goal-level link counts toward targets (SHARED_TARGETS, JACCARD). */
  goalLinks: GoalLinkReach;
  /** DIRECT_LINKS: only links of these types; every type when absent or empty. */
  linkTypes?: readonly EdgeType[];
}

export interface MatrixCell {
  row: GraphNode;
  column: GraphNode;
  /** DIRECT_LINKS: number of links; SHARED_TARGETS: number of targets; JACCARD: the score, 0 < value ≤ 1. */
  value: number;
  /** The links behind the value, in id order. */
  evidence: GraphEdge[];
  /** Every flag of the evidence links, sorted (e.g. `matrix_views_disagree`). */
  flags: string[];
  /** SHARED_TARGETS and JACCARD: the SDG target ids both reach, in code order; `[]` for DIRECT_LINKS. */
  sharedTargets: string[];
}

export interface Matrix {
  rowAxis: MatrixAxis;
  columnAxis: MatrixAxis;
  measure: MatrixMeasure;
  goalLinks: GoalLinkReach;
  rows: GraphNode[];
  columns: GraphNode[];
  /** Non-empty cells only, row by row in row order, then in column order. */
  cells: MatrixCell[];
}

interface AxisSpec {
  type: NodeType;
  /** Only nodes with this `kind` prop. */
  kind?: string;
  /** Whether a node stands also for its parts (C7 for its sub-lines, a goal for its targets, …). */
  rollUp: boolean;
}

const AXES: Record<MatrixAxis, AxisSpec> = {
  ACTION_LINES: { type: 'ActionLine', rollUp: false },
  ACTION_LINES_MAIN: { type: 'ActionLine', kind: 'action_line', rollUp: true },
  SDG_GOALS: { type: 'SdgGoal', rollUp: true },
  SDG_TARGETS: { type: 'SdgTarget', rollUp: false },
  GDC_OBJECTIVES: { type: 'GdcObjective', rollUp: true },
  GDC_COMMITMENTS: { type: 'GdcCommitment', rollUp: false },
  ENTITIES: { type: 'Entity', rollUp: false },
  INITIATIVES: { type: 'Initiative', rollUp: false },
};

/** The node type an axis lists and whether it rolls up (for the cost limit's bounds on a matrix's lists). */
export function axisOf(axis: MatrixAxis): { type: NodeType; rollUp: boolean } {
  return { type: AXES[axis].type, rollUp: AXES[axis].rollUp };
}

/**
 * Builds a matrix between two axes. Reads: the axis nodes (`listNodes`, one
 * call per axis), the part-of and target-reach families (one `listEdges`),
 * and for DIRECT_LINKS the links among the axes' node types (one more
 * `listEdges`). The number of store calls does not grow with the matrix.
 *
 * DIRECT_LINKS: the links joining a row node (or one of its parts, where the
 * axis rolls up) to a column node (or one of its parts), either direction;
 * the part-of links themselves do not count. So for ACTION_LINES × SDG_GOALS
 * a MATRIX_LINK to a target counts for the target's goal, as the WSIS–SDG
 * Matrix reads at its top level.
 * SHARED_TARGETS: the SDG targets both reach ({@link ReachIndex.reachOf}).
 * JACCARD: |A ∩ B| / |A ∪ B| on those target sets.
 */
export async function buildMatrix(store: GraphStore, query: MatrixQuery): Promise<Matrix> {
  const rowSpec = AXES[query.rows];
  const columnSpec = AXES[query.columns];
  const [rows, columns, index] = await Promise.all([
    axisNodes(store, rowSpec),
    query.rows === query.columns ? null : axisNodes(store, columnSpec),
    loadReachIndex(store),
  ]);
  const cols = columns ?? rows;
  const base = { rowAxis: query.rows, columnAxis: query.columns, measure: query.measure, goalLinks: query.goalLinks, rows, columns: cols };
  if (query.measure === 'DIRECT_LINKS') {
    return { ...base, cells: await directLinkCells(store, index, query, rows, rowSpec, cols, columnSpec) };
  }
  const reachOf = (node: GraphNode, spec: AxisSpec) => index.reachOf(node.id, { goalLinks: query.goalLinks, rollUp: spec.rollUp });
  const rowReach = rows.map((node) => reachOf(node, rowSpec));
  const colReach = cols.map((node) => reachOf(node, columnSpec));
  const cells: MatrixCell[] = [];
  rows.forEach((row, r) => {
    cols.forEach((column, c) => {
      const cell = targetCell(row, column, rowReach[r]!, colReach[c]!, query.measure, index);
      if (cell) cells.push(cell);
    });
  });
  return { ...base, cells };
}

async function axisNodes(store: GraphStore, spec: AxisSpec): Promise<GraphNode[]> {
  return listAllNodes(store, spec.type, spec.kind ? { props: { kind: spec.kind } } : undefined);
}

// One pass over the links among the axes' node types: each link is added to
// every (row, column) whose members it joins.
async function directLinkCells(
  store: GraphStore,
  index: ReachIndex,
  query: MatrixQuery,
  rows: readonly GraphNode[],
  rowSpec: AxisSpec,
  cols: readonly GraphNode[],
  columnSpec: AxisSpec,
): Promise<MatrixCell[]> {
  const rowOf = membership(index, rows, rowSpec);
  const colOf = membership(index, cols, columnSpec);
  const memberTypes = [...new Set([...rowOf.types, ...colOf.types])];
  const types = query.linkTypes && query.linkTypes.length > 0 ? query.linkTypes : EDGE_TYPES;
  const edges = await store.listEdges({ types, fromTypes: memberTypes, toTypes: memberTypes });
  const byCell = new Map<string, GraphEdge[]>();
  const add = (r: number, c: number, edge: GraphEdge) => {
    const key = `${r}|${c}`;
    const list = byCell.get(key) ?? [];
    if (!list.includes(edge)) list.push(edge);
    byCell.set(key, list);
  };
  for (const edge of edges) {
    if (rowOf.partEdges.has(edge.id) || colOf.partEdges.has(edge.id)) continue;
    for (const r of rowOf.members.get(edge.from) ?? []) for (const c of colOf.members.get(edge.to) ?? []) add(r, c, edge);
    for (const r of rowOf.members.get(edge.to) ?? []) for (const c of colOf.members.get(edge.from) ?? []) add(r, c, edge);
  }
  const cells: MatrixCell[] = [];
  rows.forEach((row, r) => {
    cols.forEach((column, c) => {
      const evidence = byCell.get(`${r}|${c}`);
      if (!evidence) return;
      evidence.sort(byId);
      cells.push({ row, column, value: evidence.length, evidence, flags: flagsOf(evidence), sharedTargets: [] });
    });
  });
  return cells;
}

// Which axis positions each node stands in: its own, and (where the axis rolls
// up) that of the node it is part of; also the part-of links used, which are
// structure, not findings.
function membership(index: ReachIndex, nodes: readonly GraphNode[], spec: AxisSpec) {
  const members = new Map<string, number[]>();
  const partEdges = new Set<string>();
  const types = new Set<NodeType>([spec.type]);
  const add = (id: string, position: number) => members.set(id, [...(members.get(id) ?? []), position]);
  nodes.forEach((node, position) => {
    add(node.id, position);
    if (!spec.rollUp) return;
    const stack = [node.id];
    while (stack.length > 0) {
      for (const part of index.partsOf(stack.pop()!)) {
        if (part.type === 'PART_OF' || partEdges.has(part.id)) continue;
        partEdges.add(part.id);
        add(part.from, position);
        types.add(nodeTypeOf(part.from));
        stack.push(part.from);
      }
    }
  });
  return { members, partEdges, types };
}

function targetCell(
  row: GraphNode,
  column: GraphNode,
  a: Reach,
  b: Reach,
  measure: MatrixMeasure,
  index: ReachIndex,
): MatrixCell | null {
  const shared = [...a.targets.keys()].filter((target) => b.targets.has(target));
  if (shared.length === 0) return null;
  const ids = new Set(shared.flatMap((target) => [...a.targets.get(target)!, ...b.targets.get(target)!]));
  const evidence = [...ids].map((id) => index.edges.get(id)!).sort(byId);
  return {
    row,
    column,
    value: measure === 'SHARED_TARGETS' ? shared.length : jaccard(a.targets, b.targets),
    evidence,
    flags: flagsOf(evidence),
    sharedTargets: sortTargetIds(shared),
  };
}

/** Every flag of the edges, distinct and sorted. */
export function flagsOf(edges: readonly GraphEdge[]): string[] {
  return [...new Set(edges.flatMap((edge) => edge.provenance.flags ?? []))].sort();
}

/** SDG target ids in the UN's order (`SdgTarget:9.5` before `SdgTarget:9.a`); ids of one type sort as their codes. */
export function sortTargetIds(ids: readonly string[]): string[] {
  return [...ids].sort(compareCodes);
}

function byId(a: { id: string }, b: { id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
