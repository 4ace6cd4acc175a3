import { checkEdgeEnds, checkRequiredLinks, REQUIRED_LINK_TYPES } from '../domain/check-links';
import { NODE_VOCABULARY } from '../domain/node-vocabulary';
import { BadUserInputError, ConflictError, NotFoundError } from '../domain/errors';
import { graphEdgeSchema, graphNodeSchema, toEdgeId, type GraphEdge, type GraphNode } from '../domain/graph-records';
import { toGlobalId } from '../domain/node-types';
import type { GraphReads, WriteOp } from '../store/graph-store';
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
/** The changes `applyChanges` takes, one per field of `ChangeInput`: the values of the `ChangeOperation` enum. */
export const CHANGE_OPERATIONS = ['createNode', 'updateNode', 'deleteNode', 'createLink', 'updateLink', 'deleteLink'] as const;

export type PlannedOutcome =
  | { op: 'createNode' | 'updateNode'; id: string; node: GraphNode }
  | { op: 'createLink' | 'updateLink'; id: string; edge: GraphEdge }
  | { op: 'deleteNode' | 'deleteLink'; id: string };

/**
 * Turns curation inputs into the store's write operations, one batch at a
 * time. It reads the current records (through the port) to merge partial
 * updates, and keeps the records the batch has written so far, so a later
 * change of the same batch sees an earlier one (create a node, then link it).
 * Every record built is validated by the domain schemas, which follow the
 * vocabulary (codes, props and their enum values, the edge vocabulary's end
 * types), and refused with `BAD_USER_INPUT` naming `argument`, the `value`
 * and what was `expected`; `checkLinks` then refuses a batch that would
 * leave a node without a link the read API needs (a target without its
 * goal). A missing node or link is `NOT_FOUND`, an existing id `CONFLICT`.
 *
 * Make one inside `GraphStore.writeWith`, over the reads it gives: then no
 * other write slips in between the planner's reads and the batch (on Neo4j
 * they run in the batch's transaction, locked). A record read once is kept
 * for the batch (it cannot change under the planner there), and `prefetch`
 * reads many at once, so a batch costs a few store reads, not one per record.
 *
 * Mapping studies and their STUDY_LINKs are not written here: they have
 * their own rules (published versions are immutable), see `mapping-studies.ts`.
 */
export class ChangePlanner {
  readonly ops: WriteOp[] = [];
  readonly outcomes: PlannedOutcome[] = [];
  private readonly nodes = new Map<string, GraphNode | null>();
  private readonly edges = new Map<string, GraphEdge | null>();
  /** Edges this batch removes (directly or with their node), by id: their ends may lose a link they need. */
  private readonly removed = new Map<string, GraphEdge>();
  /** The argument of the change that last wrote each record, for errors found after planning. */
  private readonly argumentOf = new Map<string, string>();
  /** Records as stored when the batch began (read once, or by `prefetch`); null = absent. */
  private readonly storedNodes = new Map<string, GraphNode | null>();
  private readonly storedEdges = new Map<string, GraphEdge | null>();

  constructor(readonly reads: GraphReads) {}

  /** Reads these nodes and links in one store call each, so the planning that follows reads none of them again. */
  async prefetch(ids: { nodes?: readonly string[]; edges?: readonly string[] }): Promise<void> {
    const nodes = [...new Set(ids.nodes ?? [])].filter((id) => !this.storedNodes.has(id));
    const edges = [...new Set(ids.edges ?? [])].filter((id) => !this.storedEdges.has(id));
    if (nodes.length > 0) (await this.reads.getNodes(nodes)).forEach((node, i) => this.storedNodes.set(nodes[i]!, node));
    if (edges.length > 0) (await this.reads.getEdges(edges)).forEach((edge, i) => this.storedEdges.set(edges[i]!, edge));
  }

  /** `prefetch` for the records a list of `applyChanges` changes names (the ids each change reads). */
  async prefetchChanges(changes: readonly ChangeInput[]): Promise<void> {
    const nodes: string[] = [];
    const edges: string[] = [];
    for (const change of changes) {
      if (change.createNode) nodes.push(toGlobalId(change.createNode.type, change.createNode.code));
      if (change.updateNode) nodes.push(change.updateNode.id);
      if (change.deleteNode) nodes.push(change.deleteNode);
      if (change.createLink) {
        const link = change.createLink;
        nodes.push(link.from, link.to);
        edges.push(toEdgeId(link.type, link.from, link.to, link.discriminator ?? undefined));
      }
      if (change.updateLink) edges.push(change.updateLink.id);
      if (change.deleteLink) edges.push(change.deleteLink);
    }
    await this.prefetch({ nodes, edges });
  }

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
    this.write({ op: 'createNode', node }, { op: 'createNode', id: node.id, node }, argument);
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
    this.write({ op: 'updateNode', node }, { op: 'updateNode', id: node.id, node }, argument);
  }

  async deleteNode(id: string, argument: string): Promise<void> {
    const current = await this.requireNode(id, argument);
    refuseStudyType(current.type, argument);
    // Every link of the node goes with it; this batch must see them gone (and may re-create some).
    const [neighbours] = await this.reads.getNeighbours([{ id, direction: 'both' }]);
    const links = (neighbours ?? []).filter(({ edge }) => this.edges.get(edge.id) !== null);
    const studyIds = [...new Set(links.filter(({ edge }) => edge.type === 'STUDY_LINK').map(({ edge }) => String(edge.props.study)))];
    const studies = studyIds.length > 0 ? await Promise.all(studyIds.map((studyId) => this.node(studyId))) : [];
    const published = studies.find((study) => study?.props.status === 'published');
    if (published) {
      throw new ConflictError(`Node "${id}" is part of the published mapping study "${published.id}", which cannot change.`, {
        id,
        study: published.id,
        argument,
      });
    }
    this.write({ op: 'deleteNode', id }, { op: 'deleteNode', id }, argument);
    for (const { edge } of links) this.forgetEdge(edge, argument);
    for (const edge of this.edges.values()) if (edge && (edge.from === id || edge.to === id)) this.forgetEdge(edge, argument);
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
    const from = await this.requireNode(edge.from, `${argument}.from`);
    const to = await this.requireNode(edge.to, `${argument}.to`);
    const [endIssue] = checkEdgeEnds(edge, from, to);
    if (endIssue) throw new BadUserInputError(`Argument "${argument}" is invalid: ${endIssue}.`, { argument, value: edge.to, expected: endIssue });
    this.write({ op: 'createEdge', edge }, { op: 'createLink', id: edge.id, edge }, argument);
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
    this.write({ op: 'updateEdge', edge }, { op: 'updateLink', id: edge.id, edge }, argument);
  }

  async deleteLink(id: string, argument: string): Promise<void> {
    const current = await this.requireEdge(id, argument);
    refuseStudyLink(current.type, argument);
    this.write({ op: 'deleteEdge', id }, { op: 'deleteLink', id }, argument);
    this.forgetEdge(current, argument);
  }

  /** The node as this batch leaves it so far. */
  async node(id: string): Promise<GraphNode | null> {
    if (this.nodes.has(id)) return this.nodes.get(id)!;
    await this.prefetch({ nodes: [id] });
    return this.storedNodes.get(id) ?? null;
  }

  /** The link as this batch leaves it so far. */
  async edge(id: string): Promise<GraphEdge | null> {
    if (this.edges.has(id)) return this.edges.get(id)!;
    // A link of a node this batch deleted is already in `edges` as null (see `deleteNode`).
    await this.prefetch({ edges: [id] });
    return this.storedEdges.get(id) ?? null;
  }

  /**
   * Adds an operation to the batch, keeping the batch's view of its records.
   * Records built elsewhere (mapping studies) are validated here like the
   * planner's own.
   */
  write(op: WriteOp, outcome?: PlannedOutcome, argument = 'input'): void {
    if (op.op === 'createNode' || op.op === 'updateNode') validNode(op.node, argument);
    if (op.op === 'createEdge' || op.op === 'updateEdge') validEdge(op.edge, argument);
    this.ops.push(op);
    if (outcome) this.outcomes.push(outcome);
    if (op.op === 'createNode' || op.op === 'updateNode') {
      this.nodes.set(op.node.id, op.node);
      this.argumentOf.set(op.node.id, argument);
    } else if (op.op === 'deleteNode') this.nodes.set(op.id, null);
    else if (op.op === 'createEdge' || op.op === 'updateEdge') {
      this.edges.set(op.edge.id, op.edge);
      this.removed.delete(op.edge.id);
    } else {
      const known = this.edges.get(op.id);
      if (known) this.removed.set(op.id, known);
      this.edges.set(op.id, null);
      this.argumentOf.set(op.id, argument);
    }
  }

  /**
   * Refuses the batch with `BAD_USER_INPUT` when the state it would leave has
   * a node without a link the vocabulary requires (`NodeSpec.requiredLinks`):
   * a new target without its TARGET_OF, a goal deleted under its targets, an
   * indicator's last INDICATOR_OF removed. Checks only the nodes the batch
   * touches, with one store read. Call it once the batch is planned.
   */
  async checkLinks(): Promise<void> {
    const touched = new Map<string, string>();
    for (const [id, node] of this.nodes) if (node) touched.set(id, this.argumentOf.get(id) ?? 'input');
    for (const edge of this.removed.values()) {
      if (!REQUIRED_LINK_TYPES.includes(edge.type)) continue;
      const argument = this.argumentOf.get(edge.id) ?? 'input';
      for (const end of [edge.from, edge.to]) if (!touched.has(end)) touched.set(end, argument);
    }
    const ids = [...touched.keys()].filter((id) => this.nodes.get(id) !== null);
    if (ids.length === 0) return;
    await this.prefetch({ nodes: ids.filter((id) => !this.nodes.has(id)) });
    const nodeOf = new Map([...this.storedNodes.values()].filter((n): n is GraphNode => n !== null).map((n) => [n.id, n]));
    const checked = ids.map((id) => this.nodes.get(id) ?? nodeOf.get(id)).filter((n): n is GraphNode => n !== undefined);
    const needing = checked.filter((node) => (NODE_VOCABULARY[node.type].requiredLinks ?? []).length > 0);
    if (needing.length === 0) return;
    const stored = await this.reads.getNeighbours(needing.map((node) => ({ id: node.id, direction: 'both' as const, types: REQUIRED_LINK_TYPES })));
    for (const [index, node] of needing.entries()) {
      const links = new Map<string, GraphEdge>();
      for (const { edge } of stored[index] ?? []) if (!this.edges.has(edge.id) && !this.removed.has(edge.id)) links.set(edge.id, edge);
      for (const [id, edge] of this.edges) if (edge && (edge.from === node.id || edge.to === node.id)) links.set(id, edge);
      const count = (type: GraphEdge['type'], direction: 'out' | 'in') =>
        [...links.values()].filter((edge) => edge.type === type && (direction === 'out' ? edge.from : edge.to) === node.id).length;
      const [issue] = checkRequiredLinks(node, count);
      if (issue) {
        const argument = touched.get(node.id)!;
        throw new BadUserInputError(
          `Argument "${argument}" is invalid: ${node.id} would have ${issue.found} where ${issue.field} needs ${issue.expected}.`,
          { argument, field: issue.field, value: issue.found, expected: issue.expected },
        );
      }
    }
  }

  // An edge the batch removes: gone from its view, remembered for `checkLinks`.
  private forgetEdge(edge: GraphEdge, argument: string): void {
    this.edges.set(edge.id, null);
    this.removed.set(edge.id, edge);
    this.argumentOf.set(edge.id, argument);
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
