import { EDGE_TYPES } from '../../domain/edge-types';
import { LANGS } from '../../domain/lang';
import { NODE_TYPES } from '../../domain/node-types';
import type { GraphStore } from '../../store/graph-store';
import { RELATION, type RelationSpec } from '../resolvers/relations';

/**
 * How long a list can be in the loaded graph, per relationship field: what
 * the cost limit multiplies a list field by when the query gives no `first`.
 * All figures are maxima over the data, never guesses:
 *
 * - `fields`: for each `Type.field` whose resolver walks links
 *   ({@link RelationSpec}), the largest number of such links at one node of
 *   that type (`ActionLine.sdgTargets`: the action line with the most
 *   matrix-linked targets);
 * - `counts`: nodes per type (a list of nodes of one type is never longer);
 * - `maxDegree`: the most links at one node, for link lists no spec
 *   describes (analytics' evidence lists);
 * - `maxSources`: the most sources of one record; `langs`: name languages.
 *
 * `generation` grows each time the bounds are recomputed.
 */
export interface FanOutTable {
  generation: number;
  fields: ReadonlyMap<string, number>;
  counts: ReadonlyMap<string, number>;
  totalNodes: number;
  maxDegree: number;
  maxSources: number;
  langs: number;
  /** Node and link types (the length of `dataset { counts linkCounts }`). */
  vocabulary: number;
  /** Nodes on the longest path `paths` may answer (MAX_PATH_HOPS + 1). */
  pathLength: number;
}

/** `Type.field` → the links its resolver walks, read from the resolver map (see `walks` in relations.ts). */
export function relationSpecsOf(resolvers: Record<string, unknown>): Map<string, RelationSpec> {
  const specs = new Map<string, RelationSpec>();
  for (const [typeName, fields] of Object.entries(resolvers)) {
    if (!fields || typeof fields !== 'object') continue;
    for (const [fieldName, resolver] of Object.entries(fields as Record<string, unknown>)) {
      const spec = typeof resolver === 'function' ? (resolver as { [RELATION]?: RelationSpec })[RELATION] : undefined;
      if (spec) specs.set(`${typeName}.${fieldName}`, spec);
    }
  }
  return specs;
}

/**
 * The bounds of the graph a store holds, recomputed when it changes. The
 * service calls `invalidate()` after each write it makes; writes made by
 * another copy of the service (Neo4j) are picked up after at most `maxAgeMs`
 * (`Infinity` for a store no other process writes: the embedded one).
 * `current()` never waits once a first table exists: a recomputation runs in
 * the background and the previous table serves until it is done, so a limit
 * check never costs a graph scan on the request path.
 */
export class FanOutBounds {
  private table: FanOutTable | null = null;
  private pending: Promise<FanOutTable> | null = null;
  private stale = true;
  private computedAt = 0;
  private generation = 0;

  constructor(
    private readonly store: GraphStore,
    private readonly specs: ReadonlyMap<string, RelationSpec>,
    private readonly maxPathHops: number,
    private readonly maxAgeMs = 60_000,
  ) {}

  /** Whether a first table exists (until then every query's cost check waits for it). */
  get ready(): boolean {
    return this.table !== null;
  }

  /** The latest table; waits only for the very first computation. */
  async current(): Promise<FanOutTable> {
    if (this.stale || Date.now() - this.computedAt > this.maxAgeMs) this.refresh();
    return this.table ?? this.pending!;
  }

  /** The graph changed: recompute before (or, when a table exists, while) the next check. */
  invalidate(): void {
    this.stale = true;
  }

  private refresh(): void {
    if (this.pending) return;
    this.stale = false;
    this.computedAt = Date.now();
    this.pending = computeFanOut(this.store, this.specs, this.maxPathHops, ++this.generation).then(
      (table) => {
        this.table = table;
        this.pending = null;
        return table;
      },
      (error: unknown) => {
        // A store that cannot answer now (Neo4j down) is retried on the next check.
        this.pending = null;
        this.stale = true;
        if (this.table) return this.table;
        throw error;
      },
    );
    // A background refresh that fails is retried; it must not become an unhandled rejection.
    this.pending.catch(() => undefined);
  }
}

/**
 * Every link of the store, grouped by link type, then one count per relationship field over the
 * links of its types only. It gives the event loop back between fields: over a large graph
 * (×1000: 346k links, 40 fields) the recomputation after a write runs beside the requests, which
 * the previous table serves meanwhile, instead of holding the loop for seconds.
 */
export async function computeFanOut(
  store: GraphStore,
  specs: ReadonlyMap<string, RelationSpec>,
  maxPathHops: number,
  generation = 1,
): Promise<FanOutTable> {
  const [edges, counts] = await Promise.all([store.listEdges({ types: EDGE_TYPES }), store.counts()]);
  const byType = new Map<string, Ends[]>();
  const degree = new Map<string, number>();
  let maxSources = 1;
  const worked = turnEvery(SLICE);
  for (const edge of edges) {
    await worked(1);
    let ends = byType.get(edge.type);
    if (!ends) byType.set(edge.type, (ends = []));
    ends.push({ from: edge.from, fromType: typeOf(edge.from), to: edge.to, toType: typeOf(edge.to) });
    degree.set(edge.from, (degree.get(edge.from) ?? 0) + 1);
    degree.set(edge.to, (degree.get(edge.to) ?? 0) + 1);
    maxSources = Math.max(maxSources, edge.provenance.sources.length);
  }
  // Every link at a node, of any type, either way (the `links` fields): the node's degree.
  const degreeByType = new Map<string, number>();
  for (const [id, links] of degree) {
    const type = typeOf(id);
    if (links > (degreeByType.get(type) ?? 0)) degreeByType.set(type, links);
  }
  const fields = new Map<string, number>();
  // Fields of interfaces' implementations walk the same links: each kind of walk is counted once.
  const bySignature = new Map<string, number>();
  for (const [key, spec] of specs) {
    const parentType = key.slice(0, key.indexOf('.'));
    const signature = `${parentType} ${spec.direction} ${spec.types.join()} ${spec.nodeTypes?.join() ?? '*'}`;
    let bound = bySignature.get(signature);
    if (bound === undefined) {
      if (spec.types.length === 0 && spec.direction === 'both' && !spec.nodeTypes) bound = degreeByType.get(parentType) ?? 0;
      else {
        const groups = spec.types.length > 0 ? [...new Set(spec.types)].map((type) => byType.get(type) ?? []) : [...byType.values()];
        bound = largestFanOut(groups, parentType, spec);
        await worked(groups.reduce((links, ends) => links + ends.length, 0));
      }
      bySignature.set(signature, bound);
    }
    fields.set(key, bound);
  }
  for (const type of NODE_TYPES) {
    const page = await store.listNodes({ type, first: 1_000_000_000 });
    for (const node of page.nodes) maxSources = Math.max(maxSources, node.provenance.sources.length);
    await worked(page.nodes.length);
  }
  return {
    generation,
    fields,
    counts: new Map(counts.nodes.map(({ type, count }) => [type, count])),
    totalNodes: counts.nodes.reduce((sum, { count }) => sum + count, 0),
    maxDegree: Math.max(1, largest(degree.values())),
    maxSources,
    langs: LANGS.length,
    vocabulary: Math.max(NODE_TYPES.length, EDGE_TYPES.length),
    pathLength: maxPathHops + 1,
  };
}

/** A link's ends with their node types, read once per link instead of once per field. */
interface Ends {
  from: string;
  fromType: string;
  to: string;
  toType: string;
}

const typeOf = (id: string) => id.slice(0, id.indexOf(':'));

/** Links handled between two turns of the event loop (a few ms of work). */
const SLICE = 16_384;

/**
 * Counts work done (links or nodes looked at) and gives the event loop a turn once `units` of it were done
 * since the last turn. Turns by work, not by step: at ×1 the whole table is fewer than 16,384 links' worth,
 * and a turn per field and node type (~50) let a background slice run each time (the word index's, after
 * start-up) before the first request, which waits for the first table (issue #12).
 */
function turnEvery(units: number): (done: number) => Promise<void> | undefined {
  let since = 0;
  return (done) => {
    since += done;
    if (since < units) return undefined;
    since = 0;
    return new Promise<void>((resolve) => setImmediate(resolve));
  };
}

// The most links one node of `parentType` has that the spec walks (0 when none has any).
function largestFanOut(groups: readonly (readonly Ends[])[], parentType: string, spec: RelationSpec): number {
  const per = new Map<string, number>();
  for (const ends of groups) {
    for (const { from, fromType, to, toType } of ends) {
      if (spec.direction !== 'in' && fromType === parentType && farTypeFits(spec, toType)) per.set(from, (per.get(from) ?? 0) + 1);
      if (spec.direction !== 'out' && toType === parentType && farTypeFits(spec, fromType)) per.set(to, (per.get(to) ?? 0) + 1);
    }
  }
  return largest(per.values());
}

function farTypeFits(spec: RelationSpec, type: string): boolean {
  return !spec.nodeTypes || (spec.nodeTypes as readonly string[]).includes(type);
}

// Math.max(...values) runs out of stack on a large graph.
function largest(values: Iterable<number>): number {
  let max = 0;
  for (const value of values) if (value > max) max = value;
  return max;
}
