import type { NodeRef } from '../api/fragments';
import { useQuery } from '../api/use-query';
import { NodeLink } from '../components/node-link';
import { NodeList } from '../components/node-list';
import { usePageTitle } from '../components/page-title';
import { Status } from '../components/status';
import { useUi } from '../i18n/use-ui';

const REF = 'id code __typename name(lang: $lang)';
const COVERAGE = `query Coverage($lang: Lang!) {
  coverage {
    unreachedTargets { target { ${REF} } goalLevelLinks { id from { ${REF} } } }
    gdcCommitmentsWithoutWsis { ${REF} }
    actionLinesWithoutGdc { ${REF} }
    entities { entity { ${REF} } mandateCount facilitationCount }
  }
}`;

interface Coverage {
  unreachedTargets: { target: NodeRef; goalLevelLinks: { id: string; from: NodeRef }[] }[];
  gdcCommitmentsWithoutWsis: NodeRef[];
  actionLinesWithoutGdc: NodeRef[];
  entities: { entity: NodeRef; mandateCount: number; facilitationCount: number }[];
}

/** `/coverage`: the gaps of the WSIS–SDG–GDC mapping and the entities that carry most of it. */
export function CoveragePage() {
  const { t, apiLang } = useUi();
  const result = useQuery<{ coverage: Coverage }>(COVERAGE, { lang: apiLang });
  usePageTitle(t('coverage.title'));
  const coverage = result.data?.coverage;
  return (
    <>
      <h1>{t('coverage.title')}</h1>
      <p class="muted">{t('coverage.intro')}</p>
      <Status loading={result.loading} error={result.error} />
      {coverage && (
        <>
          <section aria-labelledby="unreached">
            <h2 id="unreached">{t('coverage.unreached', { count: coverage.unreachedTargets.length })}</h2>
            <p class="muted">{t('coverage.unreachedHelp')}</p>
            <table class="list-table">
              <thead>
                <tr>
                  <th scope="col">{t('coverage.target')}</th>
                  <th scope="col">{t('coverage.goalLevel')}</th>
                </tr>
              </thead>
              <tbody>
                {coverage.unreachedTargets.map((item) => (
                  <tr key={item.target.id}>
                    <td>
                      <NodeLink node={item.target} showType={false} />
                    </td>
                    <td>
                      {item.goalLevelLinks.length === 0 ? (
                        <strong class="gap">{t('coverage.nothing')}</strong>
                      ) : (
                        <NodeList nodes={uniqueById(item.goalLevelLinks.map((link) => link.from))} inline />
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <div class="two-col">
            <section aria-labelledby="gdc">
              <h2 id="gdc">{t('coverage.gdcWithout', { count: coverage.gdcCommitmentsWithoutWsis.length })}</h2>
              <NodeList nodes={coverage.gdcCommitmentsWithoutWsis} />
            </section>
            <section aria-labelledby="lines">
              <h2 id="lines">{t('coverage.linesWithout', { count: coverage.actionLinesWithoutGdc.length })}</h2>
              <NodeList nodes={coverage.actionLinesWithoutGdc} />
            </section>
          </div>
          <section aria-labelledby="entities">
            <h2 id="entities">{t('coverage.entities', { count: coverage.entities.length })}</h2>
            <table class="list-table">
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">{t('coverage.entity')}</th>
                  <th scope="col">{t('coverage.mandates')}</th>
                  <th scope="col">{t('coverage.facilitations')}</th>
                </tr>
              </thead>
              <tbody>
                {coverage.entities.map((item, index) => (
                  <tr key={item.entity.id}>
                    <td>{index + 1}</td>
                    <td>
                      <NodeLink node={item.entity} showType={false} />
                    </td>
                    <td class="num">{item.mandateCount}</td>
                    <td class="num">{item.facilitationCount}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </>
      )}
    </>
  );
}

/** One entry per node (two goal-level links from the same action line name it once). */
function uniqueById<T extends { id: string }>(nodes: T[]): T[] {
  return [...new Map(nodes.map((node) => [node.id, node])).values()];
}
