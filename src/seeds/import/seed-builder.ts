import type { EdgeType } from '../../domain/edge-types';
import { toEdgeId, type GraphEdge, type GraphNode, type Props, type PropValue, type Provenance, type SourceRef } from '../../domain/graph-records';
import type { LocalizedText } from '../../domain/lang';
import { toGlobalId, type NodeType } from '../../domain/node-types';
import { compareCodes } from '../../domain/sort-key';

/** Props as importers write them: absent, null or empty values are dropped before storing. */
export type RawProps = Record<string, PropValue | null | undefined>;

/**
 * Collects the nodes and edges of the dataset while the importers run, one
 * bucket per seed file. Adding an edge whose (type, from, to, discriminator)
 * already exists merges it: sources, flags and notes are unioned, props are
 * kept from the first add (later adds only fill keys the first did not have).
 * That is how one fact read in two reference files stays one edge.
 */
export class SeedBuilder {
  private readonly nodes = new Map<string, { file: string; node: GraphNode }>();
  private readonly edges = new Map<string, { file: string; edge: GraphEdge }>();

  /** Adds a node; a second node with the same id is a bug in an importer and throws. */
  addNode(file: string, type: NodeType, code: string, name: Partial<LocalizedText> & { en: string }, props: RawProps, provenance: Provenance): string {
    const id = toGlobalId(type, code);
    if (this.nodes.has(id)) throw new Error(`node "${id}" was added twice (second time for ${file})`);
    this.nodes.set(id, { file, node: { id, type, code, name: cleanName(name), props: clean(props), provenance: cleanProv(provenance) } });
    return id;
  }

  hasNode(id: string): boolean {
    return this.nodes.has(id);
  }

  getNode(id: string): GraphNode | undefined {
    return this.nodes.get(id)?.node;
  }

  /** Adds or merges an edge (see the class comment) and returns its id. */
  addEdge(
    file: string,
    type: EdgeType,
    from: string,
    to: string,
    props: RawProps,
    provenance: Provenance,
    discriminator?: string,
  ): string {
    const id = toEdgeId(type, from, to, discriminator);
    const existing = this.edges.get(id);
    if (!existing) {
      this.edges.set(id, { file, edge: { id, type, from, to, props: clean(props), provenance: cleanProv(provenance) } });
      return id;
    }
    const edge = existing.edge;
    for (const [key, value] of Object.entries(clean(props))) if (!(key in edge.props)) edge.props[key] = value;
    edge.provenance = mergeProvenance(edge.provenance, provenance);
    return id;
  }

  /** Removes an edge an importer made (a correction); a missing id is a bug in the correction and throws. */
  removeEdge(id: string): GraphEdge {
    const existing = this.edges.get(id);
    if (!existing) throw new Error(`edge "${id}" does not exist, so it cannot be removed`);
    this.edges.delete(id);
    return existing.edge;
  }

  getEdge(id: string): GraphEdge | undefined {
    return this.edges.get(id)?.edge;
  }

  hasEdge(type: EdgeType, from: string, to: string, discriminator?: string): boolean {
    return this.edges.has(toEdgeId(type, from, to, discriminator));
  }

  /** Appends sources / notes to an existing edge. */
  mergeIntoEdge(id: string, provenance: Provenance): void {
    const existing = this.edges.get(id);
    if (!existing) throw new Error(`edge "${id}" does not exist`);
    existing.edge.provenance = mergeProvenance(existing.edge.provenance, provenance);
  }

  allEdges(): GraphEdge[] {
    return [...this.edges.values()].map((e) => e.edge);
  }

  /** Records per seed file, each sorted by id (codes compared the way people read them). */
  files(): { nodes: Map<string, GraphNode[]>; edges: Map<string, GraphEdge[]> } {
    const nodes = new Map<string, GraphNode[]>();
    for (const { file, node } of this.nodes.values()) push(nodes, file, node);
    for (const list of nodes.values()) list.sort((a, b) => compareCodes(a.id, b.id));
    const edges = new Map<string, GraphEdge[]>();
    for (const { file, edge } of this.edges.values()) push(edges, file, edge);
    for (const list of edges.values()) list.sort((a, b) => compareCodes(a.id, b.id));
    return { nodes, edges };
  }
}

/**
 * Turns a citation as the reference data writes it into a SourceRef:
 * a URL stays a url; `seed 004_….txt para 24 (footnote 22)` becomes
 * `{ document: 'seed 004_….txt', paragraph: '24 (footnote 22)' }`; anything
 * else (`github:owner/repo path (commit)`, a document name) is kept whole as
 * the document.
 */
export function toSourceRef(citation: string): SourceRef {
  const text = citation.trim();
  if (/^https?:\/\//.test(text)) return { url: text };
  const seed = /^(seed \S+?\.txt)\s*(.*)$/.exec(text);
  if (seed?.[1]) {
    const rest = (seed[2] ?? '').replace(/^paras?\.?\s+/, '').trim();
    return rest ? { document: seed[1], paragraph: rest } : { document: seed[1] };
  }
  return { document: text };
}

/** Source refs from a citation, a list of citations or nothing; `fallback` when none. */
export function toSourceRefs(citations: unknown, fallback?: SourceRef): SourceRef[] {
  const list = (Array.isArray(citations) ? citations : [citations]).filter(
    (c): c is string => typeof c === 'string' && c.trim() !== '',
  );
  const refs = dedupeSources(list.map(toSourceRef));
  if (refs.length === 0 && fallback) return [fallback];
  return refs;
}

/** The reference-data file itself, cited when a record gives no source of its own. */
export function dataFileRef(file: string): SourceRef {
  return { document: `wsis-graph reference data ${file}` };
}

export function dedupeSources(refs: SourceRef[]): SourceRef[] {
  const seen = new Set<string>();
  const out: SourceRef[] = [];
  for (const ref of refs) {
    const key = JSON.stringify([ref.document ?? '', ref.paragraph ?? '', ref.url ?? '']);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(ref);
  }
  return out;
}

/** `source` and `recalled` as the data says; anything else is a data error worth failing on. */
export function toConfidence(value: unknown): 'source' | 'recalled' {
  if (value === 'source' || value === 'recalled') return value;
  throw new Error(`unexpected confidence ${JSON.stringify(value)} in the reference data`);
}

export function mergeProvenance(a: Provenance, b: Provenance): Provenance {
  const merged: Provenance = {
    sources: dedupeSources([...a.sources, ...b.sources]),
    // a merged fact is as strong as its strongest source
    confidence: a.confidence === 'source' || b.confidence === 'source' ? 'source' : a.confidence,
  };
  const method = a.method ?? b.method;
  if (method) merged.method = method;
  const flags = unique([...(a.flags ?? []), ...(b.flags ?? [])]);
  if (flags.length) merged.flags = flags;
  const notes = unique([...(a.notes ?? []), ...(b.notes ?? [])]);
  if (notes.length) merged.notes = notes;
  return merged;
}

export function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}

// Seeds never store null or empty values: an unknown fact is an absent key.
function clean(props: RawProps): Props {
  const out: Props = {};
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value) && value.length === 0) continue;
    out[key] = value as Props[string];
  }
  return out;
}

function cleanName(name: Partial<Record<string, string | undefined>> & { en: string }): LocalizedText {
  const out: Record<string, string> = {};
  for (const [lang, text] of Object.entries(name)) if (typeof text === 'string' && text.trim() !== '') out[lang] = text.trim();
  return out as LocalizedText;
}

function cleanProv(p: Provenance): Provenance {
  const out: Provenance = { sources: dedupeSources(p.sources), confidence: p.confidence };
  if (p.method) out.method = p.method;
  if (p.flags?.length) out.flags = unique(p.flags);
  if (p.notes?.length) out.notes = unique(p.notes.filter((n) => n.trim() !== ''));
  if (out.notes?.length === 0) delete out.notes;
  return out;
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
