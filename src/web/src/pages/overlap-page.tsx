import { useMemo } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { LINK_FIELDS, type Link, type NodeRef } from '../api/fragments';
import { useQuery } from '../api/use-query';
import { EvidenceList } from '../components/evidence-list';
import { GoalLinksChoice } from '../components/goal-links-choice';
import { NodeLink } from '../components/node-link';
import { NodeList } from '../components/node-list';
import { NodePicker } from '../components/node-picker';
import { usePageTitle } from '../components/page-title';
import { Status } from '../components/status';
import { useUi } from '../i18n/use-ui';

const REF = 'id code __typename name(lang: $lang)';
const SHARED = `node { ${REF} } evidenceA { ${LINK_FIELDS} } evidenceB { ${LINK_FIELDS} }`;
const ARGS = '$a: ID!, $b: ID!, $goalLinks: GoalLinkReach!, $lang: Lang!';
const CALL = 'overlap(a: $a, b: $b, goalLinks: $goalLinks)';
/** Everything but the shared targets' evidence, of which it takes the ids only (for the counts). */
const OVERLAP = `query Overlap(${ARGS}) {
  ${CALL} {
    a { ${REF} } b { ${REF} }
    sharedTargets { node { ${REF} } evidenceA { id } evidenceB { id } } sharedGoals { ${SHARED} } sharedEntities { ${SHARED} }
    links { ${LINK_FIELDS} }
    onlyA { ${REF} } onlyB { ${REF} }
    targetCountA targetCountB jaccard
  }
}`;
/**
 * The shared targets' evidence, one side per request: the service's cost
 * estimate (bounded by every target and link there could be) puts both sides
 * together over its MAX_COST, though the answer is a few kilobytes.
 */
const targetEvidence = (side: 'A' | 'B') => `query OverlapTargetEvidence${side}(${ARGS}) {
  ${CALL} { sharedTargets { node { id } evidence${side} { ${LINK_FIELDS} } } }
}`;
const TARGET_EVIDENCE_A = targetEvidence('A');
const TARGET_EVIDENCE_B = targetEvidence('B');

interface Shared {
  node: NodeRef;
  evidenceA: Link[];
  evidenceB: Link[];
}

/** A shared node as a section shows it: its evidence on each side, once it has come (the counts come first). */
interface SharedShown {
  node: NodeRef;
  evidenceA?: Link[];
  evidenceB?: Link[];
}

interface Overlap {
  a: NodeRef;
  b: NodeRef;
  sharedTargets: { node: NodeRef; evidenceA: { id: string }[]; evidenceB: { id: string }[] }[];
  sharedGoals: Shared[];
  sharedEntities: Shared[];
  links: Link[];
  onlyA: NodeRef[];
  onlyB: NodeRef[];
  targetCountA: number;
  targetCountB: number;
  jaccard: number;
}

/** `/overlap?a=&b=[&goalLinks=GOAL_ONLY]`: what two nodes share and what each leaves uncovered. */
export function OverlapPage() {
  const { query, route } = useLocation();
  const { t, href, apiLang } = useUi();
  const goalLinks = query.goalLinks === 'GOAL_ONLY' ? 'GOAL_ONLY' : 'EVERY_TARGET';
  const set = (next: Record<string, string | undefined>) =>
    route(href('/overlap', { a: query.a, b: query.b, goalLinks: goalLinks === 'EVERY_TARGET' ? undefined : goalLinks, ...next }));
  const variables = { a: query.a, b: query.b, goalLinks, lang: apiLang };
  const skip = !query.a || !query.b;
  const result = useQuery<{ overlap: Overlap | null }>(OVERLAP, variables, skip);
  const evidenceA = useQuery<{ overlap: { sharedTargets: { node: { id: string }; evidenceA: Link[] }[] } | null }>(TARGET_EVIDENCE_A, variables, skip);
  const evidenceB = useQuery<{ overlap: { sharedTargets: { node: { id: string }; evidenceB: Link[] }[] } | null }>(TARGET_EVIDENCE_B, variables, skip);
  usePageTitle(t('overlap.title'));
  const overlap = result.data?.overlap;
  const sharedTargets = useMemo(() => {
    const a = new Map(evidenceA.data?.overlap?.sharedTargets.map((item) => [item.node.id, item.evidenceA]));
    const b = new Map(evidenceB.data?.overlap?.sharedTargets.map((item) => [item.node.id, item.evidenceB]));
    return overlap?.sharedTargets.map((item) => ({ ...item, evidenceA: a.get(item.node.id), evidenceB: b.get(item.node.id) }));
  }, [overlap, evidenceA.data, evidenceB.data]);
  return (
    <>
      <h1>{t('overlap.title')}</h1>
      <p class="muted">{t('overlap.intro')}</p>
      <div class="pickers">
        <NodePicker label="A" id={query.a} onPick={(node) => set({ a: node.id })} />
        <NodePicker label="B" id={query.b} onPick={(node) => set({ b: node.id })} />
      </div>
      <GoalLinksChoice
        class="inline-control"
        value={goalLinks}
        onChoose={(reach) => set({ goalLinks: reach === 'EVERY_TARGET' ? undefined : reach })}
      />
      <Status loading={result.loading} error={result.error} />
      {overlap && (
        <>
          <p class="score" data-testid="jaccard">
            {t('overlap.jaccard')}: <strong>{overlap.jaccard.toFixed(3)}</strong> ·{' '}
            {t('overlap.counts', { a: overlap.targetCountA, b: overlap.targetCountB, shared: overlap.sharedTargets.length })}
          </p>
          <TargetGrid overlap={overlap} />
          <SharedSection title={t('overlap.sharedGoals', { count: overlap.sharedGoals.length })} items={overlap.sharedGoals} id="goals" />
          <SharedSection
            title={t('overlap.sharedTargets', { count: overlap.sharedTargets.length })}
            items={sharedTargets ?? []}
            id="targets"
            loading={evidenceA.loading || evidenceB.loading}
            error={evidenceA.error ?? evidenceB.error}
          />
          <SharedSection title={t('overlap.sharedEntities', { count: overlap.sharedEntities.length })} items={overlap.sharedEntities} id="entities" />
          <section aria-labelledby="direct">
            <h2 id="direct">{t('overlap.links', { count: overlap.links.length })}</h2>
            <EvidenceList links={overlap.links} />
          </section>
          <div class="two-col">
            <section aria-labelledby="only-a">
              <h2 id="only-a">{t('overlap.onlyA', { code: overlap.a.code, count: overlap.onlyA.length })}</h2>
              <NodeList nodes={overlap.onlyA} inline />
            </section>
            <section aria-labelledby="only-b">
              <h2 id="only-b">{t('overlap.onlyB', { code: overlap.b.code, count: overlap.onlyB.length })}</h2>
              <NodeList nodes={overlap.onlyB} inline />
            </section>
          </div>
        </>
      )}
    </>
  );
}

/** The targets either node reaches, one row per goal: shared, only A, only B. */
function TargetGrid({ overlap }: { overlap: Overlap }) {
  const { t, href } = useUi();
  const marks = new Map<string, { node: NodeRef; mark: 'both' | 'a' | 'b' }>();
  for (const shared of overlap.sharedTargets) marks.set(shared.node.id, { node: shared.node, mark: 'both' });
  for (const target of overlap.onlyA) marks.set(target.id, { node: target, mark: 'a' });
  for (const target of overlap.onlyB) marks.set(target.id, { node: target, mark: 'b' });
  const byGoal = new Map<string, { node: NodeRef; mark: 'both' | 'a' | 'b' }[]>();
  for (const entry of marks.values()) {
    const goal = entry.node.code.split('.')[0]!;
    if (!byGoal.has(goal)) byGoal.set(goal, []);
    byGoal.get(goal)!.push(entry);
  }
  const goals = [...byGoal.keys()].sort((x, y) => Number(x) - Number(y));
  if (goals.length === 0) return null;
  const order = (code: string) => code.split('.').map((part) => (/^\d+$/.test(part) ? part.padStart(3, '0') : `~${part}`)).join('.');
  return (
    <section aria-labelledby="grid">
      <h2 id="grid">{t('overlap.grid')}</h2>
      <p class="legend">
        <span class="chip both">{t('overlap.both')}</span> <span class="chip a">{t('overlap.aOnly', { code: overlap.a.code })}</span>{' '}
        <span class="chip b">{t('overlap.bOnly', { code: overlap.b.code })}</span>
      </p>
      <table class="target-grid">
        <tbody>
          {goals.map((goal) => (
            <tr key={goal}>
              <th scope="row">{t('overlap.goal', { goal })}</th>
              <td>
                {byGoal
                  .get(goal)!
                  .sort((x, y) => order(x.node.code).localeCompare(order(y.node.code)))
                  .map((entry) => (
                    <a
                      key={entry.node.id}
                      class={`chip ${entry.mark}`}
                      href={href(`/node/${encodeURIComponent(entry.node.id)}`)}
                      title={entry.node.name}
                      aria-label={`${entry.node.code}: ${t(entry.mark === 'both' ? 'overlap.both' : entry.mark === 'a' ? 'overlap.aOnlyShort' : 'overlap.bOnlyShort')}`}
                    >
                      {entry.node.code}
                    </a>
                  ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function SharedSection({ title, items, id, loading, error }: { title: string; items: SharedShown[]; id: string; loading?: boolean; error?: Error }) {
  const { t } = useUi();
  return (
    <section aria-labelledby={`shared-${id}`}>
      <h2 id={`shared-${id}`}>{title}</h2>
      {items.length === 0 && <p class="muted">{t('overlap.nothing')}</p>}
      {items.length > 0 && <Status loading={loading} error={error} />}
      {items.map((item) => (
        <details key={item.node.id} class="shared">
          <summary>
            <span class="code">{item.node.code}</span> {item.node.name !== item.node.code && item.node.name}{' '}
            {item.evidenceA && item.evidenceB && (
              <span class="muted">({t('overlap.evidenceCounts', { a: item.evidenceA.length, b: item.evidenceB.length })})</span>
            )}
          </summary>
          <p>
            <NodeLink node={item.node} />
          </p>
          <div class="two-col">
            <div>
              <h3>{t('overlap.evidenceA')}</h3>
              {item.evidenceA && <EvidenceList links={item.evidenceA} />}
            </div>
            <div>
              <h3>{t('overlap.evidenceB')}</h3>
              {item.evidenceB && <EvidenceList links={item.evidenceB} />}
            </div>
          </div>
        </details>
      ))}
    </section>
  );
}
