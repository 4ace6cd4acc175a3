import cytoscape from 'cytoscape';
import { useEffect, useRef } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import type { NodeRef } from '../api/fragments';
import { nodePath, useUi, type MessageKey } from '../i18n/use-ui';

export interface DrawnLink {
  id: string;
  type: string;
  from: string;
  to: string;
}

/** One colour per family of node type, also told apart by shape for readers who do not see colour. */
const WSIS = { colour: '#1f77b4', shape: 'round-rectangle' };
const SDG = { colour: '#2ca02c', shape: 'ellipse' };
const GDC = { colour: '#8c564b', shape: 'triangle' };
const STYLE_BY_TYPE: Record<string, { colour: string; shape: string }> = {
  ActionLine: WSIS,
  Theme: WSIS,
  SdgGoal: SDG,
  SdgTarget: SDG,
  SdgIndicator: { ...SDG, colour: '#98df8a' },
  Entity: { colour: '#d62728', shape: 'diamond' },
  Resolution: { colour: '#9467bd', shape: 'rectangle' },
  Paragraph: { colour: '#c5b0d5', shape: 'rectangle' },
  Initiative: { colour: '#ff7f0e', shape: 'hexagon' },
  GdcObjective: GDC,
  GdcPrinciple: GDC,
  GdcCommitment: { ...GDC, colour: '#c49c94' },
  Process: { colour: '#17becf', shape: 'star' },
};

interface GraphDrawingProps {
  nodes: (NodeRef & { ring: number })[];
  links: DrawnLink[];
  label: string;
  /** Nodes marked as the subject of the drawing (the page's node, a path's ends). */
  focus: string[];
  layout?: 'rings' | 'force' | 'path';
}

/**
 * A node-link drawing (Cytoscape.js on a canvas): rings around the focus by
 * hop, or a path laid out left to right. Clicking or tapping a node opens its
 * page. The drawing is an image for screen readers; the page lists the same
 * nodes and links as text.
 */
export function GraphDrawing({ nodes, links, label, focus, layout = 'rings' }: GraphDrawingProps) {
  const container = useRef<HTMLDivElement>(null);
  const { route } = useLocation();
  const { href } = useUi();
  useEffect(() => {
    if (!container.current) return;
    const ids = new Set(nodes.map((node) => node.id));
    const cy = cytoscape({
      container: container.current,
      elements: [
        ...nodes.map((node) => ({
          data: {
            id: node.id,
            // Labels for the focus and its direct neighbours; the second ring would only bury them.
            label: node.ring > 1 ? '' : node.code.length > 18 ? `${node.code.slice(0, 17)}…` : node.code,
            colour: STYLE_BY_TYPE[node.__typename]?.colour ?? '#7f7f7f',
            shape: STYLE_BY_TYPE[node.__typename]?.shape ?? 'ellipse',
            ring: node.ring,
            index: nodes.indexOf(node),
          },
          classes: focus.includes(node.id) ? 'focus' : '',
        })),
        ...links
          .filter((link) => ids.has(link.from) && ids.has(link.to))
          .map((link) => ({ data: { id: link.id, source: link.from, target: link.to, type: link.type } })),
      ],
      style: [
        {
          selector: 'node',
          style: {
            'background-color': 'data(colour)',
            shape: 'data(shape)' as never,
            label: 'data(label)',
            'font-size': 9,
            color: '#1b1b1b',
            'text-valign': 'bottom',
            'text-margin-y': 3,
            // A label that falls on a neighbour stays readable.
            'text-background-color': '#ffffff',
            'text-background-opacity': 0.85,
            'text-background-padding': '1px',
            width: 14,
            height: 14,
          },
        },
        { selector: 'node[ring > 1]', style: { width: 9, height: 9, opacity: 0.8 } },
        { selector: 'node.focus', style: { width: 24, height: 24, 'border-width': 3, 'border-color': '#111', 'font-size': 11, 'font-weight': 'bold' } },
        { selector: 'edge', style: { width: 1, 'line-color': '#a7a7a7', 'curve-style': 'bezier', 'target-arrow-shape': 'triangle', 'target-arrow-color': '#a7a7a7', 'arrow-scale': 0.6 } },
      ],
      layout:
        layout === 'path'
          ? { name: 'breadthfirst', directed: false, roots: focus.slice(0, 1), spacingFactor: 1.1, animate: false }
          : layout === 'force'
            ? { name: 'cose', animate: false, randomize: false, nodeRepulsion: () => 6000, idealEdgeLength: () => 50, numIter: 600 }
            : {
              name: 'concentric',
              concentric: (node: cytoscape.NodeSingular) => 10 - Number(node.data('ring')),
              levelWidth: () => 1,
              // Room for a label under each node, so that neighbours' labels do not overlap.
              minNodeSpacing: 26,
              animate: false,
            },
      minZoom: 0.2,
      maxZoom: 2,
      wheelSensitivity: 0.2,
    });
    cy.on('tap', 'node', (event) => route(href(nodePath(event.target.id() as string))));
    cy.on('mouseover', 'node', () => container.current && (container.current.style.cursor = 'pointer'));
    cy.on('mouseout', 'node', () => container.current && (container.current.style.cursor = ''));
    return () => cy.destroy();
  }, [nodes, links, focus.join('\n'), layout]);
  const { t } = useUi();
  const types = [...new Set(nodes.map((node) => node.__typename))].sort();
  return (
    <figure class="drawing-figure">
      <div class="drawing" ref={container} role="img" aria-label={label} />
      <figcaption class="drawing-legend">
        {types.map((type) => (
          <span key={type} class="legend-item">
            <span class={`shape shape-${STYLE_BY_TYPE[type]?.shape ?? 'ellipse'}`} style={{ background: STYLE_BY_TYPE[type]?.colour ?? '#7f7f7f' }} aria-hidden="true" />
            {t(`type.${type}` as MessageKey)}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
