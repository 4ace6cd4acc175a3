import type { EdgeType } from '../domain/edge-types';
import type { GraphEdge, GraphNode, PropValue } from '../domain/graph-records';
import type { NodeType } from '../domain/node-types';

/**
 * The store port: the only way resolvers, loaders and analytics reach the
 * graph. Two adapters implement it, `EmbeddedGraphStore` (in-process, the
 * default) and `Neo4jGraphStore`; the conformance suite in
 * `test/conformance/` holds both to the same observable behaviour.
 *
 * Batch contract (as DataLoader's): a method that takes an array of keys
 * returns an array of the same length and order, with `null` (or `[]` for
 * lists) where a key matches nothing. Such methods never reject for a missing
 * key, only when the store itself fails. Returned records are read-only
 * (deep-frozen plain objects): a caller may keep them but never change them.
 *
 * Orders are total and stable across stores: nodes by (sortKey of code, id),
 * edges by id, so that pagination and tests agree everywhere.
 */
export interface GraphStore {
  /** Which adapter this is, for `/readyz` and logs: `"embedded"` or `"neo4j"`. */
  readonly kind: string;

  /** Nodes by global id, in key order; `null` for an id that does not exist. */
  getNodes(ids: readonly string[]): Promise<(GraphNode | null)[]>;

  /**
   * For each alias, the node that carries it in `props.aliases` (a list of
   * ids, or one id), in key order; `null` for an alias no node carries. An
   * alias is the id of a record merged into another node (e.g.
   * `Initiative:iawg_ai`, now `Entity:IAWG_AI`). Should several nodes carry
   * one alias (the seeds never do; a write could), the first by node type in
   * vocabulary order (`NODE_TYPES`), then in list order, answers: the node a
   * `listNodes` filter on `aliases`, type by type, finds first.
   */
  getNodesByAlias(aliases: readonly string[]): Promise<(GraphNode | null)[]>;

  /** Edges by id, in key order; `null` for an id that does not exist. */
  getEdges(ids: readonly string[]): Promise<(GraphEdge | null)[]>;

  /**
   * For each query, the edges at `query.id` in `query.direction`, limited to
   * `query.types` when given, each with the node at its other end; sorted by
   * edge id. `[]` for an unknown id.
   */
  getNeighbours(queries: readonly NeighbourQuery[]): Promise<Neighbour[][]>;

  /**
   * For each query, how many neighbours `getNeighbours` returns for it (same order), without
   * reading them: what a search from both ends needs to grow the end that costs less. 0 for an
   * unknown id.
   */
  countNeighbours(queries: readonly NeighbourQuery[]): Promise<number[]>;

  /** One page of nodes of a type, filtered, in code order; see {@link ListNodesQuery}. */
  listNodes(query: ListNodesQuery): Promise<NodePage>;

  /**
   * All edges of the given types (optionally only those leaving nodes of
   * `fromTypes` / reaching nodes of `toTypes`), sorted by id. For analytics
   * that need a whole relationship family at once (matrices, coverage).
   */
  listEdges(query: ListEdgesQuery): Promise<GraphEdge[]>;

  /**
   * Nodes whose names (any language) or code match `query.text`, best first.
   * Matching is by substring on normalised text, so it works for Chinese
   * (no word boundaries) as for Latin scripts; a code match ranks first.
   */
  search(query: SearchQuery): Promise<SearchHit[]>;

  /** Number of nodes per node type and edges per edge type, types in vocabulary order, zero counts included. */
  counts(): Promise<{ nodes: TypeCount[]; edges: TypeCount[] }>;

  /** Which dataset is loaded. */
  datasetInfo(): Promise<DatasetInfo>;

  /**
   * Applies every operation or none, in order. Rejects with `NotFoundError`
   * when an operation names a missing node or edge, `ConflictError` when it
   * creates an id that exists, and leaves the graph as it was.
   * Resolves once the change is durable.
   *
   * Every applied batch is also one entry of the audit log (see
   * {@link AuditEntry}), made durable with the change itself (the same journal
   * line, or the same transaction): `context` says who asked and why; without
   * it the entry's actor and action are `null` (a system write).
   * `WriteResult.audit` is that entry.
   */
  applyWrites(ops: readonly WriteOp[], context?: WriteContext): Promise<WriteResult>;

  /**
   * Plans a batch and applies it as one unit: `plan` reads the graph through
   * `reads` and returns the operations; the store applies them as
   * `applyWrites` does (same checks, one audit entry with `context`), and no
   * other write lands between those reads and this write. So two service
   * copies over one database cannot lose each other's updates, and the audit
   * entry's `before` values are the records the plan was computed from.
   * Resolves with the plan's `value` and the write's result; rejects with
   * whatever `plan` throws, and then nothing is written.
   *
   * On Neo4j the reads run inside the batch's write transaction and lock the
   * records they return; the driver may run `plan` again after a transient
   * failure (a deadlock between two copies), so `plan` must only read through
   * `reads` and compute. The embedded store, one process per data folder,
   * runs one `writeWith` at a time.
   */
  writeWith<T>(plan: (reads: GraphReads) => Promise<PlannedWrite<T>>, context?: WriteContext): Promise<{ value: T; written: WriteResult }>;

  /**
   * One page of the audit log, oldest first (by `seq`), filtered; see
   * {@link AuditQuery}. The log holds every batch ever acknowledged by
   * `applyWrites`, never less and never a batch that was not applied.
   */
  listAudit(query: AuditQuery): Promise<AuditPage>;

  /** Resolves when the store can answer; rejects with `StoreUnavailableError` otherwise. */
  ping(): Promise<void>;

  /**
   * What the store is still building in the background since it started (the embedded store's word
   * index: searches wait for it, lookups share the process with it), by name; empty once done.
   * `/readyz` answers "starting" until it is. Absent: nothing is built after start.
   */
  warmingUp?(): readonly string[];

  /** Releases connections and files; the store answers nothing afterwards. */
  close(): Promise<void>;
}

/** The reads a write's planning needs (see `GraphStore.writeWith`), with the port's contracts. */
export type GraphReads = Pick<GraphStore, 'getNodes' | 'getEdges' | 'getNeighbours' | 'listEdges'>;

/** What a plan of `writeWith` returns: the operations to apply, and a value for its caller. */
export interface PlannedWrite<T> {
  ops: readonly WriteOp[];
  value: T;
}

export type Direction = 'out' | 'in' | 'both';

export interface NeighbourQuery {
  id: string;
  direction: Direction;
  /** Only edges of these types; all types when absent or empty. */
  types?: readonly EdgeType[];
}

export interface Neighbour {
  edge: GraphEdge;
  /** The node at the other end of `edge` from the queried id. */
  node: GraphNode;
}

/** Filters combine with AND; each is exact unless said otherwise. */
export interface NodeFilter {
  /** Only these codes. */
  codes?: readonly string[];
  /** Only nodes with these property values, e.g. `{ goal: '9' }` or `{ body: 'UNGA' }`. */
  props?: Readonly<Record<string, PropValue>>;
}

/**
 * One page of nodes of a type, read forwards (`first` nodes `after` a cursor, or from the start)
 * or backwards (the `last` nodes `before` a cursor, or at the end), always returned in list order.
 */
export type ListNodesQuery = ListNodesBase & ({ first: number; after?: string } | { last: number; before?: string });

interface ListNodesBase {
  type: NodeType;
  filter?: NodeFilter;
  /** Compute `totalCount` (costs a count query on some stores). */
  withTotal?: boolean;
}

export interface NodePage {
  nodes: GraphNode[];
  /** Cursor of each node in `nodes`, same order: opaque positions, good as `after` or `before`. */
  cursors: string[];
  /**
   * Whether nodes passing the filter follow the page. Exact when reading forwards; reading
   * backwards, whether `before` was given (Relay's allowed shortcut: the cursor's own node follows).
   */
  hasNextPage: boolean;
  /**
   * Whether nodes passing the filter precede the page. Exact when reading backwards; reading
   * forwards, whether `after` was given (the same shortcut), so no store needs a second query.
   */
  hasPreviousPage: boolean;
  /** Present only when asked for with `withTotal`. */
  totalCount?: number;
}

export interface ListEdgesQuery {
  types: readonly EdgeType[];
  fromTypes?: readonly NodeType[];
  toTypes?: readonly NodeType[];
}

export interface SearchQuery {
  text: string;
  /** Only these node types; all when absent or empty. */
  types?: readonly NodeType[];
  first: number;
}

export interface SearchHit {
  node: GraphNode;
  /** Higher is better; comparable only within one result list. */
  score: number;
}

export interface TypeCount {
  type: string;
  count: number;
}

export interface DatasetInfo {
  /** Semver of the seeds plus a content hash: `"1.0.0+3f2a9c1d0b7e"`. */
  version: string;
  /** ISO date-time the seeds were built. */
  builtAt: string;
}

export type WriteOp =
  | { op: 'createNode'; node: GraphNode }
  | { op: 'updateNode'; node: GraphNode }
  /** Deletes the node and every edge that touches it. */
  | { op: 'deleteNode'; id: string }
  | { op: 'createEdge'; edge: GraphEdge }
  | { op: 'updateEdge'; edge: GraphEdge }
  | { op: 'deleteEdge'; id: string };

export interface WriteResult {
  /** How many operations were applied (all of them). */
  applied: number;
  /** The audit entry recorded for this batch. */
  audit: AuditEntry;
}

/** Who made a write: the API key's id and role, never the key itself. */
export interface Actor {
  keyId: string;
  role: string;
}

/** Who asks for a batch of writes and under which API action (e.g. `"createNode"`). */
export interface WriteContext {
  actor?: Actor | null;
  action?: string | null;
}

/**
 * One record touched by a batch, as it was before and after (`null` = absent).
 * Edges removed because their node was deleted are listed too, so the list
 * is the batch's whole effect: replaying `after` values in order rebuilds it.
 */
export type RecordChange =
  | { kind: 'node'; id: string; before: GraphNode | null; after: GraphNode | null }
  | { kind: 'edge'; id: string; before: GraphEdge | null; after: GraphEdge | null };

/**
 * One acknowledged batch. `seq` counts batches from 1 without gaps, in the
 * order they were applied; `at` is the ISO date-time the store applied it.
 * Stores keep every entry (the log is never compacted away).
 */
export interface AuditEntry {
  seq: number;
  at: string;
  actor: Actor | null;
  action: string | null;
  ops: WriteOp[];
  changes: RecordChange[];
}

/** Filters combine with AND. */
export interface AuditFilter {
  /** Only entries made with this key id. */
  keyId?: string;
  /** Only entries of this action. */
  action?: string;
  /** Only entries that changed this node or edge id. */
  recordId?: string;
  /** Only entries at or after this ISO date-time. */
  since?: string;
  /** Only entries before this ISO date-time. */
  until?: string;
}

export interface AuditQuery {
  /** Page size, at least 0. */
  first: number;
  /** Only entries with a `seq` greater than this (the previous page's last `seq`). */
  afterSeq?: number;
  filter?: AuditFilter;
}

export interface AuditPage {
  entries: AuditEntry[];
  hasNextPage: boolean;
}
