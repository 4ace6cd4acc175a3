import { useMemo } from 'preact/hooks';
import { useLocation, useRoute } from 'preact-iso';
import type { Link, NodeRef } from '../api/fragments';
import { matrixOf } from '../api/matrix';
import {
  MANDATABLE,
  MANDATES,
  MANDATES_CARRIED,
  NAME_KEYS,
  NEIGHBOUR_LINKS,
  neighbourLinkLists,
  NODE,
  propertiesQuery,
  propertyFields,
  TYPE_FIELDS,
  type FieldInfo,
  type MandateTrace,
  type NeighbourLink,
  type NodeDetail,
  withAllLinks,
} from '../api/node';
import { useQuery } from '../api/use-query';
import { EvidenceList, SourceList, SourceText } from '../components/evidence-list';
import { GraphDrawing, type DrawnLink } from '../components/graph-drawing';
import { NodeLink } from '../components/node-link';
import { usePageTitle } from '../components/page-title';
import { Status } from '../components/status';
import { useUi, type MessageKey } from '../i18n/use-ui';

/** Most nodes drawn; past it the two-hop drawing keeps the nearest and says so. */
const MAX_DRAWN = 120;

/** `/node/<id>[?hops=2]`: one node with all it holds. */
export function NodePage() {
  const { params } = useRoute();
  const id = safeDecode(params.id ?? '');
  const { t, apiLang } = useUi();
  const node = useQuery<{ node: NodeDetail | null }>(NODE, { id, lang: apiLang }, false, withAllLinks);
  const detail = node.data?.node;
  usePageTitle(detail ? `${detail.code} ${detail.name}` : t('node.title'));
  if (node.loading || node.error)
    return (
      <section>
        <h1>{id}</h1>
        <Status loading={node.loading} error={node.error} />
      </section>
    );
  if (!detail)
    return (
      <section>
        <h1>{t('node.notFound', { id })}</h1>
      </section>
    );
  return <NodeView node={detail} />;
}

function NodeView({ node }: { node: NodeDetail }) {
  const { t, href } = useUi();
  const matrix = matrixOf(node.__typename);
  return (
    <article class="node-page" data-node-id={node.id}>
      <header class="node-head">
        <span class="type-tag">{t(`type.${node.__typename}` as MessageKey)}</span>
        <h1>
          <span class="code">{node.code}</span> {node.name !== node.code && node.name}
        </h1>
        <p class="muted">
          <code>{node.id}</code>
          {matrix && (
            <>
              {' · '}
              <a data-testid="in-matrix" href={href('/matrix', { rows: matrix.rows, columns: matrix.columns, focus: node.id })}>
                {t('node.inMatrix', { axis: t(`axis.${matrix.line === 'row' ? matrix.columns : matrix.rows}` as MessageKey) })}
              </a>
            </>
          )}
        </p>
      </header>
      <div class="node-grid">
        <section aria-labelledby="names">
          <h2 id="names">{t('node.names')}</h2>
          <table class="names">
            <tbody>
              {NAME_KEYS.map((lang) => {
                const name = node[`name_${lang}`];
                if (!name) return null;
                return (
                  <tr key={lang} class={name.fallback ? 'fallback' : ''}>
                    <th scope="row">{t(`lang.${lang.toLowerCase()}` as MessageKey)}</th>
                    <td lang={name.fallback ? 'en' : langTag(lang)} dir={lang === 'AR' && !name.fallback ? 'rtl' : undefined}>
                      {name.text}
                      {name.fallback && <span class="fallback-mark"> {t('node.fallback')}</span>}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
        <Properties node={node} />
        <section aria-labelledby="provenance">
          <h2 id="provenance">{t('node.provenance')}</h2>
          <dl class="props">
            <dt>{t('evidence.sources')}</dt>
            <dd>
              <SourceList sources={node.provenance.sources} />
            </dd>
            <dt>{t('evidence.confidence')}</dt>
            <dd>{t(`confidence.${node.provenance.confidence}` as MessageKey)}</dd>
            {node.provenance.method && (
              <>
                <dt>{t('evidence.method')}</dt>
                <dd>{node.provenance.method}</dd>
              </>
            )}
            {node.provenance.flags.length > 0 && (
              <>
                <dt>{t('evidence.flags')}</dt>
                <dd>{node.provenance.flags.join(', ')}</dd>
              </>
            )}
            {node.provenance.notes.length > 0 && (
              <>
                <dt>{t('evidence.notes')}</dt>
                <dd>
                  <ul>
                    {node.provenance.notes.map((note, index) => (
                      <li key={index}>{note}</li>
                    ))}
                  </ul>
                </dd>
              </>
            )}
          </dl>
        </section>
      </div>
      <Neighbourhood node={node} />
      {(MANDATABLE.includes(node.__typename) || node.__typename === 'Resolution') && <Mandates node={node} />}
      <Links node={node} />
    </article>
  );
}

function Properties({ node }: { node: NodeDetail }) {
  const { t } = useUi();
  const type = useQuery<{ __type: { fields: FieldInfo[] } | null }>(TYPE_FIELDS, { type: node.__typename });
  const fields = type.data?.__type ? propertyFields(type.data.__type.fields) : [];
  const values = useQuery<{ node: Record<string, unknown> | null }>(propertiesQuery(node.__typename, fields), { id: node.id }, fields.length === 0);
  const shown = Object.entries(values.data?.node ?? {}).filter(([, value]) => value !== null && !(Array.isArray(value) && value.length === 0));
  return (
    <section aria-labelledby="properties">
      <h2 id="properties">{t('node.properties')}</h2>
      <Status loading={type.loading || values.loading} error={type.error ?? values.error} />
      {shown.length === 0 && !values.loading && !type.loading ? (
        <p class="muted">{t('node.noProperties')}</p>
      ) : (
        <dl class="props" data-testid="properties">
          {shown.map(([name, value]) => (
            <>
              <dt key={`${name}-t`}>{name}</dt>
              <dd key={`${name}-d`}>{Array.isArray(value) ? value.join(', ') : String(value)}</dd>
            </>
          ))}
        </dl>
      )}
    </section>
  );
}

function Neighbourhood({ node }: { node: NodeDetail }) {
  const { query, route } = useLocation();
  const { t, href, apiLang } = useUi();
  const hops = query.hops === '2' ? 2 : 1;
  const neighbours = useMemo(() => uniqueNeighbours(node), [node]);
  const second = useQuery<{ nodes: ({ id: string; links: NeighbourLink[] } | null)[] }>(
    NEIGHBOUR_LINKS,
    { ids: neighbours.map((n) => n.id), lang: apiLang },
    hops === 1 || neighbours.length === 0,
    neighbourLinkLists,
  );
  const drawing = useMemo(() => {
    const nodes = new Map<string, NodeRef & { ring: number }>([[node.id, { ...node, ring: 0 }]]);
    const links = new Map<string, DrawnLink>();
    for (const neighbour of neighbours) nodes.set(neighbour.id, { ...neighbour, ring: 1 });
    for (const link of node.links) links.set(link.id, { id: link.id, type: link.type, from: link.from.id, to: link.to.id });
    let total = nodes.size;
    if (hops === 2)
      for (const entry of second.data?.nodes ?? [])
        for (const link of entry?.links ?? []) {
          for (const end of [link.from, link.to]) {
            if (nodes.has(end.id)) continue;
            total++;
            if (nodes.size < MAX_DRAWN) nodes.set(end.id, { ...end, ring: 2 });
          }
          links.set(link.id, { id: link.id, type: link.type, from: link.from.id, to: link.to.id });
        }
    return { nodes: [...nodes.values()], links: [...links.values()], total };
  }, [node, neighbours, hops, second.data]);
  const label = t('node.drawingLabel', { code: node.code, nodes: drawing.nodes.length, links: drawing.links.length });
  return (
    <section aria-labelledby="neighbourhood">
      <h2 id="neighbourhood">{t('node.neighbourhood')}</h2>
      <div class="controls" role="group" aria-label={t('node.hops')}>
        {[1, 2].map((n) => (
          <button
            key={n}
            type="button"
            aria-pressed={hops === n}
            onClick={() => route(href(location.pathname, { hops: n === 2 ? '2' : undefined }), true)}
          >
            {t(n === 1 ? 'node.oneHop' : 'node.twoHops')}
          </button>
        ))}
      </div>
      <Status loading={second.loading} error={second.error} />
      {drawing.total > drawing.nodes.length && <p class="muted">{t('node.drawingCapped', { shown: drawing.nodes.length, total: drawing.total })}</p>}
      <GraphDrawing nodes={drawing.nodes} links={drawing.links} label={label} focus={[node.id]} layout={hops === 2 ? 'force' : 'rings'} />
      <p class="muted small">{t('node.drawingHelp')}</p>
    </section>
  );
}

function uniqueNeighbours(node: NodeDetail): NodeRef[] {
  const seen = new Map<string, NodeRef>();
  for (const link of node.links) {
    const other = link.from.id === node.id ? link.to : link.from;
    if (other.id !== node.id) seen.set(other.id, other);
  }
  return [...seen.values()];
}

function Mandates({ node }: { node: NodeDetail }) {
  const { t, apiLang } = useUi();
  const isText = node.__typename === 'Resolution';
  const traces = useQuery<{ mandates?: MandateTrace[] | null; node?: { mandatesCarried?: MandateTrace[] } | null }>(
    isText ? MANDATES_CARRIED : MANDATES,
    { id: node.id, lang: apiLang },
  );
  const list = (isText ? traces.data?.node?.mandatesCarried : traces.data?.mandates) ?? [];
  return (
    <section aria-labelledby="mandates">
      <h2 id="mandates">{t(isText ? 'node.mandatesCarried' : 'node.mandates')}</h2>
      <Status loading={traces.loading} error={traces.error} />
      {!traces.loading && list.length === 0 && <p class="muted">{t('node.noMandates')}</p>}
      <ol class="mandates">
        {list.map((trace, index) => (
          <li key={`${trace.mandate.id}-${trace.resolution.id}-${index}`} class="mandate" data-mandate-id={trace.mandate.id}>
            <p class="mandate-head">
              {isText && (
                <>
                  <NodeLink node={trace.assignee} />{' '}
                </>
              )}
              <span class="kind">{trace.mandate.kind}</span>
              {trace.mandate.action && <span> — {trace.mandate.action}</span>}
              {trace.direct ? <span class="badge">{t('node.direct')}</span> : <span class="badge carried">{t('node.carried', { steps: trace.chain.length })}</span>}
            </p>
            <ol class="timeline">
              <li>
                <time>{trace.partialOriginDate ?? t('node.undated')}</time>
                <div>
                  <NodeLink node={trace.origin} showType={false} />
                  {trace.paragraph && <span> {t('evidence.paragraph', { paragraph: trace.paragraph })}</span>}
                  {trace.mandate.by.id !== trace.origin.id && (
                    <span class="muted">
                      {' '}
                      ({t('node.givenBy')} <NodeLink node={trace.mandate.by} showType={false} />)
                    </span>
                  )}
                  <div class="small">
                    <SourceText source={trace.mandate.source} /> · {t(`confidence.${trace.mandate.confidence}` as MessageKey)}
                  </div>
                </div>
              </li>
              {trace.chain.map((step) => (
                <li key={step.link.id}>
                  <time>{step.resolution.partialDate ?? t('node.undated')}</time>
                  <div>
                    <span class="relation">{t(`link.${step.relation}` as MessageKey)}</span> <NodeLink node={step.resolution} showType={false} />
                    <div class="small">
                      <SourceText source={step.link.source} /> · {t(`confidence.${step.link.confidence}` as MessageKey)}
                    </div>
                  </div>
                </li>
              ))}
            </ol>
          </li>
        ))}
      </ol>
    </section>
  );
}

function Links({ node }: { node: NodeDetail }) {
  const { t } = useUi();
  const groups = useMemo(() => {
    const byKey = new Map<string, { type: string; direction: 'OUT' | 'IN'; links: Link[] }>();
    for (const link of node.links) {
      const direction = link.from.id === node.id ? 'OUT' : 'IN';
      const key = `${link.type}|${direction}`;
      if (!byKey.has(key)) byKey.set(key, { type: link.type, direction, links: [] });
      byKey.get(key)!.links.push(link);
    }
    return [...byKey.values()].sort((a, b) => a.type.localeCompare(b.type) || a.direction.localeCompare(b.direction));
  }, [node]);
  return (
    <section aria-labelledby="links" data-testid="links">
      <h2 id="links">{t('node.links', { count: node.links.length })}</h2>
      {groups.length > 0 && (
        <nav aria-label={t('node.linkGroups')} class="link-groups">
          <ul class="inline-list">
            {groups.map((group) => (
              <li key={`${group.type}-${group.direction}`}>
                <a href={`#group-${group.type}-${group.direction}`}>
                  {t(`link.${group.type}` as MessageKey)} {group.direction === 'OUT' ? '→' : '←'} {group.links.length}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      )}
      {groups.map((group) => (
        <details key={`${group.type}-${group.direction}`} id={`group-${group.type}-${group.direction}`} open={group.links.length <= 12}>
          <summary>
            <h3>
              {t(`link.${group.type}` as MessageKey)} · {t(group.direction === 'OUT' ? 'node.outgoing' : 'node.incoming')} ({group.links.length})
            </h3>
          </summary>
          <EvidenceList links={group.links} self={node.id} />
        </details>
      ))}
    </section>
  );
}

function langTag(lang: string): string {
  return lang === 'ZH' ? 'zh-Hans' : lang.toLowerCase();
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
