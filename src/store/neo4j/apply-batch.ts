import { ConflictError, NotFoundError } from '../../domain/errors';
import type { GraphEdge, GraphNode } from '../../domain/graph-records';
import type { RecordChange, WriteOp } from '../graph-store';
import { byId, toNumber, type RunQuery } from './query-results';
import { toEdgeProperties, toNodeProperties } from './record-mapping';
import type { TransactionReads } from './transaction-reads';

/**
 * Applies a batch inside its write transaction, in a number of queries that
 * does not grow with the batch:
 *
 * 1. reads every node and edge the batch names that `reads` does not hold
 *    yet (locked; one query for nodes, one for edges), and the links of the
 *    nodes it deletes (one query);
 * 2. checks every operation in order against that state as the batch
 *    leaves it so far, with the embedded store's rules and messages
 *    (`NOT_FOUND`, `CONFLICT` with the `id`), and computes the audit's
 *    changes, `before` being the records read;
 * 3. writes the batch's net effect, record by record (the state the last
 *    operation on each leaves), with at most one `UNWIND` query per kind:
 *    delete edges, delete nodes, create nodes, update nodes, create edges,
 *    update edges. A record deleted and created again is updated; what the
 *    batch creates and deletes again is not written at all.
 *
 * A check that fails throws before anything is written; the caller's
 * transaction rolls back whatever a later failure leaves.
 */
export async function applyBatch(run: RunQuery, reads: TransactionReads, ops: readonly WriteOp[]): Promise<RecordChange[]> {
  const nodeIds = ops.flatMap((op) =>
    op.op === 'createNode' || op.op === 'updateNode' ? [op.node.id] : op.op === 'deleteNode' ? [op.id] : op.op === 'createEdge' ? [op.edge.from, op.edge.to] : [],
  );
  const edgeIds = ops.flatMap((op) => (op.op === 'createEdge' || op.op === 'updateEdge' ? [op.edge.id] : op.op === 'deleteEdge' ? [op.id] : []));
  if (nodeIds.length > 0) await reads.getNodes(nodeIds);
  if (edgeIds.length > 0) await reads.getEdges(edgeIds);
  const deleted = [...new Set(ops.flatMap((op) => (op.op === 'deleteNode' && reads.nodes.get(op.id) ? [op.id] : [])))];
  const storedLinks = new Map<string, GraphEdge[]>();
  if (deleted.length > 0) {
    const found = await reads.getNeighbours(deleted.map((id) => ({ id, direction: 'both' as const })));
    deleted.forEach((id, index) => storedLinks.set(id, (found[index] ?? []).map(({ edge }) => edge)));
  }
  const initialEdges = new Map(reads.edges);
  for (const links of storedLinks.values()) for (const edge of links) if (!initialEdges.has(edge.id)) initialEdges.set(edge.id, edge);
  const { changes, nodes, edges } = planChanges(ops, reads.nodes, initialEdges, storedLinks);
  await writeNetEffect(run, { before: reads.nodes, after: nodes }, { before: initialEdges, after: edges });
  return changes;
}

// Step 2: the batch's effect, checked op by op against the state it leaves so far.
function planChanges(
  ops: readonly WriteOp[],
  initialNodes: ReadonlyMap<string, GraphNode | null>,
  initialEdges: ReadonlyMap<string, GraphEdge | null>,
  storedLinks: ReadonlyMap<string, GraphEdge[]>,
): { changes: RecordChange[]; nodes: Map<string, GraphNode | null>; edges: Map<string, GraphEdge | null> } {
  const nodes = new Map(initialNodes);
  const edges = new Map(initialEdges);
  const changes: RecordChange[] = [];
  const requireNode = (id: string): GraphNode => {
    const node = nodes.get(id);
    if (!node) throw new NotFoundError(`Node "${id}" was not found.`, { id });
    return node;
  };
  const requireEdge = (id: string): GraphEdge => {
    const edge = edges.get(id);
    if (!edge) throw new NotFoundError(`Edge "${id}" was not found.`, { id });
    return edge;
  };
  for (const op of ops) {
    switch (op.op) {
      case 'createNode': {
        if (nodes.get(op.node.id)) throw new ConflictError(`Node "${op.node.id}" already exists.`, { id: op.node.id });
        nodes.set(op.node.id, op.node);
        changes.push({ kind: 'node', id: op.node.id, before: null, after: op.node });
        break;
      }
      case 'updateNode': {
        const before = requireNode(op.node.id);
        if (before.type !== op.node.type) throw new ConflictError(`Node "${op.node.id}" cannot change its type.`, { id: op.node.id });
        nodes.set(op.node.id, op.node);
        changes.push({ kind: 'node', id: op.node.id, before, after: op.node });
        break;
      }
      case 'deleteNode': {
        const before = requireNode(op.id);
        // Its links as the batch leaves them: the stored ones it has not removed (as updated, if it
        // updated them) and the ones it created.
        const touching = new Map<string, GraphEdge>();
        for (const edge of storedLinks.get(op.id) ?? []) {
          const current = edges.has(edge.id) ? edges.get(edge.id) : edge;
          if (current) touching.set(edge.id, current);
        }
        for (const [id, edge] of edges) if (edge && (edge.from === op.id || edge.to === op.id)) touching.set(id, edge);
        for (const edge of [...touching.values()].sort(byId)) {
          edges.set(edge.id, null);
          changes.push({ kind: 'edge', id: edge.id, before: edge, after: null });
        }
        nodes.set(op.id, null);
        changes.push({ kind: 'node', id: op.id, before, after: null });
        break;
      }
      case 'createEdge': {
        if (edges.get(op.edge.id)) throw new ConflictError(`Edge "${op.edge.id}" already exists.`, { id: op.edge.id });
        requireNode(op.edge.from);
        requireNode(op.edge.to);
        edges.set(op.edge.id, op.edge);
        changes.push({ kind: 'edge', id: op.edge.id, before: null, after: op.edge });
        break;
      }
      case 'updateEdge': {
        const before = requireEdge(op.edge.id);
        if (before.from !== op.edge.from || before.to !== op.edge.to || before.type !== op.edge.type) {
          throw new ConflictError(`Edge "${op.edge.id}" cannot change its type or ends; delete it and create another.`, { id: op.edge.id });
        }
        edges.set(op.edge.id, op.edge);
        changes.push({ kind: 'edge', id: op.edge.id, before, after: op.edge });
        break;
      }
      case 'deleteEdge': {
        const before = requireEdge(op.id);
        edges.set(op.id, null);
        changes.push({ kind: 'edge', id: op.id, before, after: null });
        break;
      }
    }
  }
  return { changes, nodes, edges };
}

interface States<T> {
  before: ReadonlyMap<string, T | null>;
  after: ReadonlyMap<string, T | null>;
}

// Step 3: one query per kind of change. The checks above have seen every record, locked, so a count
// that differs means the graph changed in a way the locks did not cover: the batch is refused.
async function writeNetEffect(run: RunQuery, nodes: States<GraphNode>, edges: States<GraphEdge>): Promise<void> {
  const split = <T>({ before, after }: States<T>) => {
    const created: T[] = [];
    const updated: T[] = [];
    const deleted: T[] = [];
    for (const [id, final] of after) {
      const initial = before.get(id) ?? null;
      if (final && !initial) created.push(final);
      else if (final && initial) {
        if (final !== initial) updated.push(final);
      } else if (!final && initial) deleted.push(initial);
    }
    return { created, updated, deleted };
  };
  const n = split(nodes);
  const e = split(edges);
  const ends = (edge: GraphEdge) => ({ id: edge.id, from: edge.from, to: edge.to });
  if (e.deleted.length > 0) {
    const [record] = await run('delete-edges', { rows: e.deleted.map(ends) });
    expectCount(record?.get('deleted'), e.deleted.length);
  }
  if (n.deleted.length > 0) {
    const [record] = await run('delete-nodes', { ids: n.deleted.map((node) => node.id) });
    expectCount(record?.get('deleted'), n.deleted.length);
  }
  if (n.created.length > 0) {
    const [record] = await run('create-nodes', { rows: n.created.map((node) => ({ id: node.id, type: node.type, props: toNodeProperties(node) })) });
    const [existing] = (record?.get('existing') as string[] | undefined) ?? [];
    if (existing !== undefined) throw new ConflictError(`Node "${existing}" already exists.`, { id: existing });
    expectCount(record?.get('written'), n.created.length);
  }
  if (n.updated.length > 0) {
    const [record] = await run('update-nodes', { rows: n.updated.map((node) => ({ id: node.id, props: toNodeProperties(node) })) });
    expectCount(record?.get('written'), n.updated.length);
  }
  if (e.created.length > 0) {
    const rows = e.created.map((edge) => ({ ...ends(edge), type: edge.type, props: toEdgeProperties(edge) }));
    const [record] = await run('create-edges', { rows });
    const [existing] = (record?.get('existing') as string[] | undefined) ?? [];
    if (existing !== undefined) throw new ConflictError(`Edge "${existing}" already exists.`, { id: existing });
    expectCount(record?.get('written'), rows.length);
  }
  if (e.updated.length > 0) {
    const [record] = await run('update-edges', { rows: e.updated.map((edge) => ({ ...ends(edge), props: toEdgeProperties(edge) })) });
    expectCount(record?.get('written'), e.updated.length);
  }
}

function expectCount(found: unknown, expected: number): void {
  if (found === undefined || toNumber(found) !== expected) {
    throw new ConflictError('The graph changed while this batch was written; nothing was applied. Try again.');
  }
}
