import type { z } from 'zod';
import { EDGE_TYPES, EDGE_VOCABULARY, isAllowedEdge, type EdgeType } from '../domain/edge-types';
import { graphEdgeSchema, graphNodeSchema, toEdgeId, type GraphEdge, type GraphNode } from '../domain/graph-records';
import { checkEdgeEnds, checkRequiredLinks } from '../domain/check-links';
import { NODE_VOCABULARY } from '../domain/node-vocabulary';
import { NODE_TYPES, parseGlobalId, type NodeType } from '../domain/node-types';

/** The part of a loaded seed set that `checkSeeds` reads (a `SeedSet` from `loadSeeds` fits). */
export interface CheckableSeedSet {
  nodeFiles: { file: string; records: GraphNode[] }[];
  edgeFiles: { file: string; records: GraphEdge[] }[];
  /** Node ids named by `seeds/names/` records that no node file holds. */
  unknownVariantNodes?: string[];
}

export interface SeedCheckResult {
  /** One sentence per problem, naming the file and the record id; empty when the seeds are sound. */
  errors: string[];
  /** Records per node type and per edge type (every type listed, 0 when absent). */
  counts: { nodes: Record<NodeType, number>; edges: Record<EdgeType, number> };
}

/** The well-formed codes per node type (the vocabulary's, `NODE_VOCABULARY[type].code`). */
export const CODE_PATTERNS: Readonly<Record<NodeType, RegExp>> = Object.fromEntries(
  NODE_TYPES.map((type) => [type, NODE_VOCABULARY[type].code]),
) as Record<NodeType, RegExp>;

/**
 * Checks every record against the vocabulary (through the record schemas:
 * codes, props, enum values, facts between props and code) and what the
 * schemas cannot see alone: ids unique across files, every edge's ends
 * existing (and of types its vocabulary allows), edge ids following
 * `toEdgeId`, links consistent with the nodes at their ends, and the links
 * each node needs (`checkRequiredLinks`). Never throws for bad data: every
 * problem becomes one line in `errors`.
 */
export function checkSeeds(seeds: CheckableSeedSet): SeedCheckResult {
  const errors: string[] = [];
  const nodes = new Map<string, GraphNode>();
  const counts = {
    nodes: Object.fromEntries(NODE_TYPES.map((t) => [t, 0])) as Record<NodeType, number>,
    edges: Object.fromEntries(EDGE_TYPES.map((t) => [t, 0])) as Record<EdgeType, number>,
  };

  for (const { file, records } of seeds.nodeFiles) {
    for (const node of records) {
      const shape = graphNodeSchema.safeParse(node);
      if (!shape.success) {
        errors.push(...shape.error.issues.map((issue) => nodeIssue(file, node, issue)));
        // A record that fits the shape but not the vocabulary is still a node the edges may point to.
        if (!shape.error.issues.every(isVocabularyIssue)) continue;
      }
      if (nodes.has(node.id)) errors.push(`${file}: duplicate node id "${node.id}".`);
      nodes.set(node.id, node);
      counts.nodes[node.type]++;
    }
  }
  const linkCounts = new Map<string, number>();
  for (const id of seeds.unknownVariantNodes ?? []) errors.push(`names/: name variants are given for "${id}", which is not a node.`);

  const edgeIds = new Set<string>();
  for (const { file, records } of seeds.edgeFiles) {
    for (const edge of records) {
      const shape = graphEdgeSchema.safeParse(edge);
      if (!shape.success) {
        errors.push(...shape.error.issues.map((issue) => `${file}: edge "${edge.id}" does not match the edge schema: ${issue.message}.`));
        if (!shape.error.issues.every(isVocabularyIssue)) continue;
      }
      const duplicate = edgeIds.has(edge.id);
      if (duplicate) errors.push(`${file}: duplicate edge id "${edge.id}".`);
      edgeIds.add(edge.id);
      counts.edges[edge.type]++;
      if (edge.id !== toEdgeId(edge.type, edge.from, edge.to) && !edge.id.startsWith(`${toEdgeId(edge.type, edge.from, edge.to)}|`)) {
        errors.push(`${file}: edge id "${edge.id}" is not "${toEdgeId(edge.type, edge.from, edge.to)}[|discriminator]".`);
      }
      for (const end of [edge.from, edge.to]) {
        if (!nodes.has(end)) errors.push(`${file}: edge "${edge.id}" points to "${end}", which is not a node.`);
      }
      const from = parseGlobalId(edge.from);
      const to = parseGlobalId(edge.to);
      if (from && to && !isAllowedEdge(edge.type, from.type, to.type)) {
        errors.push(`${file}: ${edge.type} may not join ${from.type} to ${to.type} (${EDGE_VOCABULARY[edge.type].doc})`);
      }
      for (const issue of checkEdgeEnds(edge, nodes.get(edge.from), nodes.get(edge.to))) errors.push(`${file}: ${issue}.`);
      if (!duplicate) for (const key of [`${edge.from}|out|${edge.type}`, `${edge.to}|in|${edge.type}`]) linkCounts.set(key, (linkCounts.get(key) ?? 0) + 1);
    }
  }
  for (const node of nodes.values()) {
    for (const issue of checkRequiredLinks(node, (type, direction) => linkCounts.get(`${node.id}|${direction}|${type}`) ?? 0)) {
      errors.push(`${node.type} "${node.code}" has ${issue.found} where ${issue.field} needs ${issue.expected}.`);
    }
  }
  return { errors, counts };
}

type ZodIssue = z.core.$ZodIssue;

// Vocabulary issues carry the value and what was expected (see `vocabularyIssue` in graph-records.ts).
function isVocabularyIssue(issue: ZodIssue): boolean {
  return issue.code === 'custom' && (issue as { params?: { expected?: string } }).params?.expected !== undefined;
}

function nodeIssue(file: string, node: GraphNode, issue: ZodIssue): string {
  if (isVocabularyIssue(issue) && issue.path[0] === 'code') {
    return `${file}: ${node.type} code "${node.code}" is malformed (expected ${String((issue as { params?: Record<string, unknown> }).params?.expected)}).`;
  }
  return `${file}: node "${node.id}" does not match the node schema: ${issue.message}.`;
}
