import type { GraphEdge, GraphNode } from '../domain/graph-records';
import { LANGS } from '../domain/lang';

/**
 * GraphML (http://graphml.graphdrawing.org/) for Gephi, yEd, Cytoscape and
 * NetworkX: one `<node>` per node with its type, code and names (one key per
 * language), one directed `<edge>` per link with its type, confidence and
 * flags; properties and sources as JSON text, since GraphML attributes are
 * scalars. Keys are declared once, in a fixed order, so files diff cleanly.
 */
export function toGraphml(graph: { nodes: readonly GraphNode[]; edges: readonly GraphEdge[] }): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    ...NODE_KEYS.map((key) => `  <key id="${key}" for="node" attr.name="${key}" attr.type="string"/>`),
    ...EDGE_KEYS.map((key) => `  <key id="${key}" for="edge" attr.name="${key}" attr.type="string"/>`),
    '  <graph id="wsis-graph" edgedefault="directed">',
  ];
  for (const node of graph.nodes) {
    lines.push(`    <node id="${xml(node.id)}">`);
    const values: Record<string, string | undefined> = {
      type: node.type,
      code: node.code,
      ...Object.fromEntries(LANGS.map((lang) => [`name_${lang}`, node.name[lang]])),
      confidence: node.provenance.confidence,
      flags: (node.provenance.flags ?? []).join(' ') || undefined,
      props: JSON.stringify(node.props),
      sources: JSON.stringify(node.provenance.sources),
    };
    for (const key of NODE_KEYS) if (values[key] !== undefined) lines.push(`      <data key="${key}">${xml(values[key]!)}</data>`);
    lines.push('    </node>');
  }
  for (const edge of graph.edges) {
    lines.push(`    <edge id="${xml(edge.id)}" source="${xml(edge.from)}" target="${xml(edge.to)}">`);
    const values: Record<string, string | undefined> = {
      edge_type: edge.type,
      edge_confidence: edge.provenance.confidence,
      edge_method: edge.provenance.method,
      edge_flags: (edge.provenance.flags ?? []).join(' ') || undefined,
      edge_props: JSON.stringify(edge.props),
      edge_sources: JSON.stringify(edge.provenance.sources),
    };
    for (const key of EDGE_KEYS) if (values[key] !== undefined) lines.push(`      <data key="${key}">${xml(values[key]!)}</data>`);
    lines.push('    </edge>');
  }
  lines.push('  </graph>', '</graphml>', '');
  return lines.join('\n');
}

const NODE_KEYS = ['type', 'code', ...LANGS.map((lang) => `name_${lang}`), 'confidence', 'flags', 'props', 'sources'];
// Edge keys have their own ids: GraphML key ids are one namespace for nodes and edges.
const EDGE_KEYS = ['edge_type', 'edge_confidence', 'edge_method', 'edge_flags', 'edge_props', 'edge_sources'];

// XML 1.0 text and attribute escaping; characters XML 1.0 cannot hold at all are dropped.
function xml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}
