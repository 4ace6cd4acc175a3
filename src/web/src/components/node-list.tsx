import type { NodeRef } from '../api/fragments';
import { NodeLink } from './node-link';

/** Nodes as a list of links to their pages (code and name), in the order given; `inline` runs them on as a line. */
export function NodeList({ nodes, inline = false }: { nodes: Pick<NodeRef, 'id' | 'code' | 'name' | '__typename'>[]; inline?: boolean }) {
  return (
    <ul class={inline ? 'inline-list' : undefined}>
      {nodes.map((node) => (
        <li key={node.id}>
          <NodeLink node={node} showType={false} />
        </li>
      ))}
    </ul>
  );
}
