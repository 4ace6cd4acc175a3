import { useUi } from '../i18n/use-ui';

export function NotFoundPage() {
  const { t, href } = useUi();
  return (
    <section>
      <h1>{t('notFound.title')}</h1>
      <p>
        <a href={href('/')}>{t('nav.home')}</a>
      </p>
    </section>
  );
}
