import { EDGE_TYPES, EDGE_VOCABULARY, isAllowedEdge, type EdgeType } from '../domain/edge-types';
import { graphEdgeSchema, graphNodeSchema, toEdgeId, type GraphEdge, type GraphNode } from '../domain/graph-records';
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

/**
 * The well-formed codes per node type. Official identifiers stay official:
 * `"9.c"`, `"C7.e-health"`, `"A/RES/70/125"`.
 */
export const CODE_PATTERNS: Readonly<Record<NodeType, RegExp>> = {
  ActionLine: /^(C([1-9]|1[01])|C7\.e-[a-z]+)$/,
  Theme: /^T-[A-Z]+$/,
  SdgGoal: /^([1-9]|1[0-7])$/,
  SdgTarget: /^([1-9]|1[0-7])\.([1-9]\d?|[a-z])$/,
  SdgIndicator: /^([1-9]|1[0-7])\.([1-9]\d?|[a-z])\.[1-9]\d?$/,
  Entity: /^[A-Za-z][A-Za-z0-9_-]*$/,
  Resolution: /^\S(.*\S)?$/,
  Paragraph: /^\S+#\d+(-\d+)?(\([a-z]\))?$/,
  Initiative: /^[a-z][a-z0-9_]*$/,
  GdcObjective: /^[1-9]\d*$/,
  GdcPrinciple: /^[a-z]$|^\d+$/,
  GdcCommitment: /^(\d+(\([a-z]\))?|Rev\.\d+\/[\w()-]+)$/,
  Process: /^[A-Za-z][A-Za-z0-9-]*$/,
  Meeting: /^[A-Za-z][A-Za-z0-9-]*$/, // "<series>-<number or year>[-<place>]": IGF-2023-Kyoto, CSTD-26
  MappingStudy: /^[a-z0-9][a-z0-9-]{0,62}\/v[1-9]\d*$/, // "<slug>/v<version>", made through the curation API
};

/**
 * Checks what the record schemas cannot see alone: ids unique across files,
 * every edge's ends existing (and of types its vocabulary allows), codes well
 * formed for their type, edge ids following `toEdgeId`, paragraph and SDG
 * codes consistent with the node they hang from. Never throws for bad data:
 * every problem becomes one line in `errors`.
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
        errors.push(`${file}: node "${node.id}" does not match the node schema: ${shape.error.issues[0]?.message ?? 'invalid'}.`);
        continue;
      }
      if (nodes.has(node.id)) errors.push(`${file}: duplicate node id "${node.id}".`);
      nodes.set(node.id, node);
      counts.nodes[node.type]++;
      const pattern = CODE_PATTERNS[node.type];
      if (!pattern.test(node.code)) errors.push(`${file}: ${node.type} code "${node.code}" is malformed (expected ${pattern}).`);
    }
  }
  for (const node of nodes.values()) errors.push(...checkNodeConsistency(node));
  for (const id of seeds.unknownVariantNodes ?? []) errors.push(`names/: name variants are given for "${id}", which is not a node.`);

  const edgeIds = new Set<string>();
  for (const { file, records } of seeds.edgeFiles) {
    for (const edge of records) {
      const shape = graphEdgeSchema.safeParse(edge);
      if (!shape.success) {
        errors.push(`${file}: edge "${edge.id}" does not match the edge schema: ${shape.error.issues[0]?.message ?? 'invalid'}.`);
        continue;
      }
      if (edgeIds.has(edge.id)) errors.push(`${file}: duplicate edge id "${edge.id}".`);
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
      errors.push(...checkEdgeConsistency(file, edge, nodes));
    }
  }
  return { errors, counts };
}

// Facts that tie a node's props to its code, so a hand edit cannot leave them disagreeing.
function checkNodeConsistency(node: GraphNode): string[] {
  const errors: string[] = [];
  if (node.type === 'SdgTarget' && node.props.goal !== node.code.split('.')[0]) {
    errors.push(`SdgTarget "${node.code}" has props.goal "${String(node.props.goal)}"; expected "${node.code.split('.')[0]}".`);
  }
  if (node.type === 'SdgIndicator') {
    const listedAs = node.props.listedAs;
    if (!Array.isArray(listedAs) || listedAs[0] !== node.code) {
      errors.push(`SdgIndicator "${node.code}" must list its own code first in props.listedAs.`);
    }
  }
  if (node.type === 'Paragraph') {
    const document = node.code.slice(0, node.code.lastIndexOf('#'));
    if (node.props.document !== document) errors.push(`Paragraph "${node.code}" has props.document "${String(node.props.document)}"; expected "${document}".`);
  }
  if (node.type === 'ActionLine' && node.code.includes('.') && node.props.parent !== 'C7') {
    errors.push(`ActionLine "${node.code}" is a sub-line and needs props.parent "C7".`);
  }
  return errors;
}

function checkEdgeConsistency(file: string, edge: GraphEdge, nodes: Map<string, GraphNode>): string[] {
  const errors: string[] = [];
  if (edge.type === 'FACILITATES') {
    const roles = ['lead_facilitator', 'co_facilitator', 'facilitator', 'contributor', 'former_lead'];
    if (!roles.includes(String(edge.props.role))) errors.push(`${file}: FACILITATES "${edge.id}" has role "${String(edge.props.role)}"; expected one of ${roles.join(', ')}.`);
  }
  if (edge.type === 'TARGET_OF') {
    const target = nodes.get(edge.from);
    if (target && `SdgGoal:${String(target.props.goal)}` !== edge.to) errors.push(`${file}: "${edge.id}" joins a target to a goal that is not its own.`);
  }
  if (edge.type === 'PART_OF' && edge.from.startsWith('Paragraph:')) {
    const paragraph = nodes.get(edge.from);
    if (paragraph && `Resolution:${String(paragraph.props.document)}` !== edge.to) errors.push(`${file}: "${edge.id}" joins a paragraph to another document than its own.`);
  }
  return errors;
}
