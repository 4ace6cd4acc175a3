import type { NodeRef } from '../api/fragments';
import { useQuery } from '../api/use-query';
import { useUi } from '../i18n/use-ui';
import { NodeLink } from './node-link';
import { SearchBox } from './search-box';

const NODE_REF = `query NodeRef($id: ID!, $lang: Lang!) { node(id: $id) { id code __typename name(lang: $lang) } }`;

/** Chooses a node for a page parameter: shows the current one and searches for another. */
export function NodePicker({ label, id, onPick }: { label: string; id?: string; onPick: (node: NodeRef) => void }) {
  const { t, apiLang } = useUi();
  const current = useQuery<{ node: NodeRef | null }>(NODE_REF, { id, lang: apiLang }, !id);
  return (
    <fieldset class="picker">
      <legend>{label}</legend>
      <p class="picked">
        {current.data?.node ? <NodeLink node={current.data.node} /> : <span class="muted">{id ? t('node.notFound', { id }) : t('picker.none')}</span>}
      </p>
      <SearchBox label={t('picker.search', { label })} onPick={onPick} />
    </fieldset>
  );
}
