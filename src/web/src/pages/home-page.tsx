import { useDataset } from '../api/use-dataset';
import { SearchBox } from '../components/search-box';
import { Status } from '../components/status';
import { usePageTitle } from '../components/page-title';
import { useUi, type MessageKey } from '../i18n/use-ui';

/** What the graph holds and for whom, its version and counts, search, and the ways in. */
export function HomePage() {
  const { t, href } = useUi();
  const dataset = useDataset();
  usePageTitle(t('home.title'));
  const entries: { path: string; params?: Record<string, string>; title: MessageKey; text: MessageKey }[] = [
    { path: '/matrix', params: { rows: 'ACTION_LINES', columns: 'SDG_GOALS' }, title: 'home.wsisSdg', text: 'home.wsisSdgText' },
    { path: '/matrix', params: { rows: 'GDC_OBJECTIVES', columns: 'ACTION_LINES_MAIN' }, title: 'home.wsisGdc', text: 'home.wsisGdcText' },
    { path: '/node/SdgTarget%3A9.c', title: 'home.nodeExample', text: 'home.nodeExampleText' },
    { path: '/overlap', params: { a: 'ActionLine:C5', b: 'GdcObjective:3' }, title: 'home.overlap', text: 'home.overlapText' },
    { path: '/paths', params: { from: 'Entity:ITU', to: 'SdgTarget:9.c' }, title: 'home.paths', text: 'home.pathsText' },
    { path: '/coverage', title: 'home.coverage', text: 'home.coverageText' },
  ];
  return (
    <>
      <section class="intro">
        <h1>{t('home.title')}</h1>
        <p class="lead">{t('home.lead')}</p>
        <p>{t('home.audience')}</p>
        <SearchBox label={t('home.searchLabel')} />
      </section>
      <section aria-labelledby="entries">
        <h2 id="entries">{t('home.entries')}</h2>
        <ul class="cards">
          {entries.map((entry) => (
            <li key={entry.title}>
              <a class="card" href={href(entry.path, entry.params)}>
                <strong>{t(entry.title)}</strong>
                <span>{t(entry.text)}</span>
              </a>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="holds">
        <h2 id="holds">{t('home.holds')}</h2>
        <Status loading={dataset.loading} error={dataset.error} />
        {dataset.data && (
          <>
            <p>
              {t('home.version')} <code data-testid="dataset-version">{dataset.data.version}</code> ·{' '}
              {t('home.builtAt', { date: dataset.data.builtAtTime.slice(0, 10) })}
            </p>
            <div class="two-col">
              <Tally caption={t('home.nodes')} tallies={dataset.data.counts} name={(type) => t(`type.${type}` as MessageKey)} />
              <Tally caption={t('home.links')} tallies={dataset.data.linkCounts} name={(type) => t(`link.${type}` as MessageKey)} />
            </div>
          </>
        )}
      </section>
    </>
  );
}

/** The dataset's count of each node or link type, the empty ones left out. */
function Tally({ caption, tallies, name }: { caption: string; tallies: { type: string; count: number }[]; name: (type: string) => string }) {
  return (
    <table class="counts">
      <caption>{caption}</caption>
      <tbody>
        {tallies
          .filter((tally) => tally.count > 0)
          .map((tally) => (
            <tr key={tally.type}>
              <th scope="row">{name(tally.type)}</th>
              <td>{tally.count}</td>
            </tr>
          ))}
      </tbody>
    </table>
  );
}
