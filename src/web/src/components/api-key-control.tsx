import { useEffect, useRef, useState } from 'preact/hooks';
import { apiKey, onApiKeyChange, setApiKey } from '../api/api-key';
import { useUi } from '../i18n/use-ui';

const DETAILS_ID = 'api-key';
const INPUT_ID = 'api-key-input';

/**
 * The header's API-key entry, for curators and for deployments where anonymous
 * reading is off: a disclosure with one password field. The key is kept for
 * this tab only (sessionStorage) and sent with every request; queries that
 * failed run again as soon as it is set.
 */
export function ApiKeyControl() {
  const { t } = useUi();
  const [current, setCurrent] = useState(apiKey);
  const [draft, setDraft] = useState('');
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => onApiKeyChange(() => setCurrent(apiKey())), []);
  return (
    <details class="api-key" id={DETAILS_ID}>
      <summary>{current ? t('apiKey.summarySet') : t('apiKey.summary')}</summary>
      <form
        class="api-key-form"
        onSubmit={(event) => {
          event.preventDefault();
          setApiKey(draft);
          setDraft('');
        }}
      >
        <p class="small">{current ? t('apiKey.set') : t('apiKey.none')}</p>
        <label for={INPUT_ID}>{t('apiKey.label')}</label>
        <div class="api-key-row">
          <input
            id={INPUT_ID}
            ref={input}
            type="password"
            autocomplete="off"
            spellcheck={false}
            value={draft}
            onInput={(event) => setDraft(event.currentTarget.value)}
          />
          <button type="submit" disabled={!draft.trim()}>
            {t('apiKey.save')}
          </button>
          {current && (
            <button type="button" onClick={() => setApiKey(undefined)}>
              {t('apiKey.forget')}
            </button>
          )}
        </div>
      </form>
    </details>
  );
}

/** Opens the header's key entry and puts the caret in it (a page whose query was refused for want of a key offers this). */
export function openApiKeyControl(): void {
  const details = document.getElementById(DETAILS_ID) as HTMLDetailsElement | null;
  if (details) details.open = true;
  document.getElementById(INPUT_ID)?.focus();
}
