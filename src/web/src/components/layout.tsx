import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { useDataset } from '../api/use-dataset';
import { ApiKeyControl } from './api-key-control';
import { Choice } from './choice';
import { buildHref, NAME_LANGS, UI_LANGS, useUi, type MessageKey } from '../i18n/use-ui';

const NAV: { path: string; key: MessageKey }[] = [
  { path: '/', key: 'nav.home' },
  { path: '/matrix', key: 'nav.matrix' },
  { path: '/overlap', key: 'nav.overlap' },
  { path: '/paths', key: 'nav.paths' },
  { path: '/coverage', key: 'nav.coverage' },
];

/** The frame of every page: skip link, navigation, the two language choices, the API key, the page, the dataset version. */
export function Layout({ children }: { children: ComponentChildren }) {
  const { path, query, route } = useLocation();
  const { t, href, ui, lang } = useUi();
  const dataset = useDataset();
  useEffect(() => {
    document.documentElement.lang = ui === 'zh' ? 'zh-Hans' : 'en';
  }, [ui]);
  // Changing a language keeps the page and all its other parameters.
  const relink = (next: Record<string, string | undefined>) => {
    const params = { ...query, ...next };
    if (params.ui === 'en') params.ui = undefined;
    if (params.lang === (params.ui ?? 'en')) params.lang = undefined;
    route(buildHref(path, params));
  };
  return (
    <>
      <a class="skip" href="#main">
        {t('layout.skip')}
      </a>
      <header class="top">
        <a class="brand" href={href('/')}>
          {t('layout.brand')}
        </a>
        <nav aria-label={t('layout.nav')}>
          <ul>
            {NAV.map((item) => (
              <li key={item.path}>
                <a href={href(item.path)} aria-current={path === item.path ? 'page' : undefined}>
                  {t(item.key)}
                </a>
              </li>
            ))}
            <li>
              <a href="/graphql">GraphiQL</a>
            </li>
          </ul>
        </nav>
        <div class="langs">
          <Choice
            label={t('layout.ui')}
            value={ui}
            values={UI_LANGS}
            name={(code) => t(`ui.${code}`)}
            onChoose={(code) => relink({ ui: code, lang: lang === ui ? undefined : lang })}
          />
          <Choice label={t('layout.names')} value={lang} values={NAME_LANGS} name={(code) => t(`lang.${code}`)} onChoose={(code) => relink({ lang: code })} />
          <ApiKeyControl />
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
      <footer class="bottom">
        {dataset.data ? t('layout.dataset', { version: dataset.data.version }) : ''} ·{' '}
        <a href="/graphql">{t('layout.api')}</a>
      </footer>
    </>
  );
}
