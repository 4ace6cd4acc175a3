import { GraphqlError } from '../api/graphql';
import { useUi } from '../i18n/use-ui';
import { openApiKeyControl } from './api-key-control';

/**
 * Loading and error states, announced to screen readers. A refusal for want
 * of a valid key (`UNAUTHENTICATED`: anonymous reading off, or a wrong key)
 * says so and offers the key entry.
 */
export function Status({ loading, error }: { loading?: boolean; error?: Error }) {
  const { t } = useUi();
  if (error instanceof GraphqlError && error.code === 'UNAUTHENTICATED')
    return (
      <div class="error" role="alert" data-code={error.code}>
        <p>{t('status.unauthenticated', { message: error.message })}</p>
        <button type="button" onClick={openApiKeyControl}>
          {t('status.enterKey')}
        </button>
      </div>
    );
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
