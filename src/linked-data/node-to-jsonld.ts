import type { GraphEdge, GraphNode } from '../domain/graph-records';
import { LANGS } from '../domain/lang';
import type { NodeType } from '../domain/node-types';

/**
 * A node as a JSON-LD document, in terms other tools already know: SKOS for
 * the SDG framework and the WSIS action lines (concept schemes with
 * notations and broader concepts), schema.org for organisations, events,
 * legislation and projects, `owl:sameAs` to the UN SDG KOS and the other
 * exact matches it gives. The graph's own link types are properties in the
 * service's vocabulary (`<base>/vocab#MANDATES`), each pointing at the other
 * node's `/id/` URI.
 */
export interface JsonLdOptions {
  /** The service origin, e.g. `http://localhost:4000`; the document's URIs are made from it. */
  base: string;
}

export const CONTEXT = (base: string) => ({
  skos: 'http://www.w3.org/2004/02/skos/core#',
  schema: 'https://schema.org/',
  owl: 'http://www.w3.org/2002/07/owl#',
  dcterms: 'http://purl.org/dc/terms/',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  wsis: `${base}/vocab#`,
  prefLabel: { '@id': 'skos:prefLabel', '@container': '@language' },
  notation: 'skos:notation',
  broader: { '@id': 'skos:broader', '@type': '@id' },
  sameAs: { '@id': 'owl:sameAs', '@type': '@id' },
  page: { '@id': 'schema:url', '@type': '@id' },
  identifier: 'dcterms:identifier',
  date: { '@id': 'dcterms:date' },
  source: { '@id': 'dcterms:source' },
});

// What each node type is in the shared vocabularies.
const RDF_TYPES: Record<NodeType | 'Meeting', string[]> = {
  ActionLine: ['skos:Concept'],
  Theme: ['skos:Concept'],
  SdgGoal: ['skos:Concept'],
  SdgTarget: ['skos:Concept'],
  SdgIndicator: ['skos:Concept'],
  Entity: ['schema:Organization'],
  Resolution: ['schema:Legislation'],
  Paragraph: ['schema:CreativeWork'],
  Initiative: ['schema:Project'],
  GdcObjective: ['skos:Concept'],
  GdcPrinciple: ['skos:Concept'],
  GdcCommitment: ['skos:Concept'],
  Process: ['schema:Event'],
  Meeting: ['schema:Event'],
  MappingStudy: ['schema:Dataset'],
};

// Structural links that are SKOS hierarchy: the child is narrower than its parent.
const BROADER = new Set(['TARGET_OF', 'INDICATOR_OF', 'SUB_LINE_OF', 'PART_OF', 'UNDER_OBJECTIVE']);

/** The node's URI in this service: `<base>/id/<global id>`, path-safe (`#` and spaces escaped, `:` and `/` kept). */
export function idUri(base: string, id: string): string {
  return `${base}/id/${encodePath(id)}`;
}

/** The explorer's page of the node: `<base>/node/<global id>`. */
export function pageUri(base: string, id: string): string {
  return `${base}/node/${encodePath(id)}`;
}

function encodePath(id: string): string {
  return encodeURIComponent(id).replace(/%3A/g, ':').replace(/%2F/g, '/');
}

/** The JSON-LD document of `node` with its outgoing links (`out`). */
export function nodeToJsonLd(node: GraphNode, out: readonly GraphEdge[], { base }: JsonLdOptions): Record<string, unknown> {
  const labels: Record<string, string> = {};
  for (const lang of LANGS) {
    const text = node.name[lang];
    if (text) labels[lang] = text;
  }
  const sameAs = [
    ...(typeof node.props.uri === 'string' ? [node.props.uri] : []),
    ...(Array.isArray(node.props.sameAs) ? node.props.sameAs.map(String) : []),
  ];
  const rdfTypes = RDF_TYPES[node.type] ?? ['skos:Concept'];
  const doc: Record<string, unknown> = {
    '@context': CONTEXT(base),
    '@id': idUri(base, node.id),
    '@type': rdfTypes,
    identifier: node.id,
    notation: node.code,
    prefLabel: labels,
    page: pageUri(base, node.id),
  };
  if (rdfTypes.some((t) => t.startsWith('schema:'))) {
    doc['schema:name'] = node.name.en;
  }
  if (sameAs.length > 0) doc.sameAs = [...new Set(sameAs)];
  if (typeof node.props.uriConfidence === 'string') doc['wsis:uriConfidence'] = node.props.uriConfidence;
  const date = node.props.date ?? node.props.startDate;
  if (typeof date === 'string') doc.date = date;
  doc['wsis:confidence'] = node.provenance.confidence;
  doc.source = node.provenance.sources.map((s) => [s.document, s.paragraph && `para ${s.paragraph}`, s.url].filter(Boolean).join(', '));

  const broader = out.filter((e) => BROADER.has(e.type)).map((e) => idUri(base, e.to));
  if (broader.length > 0) doc.broader = [...new Set(broader)].sort();
  const byType = new Map<string, string[]>();
  for (const edge of out) {
    if (BROADER.has(edge.type)) continue;
    const list = byType.get(edge.type) ?? [];
    list.push(idUri(base, edge.to));
    byType.set(edge.type, list);
  }
  for (const [type, targets] of [...byType].sort(([a], [b]) => (a < b ? -1 : 1))) {
    doc[`wsis:${type}`] = [...new Set(targets)].sort().map((id) => ({ '@id': id }));
  }
  return doc;
}
