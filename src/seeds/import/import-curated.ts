import { readFileSync } from 'node:fs';
import type { EdgeType } from '../../domain/edge-types';
import { toEdgeId, type PropValue, type SourceRef } from '../../domain/graph-records';
import type { LocalizedText } from '../../domain/lang';
import { parseGlobalId, type NodeType } from '../../domain/node-types';
import { mergeProvenance, type SeedBuilder } from './seed-builder';

/**
 * `seeds/curated/documents.json`: the records the four domain documents (and
 * a few reference-data facts) name that no reference-data file holds, written
 * by hand from the documents: UN bodies, processes, meetings, texts and
 * initiatives, each with the document and section or paragraph it is named
 * in and its Chinese name as written there; links among them; amendments to
 * generated records (a Chinese name, `since`/`until` of a role, facts that
 * became Meeting nodes). Unlike the reference data it lives in the
 * repository, so the import stays reproducible from the repository alone.
 */
export interface CuratedFile {
  nodes: {
    type: NodeType;
    code: string;
    name: Partial<LocalizedText> & { en: string };
    props: Record<string, PropValue>;
    sources: SourceRef[];
    confidence: 'source' | 'recalled';
    notes?: string[];
  }[];
  edges: {
    type: EdgeType;
    from: string;
    to: string;
    props: Record<string, PropValue>;
    sources: SourceRef[];
    confidence: 'source' | 'recalled';
    notes?: string[];
    discriminator?: string;
  }[];
  amendNodes: {
    id: string;
    name?: Partial<LocalizedText>;
    props?: Record<string, PropValue>;
    /** `props.facts` strings now held by Meeting nodes or typed fields: removed (each must exist). */
    factsMoved?: string[];
    factsAdded?: string[];
    sources?: SourceRef[];
  }[];
  amendEdges: { id: string; props: Record<string, PropValue>; removeProps?: string[]; sources: SourceRef[]; notes?: string[] }[];
}

export function readCurated(file: string): CuratedFile {
  return JSON.parse(readFileSync(file, 'utf8')) as CuratedFile;
}

const NODE_FILES: Partial<Record<NodeType, string>> = {
  Entity: 'nodes/entity.json',
  Process: 'nodes/process.json',
  Meeting: 'nodes/meeting.json',
  Resolution: 'nodes/resolution.json',
  Initiative: 'nodes/initiative.json',
  Paragraph: 'nodes/paragraph.json',
};

export function importCurated(curated: CuratedFile, b: SeedBuilder): void {
  for (const n of curated.nodes) {
    const file = NODE_FILES[n.type];
    if (!file) throw new Error(`curated node ${n.type}:${n.code}: no seed file for type ${n.type}`);
    b.addNode(file, n.type, n.code, n.name, n.props, { sources: n.sources, confidence: n.confidence, notes: n.notes });
  }
  for (const e of curated.edges) {
    for (const end of [e.from, e.to]) {
      if (!parseGlobalId(end) || !b.hasNode(end)) throw new Error(`curated ${e.type} ${e.from} → ${e.to}: no node ${end}`);
    }
    const file = e.type === 'MEETING_OF' || e.type === 'ADOPTED_AT' ? 'edges/meetings.json' : 'edges/documents.json';
    b.addEdge(file, e.type, e.from, e.to, e.props, { sources: e.sources, confidence: e.confidence, notes: e.notes }, e.discriminator);
  }
  for (const a of curated.amendNodes) {
    const node = b.getNode(a.id);
    if (!node) throw new Error(`curated amendment of ${a.id}: no such node`);
    Object.assign(node.name, a.name ?? {});
    Object.assign(node.props, a.props ?? {});
    const facts = ((node.props.facts as string[] | undefined) ?? []).slice();
    for (const moved of a.factsMoved ?? []) {
      const at = facts.indexOf(moved);
      if (at < 0) throw new Error(`curated amendment of ${a.id}: no fact "${moved}" to move`);
      facts.splice(at, 1);
    }
    facts.push(...(a.factsAdded ?? []));
    if (facts.length > 0) node.props.facts = facts;
    else delete node.props.facts;
    if (a.sources?.length) node.provenance = mergeProvenance(node.provenance, { sources: a.sources, confidence: 'source' });
  }
  for (const a of curated.amendEdges) {
    const edge = b.getEdge(a.id);
    if (!edge) throw new Error(`curated amendment of edge ${a.id}: no such edge`);
    for (const key of a.removeProps ?? []) delete edge.props[key];
    Object.assign(edge.props, a.props);
    edge.provenance = mergeProvenance(edge.provenance, { sources: a.sources, confidence: 'source', notes: a.notes });
  }
}

/** The edge id a curated edge gets, for the coverage and document tests. */
export function curatedEdgeId(e: CuratedFile['edges'][number]): string {
  return toEdgeId(e.type, e.from, e.to, e.discriminator);
}
