import { useMemo } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { LINK_FIELDS, type Link, type NodeRef } from '../api/fragments';
import { useQuery } from '../api/use-query';
import { Choice } from '../components/choice';
import { EvidenceList } from '../components/evidence-list';
import { GraphDrawing, type DrawnLink } from '../components/graph-drawing';
import { NodeLink } from '../components/node-link';
import { NodePicker } from '../components/node-picker';
import { usePageTitle } from '../components/page-title';
import { Status } from '../components/status';
import { useUi } from '../i18n/use-ui';

const REF = 'id code __typename name(lang: $lang)';
const PATHS = `query Paths($from: ID!, $to: ID!, $maxHops: Int, $lang: Lang!) {
  paths(from: $from, to: $to, maxHops: $maxHops, first: 5) { length nodes { ${REF} } links { ${LINK_FIELDS} } }
}`;

interface Path {
  length: number;
  nodes: NodeRef[];
  links: Link[];
}

const HOPS = ['1', '2', '3', '4', '5', '6'];

/** `/paths?from=&to=[&maxHops=]`: the shortest explanations of how two nodes are connected, drawn and listed. */
export function PathsPage() {
  const { query, route } = useLocation();
  const { t, href, apiLang } = useUi();
  const maxHops = HOPS.includes(query.maxHops ?? '') ? query.maxHops! : '4';
  const set = (next: Record<string, string | undefined>) =>
    route(href('/paths', { from: query.from, to: query.to, maxHops: maxHops === '4' ? undefined : maxHops, ...next }));
  const result = useQuery<{ paths: Path[] | null }>(
    PATHS,
    { from: query.from, to: query.to, maxHops: Number(maxHops), lang: apiLang },
    !query.from || !query.to,
  );
  usePageTitle(t('paths.title'));
  const paths = result.data?.paths ?? undefined;
  const drawing = useMemo(() => {
    const nodes = new Map<string, NodeRef & { ring: number }>();
    const links = new Map<string, DrawnLink>();
    for (const path of paths ?? []) {
      path.nodes.forEach((node, index) => {
        const ring = Math.min(index, path.length - index);
        const known = nodes.get(node.id);
        if (!known || known.ring > ring) nodes.set(node.id, { ...node, ring });
      });
      for (const link of path.links) links.set(link.id, { id: link.id, type: link.type, from: link.from.id, to: link.to.id });
    }
    return { nodes: [...nodes.values()], links: [...links.values()] };
  }, [paths]);
  return (
    <>
      <h1>{t('paths.title')}</h1>
      <p class="muted">{t('paths.intro')}</p>
      <div class="pickers">
        <NodePicker label={t('paths.from')} id={query.from} onPick={(node) => set({ from: node.id })} />
        <NodePicker label={t('paths.to')} id={query.to} onPick={(node) => set({ to: node.id })} />
      </div>
      <Choice
        class="inline-control"
        label={t('paths.maxHops')}
        value={maxHops}
        values={HOPS}
        name={String}
        onChoose={(hops) => set({ maxHops: hops === '4' ? undefined : hops })}
      />
      <Status loading={result.loading} error={result.error} />
      {paths && paths.length === 0 && <p>{t('paths.none', { hops: maxHops })}</p>}
      {paths && paths.length > 0 && (
        <>
          <GraphDrawing
            nodes={drawing.nodes}
            links={drawing.links}
            focus={[query.from!, query.to!]}
            layout="path"
            label={t('paths.drawingLabel', { count: paths.length })}
          />
          <ol class="paths">
            {paths.map((path, index) => (
              <li key={index} data-testid="path">
                <h2>{t('paths.path', { n: index + 1, length: path.length })}</h2>
                <p class="path-line">
                  {path.nodes.map((node, step) => (
                    <span key={`${node.id}-${step}`}>
                      {step > 0 && <span class="arrow"> {path.links[step - 1]?.type} </span>}
                      <NodeLink node={node} />
                    </span>
                  ))}
                </p>
                <details>
                  <summary>{t('paths.provenance', { count: path.links.length })}</summary>
                  <EvidenceList links={path.links} />
                </details>
              </li>
            ))}
          </ol>
        </>
      )}
    </>
  );
}
