import type { NodeRef } from '../api/fragments';
import { nodePath, useUi, type MessageKey } from '../i18n/use-ui';

/** A node as a link to its page: type, code and name. */
export function NodeLink({ node, showType = true }: { node: Pick<NodeRef, 'id' | 'code' | 'name' | '__typename'>; showType?: boolean }) {
  const { t, href } = useUi();
  return (
    <a class="node-link" href={href(nodePath(node.id))}>
      {showType && <span class="type-tag">{t(`type.${node.__typename}` as MessageKey) ?? node.__typename}</span>}
      <span class="code">{node.code}</span>
      {node.name && node.name !== node.code && <span class="name"> {node.name}</span>}
    </a>
  );
}
