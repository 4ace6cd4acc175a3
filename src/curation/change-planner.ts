import { ConflictError, NotFoundError } from '../domain/errors';
import { graphEdgeSchema, graphNodeSchema, toEdgeId, type GraphEdge, type GraphNode } from '../domain/graph-records';
import { toGlobalId } from '../domain/node-types';
import type { GraphStore, WriteOp } from '../store/graph-store';
import {
  badInput,
  mergeProps,
  toLocalized,
  toProvenance,
  type ChangeInput,
  type LinkInput,
  type LinkUpdateInput,
  type NodeInput,
  type NodeUpdateInput,
} from './curation-inputs';

/** What one planned change will produce: the record written, or the id removed. */
export type PlannedOutcome =
  | { op: 'createNode' | 'updateNode'; id: string; node: GraphNode }
  | { op: 'createLink' | 'updateLink'; id: string; edge: GraphEdge }
  | { op: 'deleteNode' | 'deleteLink'; id: string };

/**
 * Turns curation inputs into the store's write operations, one batch at a
 * time. It reads the current records (through the port) to merge partial
 * updates, and keeps the records the batch has written so far, so a later
 * change of the same batch sees an earlier one (create a node, then link it).
 * Every record built is validated by the domain schemas (the edge
 * vocabulary's end types included) and refused with `BAD_USER_INPUT` naming
 * `argument`; a missing node or link is `NOT_FOUND`, an existing id
 * `CONFLICT`. The store checks existence again when it applies the batch,
 * atomically; run a planner and its `applyWrites` under `runExclusive` so no
 * other write slips in between.
 *
 * Mapping studies and their STUDY_LINKs are not written here: they have
 * their own rules (published versions are immutable), see `mapping-studies.ts`.
 */
export class ChangePlanner {
  readonly ops: WriteOp[] = [];
  readonly outcomes: PlannedOutcome[] = [];
  private readonly nodes = new Map<string, GraphNode | null>();
  private readonly edges = new Map<string, GraphEdge | null>();

  constructor(private readonly store: GraphStore) {}

  /** Plans one change of `applyChanges`; `argument` is its path, e.g. `changes.2`. */
  async change(change: ChangeInput, argument: string): Promise<void> {
    if (change.createNode) return this.createNode(change.createNode, `${argument}.createNode`);
    if (change.updateNode) return this.updateNode(change.updateNode, `${argument}.updateNode`);
    if (change.deleteNode) return this.deleteNode(change.deleteNode, `${argument}.deleteNode`);
    if (change.createLink) return this.createLink(change.createLink, `${argument}.createLink`);
    if (change.updateLink) return this.updateLink(change.updateLink, `${argument}.updateLink`);
    if (change.deleteLink) return this.deleteLink(change.deleteLink, `${argument}.deleteLink`);
  }

  async createNode(input: NodeInput, argument: string): Promise<void> {
    refuseStudyType(input.type, `${argument}.type`);
    const node = validNode(
      {
        id: toGlobalId(input.type, input.code),
        type: input.type,
        code: input.code,
        name: toLocalized(input.name),
        props: mergeProps({}, input.props),
        provenance: toProvenance(input.provenance),
      },
      argument,
    );
    if (await this.node(node.id)) throw new ConflictError(`Node "${node.id}" already exists.`, { id: node.id, argument: `${argument}.code` });
    this.write({ op: 'createNode', node }, { op: 'createNode', id: node.id, node });
    this.nodes.set(node.id, node);
  }

  async updateNode(input: NodeUpdateInput, argument: string): Promise<void> {
    const current = await this.requireNode(input.id, `${argument}.id`);
    refuseStudyType(current.type, `${argument}.id`);
    const node = validNode(
      {
        ...current,
        name: input.name ? toLocalized(input.name) : current.name,
        props: mergeProps(current.props, input.props, input.removeProps),
        provenance: input.provenance ? toProvenance(input.provenance) : current.provenance,
      },
      argument,
    );
    this.write({ op: 'updateNode', node }, { op: 'updateNode', id: node.id, node });
    this.nodes.set(node.id, node);
  }

  async deleteNode(id: string, argument: string): Promise<void> {
    const current = await this.requireNode(id, argument);
    refuseStudyType(current.type, argument);
    const [links] = await this.store.getNeighbours([{ id, direction: 'both', types: ['STUDY_LINK'] }]);
    const studyIds = [...new Set((links ?? []).map(({ edge }) => String(edge.props.study)))];
    const studies = studyIds.length > 0 ? await this.store.getNodes(studyIds) : [];
    const published = studies.find((study) => study?.props.status === 'published');
    if (published) {
      throw new ConflictError(`Node "${id}" is part of the published mapping study "${published.id}", which cannot change.`, {
        id,
        study: published.id,
        argument,
      });
    }
    this.write({ op: 'deleteNode', id }, { op: 'deleteNode', id });
    this.nodes.set(id, null);
    for (const [edgeId, edge] of this.edges) if (edge && (edge.from === id || edge.to === id)) this.edges.set(edgeId, null);
  }

  async createLink(input: LinkInput, argument: string): Promise<void> {
    refuseStudyLink(input.type, `${argument}.type`);
    const edge = validEdge(
      {
        id: toEdgeId(input.type, input.from, input.to, input.discriminator ?? undefined),
        type: input.type,
        from: input.from,
        to: input.to,
        props: mergeProps({}, input.props),
        provenance: toProvenance(input.provenance),
      },
      argument,
    );
    if (await this.edge(edge.id)) throw new ConflictError(`Link "${edge.id}" already exists.`, { id: edge.id, argument });
    await this.requireNode(edge.from, `${argument}.from`);
    await this.requireNode(edge.to, `${argument}.to`);
    this.write({ op: 'createEdge', edge }, { op: 'createLink', id: edge.id, edge });
    this.edges.set(edge.id, edge);
  }

  async updateLink(input: LinkUpdateInput, argument: string): Promise<void> {
    const current = await this.requireEdge(input.id, `${argument}.id`);
    refuseStudyLink(current.type, `${argument}.id`);
    const edge = validEdge(
      {
        ...current,
        props: mergeProps(current.props, input.props, input.removeProps),
        provenance: input.provenance ? toProvenance(input.provenance) : current.provenance,
      },
      argument,
    );
    this.write({ op: 'updateEdge', edge }, { op: 'updateLink', id: edge.id, edge });
    this.edges.set(edge.id, edge);
  }

  async deleteLink(id: string, argument: string): Promise<void> {
    const current = await this.requireEdge(id, argument);
    refuseStudyLink(current.type, argument);
    this.write({ op: 'deleteEdge', id }, { op: 'deleteLink', id });
    this.edges.set(id, null);
  }

  /** The node as this batch leaves it so far. */
  async node(id: string): Promise<GraphNode | null> {
    if (this.nodes.has(id)) return this.nodes.get(id)!;
    return (await this.store.getNodes([id]))[0] ?? null;
  }

  /** The link as this batch leaves it so far. */
  async edge(id: string): Promise<GraphEdge | null> {
    if (this.edges.has(id)) return this.edges.get(id)!;
    const edge = (await this.store.getEdges([id]))[0] ?? null;
    // A link of a node this batch deleted is gone too.
    if (edge && (this.nodes.get(edge.from) === null || this.nodes.get(edge.to) === null)) return null;
    return edge;
  }

  /** Adds operations built elsewhere (mapping studies), keeping the batch's view of its records. */
  write(op: WriteOp, outcome?: PlannedOutcome): void {
    this.ops.push(op);
    if (outcome) this.outcomes.push(outcome);
    if (op.op === 'createNode' || op.op === 'updateNode') this.nodes.set(op.node.id, op.node);
    else if (op.op === 'deleteNode') this.nodes.set(op.id, null);
    else if (op.op === 'createEdge' || op.op === 'updateEdge') this.edges.set(op.edge.id, op.edge);
    else this.edges.set(op.id, null);
  }

  async requireNode(id: string, argument: string): Promise<GraphNode> {
    const node = await this.node(id);
    if (!node) throw new NotFoundError(`Node "${id}" was not found.`, { id, argument });
    return node;
  }

  async requireEdge(id: string, argument: string): Promise<GraphEdge> {
    const edge = await this.edge(id);
    if (!edge) throw new NotFoundError(`Link "${id}" was not found.`, { id, argument });
    return edge;
  }
}

function validNode(candidate: GraphNode, argument: string): GraphNode {
  const result = graphNodeSchema.safeParse(candidate);
  if (!result.success) throw badInput(result.error.issues[0]!, argument);
  return result.data;
}

function validEdge(candidate: GraphEdge, argument: string): GraphEdge {
  const result = graphEdgeSchema.safeParse(candidate);
  if (!result.success) throw badInput(result.error.issues[0]!, argument);
  return result.data;
}

function refuseStudyType(type: string, argument: string): void {
  if (type === 'MappingStudy') {
    throw badInput({ code: 'custom', path: [], message: 'a node type other than MappingStudy (use the mapping-study mutations)', input: type }, argument);
  }
}

function refuseStudyLink(type: string, argument: string): void {
  if (type === 'STUDY_LINK') {
    throw badInput({ code: 'custom', path: [], message: 'a link type other than STUDY_LINK (use addMappingAssertions)', input: type }, argument);
  }
}
