import type { GraphEdge, GraphNode, Provenance, SourceRef } from '../../src/domain/graph-records';
import { LANGS } from '../../src/domain/lang';

/**
 * GraphQL selections used by the API cases, and the JSON the API must answer
 * for them, computed from seed records. Enum values are the data's values in
 * upper case (`lead_facilitator` → `LEAD_FACILITATOR`), as `resolvers/enums.ts`
 * publishes them; absent facts are `null` (scalars) or `[]` (lists).
 */
export const NODE_HEAD = `id code name names { text lang fallback } zh: localizedName(lang: ZH) { text lang fallback }`;
export const SOURCE = `{ document paragraph url }`;
export const PROVENANCE = `provenance { source ${SOURCE} sources ${SOURCE} confidence method flags notes }`;
export const EVIDENCE = `source ${SOURCE} sources ${SOURCE} confidence method flags notes`;
export const LINK = `id type from { id } to { id } node { id } role rationale relation action label ${EVIDENCE}`;

export const ref = (node: { id: string } | null | undefined) => (node ? { id: node.id } : null);
export const refs = (nodes: readonly { id: string }[]) => nodes.map((node) => ({ id: node.id }));
export const upper = (value: unknown) => (value === undefined || value === null ? null : String(value).toUpperCase());

export function nodeHead(node: GraphNode) {
  const zh = node.name.zh;
  return {
    id: node.id,
    code: node.code,
    name: node.name.en,
    names: LANGS.filter((lang) => node.name[lang] !== undefined).map((lang) => ({
      text: node.name[lang],
      lang: lang.toUpperCase(),
      fallback: false,
    })),
    zh: zh ? { text: zh, lang: 'ZH', fallback: false } : { text: node.name.en, lang: 'EN', fallback: true },
  };
}

export function sourceJson(source: SourceRef) {
  return { document: source.document ?? null, paragraph: source.paragraph ?? null, url: source.url ?? null };
}

export function evidenceJson(provenance: Provenance) {
  return {
    source: sourceJson(provenance.sources[0]!),
    sources: provenance.sources.map(sourceJson),
    confidence: upper(provenance.confidence),
    method: provenance.method ?? null,
    flags: provenance.flags ?? [],
    notes: provenance.notes ?? [],
  };
}

export const provenanceJson = (node: GraphNode) => ({ provenance: evidenceJson(node.provenance) });

/** The `LINK` selection of an edge reached from `fromId` (`node` is the far end). */
export function linkJson(edge: GraphEdge, fromId?: string) {
  const prop = (key: string) => edge.props[key] ?? null;
  return {
    id: edge.id,
    type: edge.type,
    from: { id: edge.from },
    to: { id: edge.to },
    node: { id: fromId === undefined || edge.from === fromId ? edge.to : edge.from },
    role: upper(edge.props.role),
    rationale: prop('rationale'),
    relation: prop('relation'),
    action: prop('action'),
    label: prop('label'),
    ...evidenceJson(edge.provenance),
  };
}

export const propOf = (node: GraphNode, key: string) => node.props[key] ?? null;
export const listPropOf = (node: GraphNode, key: string) => {
  const value = node.props[key];
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
};
