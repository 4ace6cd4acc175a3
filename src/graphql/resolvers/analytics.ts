import { z } from 'zod';
import { buildMatrix, MATRIX_AXES, MATRIX_MEASURES, type Matrix, type MatrixCell } from '../../analytics/build-matrix';
import { computeCoverage, type EntityRank, type UnreachedTarget } from '../../analytics/compute-coverage';
import { computeOverlap, type Overlap, type SharedItem } from '../../analytics/compute-overlap';
import { findCarriedMandates, findMandates, type MandateTrace } from '../../analytics/find-mandates';
import { findPaths, type GraphPath } from '../../analytics/find-paths';
import { GOAL_LINK_REACHES } from '../../analytics/reach-index';
import { EDGE_TYPES, type EdgeType } from '../../domain/edge-types';
import type { GraphEdge, GraphNode } from '../../domain/graph-records';
import type { GraphQLContext } from '../context';
import { parseArgs, perLimit } from '../parse-args';
import type { LinkView } from './relations';
import { partialDateOrNull } from './typed-twins';

/**
 * Resolvers of the analytic root fields and their result types. Each root
 * field validates its arguments and calls one function of src/analytics;
 * the result types read the plain results those functions return. The
 * GraphQL enum values (MatrixAxis, MatrixMeasure, GoalLinkReach) are the
 * values src/analytics uses, so they need no mapping in enums.ts.
 */

/** Most paths one `paths` call returns. */
export const MAX_PATHS = 100;

const idArg = z.string().min(1, 'a global id "<Type>:<code>"').max(300, 'a global id of at most 300 characters');
const goalLinksArg = z.enum(GOAL_LINK_REACHES);
const linkTypesArg = z.array(z.enum(EDGE_TYPES as [EdgeType, ...EdgeType[]])).max(EDGE_TYPES.length, 'at most one entry per link type').nullish();

// Built once (per configured limit), not on every call: building a zod schema costs more than using it.
const mandatesArgs = z.object({ of: idArg });
const overlapArgs = z.object({ a: idArg, b: idArg, goalLinks: goalLinksArg });
const matrixArgs = z.object({
  rows: z.enum(MATRIX_AXES),
  columns: z.enum(MATRIX_AXES),
  measure: z.enum(MATRIX_MEASURES),
  goalLinks: goalLinksArg,
  linkTypes: linkTypesArg,
});
const pathsArgs = perLimit((max) =>
  z.object({
    from: idArg,
    to: idArg,
    maxHops: z.number().int().min(1, `an integer from 1 to ${max}`).max(max, `an integer from 1 to ${max}`).nullish(),
    first: z.number().int().min(1, `an integer from 1 to ${MAX_PATHS}`).max(MAX_PATHS, `an integer from 1 to ${MAX_PATHS}`),
    linkTypes: linkTypesArg,
  }),
);

export const analyticsQuery = {
  mandates: async (_root: unknown, args: unknown, ctx: GraphQLContext) =>
    findMandates(ctx.store, parseArgs(mandatesArgs, args).of),

  overlap: async (_root: unknown, args: unknown, ctx: GraphQLContext) => {
    const { a, b, goalLinks } = parseArgs(overlapArgs, args);
    return computeOverlap(ctx.store, { a, b }, { goalLinks });
  },

  matrix: async (_root: unknown, args: unknown, ctx: GraphQLContext) => {
    const parsed = parseArgs(matrixArgs, args);
    return buildMatrix(ctx.store, { ...parsed, linkTypes: parsed.linkTypes ?? undefined });
  },

  coverage: async (_root: unknown, _args: unknown, ctx: GraphQLContext) => computeCoverage(ctx.store),

  paths: async (_root: unknown, args: unknown, ctx: GraphQLContext) => {
    const max = ctx.limits.MAX_PATH_HOPS;
    const parsed = parseArgs(pathsArgs(max), args);
    return findPaths(ctx.store, {
      from: parsed.from,
      to: parsed.to,
      maxHops: parsed.maxHops ?? Math.min(4, max),
      first: parsed.first,
      linkTypes: parsed.linkTypes ?? undefined,
    });
  },
};

/** Fields this file adds to `Resolution`. */
export const analyticsResolution = {
  // Through the loaders: `resolutions { nodes { mandatesCarried } }` walks every text's chains together.
  mandatesCarried: (node: GraphNode, _args: unknown, ctx: GraphQLContext) => findCarriedMandates(ctx.loaders.reads, node.id),
};

const view = (edge: GraphEdge, other?: GraphNode): LinkView => ({ edge, other });
const views = (edges: readonly GraphEdge[]): LinkView[] => edges.map((edge) => view(edge));
const nodeById = (ctx: GraphQLContext, id: string) => ctx.loaders.node.load(id);
const nodesById = (ctx: GraphQLContext, ids: readonly string[]) => ctx.loaders.node.loadMany(ids);
const dateOf = (node: GraphNode) => (node.props.date ?? node.props.year ?? null)?.toString() ?? null;

export const MandateTraceResult = {
  date: (trace: MandateTrace) => dateOf(trace.resolution),
  direct: (trace: MandateTrace) => trace.chain.length === 0,
  mandate: (trace: MandateTrace) => view(trace.mandate, trace.assignee),
  originDate: (trace: MandateTrace) => dateOf(trace.origin),
  partialDate: (trace: MandateTrace) => partialDateOrNull(dateOf(trace.resolution)),
  partialOriginDate: (trace: MandateTrace) => partialDateOrNull(dateOf(trace.origin)),
  chain: (trace: MandateTrace) => trace.chain.map((step) => ({ ...step, link: view(step.edge) })),
};

export const SharedNode = {
  node: (item: SharedItem, _args: unknown, ctx: GraphQLContext) => nodeById(ctx, item.id),
  evidenceA: (item: SharedItem) => views(item.evidenceA),
  evidenceB: (item: SharedItem) => views(item.evidenceB),
};

export const OverlapResult = {
  links: (overlap: Overlap) => views(overlap.links),
  onlyA: (overlap: Overlap, _args: unknown, ctx: GraphQLContext) => nodesById(ctx, overlap.onlyA),
  onlyB: (overlap: Overlap, _args: unknown, ctx: GraphQLContext) => nodesById(ctx, overlap.onlyB),
};

const cellArgs = z.object({ row: idArg, column: idArg });

export const MatrixResult = {
  cell: (matrix: Matrix, args: unknown) => {
    const { row, column } = parseArgs(cellArgs, args);
    return matrix.cells.find((cell) => cell.row.id === row && cell.column.id === column) ?? null;
  },
};

export const MatrixCellResult = {
  evidence: (cell: MatrixCell) => views(cell.evidence),
  confidences: (cell: MatrixCell) => [...new Set(cell.evidence.map((edge) => edge.provenance.confidence))].sort(),
  sharedTargets: (cell: MatrixCell, _args: unknown, ctx: GraphQLContext) => nodesById(ctx, cell.sharedTargets),
};

export const UnreachedTargetResult = {
  goalLevelLinks: (item: UnreachedTarget) => views(item.goalLevelLinks),
};

export const EntityRankResult = {
  mandateCount: (rank: EntityRank) => rank.mandates.length,
  facilitationCount: (rank: EntityRank) => rank.facilitations.length,
  mandates: (rank: EntityRank) => rank.mandates.map((edge) => view(edge, rank.entity)),
  facilitations: (rank: EntityRank) => views(rank.facilitations),
};

export const PathResult = {
  length: (path: GraphPath) => path.edges.length,
  links: (path: GraphPath) => path.edges.map((edge, i) => view(edge, path.nodes[i + 1])),
};

/** The result types' resolvers, by GraphQL type name. */
export const analyticsTypes = {
  MandateTrace: MandateTraceResult,
  SharedNode,
  Overlap: OverlapResult,
  Matrix: MatrixResult,
  MatrixCell: MatrixCellResult,
  UnreachedTarget: UnreachedTargetResult,
  EntityRank: EntityRankResult,
  Path: PathResult,
};
