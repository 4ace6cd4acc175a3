import { ConflictError, NotFoundError, StoreUnavailableError } from '../../domain/errors';
import type { EdgeType } from '../../domain/edge-types';
import { EDGE_TYPES } from '../../domain/edge-types';
import { nodeTypeOf, type GraphEdge, type GraphNode, type PropValue } from '../../domain/graph-records';
import { NODE_TYPES, type NodeType } from '../../domain/node-types';
import { toSortKey } from '../../domain/sort-key';
import { TopK } from './top-k';
import { RecordGraph } from './record-graph';
import { deepFreeze } from '../../domain/deep-freeze';
import { decodeCursor, encodeCursor, isAfter, isBefore } from '../cursor';
import type {
  AuditEntry,
  AuditPage,
  AuditQuery,
  DatasetInfo,
  Direction,
  GraphStore,
  ListEdgesQuery,
  ListNodesQuery,
  Neighbour,
  NeighbourQuery,
  NodeFilter,
  NodePage,
  RecordChange,
  SearchHit,
  SearchQuery,
  GraphReads,
  PlannedWrite,
  WriteContext,
  WriteOp,
  WriteResult,
} from '../graph-store';
import { aliasesOf, firstAliasHolder } from '../node-aliases';
import { citedResolutionIds, importanceOf, scoreSymbolCitations, searchNamesOf } from '../text-index';
import { DeferredWordIndex } from '../deferred-word-index';

/**
 * Makes a batch of writes durable before it is acknowledged. Synchronous on
 * purpose: nothing else runs on the event loop between applying a batch in
 * memory and persisting it, so no reader sees a write that could still be lost.
 * `append` throws when the entry could not be made durable; the store then
 * takes the batch back. See `FileWriteJournal`.
 */
export interface WriteJournal {
  append(entry: AuditEntry): void;
  close(): void;
  /** Why the journal is unhealthy (e.g. a failed compaction), or `null`; `ping` and so `/readyz` report it. */
  problem?(): string | null;
  /** Resolves when background work (compaction) is done; `close` waits for it. */
  idle?(): Promise<void>;
}

/**
 * Batches already made durable, to apply on start before serving: a folded
 * snapshot of records (their last state, `null` = deleted) and the audit
 * entries of every batch; `replay` entries are applied after the snapshot,
 * the others only join the audit log (their effect is in the snapshot).
 */
export interface RecoveredWrites {
  snapshot?: { nodes: [string, GraphNode | null][]; edges: [string, GraphEdge | null][] };
  /** Entries whose effect is in `snapshot` (audit log only), oldest first. */
  compacted: AuditEntry[];
  /** Entries to re-apply, oldest first, continuing the `seq` of `compacted`. */
  replay: AuditEntry[];
}

export interface EmbeddedGraphStoreOptions {
  nodes: Iterable<GraphNode>;
  edges: Iterable<GraphEdge>;
  dataset: DatasetInfo;
  /** Writes acknowledged before the last stop, applied over the seeds before the journal is attached. */
  recovered?: RecoveredWrites;
  journal?: WriteJournal;
  /** The clock for audit entries; tests pin it. */
  now?: () => Date;
  /** From how many nodes loaded the word index holds up readiness ({@link INDEX_BEFORE_READY_NODES}); tests make it small. */
  indexBeforeReadyNodes?: number;
}

/**
 * From this many nodes loaded, the store reports itself warming up (`warmingUp`, so `/readyz` answers
 * "starting") until its word index is built, and builds it in longer slices meanwhile. Below it the
 * index is built in the background while the service is ready (×1000, 198k nodes: about 3 s of 1 ms
 * slices; a search meanwhile waits for it without holding the loop). At ≈1M nodes the background build
 * took the first 30–40 s of service: its garbage made 10–20 ms scavenges every ~50 ms and the lookup
 * p99 alone 25–60 ms (bench, ×5070, 2026-12-02). A load balancer routes nothing to a copy whose
 * `/readyz` answers 503, so there the build costs no user a wait. (From the #12 engineer's branch.)
 */
export const INDEX_BEFORE_READY_NODES = 500_000;

/**
 * A recovered write that cannot be applied over the current seeds (e.g. an
 * edge whose end was removed from the seeds since): start-up stops rather
 * than serve a graph that silently lacks an acknowledged write.
 */
export class ReplayError extends Error {}

/**
 * The default store: the whole graph in process memory (`RecordGraph`:
 * several edge types may join the same two nodes),
 * with indexes by type (kept in code order) and a word index for search (`WordIndex`, built in the background: `DeferredWordIndex`).
 * Records are deep-frozen when stored and replaced, never mutated, so they
 * can be returned without copying; a record given already frozen (the seeds,
 * `loadSeeds`; a record this store returned) is kept as it is, any other is
 * copied first, so the caller's objects are never frozen under it.
 */
export class EmbeddedGraphStore implements GraphStore {
  readonly kind = 'embedded';
  private readonly graph = new RecordGraph();
  private readonly byType = new Map<NodeType, TypeList | null>(); // ids in list order; null = to be rebuilt
  // Built in the background after start-up, and completed by the first search that comes before it is done.
  private readonly textIndex = new DeferredWordIndex();
  // Each node's code sort key (toSortKey), made once when the node is stored: search ranks and type
  // lists sort by it, and toSortKey's own memo is bounded (100k codes), so at scale it would recompute.
  private readonly sortKeys = new Map<string, string>();
  // The neighbours of a node, in edge-id order, per direction: built on first use, dropped when an edge
  // there or a node next to it changes. The port promises edge-id order; sorting and looking up
  // attributes on every call made hub nodes (thousands of links at ×100 scale) slow.
  private readonly adjacency = new Map<string, Adjacency>();
  // Edge ids by edge type, sorted on first use after a change: whole relationship families
  // (listEdges, for matrices and overlaps) are read without scanning every edge of the graph.
  private readonly edgesOfType = new Map<string, EdgesOfType>();
  // Nodes per type, kept on every put and drop: counting needs no sorted list (sorting ×1000's 198k cost 0.7 s).
  private readonly nodeCounts = new Map<NodeType, number>();
  // The ids of the nodes carrying each alias (`aliasesOf`), kept on every put and drop: an id that is no
  // node is looked up here, one map read, where a props filter over every node of every type cost a
  // third of such a request's CPU (bench workload `distinct`, issue #12).
  private readonly aliasHolders = new Map<string, Set<string>>();
  // listEdges answers by query, emptied whenever any edge changes.
  private readonly edgeLists = new Map<string, GraphEdge[]>();
  private readonly dataset: DatasetInfo;
  private readonly journal: WriteJournal | undefined;
  private readonly audit: AuditEntry[] = [];
  private readonly now: () => Date;
  private closed = false;
  // While the constructor loads, search importance is set once at the end rather than on every link.
  private loading = false;
  private writeQueue: Promise<void> = Promise.resolve();
  // Whether the word index's first build holds up readiness (large graphs: INDEX_BEFORE_READY_NODES).
  private indexHoldsReadiness = false;

  constructor(options: EmbeddedGraphStoreOptions) {
    this.dataset = options.dataset;
    this.now = options.now ?? (() => new Date());
    this.loading = true;
    for (const node of options.nodes) this.putNode(node);
    for (const edge of options.edges) this.putEdge(edge);
    if (options.recovered) this.recover(options.recovered);
    this.graph.trimToSize();
    this.loading = false;
    for (const node of this.graph.nodeRecords()) this.refreshImportance(node.id);
    this.journal = options.journal;
    this.indexHoldsReadiness = this.sortKeys.size >= (options.indexBeforeReadyNodes ?? INDEX_BEFORE_READY_NODES);
    if (this.indexHoldsReadiness) this.textIndex.holdReadiness();
  }

  async getNodes(ids: readonly string[]): Promise<(GraphNode | null)[]> {
    this.assertOpen();
    return ids.map((id) => (this.graph.hasNode(id) ? this.graph.getNodeAttributes(id) : null));
  }

  async getNodesByAlias(aliases: readonly string[]): Promise<(GraphNode | null)[]> {
    this.assertOpen();
    return aliases.map((alias) => {
      const holders = this.aliasHolders.get(alias);
      if (!holders) return null;
      if (holders.size === 1) return this.graph.getNodeAttributes(holders.values().next().value!);
      return firstAliasHolder([...holders].map((id) => this.graph.getNodeAttributes(id)));
    });
  }

  async getEdges(ids: readonly string[]): Promise<(GraphEdge | null)[]> {
    this.assertOpen();
    return ids.map((id) => (this.graph.hasEdge(id) ? this.graph.getEdgeAttributes(id) : null));
  }

  async getNeighbours(queries: readonly NeighbourQuery[]): Promise<Neighbour[][]> {
    this.assertOpen();
    return queries.map((query) => this.neighboursOf(query).slice());
  }

  async countNeighbours(queries: readonly NeighbourQuery[]): Promise<number[]> {
    this.assertOpen();
    return queries.map((query) => this.neighboursOf(query).length);
  }

  async listNodes(query: ListNodesQuery): Promise<NodePage> {
    this.assertOpen();
    if ('last' in query) return this.listNodesFromEnd(query);
    const position = query.after === undefined ? null : decodeCursor(query.after, 'after');
    const { ids, keys } = this.sortedOfType(query.type);
    // Cursors are positions in the sorted list: the first node after one is found by binary search,
    // so a page costs its own size, not the type's (×1000: 22 ms for first 50 of 96k initiatives).
    const start = position ? firstAfter(keys, ids, position) : 0;
    const nodes: GraphNode[] = [];
    const cursors: string[] = [];
    let hasNextPage = false;
    let totalCount = 0;
    const filter = query.filter;
    if (!filter) {
      for (let i = start; i < ids.length && nodes.length < query.first; i++) {
        nodes.push(this.graph.getNodeAttributes(ids[i]!));
        cursors.push(encodeCursor({ sortKey: keys[i]!, id: ids[i]! }));
      }
      hasNextPage = start + nodes.length < ids.length;
      totalCount = ids.length;
    } else {
      // A filter is checked node by node; the count, when asked for, needs every node of the type.
      for (let i = query.withTotal ? 0 : start; i < ids.length; i++) {
        const node = this.graph.getNodeAttributes(ids[i]!);
        if (!matchesFilter(node, filter)) continue;
        totalCount++;
        if (i < start) continue;
        if (nodes.length < query.first) {
          nodes.push(node);
          cursors.push(encodeCursor({ sortKey: keys[i]!, id: ids[i]! }));
        } else {
          hasNextPage = true;
          if (!query.withTotal) break;
        }
      }
    }
    return { nodes, cursors, hasNextPage, hasPreviousPage: position !== null, ...(query.withTotal ? { totalCount } : {}) };
  }

  // The `last` nodes before a cursor (or at the end): the same binary search, walked backwards.
  private listNodesFromEnd(query: Extract<ListNodesQuery, { last: number }>): NodePage {
    const position = query.before === undefined ? null : decodeCursor(query.before, 'before');
    const { ids, keys } = this.sortedOfType(query.type);
    const end = position ? firstNotBefore(keys, ids, position) : ids.length;
    const picked: number[] = [];
    let hasPreviousPage = false;
    const filter = query.filter;
    for (let i = end - 1; i >= 0; i--) {
      if (filter && !matchesFilter(this.graph.getNodeAttributes(ids[i]!), filter)) continue;
      if (picked.length < query.last) picked.push(i);
      else {
        hasPreviousPage = true;
        break;
      }
    }
    picked.reverse();
    let totalCount: number | undefined;
    if (query.withTotal) {
      totalCount = filter ? ids.filter((id) => matchesFilter(this.graph.getNodeAttributes(id), filter)).length : ids.length;
    }
    return {
      nodes: picked.map((i) => this.graph.getNodeAttributes(ids[i]!)),
      cursors: picked.map((i) => encodeCursor({ sortKey: keys[i]!, id: ids[i]! })),
      hasNextPage: position !== null,
      hasPreviousPage,
      ...(totalCount !== undefined ? { totalCount } : {}),
    };
  }

  async listEdges(query: ListEdgesQuery): Promise<GraphEdge[]> {
    this.assertOpen();
    // The same families are asked for again and again (matrix, overlap, coverage): the answer is
    // kept, frozen, until an edge changes, and its identity lets callers keep what they derive from it
    // (the analytics' reach index) for exactly as long.
    const key = JSON.stringify([[...new Set(query.types)].sort(), query.fromTypes ? [...query.fromTypes].sort() : null, query.toTypes ? [...query.toTypes].sort() : null]);
    const cached = this.edgeLists.get(key);
    if (cached) return cached;
    const answer = Object.freeze(this.collectEdges(query)) as GraphEdge[];
    if (this.edgeLists.size >= EDGE_LISTS_KEPT) this.edgeLists.delete(this.edgeLists.keys().next().value!);
    this.edgeLists.set(key, answer);
    return answer;
  }

  private collectEdges(query: ListEdgesQuery): GraphEdge[] {
    // Filter each type's list (already in id order), then order only what is left.
    const fromTypes = query.fromTypes ? new Set<string>(query.fromTypes) : null;
    const toTypes = query.toTypes ? new Set<string>(query.toTypes) : null;
    const lists = [...new Set(query.types)].map((type) => {
      const kept: GraphEdge[] = [];
      // The type of a node is the start of its id (and never changes), so the ends' types need no lookup.
      for (const edge of this.sortedEdgesOfType(type)) {
        if (fromTypes && !fromTypes.has(nodeTypeOf(edge.from))) continue;
        if (toTypes && !toTypes.has(nodeTypeOf(edge.to))) continue;
        kept.push(edge);
      }
      return kept;
    });
    return lists.length === 1 ? lists[0]! : mergeSortedById(lists);
  }

  async search(query: SearchQuery): Promise<SearchHit[]> {
    this.assertOpen();
    // First: everything below reads the graph as it is once the index has caught up with it.
    const index = await this.textIndex.built();
    this.assertOpen();
    const types = query.types && query.types.length > 0 ? new Set<string>(query.types) : null;
    const cited = new Map(citedResolutionIds(query.text).filter((id) => this.graph.hasNode(id)).map((id) => [id, this.graph.degree(id)]));
    const citations = scoreSymbolCitations(query.text, cited);
    // Only the best `first` are kept, by score, then code order (precomputed sort keys), then id:
    // at scale a common word matches tens of thousands of nodes, and sorting them all was most of the cost.
    const best = new TopK<RankedHit>(query.first, compareRanked);
    const offer = (id: string, score: number) => {
      const node = this.graph.getNodeAttributes(id);
      if (!types || types.has(node.type)) best.offer({ node, score, key: this.sortKeys.get(id)! });
    };
    // Below the worst kept (once `first` are kept) a hit cannot get in: the index does not even call back.
    const bar = () => best.worst();
    index.match(
      query.text,
      (id, score) => {
        const cite = citations.get(id);
        if (cite !== undefined) citations.delete(id);
        offer(id, cite === undefined ? score : Math.max(score, cite));
      },
      bar,
    );
    for (const [id, score] of citations) offer(id, score);
    return best.sorted().map(({ node, score }) => ({ node, score }));
  }

  async counts(): Promise<{ nodes: { type: string; count: number }[]; edges: { type: string; count: number }[] }> {
    this.assertOpen();
    return {
      nodes: NODE_TYPES.map((type) => ({ type, count: this.nodeCounts.get(type) ?? 0 })),
      edges: EDGE_TYPES.map((type) => ({ type, count: this.typeIndexOf(type).entries.size })),
    };
  }

  async datasetInfo(): Promise<DatasetInfo> {
    this.assertOpen();
    return { ...this.dataset };
  }

  // One at a time, in arrival order: a plan's awaits cannot let another writeWith's batch in between
  // its reads and its write (applyWrites itself is synchronous to the journal's fsync, so it needs no queue).
  async writeWith<T>(plan: (reads: GraphReads) => Promise<PlannedWrite<T>>, context: WriteContext = {}): Promise<{ value: T; written: WriteResult }> {
    const turn = this.writeQueue.then(async () => {
      const { ops, value } = await plan(this);
      return { value, written: await this.applyWrites(ops, context) };
    });
    this.writeQueue = turn.then(
      () => undefined,
      () => undefined,
    );
    return turn;
  }

  // Synchronous from the first op to the journal's fsync: batches never interleave.
  async applyWrites(ops: readonly WriteOp[], context: WriteContext = {}): Promise<WriteResult> {
    this.assertOpen();
    const undo: (() => void)[] = [];
    const changes: RecordChange[] = [];
    try {
      for (const op of ops) undo.push(this.applyOne(op, changes));
      const entry: AuditEntry = deepFreeze(
        structuredClone({
          seq: this.audit.length + 1,
          at: this.now().toISOString(),
          actor: context.actor ?? null,
          action: context.action ?? null,
          ops: [...ops],
          changes,
        }),
      );
      this.journal?.append(entry);
      this.audit.push(entry);
      return { applied: ops.length, audit: entry };
    } catch (error) {
      for (const revert of undo.reverse()) revert();
      throw error;
    }
  }

  async listAudit(query: AuditQuery): Promise<AuditPage> {
    this.assertOpen();
    const start = query.afterSeq === undefined ? 0 : Math.max(0, Math.min(this.audit.length, Math.floor(query.afterSeq)));
    const entries: AuditEntry[] = [];
    for (let i = start; i < this.audit.length; i++) {
      const entry = this.audit[i]!;
      if (!matchesAuditFilter(entry, query.filter)) continue;
      if (entries.length === query.first) return { entries, hasNextPage: true };
      entries.push(entry);
    }
    return { entries, hasNextPage: false };
  }

  warmingUp(): readonly string[] {
    if (!this.indexHoldsReadiness) return [];
    if (this.textIndex.backlog > 0) return ['word index'];
    // Once built it holds nothing up: later writes are indexed in the background as on any graph.
    this.indexHoldsReadiness = false;
    return [];
  }

  async ping(): Promise<void> {
    this.assertOpen();
    const problem = this.journal?.problem?.() ?? null;
    if (problem) throw new StoreUnavailableError(`The write journal is unhealthy: ${problem}`, { reason: 'journal' });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.textIndex.discard();
    await this.journal?.idle?.();
    this.journal?.close();
  }

  // Applies one write, records its effect in `changes`, and returns the function that takes it back.
  private applyOne(op: WriteOp, changes: RecordChange[]): () => void {
    switch (op.op) {
      case 'createNode': {
        if (this.graph.hasNode(op.node.id)) throw new ConflictError(`Node "${op.node.id}" already exists.`, { id: op.node.id });
        this.putNode(op.node);
        changes.push({ kind: 'node', id: op.node.id, before: null, after: op.node });
        return () => this.dropNode(op.node.id);
      }
      case 'updateNode': {
        const before = this.requireNode(op.node.id);
        if (before.type !== op.node.type) {
          throw new ConflictError(`Node "${op.node.id}" cannot change its type.`, { id: op.node.id });
        }
        this.putNode(op.node);
        changes.push({ kind: 'node', id: op.node.id, before, after: op.node });
        return () => this.putNode(before);
      }
      case 'deleteNode': {
        const before = this.requireNode(op.id);
        const edges = this.graph.edges(op.id).map((key) => this.graph.getEdgeAttributes(key)).sort(byId);
        this.dropNode(op.id);
        for (const edge of edges) changes.push({ kind: 'edge', id: edge.id, before: edge, after: null });
        changes.push({ kind: 'node', id: op.id, before, after: null });
        return () => {
          this.putNode(before);
          for (const edge of edges) this.putEdge(edge);
        };
      }
      case 'createEdge': {
        if (this.graph.hasEdge(op.edge.id)) throw new ConflictError(`Edge "${op.edge.id}" already exists.`, { id: op.edge.id });
        this.requireNode(op.edge.from);
        this.requireNode(op.edge.to);
        this.putEdge(op.edge);
        changes.push({ kind: 'edge', id: op.edge.id, before: null, after: op.edge });
        return () => this.dropEdge(op.edge.id);
      }
      case 'updateEdge': {
        const before = this.requireEdge(op.edge.id);
        if (before.from !== op.edge.from || before.to !== op.edge.to || before.type !== op.edge.type) {
          throw new ConflictError(`Edge "${op.edge.id}" cannot change its type or ends; delete it and create another.`, { id: op.edge.id });
        }
        this.replaceEdge(deepFreeze(structuredClone(op.edge)));
        changes.push({ kind: 'edge', id: op.edge.id, before, after: op.edge });
        return () => this.replaceEdge(before);
      }
      case 'deleteEdge': {
        const before = this.requireEdge(op.id);
        this.dropEdge(op.id);
        changes.push({ kind: 'edge', id: op.id, before, after: null });
        return () => this.putEdge(before);
      }
    }
  }

  // Start-up only, before the journal is attached: brings back every acknowledged write.
  private recover(recovered: RecoveredWrites): void {
    if (recovered.snapshot) {
      const { nodes, edges } = recovered.snapshot;
      // Order matters: nodes exist before edges join them; deleted edges go before deleted nodes.
      for (const [, node] of nodes) if (node) this.putNode(node);
      for (const [id, edge] of edges) if (!edge && this.graph.hasEdge(id)) this.dropEdge(id);
      for (const [id, node] of nodes) if (!node && this.graph.hasNode(id)) this.dropNode(id);
      for (const [id, edge] of edges) if (edge) this.restoreEdge(edge, `snapshot record "${id}"`);
    }
    for (const entry of recovered.compacted) this.audit.push(deepFreeze(entry));
    for (const entry of recovered.replay) this.replayEntry(entry);
  }

  /**
   * Applies batches another store acknowledged, oldest first, as start-up
   * replays the journal (their effects): how a read replica follows the
   * store that takes the writes (src/execution-worker/). Entries it already
   * holds (by `seq`) are skipped, so a feed may repeat itself; one that does
   * not follow the last held throws `ReplayError`. Never journaled here.
   */
  follow(entries: readonly AuditEntry[]): void {
    this.assertOpen();
    for (const entry of entries) if (entry.seq > this.audit.length) this.replayEntry(entry);
  }

  private replayEntry(entry: AuditEntry): void {
    if (entry.seq !== this.audit.length + 1) {
      throw new ReplayError(`Journal entry ${entry.seq} does not follow entry ${this.audit.length}.`);
    }
    // Effects, not ops: a node the seeds now contain is overwritten rather than refused as a conflict.
    for (const change of entry.changes) {
      if (change.kind === 'node') {
        if (change.after) this.putNode(change.after);
        else if (this.graph.hasNode(change.id)) this.dropNode(change.id);
      } else if (change.after) {
        this.restoreEdge(change.after, `journal entry ${entry.seq}`);
      } else if (this.graph.hasEdge(change.id)) {
        this.dropEdge(change.id);
      }
    }
    this.audit.push(deepFreeze(entry));
  }

  private restoreEdge(edge: GraphEdge, where: string): void {
    if (this.graph.hasEdge(edge.id)) this.dropEdge(edge.id);
    if (!this.graph.hasNode(edge.from) || !this.graph.hasNode(edge.to)) {
      throw new ReplayError(
        `Cannot replay ${where}: edge "${edge.id}" joins a node that is in neither the seeds nor the journal (were the seeds changed?).`,
      );
    }
    this.putEdge(edge);
  }

  private putNode(node: GraphNode): void {
    const frozen = frozenCopy(node);
    if (this.graph.hasNode(node.id)) {
      for (const neighbour of this.graph.neighbors(node.id)) this.adjacency.delete(neighbour);
      this.forgetAliases(this.graph.getNodeAttributes(node.id));
    } else {
      this.nodeCounts.set(node.type, (this.nodeCounts.get(node.type) ?? 0) + 1);
    }
    this.graph.setNode(frozen);
    this.indexAliases(frozen);
    this.byType.set(node.type, null);
    const key = toSortKey(node.code);
    this.sortKeys.set(node.id, key);
    this.textIndex.add(node.id, () => [frozen.code, ...searchNamesOf(frozen)], key);
    this.refreshImportance(node.id);
  }

  private indexAliases(node: GraphNode): void {
    for (const alias of aliasesOf(node)) {
      let holders = this.aliasHolders.get(alias);
      if (!holders) this.aliasHolders.set(alias, (holders = new Set()));
      holders.add(node.id);
    }
  }

  private forgetAliases(node: GraphNode): void {
    for (const alias of aliasesOf(node)) {
      const holders = this.aliasHolders.get(alias);
      holders?.delete(node.id);
      if (holders?.size === 0) this.aliasHolders.delete(alias);
    }
  }

  // Search ranks equal matches by degree: the index keeps each node's share of the score beside its postings.
  private refreshImportance(id: string): void {
    if (!this.loading) this.textIndex.setImportance(id, importanceOf(this.graph.degree(id)));
  }

  private dropNode(id: string): void {
    const node = this.graph.getNodeAttributes(id);
    const neighbours = this.graph.neighbors(id);
    for (const neighbour of neighbours) this.adjacency.delete(neighbour);
    this.adjacency.delete(id);
    for (const key of this.graph.edges(id)) this.forgetEdgeType(this.graph.getEdgeAttributes(key));
    this.graph.dropNode(id);
    this.forgetAliases(node);
    this.nodeCounts.set(node.type, this.nodeCounts.get(node.type)! - 1);
    this.byType.set(node.type, null);
    this.sortKeys.delete(id);
    this.textIndex.remove(id);
    for (const neighbour of neighbours) if (neighbour !== id) this.refreshImportance(neighbour);
  }

  private putEdge(edge: GraphEdge): void {
    if (!this.graph.hasNode(edge.from) || !this.graph.hasNode(edge.to)) {
      throw new NotFoundError(`Edge "${edge.id}" joins a node that does not exist.`, { id: edge.id });
    }
    const frozen = frozenCopy(edge);
    this.graph.addEdge(frozen);
    this.adjacency.delete(edge.from);
    this.adjacency.delete(edge.to);
    this.indexEdgeType(frozen);
    this.refreshImportance(edge.from);
    this.refreshImportance(edge.to);
  }

  private requireNode(id: string): GraphNode {
    if (!this.graph.hasNode(id)) throw new NotFoundError(`Node "${id}" was not found.`, { id });
    return this.graph.getNodeAttributes(id);
  }

  private requireEdge(id: string): GraphEdge {
    if (!this.graph.hasEdge(id)) throw new NotFoundError(`Edge "${id}" was not found.`, { id });
    return this.graph.getEdgeAttributes(id);
  }

  // The kept list itself (callers copy it before handing it out).
  private neighboursOf(query: NeighbourQuery): readonly Neighbour[] {
    if (!this.graph.hasNode(query.id)) return [];
    const cached = this.cachedNeighbours(query.id);
    const all = cached[query.direction];
    if (!query.types || query.types.length === 0) return all;
    // Kept per (direction, link types): a hub's thousands of links are filtered once, not per query.
    const key = `${query.direction}|${typesKey(query.types)}`;
    let kept = cached.byTypes.get(key);
    if (!kept) {
      const types = new Set<EdgeType>(query.types);
      kept = all.filter(({ edge }) => types.has(edge.type));
      cached.byTypes.set(key, kept);
    }
    return kept;
  }

  private cachedNeighbours(id: string): Adjacency {
    let cached = this.adjacency.get(id);
    if (!cached) {
      const toNeighbour = (key: string): Neighbour => {
        const edge = this.graph.getEdgeAttributes(key);
        return Object.freeze({ edge, node: this.graph.getNodeAttributes(edge.from === id ? edge.to : edge.from) });
      };
      const out = this.graph.outEdges(id).sort().map(toNeighbour);
      const inward = this.graph.inEdges(id).sort().map(toNeighbour);
      cached = { out, in: inward, both: mergeById(out, inward), byTypes: new Map() };
      this.adjacency.set(id, cached);
    }
    return cached;
  }

  private replaceEdge(edge: GraphEdge): void {
    this.graph.replaceEdge(edge);
    this.indexEdgeType(edge);
    this.adjacency.delete(edge.from);
    this.adjacency.delete(edge.to);
  }

  private typeIndexOf(type: string): EdgesOfType {
    let index = this.edgesOfType.get(type);
    if (!index) this.edgesOfType.set(type, (index = { entries: new Map(), sorted: null }));
    return index;
  }

  // Records (or replaces) an edge in its type's list.
  private indexEdgeType(edge: GraphEdge): void {
    const index = this.typeIndexOf(edge.type);
    index.entries.set(edge.id, edge);
    index.sorted = null;
    this.forgetEdgeLists();
  }

  private forgetEdgeType(edge: GraphEdge): void {
    const index = this.typeIndexOf(edge.type);
    index.entries.delete(edge.id);
    index.sorted = null;
    this.forgetEdgeLists();
  }

  // Only when there is something to forget: clearing a Map allocates a new table, once per link at load.
  private forgetEdgeLists(): void {
    if (this.edgeLists.size > 0) this.edgeLists.clear();
  }

  private sortedEdgesOfType(type: string): GraphEdge[] {
    const index = this.typeIndexOf(type);
    // Ids sorted by the engine's own string order (what byId compares), then mapped back to the records:
    // several times faster than a comparator call per comparison on a type of 100k links.
    if (!index.sorted) index.sorted = [...index.entries.keys()].sort().map((id) => index.entries.get(id)!);
    return index.sorted;
  }

  private dropEdge(id: string): void {
    const edge = this.graph.getEdgeAttributes(id);
    this.graph.dropEdge(id);
    this.adjacency.delete(edge.from);
    this.adjacency.delete(edge.to);
    this.forgetEdgeType(edge);
    this.refreshImportance(edge.from);
    this.refreshImportance(edge.to);
  }

  // Type lists are rebuilt lazily after writes: a burst of writes costs one sort.
  // Ids of a type in list order with their sort keys beside them (for binary search by cursor).
  private sortedOfType(type: NodeType): TypeList {
    let list = this.byType.get(type);
    if (!list) {
      const entries: { id: string; key: string }[] = [];
      for (const node of this.graph.nodeRecords()) if (node.type === type) entries.push({ id: node.id, key: this.sortKeys.get(node.id)! });
      entries.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      list = { ids: entries.map((e) => e.id), keys: entries.map((e) => e.key) };
      this.byType.set(type, list);
    }
    return list;
  }

  private assertOpen(): void {
    if (this.closed) throw new StoreUnavailableError('The embedded store is closed.');
  }
}

/**
 * Whether a node passes a filter. A property filter on an array-valued
 * property matches when the array contains the value (e.g. an indicator's
 * `listedAs`).
 */
export function matchesFilter(node: GraphNode, filter: NodeFilter | undefined): boolean {
  if (!filter) return true;
  if (filter.codes && !filter.codes.includes(node.code)) return false;
  for (const [key, wanted] of Object.entries(filter.props ?? {})) {
    if (!propMatches(node.props[key], wanted)) return false;
  }
  return true;
}

function propMatches(actual: PropValue | undefined, wanted: PropValue): boolean {
  if (actual === undefined) return false;
  if (Array.isArray(actual) && !Array.isArray(wanted)) return (actual as unknown[]).includes(wanted);
  return JSON.stringify(actual) === JSON.stringify(wanted);
}


/** Whether an audit entry passes a filter (all given conditions hold). */
export function matchesAuditFilter(entry: AuditEntry, filter: AuditQuery['filter']): boolean {
  if (!filter) return true;
  if (filter.keyId !== undefined && entry.actor?.keyId !== filter.keyId) return false;
  if (filter.action !== undefined && entry.action !== filter.action) return false;
  if (filter.since !== undefined && entry.at < filter.since) return false;
  if (filter.until !== undefined && entry.at >= filter.until) return false;
  if (filter.recordId !== undefined && !entry.changes.some((change) => change.id === filter.recordId)) return false;
  return true;
}

// Distinct listEdges queries kept (a matrix's linkTypes come from the caller, so they are bounded).
const EDGE_LISTS_KEPT = 32;

/** A node's neighbours per direction, and filtered by link types on demand (key: direction|types). */
interface Adjacency extends Record<Direction, Neighbour[]> {
  byTypes: Map<string, Neighbour[]>;
}

/** The ids of one node type in list order (code sort key, then id), with their sort keys. */
interface TypeList {
  ids: string[];
  keys: string[];
}

/** Index of the first (key, id) in the sorted lists that comes after `position`; `ids.length` if none. */
/** The index of the first node that does not come before `position` (the end of the page before it). */
function firstNotBefore(keys: readonly string[], ids: readonly string[], position: { sortKey: string; id: string }): number {
  let low = 0;
  let high = ids.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (isBefore(keys[mid]!, ids[mid]!, position)) low = mid + 1;
    else high = mid;
  }
  return low;
}

function firstAfter(keys: readonly string[], ids: readonly string[], position: { sortKey: string; id: string }): number {
  let low = 0;
  let high = ids.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (isAfter(keys[mid]!, ids[mid]!, position)) high = mid;
    else low = mid + 1;
  }
  return low;
}

/** The edges of one type by id, and in id order once asked for (null after a change). */
interface EdgesOfType {
  entries: Map<string, GraphEdge>;
  sorted: GraphEdge[] | null;
}

// Merges lists each in edge-id order into one (an edge is in one list only: its type's).
function mergeSortedById(lists: readonly GraphEdge[][]): GraphEdge[] {
  let merged = lists.filter((list) => list.length > 0);
  // Pairwise rounds: log2(k) passes over the edges instead of a comparator sort of them all.
  while (merged.length > 1) {
    const next: GraphEdge[][] = [];
    for (let i = 0; i < merged.length; i += 2) next.push(i + 1 < merged.length ? mergeTwo(merged[i]!, merged[i + 1]!) : merged[i]!);
    merged = next;
  }
  return merged[0] ?? [];
}

function mergeTwo(a: readonly GraphEdge[], b: readonly GraphEdge[]): GraphEdge[] {
  const out: GraphEdge[] = new Array<GraphEdge>(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = a[i]!.id <= b[j]!.id ? a[i++]! : b[j++]!;
  while (i < a.length) out[k++] = a[i++]!;
  while (j < b.length) out[k++] = b[j++]!;
  return out;
}

// Merges a node's out- and in-neighbours (each in edge-id order) into one list in edge-id order;
// a self-loop, in both lists, appears once.
function mergeById(a: readonly Neighbour[], b: readonly Neighbour[]): Neighbour[] {
  const merged: Neighbour[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const next = j >= b.length || (i < a.length && a[i]!.edge.id <= b[j]!.edge.id) ? a[i++]! : b[j++]!;
    if (merged[merged.length - 1]?.edge.id !== next.edge.id) merged.push(next);
  }
  return merged;
}

interface RankedHit {
  node: GraphNode;
  score: number;
  /** The node's code sort key. */
  key: string;
}

// Search order: score, best first; then the code as people read it (compareCodes: sort key, then raw
// code); then the id, so the order is total and every store gives the same page.
function compareRanked(a: RankedHit, b: RankedHit): number {
  if (a.score !== b.score) return b.score - a.score;
  if (a.key !== b.key) return a.key < b.key ? -1 : 1;
  if (a.node.code !== b.node.code) return a.node.code < b.node.code ? -1 : 1;
  return byId(a.node, b.node);
}

function byId(a: { id: string }, b: { id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

// A record as the store keeps it: frozen all the way down, and never the caller's own object unless
// that was frozen already (a frozen record cannot change under the store).
function frozenCopy<T extends object>(record: T): T {
  return Object.isFrozen(record) ? record : deepFreeze(structuredClone(record));
}

// The resolvers pass the same constant list of link types for a field on every call (thousands per deep
// query): its deduplicated, sorted form is made once per list, not once per call.
const typesKeys = new WeakMap<readonly string[], string>();

function typesKey(types: readonly string[]): string {
  let key = typesKeys.get(types);
  if (key === undefined) {
    key = [...new Set(types)].sort().join(',');
    typesKeys.set(types, key);
  }
  return key;
}
