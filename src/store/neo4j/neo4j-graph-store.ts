import { randomUUID } from 'node:crypto';
import neo4j, { type BookmarkManager, type Driver, type ManagedTransaction, type Node as Neo4jNode, type Record as Neo4jRecord } from 'neo4j-driver';
import { EDGE_TYPES } from '../../domain/edge-types';
import { StoreUnavailableError } from '../../domain/errors';
import type { GraphEdge, GraphNode } from '../../domain/graph-records';
import { NODE_TYPES } from '../../domain/node-types';
import { compareCodes, toSortKey } from '../../domain/sort-key';
import { decodeCursor, encodeCursor } from '../cursor';
import type {
  AuditEntry,
  AuditPage,
  AuditQuery,
  DatasetInfo,
  GraphReads,
  GraphStore,
  ListEdgesQuery,
  ListNodesQuery,
  Neighbour,
  NeighbourQuery,
  NodeFilter,
  NodePage,
  PlannedWrite,
  SearchHit,
  SearchQuery,
  TypeCount,
  WriteContext,
  WriteOp,
  WriteResult,
} from '../graph-store';
import { citedResolutionIds, MAX_CONTAINED_NAME, MAX_CONTAINING_QUERY, queryTokens, scoreMatch, scoreSymbolCitations, searchNamesOf } from '../text-index';
import { aliasesOf, firstAliasHolder } from '../node-aliases';
import { checkParams, findCypherDir, readCypherFolder, type CypherFile } from './cypher-files';
import { applyBatch } from './apply-batch';
import { mapDriverError } from './map-driver-error';
import { byId, edgeOf, endsNamedBy, neighbourParams, neighboursOf, toNumber, type RunQuery } from './query-results';
import { PROP_PREFIX, deepFreeze, fromNeo4jValue, fromNodeProperties } from './record-mapping';
import { TransactionReads } from './transaction-reads';

export interface Neo4jGraphStoreOptions {
  driver: Driver;
  /** The database name (`NEO4J_DATABASE`). */
  database: string;
  /** Transaction timeout in milliseconds (`NEO4J_TIMEOUT_MS`). */
  timeoutMs: number;
  /** The `cypher/` folder; found upwards from this module when absent. */
  cypherDir?: string;
  /** The clock for audit entries; tests pin it. */
  now?: () => Date;
}

/**
 * The store port over Neo4j 5 (5.26 or later: dynamic labels and types).
 * Every query is a file under `cypher/queries/`, run with parameters only;
 * each call opens its own session and runs one managed transaction
 * (`executeRead` / `executeWrite`, retried by the driver on transient
 * errors), so no connection state outlives a call: when the database goes
 * away calls fail with `STORE_UNAVAILABLE`, and when it returns the next call
 * succeeds. Nothing read is cached between calls. The sessions share one
 * bookmark manager, so a call sees every write this store committed.
 *
 * A write (`writeWith`, and `applyWrites` through it) is one transaction:
 * the plan's reads, locked (`TransactionReads`), the batch in one query per
 * kind of change (`applyBatch`) and its audit entry; see cypher/README.md,
 * "The write path".
 *
 * Orders are computed as in the embedded store: nodes by (sortKey, id) in
 * Cypher (for paging), and edges by id and search hits by score in
 * TypeScript, with the same comparators, so both stores agree exactly.
 */
export class Neo4jGraphStore implements GraphStore {
  readonly kind = 'neo4j';
  private readonly driver: Driver;
  private readonly database: string;
  private readonly timeoutMs: number;
  private readonly queries: Record<string, CypherFile>;
  private readonly now: () => Date;
  // One for all of this store's sessions: each session starts from the bookmarks of every transaction
  // the store committed, so on a cluster a read after a write (a mutation re-reading its answer, the
  // next request) sees that write, whichever server the driver routes it to.
  private readonly bookmarks: BookmarkManager = neo4j.bookmarkManager();
  private closed = false;

  constructor(options: Neo4jGraphStoreOptions) {
    this.driver = options.driver;
    this.database = options.database;
    this.timeoutMs = options.timeoutMs;
    this.queries = readCypherFolder(options.cypherDir ?? findCypherDir(), 'queries');
    this.now = options.now ?? (() => new Date());
  }

  async getNodes(ids: readonly string[]): Promise<(GraphNode | null)[]> {
    if (ids.length === 0) return this.assertOpen([]);
    const byId = await this.read((tx) => this.nodesById(tx, ids));
    return ids.map((id) => byId.get(id) ?? null);
  }

  async getNodesByAlias(aliases: readonly string[]): Promise<(GraphNode | null)[]> {
    if (aliases.length === 0) return this.assertOpen([]);
    const records = await this.read((tx) => this.run(tx, 'get-nodes-by-alias', { aliases: [...new Set(aliases)] }));
    const holders = new Map<string, GraphNode[]>();
    for (const record of records) {
      const node = fromNodeProperties((record.get('n') as Neo4jNode).properties);
      for (const alias of aliasesOf(node)) holders.set(alias, [...(holders.get(alias) ?? []), node]);
    }
    return aliases.map((alias) => firstAliasHolder(holders.get(alias) ?? []));
  }

  async getEdges(ids: readonly string[]): Promise<(GraphEdge | null)[]> {
    if (ids.length === 0) return this.assertOpen([]);
    const byId = await this.read((tx) => this.edgesById(tx, ids));
    return ids.map((id) => byId.get(id) ?? null);
  }

  async getNeighbours(queries: readonly NeighbourQuery[]): Promise<Neighbour[][]> {
    if (queries.length === 0) return this.assertOpen([]);
    return neighboursOf(await this.read((tx) => this.run(tx, 'get-neighbours', neighbourParams(queries))), queries.length);
  }

  async countNeighbours(queries: readonly NeighbourQuery[]): Promise<number[]> {
    if (queries.length === 0) return this.assertOpen([]);
    const records = await this.read((tx) => this.run(tx, 'count-neighbours', neighbourParams(queries)));
    const counts = new Array<number>(queries.length).fill(0);
    for (const record of records) counts[toNumber(record.get('i'))] = toNumber(record.get('count'));
    return counts;
  }

  async listNodes(query: ListNodesQuery): Promise<NodePage> {
    // A bad cursor is the caller's mistake: refuse it before touching the database.
    const backwards = 'last' in query;
    const position = backwards
      ? query.before === undefined ? null : decodeCursor(query.before, 'before')
      : query.after === undefined ? null : decodeCursor(query.after, 'after');
    const size = backwards ? query.last : query.first;
    const filter = filterParams(query.type, query.filter);
    const { records, total } = await this.read(async (tx) => ({
      // Backwards: list-nodes-from-end reads the index from the cursor down, nearest first.
      records: backwards
        ? await this.run(tx, 'list-nodes-from-end', {
            ...filter,
            beforeKey: position?.sortKey ?? null,
            beforeId: position?.id ?? null,
            limit: neo4j.int(size + 1),
          })
        : await this.run(tx, 'list-nodes', {
            ...filter,
            afterKey: position?.sortKey ?? null,
            afterId: position?.id ?? null,
            limit: neo4j.int(size + 1),
          }),
      total: query.withTotal ? toNumber((await this.run(tx, 'count-nodes', filter))[0]!.get('total')) : undefined,
    }));
    const read = records.slice(0, size).map((record) => fromNodeProperties((record.get('n') as Neo4jNode).properties));
    const nodes = backwards ? read.reverse() : read;
    const more = records.length > size;
    return {
      nodes,
      cursors: nodes.map((node) => encodeCursor({ sortKey: toSortKey(node.code), id: node.id })),
      hasNextPage: backwards ? position !== null : more,
      hasPreviousPage: backwards ? more : position !== null,
      ...(total !== undefined ? { totalCount: total } : {}),
    };
  }

  async listEdges(query: ListEdgesQuery): Promise<GraphEdge[]> {
    if (query.types.length === 0) return this.assertOpen([]);
    const records = await this.read((tx) =>
      this.run(tx, 'list-edges', {
        types: [...query.types],
        fromTypes: query.fromTypes ? [...query.fromTypes] : null,
        toTypes: query.toTypes ? [...query.toTypes] : null,
      }),
    );
    return records.map(edgeOf).sort(byId);
  }

  async search(query: SearchQuery): Promise<SearchHit[]> {
    const tokens = queryTokens(query.text);
    if (tokens.length === 0) return this.assertOpen([]);
    const longest = tokens.reduce((a, b) => (b.length > a.length ? b : a));
    const phrase = tokens.join(' ');
    const ids = citedResolutionIds(query.text);
    const records = await this.read((tx) =>
      this.run(tx, 'search', {
        longest,
        tokens,
        phrase: phrase.length <= MAX_CONTAINING_QUERY ? phrase : '',
        maxName: MAX_CONTAINED_NAME,
        ids,
        types: [...(query.types ?? [])],
        limit: neo4j.int(Math.max(SEARCH_CANDIDATES, query.first)),
      }),
    );
    const found = records.map((record) => ({
      node: fromNodeProperties((record.get('n') as Neo4jNode).properties),
      degree: toNumber(record.get('degree')),
    }));
    const cited = scoreSymbolCitations(query.text, new Map(found.filter((f) => ids.includes(f.node.id)).map((f) => [f.node.id, f.degree])));
    const hits: SearchHit[] = [];
    for (const { node, degree } of found) {
      const score = Math.max(scoreMatch(query.text, node.code, searchNamesOf(node), degree), cited.get(node.id) ?? 0);
      if (score > 0) hits.push({ node, score });
    }
    hits.sort((a, b) => b.score - a.score || compareCodes(a.node.code, b.node.code) || byId(a.node, b.node));
    return hits.slice(0, query.first);
  }

  async counts(): Promise<{ nodes: TypeCount[]; edges: TypeCount[] }> {
    const [nodeRecords, edgeRecords] = await this.read(async (tx) => [
      await this.run(tx, 'count-node-types', {}),
      await this.run(tx, 'count-edge-types', {}),
    ]);
    const tally = (records: Neo4jRecord[]) =>
      new Map(records.map((record) => [record.get('type') as string, toNumber(record.get('count'))]));
    const nodes = tally(nodeRecords);
    const edges = tally(edgeRecords);
    return {
      nodes: NODE_TYPES.map((type) => ({ type, count: nodes.get(type) ?? 0 })),
      edges: EDGE_TYPES.map((type) => ({ type, count: edges.get(type) ?? 0 })),
    };
  }

  async datasetInfo(): Promise<DatasetInfo> {
    const [record] = await this.read((tx) => this.run(tx, 'dataset-info', {}));
    if (!record) throw new StoreUnavailableError('The Neo4j database holds no dataset yet; run `npm run db:seed`.');
    return { version: String(record.get('version')), builtAt: String(fromNeo4jValue(record.get('builtAt'))) };
  }

  async applyWrites(ops: readonly WriteOp[], context: WriteContext = {}): Promise<WriteResult> {
    return (await this.writeWith(async () => ({ ops, value: undefined }), context)).written;
  }

  /**
   * One write transaction: the plan's reads (locked, see `TransactionReads`), the batch
   * (`applyBatch`: one query per run of one kind of operation) and its audit entry.
   */
  async writeWith<T>(plan: (reads: GraphReads) => Promise<PlannedWrite<T>>, context: WriteContext = {}): Promise<{ value: T; written: WriteResult }> {
    // The driver may run this transaction function more than once: after a retriable error (a
    // deadlock between two copies' locks: the plan runs again, on what the other copy wrote), and
    // after one raised while committing (the server committed, the answer was lost). The batch id,
    // chosen once per call and stored on the audit entry, makes that re-run return the committed
    // entry, with the value of the plan that was committed, instead of applying the batch twice.
    const batchId = randomUUID();
    let planned: PlannedWrite<T> | undefined;
    const audit = await this.write(async (tx) => {
      const run: RunQuery = (name, params) => this.run(tx, name, params);
      const [committed] = await run('find-audit-batch', { batchId });
      if (committed && planned) return deepFreeze(JSON.parse(String(committed.get('entry'))) as AuditEntry);
      const reads = new TransactionReads(run);
      planned = await plan(reads);
      const ops = [...planned.ops];
      const changes = await applyBatch(run, reads, ops);
      const [record] = await run('next-audit-seq', {});
      const entry: AuditEntry = deepFreeze(
        structuredClone({
          seq: toNumber(record!.get('seq')),
          at: this.now().toISOString(),
          actor: context.actor ?? null,
          action: context.action ?? null,
          ops,
          changes,
        }),
      );
      await run('create-audit-entry', {
        props: {
          batchId,
          seq: neo4j.int(entry.seq),
          at: entry.at,
          keyId: entry.actor?.keyId ?? null,
          action: entry.action,
          recordIds: [...new Set(changes.map((change) => change.id))],
          entry_json: JSON.stringify(entry),
        },
      });
      return entry;
    });
    return { value: planned!.value, written: { applied: audit.ops.length, audit } };
  }

  async listAudit(query: AuditQuery): Promise<AuditPage> {
    const filter = query.filter ?? {};
    const records = await this.read((tx) =>
      this.run(tx, 'list-audit', {
        afterSeq: neo4j.int(Math.max(0, Math.floor(query.afterSeq ?? 0))),
        keyId: filter.keyId ?? null,
        action: filter.action ?? null,
        recordId: filter.recordId ?? null,
        since: filter.since ?? null,
        until: filter.until ?? null,
        limit: neo4j.int(query.first + 1),
      }),
    );
    const entries = records
      .slice(0, query.first)
      .map((record) => deepFreeze(JSON.parse(String(record.get('entry'))) as AuditEntry));
    return { entries, hasNextPage: records.length > query.first };
  }

  /** Asks the server (verifyConnectivity), every time: a failure is never remembered. */
  async ping(): Promise<void> {
    this.assertOpen();
    try {
      await this.driver.verifyConnectivity({ database: this.database });
    } catch (error) {
      const mapped = mapDriverError(error);
      throw mapped instanceof StoreUnavailableError
        ? mapped
        : new StoreUnavailableError('The Neo4j database cannot be reached; try again later.', { reason: 'unavailable' });
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.driver.close();
  }

  private async nodesById(tx: ManagedTransaction, ids: readonly string[]): Promise<Map<string, GraphNode>> {
    const records = await this.run(tx, 'get-nodes', { ids: [...new Set(ids)] });
    const nodes = records.map((record) => fromNodeProperties((record.get('n') as Neo4jNode).properties));
    return new Map(nodes.map((node) => [node.id, node]));
  }

  // By the ends each id names (index seeks), and by a scan only for ids not of that form. An id of
  // the form type|from|to is taken to name its edge's ends (toEdgeId; seeds:check and the change
  // planner make every id so), so a miss there is an edge that does not exist.
  private async edgesById(tx: ManagedTransaction, ids: readonly string[]): Promise<Map<string, GraphEdge>> {
    const unique = [...new Set(ids)];
    const ends = unique.flatMap((id) => {
      const named = endsNamedBy(id);
      return named ? [{ id, ...named }] : [];
    });
    const others = unique.filter((id) => !endsNamedBy(id));
    const records = [
      ...(ends.length > 0 ? await this.run(tx, 'get-edges', { ends }) : []),
      ...(others.length > 0 ? await this.run(tx, 'get-edges-by-id', { ids: others }) : []),
    ];
    return new Map(records.map(edgeOf).map((edge) => [edge.id, edge]));
  }

  private async run(tx: ManagedTransaction, name: string, params: Record<string, unknown>): Promise<Neo4jRecord[]> {
    const file = this.queries[name];
    if (!file) throw new Error(`cypher/queries/${name}.cypher does not exist.`);
    checkParams(file, params);
    return (await tx.run(file.text, params)).records;
  }

  private read<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    return this.session('READ', (session) => session.executeRead(work, { timeout: this.timeoutMs }));
  }

  private write<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    return this.session('WRITE', (session) => session.executeWrite(work, { timeout: this.timeoutMs }));
  }

  // A session per call, closed whatever happens; driver errors are mapped here and nowhere else.
  private async session<T>(mode: 'READ' | 'WRITE', use: (session: ReturnType<Driver['session']>) => Promise<T>): Promise<T> {
    this.assertOpen();
    const session = this.driver.session({
      database: this.database,
      defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
      bookmarkManager: this.bookmarks,
    });
    try {
      return await use(session);
    } catch (error) {
      throw mapDriverError(error);
    } finally {
      await session.close().catch(() => undefined);
    }
  }

  // Throws when closed; otherwise returns `value`, for methods that answer without a query.
  private assertOpen<T>(value?: T): T {
    if (this.closed) throw new StoreUnavailableError('The Neo4j store is closed.');
    return value as T;
  }
}

// The filter parameters shared by list-nodes and count-nodes: props become {key: p_<key>, value} pairs.
function filterParams(type: string, filter: NodeFilter | undefined) {
  return {
    type,
    codes: filter?.codes ? [...filter.codes] : null,
    props: Object.entries(filter?.props ?? {}).map(([key, value]) => ({ key: `${PROP_PREFIX}${key}`, value })),
  };
}

/** At most this many search candidates are read and scored per search (search.cypher's LIMIT). */
export const SEARCH_CANDIDATES = 1000;
