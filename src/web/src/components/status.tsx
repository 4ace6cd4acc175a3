import { useUi } from '../i18n/use-ui';

/** Loading and error states, announced to screen readers. */
export function Status({ loading, error }: { loading?: boolean; error?: Error }) {
  const { t } = useUi();
  if (error)
    return (
      <p class="error" role="alert">
        {t('status.error', { message: error.message })}
      </p>
    );
  if (loading)
    return (
      <p class="muted" role="status">
        {t('status.loading')}
      </p>
    );
  return null;
}
