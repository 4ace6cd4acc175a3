import type { Link, Source } from '../api/fragments';
import { useUi, type MessageKey } from '../i18n/use-ui';
import { NodeLink } from './node-link';

/**
 * Links with everything that says where they come from: ends, type, source
 * document, paragraph and URL (every source), confidence, method, flags,
 * rationale and notes. Each item carries `data-link-id` (tests compare them with the API).
 */
export function EvidenceList({ links, self }: { links: Link[]; self?: string }) {
  const { t } = useUi();
  if (links.length === 0) return <p class="muted">{t('evidence.none')}</p>;
  return (
    <ol class="evidence">
      {links.map((link) => (
        <li key={link.id} data-link-id={link.id}>
          <div class="evidence-head">
            {self === undefined ? (
              <>
                <NodeLink node={link.from} />
                <span class="link-type" title={link.type}>
                  {' '}
                  → {t(`link.${link.type}` as MessageKey)} →{' '}
                </span>
                <NodeLink node={link.to} />
              </>
            ) : (
              // Seen from one end (a node page): only the other end, the direction in the arrow.
              <>
                <span class="link-type" title={link.type}>
                  {link.from.id === self ? '→ ' : '← '}
                </span>
                <NodeLink node={link.from.id === self ? link.to : link.from} />
              </>
            )}
          </div>
          <dl class="props">
            {roleOf(link) && <Row term={t('evidence.role')} value={roleOf(link)!} />}
            {link.relation && <Row term={t('evidence.relation')} value={link.relation} />}
            {link.action && <Row term={t('evidence.action')} value={link.action} />}
            {link.label && <Row term={t('evidence.label')} value={link.label} />}
            {link.rationale && <Row term={t('evidence.rationale')} value={link.rationale} />}
            <dt>{t('evidence.sources')}</dt>
            <dd>
              <SourceList sources={link.sources} />
            </dd>
            <dt>{t('evidence.confidence')}</dt>
            <dd>
              <span class={`confidence confidence-${link.confidence.toLowerCase()}`} data-confidence={link.confidence}>
                {t(`confidence.${link.confidence}` as MessageKey)}
              </span>
            </dd>
            {link.method && <Row term={t('evidence.method')} value={link.method} />}
            {link.flags.length > 0 && (
              <>
                <dt>{t('evidence.flags')}</dt>
                <dd>
                  {link.flags.map((flag) => (
                    <span key={flag} class={`flag${isDisputeFlag(flag) ? ' flag-dispute' : ''}`} data-flag={flag}>
                      {flag}
                    </span>
                  ))}
                </dd>
              </>
            )}
            {link.notes.length > 0 && <Row term={t('evidence.notes')} value={link.notes.join(' · ')} />}
          </dl>
        </li>
      ))}
    </ol>
  );
}

function Row({ term, value }: { term: string; value: string }) {
  return (
    <>
      <dt>{term}</dt>
      <dd>{value}</dd>
    </>
  );
}

/** A source as one line: document, paragraph, and its URL as a link. */
export function SourceText({ source }: { source: Source }) {
  const { t } = useUi();
  return (
    <span class="source" data-document={source.document ?? ''} data-paragraph={source.paragraph ?? ''}>
      {source.document && <span class="doc">{source.document}</span>}
      {source.paragraph && (
        <span class="para">
          {' '}
          {t('evidence.paragraph', { paragraph: source.paragraph })}
        </span>
      )}
      {source.url && (
        <>
          {' '}
          <a href={source.url} rel="noreferrer noopener" target="_blank">
            {source.url}
          </a>
        </>
      )}
    </span>
  );
}

/** Every source of a link or a record: document, paragraph and URL each. */
export function SourceList({ sources }: { sources: Source[] }) {
  return (
    <ul class="sources">
      {sources.map((source, index) => (
        <li key={index}>
          <SourceText source={source} />
        </li>
      ))}
    </ul>
  );
}

/** Flags that say two sources disagree, as opposed to notes on how a fact was transcribed. */
export function isDisputeFlag(flag: string): boolean {
  return /disagree|conflict|disput|contested/.test(flag);
}

/** The role a link records: a facilitation, leadership or partnership role (at most one applies to a link's type). */
function roleOf(link: Link): string | null {
  return link.role ?? link.leadershipRole ?? link.partnershipRole;
}
