import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { graphql } from '../api/graphql';
import type { NodeRef } from '../api/fragments';
import { nodePath, useUi, type MessageKey } from '../i18n/use-ui';

const SEARCH = `query Search($query: String!, $lang: Lang!) {
  searchConnection(query: $query, first: 12) { nodes { score node { id code __typename name(lang: $lang) } } }
}`;

/**
 * Search by code or name in any of the six languages (the API matches
 * substrings, so Chinese needs no spaces). Results are links to node pages,
 * or, with `onPick`, buttons that choose a node (the overlap and path pages).
 */
export function SearchBox({ label, onPick, initial = '' }: { label: string; onPick?: (node: NodeRef) => void; initial?: string }) {
  const { t, href, apiLang } = useUi();
  const { route } = useLocation();
  const [text, setText] = useState(initial);
  const [hits, setHits] = useState<NodeRef[] | undefined>();
  const [error, setError] = useState<string | undefined>();
  const id = `search-${label.replace(/\W+/g, '-')}`;

  // Searches as one types, a moment after the last key.
  useEffect(() => {
    const query = text.trim();
    if (query === '') {
      setHits(undefined);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      graphql<{ searchConnection: { nodes: { node: NodeRef }[] } }>(SEARCH, { query, lang: apiLang }).then(
        (data) => {
          if (!live) return;
          setError(undefined);
          setHits(data.searchConnection.nodes.map((hit) => hit.node));
        },
        (failure: Error) => live && setError(failure.message),
      );
    }, 150);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [text, apiLang]);

  return (
    <form
      role="search"
      // Named, so that two search boxes on a page (overlap, paths) are two distinct landmarks.
      aria-label={label}
      class="search"
      onSubmit={(event) => {
        event.preventDefault();
        const first = hits?.[0];
        if (!first) return;
        if (onPick) onPick(first);
        else route(href(nodePath(first.id)));
      }}
    >
      <label for={id}>{label}</label>
      <div class="search-row">
        <input
          id={id}
          type="search"
          value={text}
          autoComplete="off"
          placeholder={t('search.placeholder')}
          onInput={(event) => setText(event.currentTarget.value)}
        />
        <button type="submit">{t('search.go')}</button>
      </div>
      {error && <p role="alert">{error}</p>}
      {hits && (
        <div class="hits" aria-live="polite">
          {hits.length === 0 ? (
            <p class="muted">{t('search.none')}</p>
          ) : (
            <ul>
              {hits.map((node) => (
                <li key={node.id}>
                  {onPick ? (
                    <button type="button" class="hit" data-node-id={node.id} onClick={() => onPick(node)}>
                      <HitText node={node} />
                    </button>
                  ) : (
                    <a class="hit" data-node-id={node.id} href={href(nodePath(node.id))}>
                      <HitText node={node} />
                    </a>
                  )}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </form>
  );
}

function HitText({ node }: { node: NodeRef }) {
  const { t } = useUi();
  return (
    <>
      <span class="type-tag">{t(`type.${node.__typename}` as MessageKey)}</span> <span class="code">{node.code}</span>{' '}
      <span class="name">{node.name}</span>
    </>
  );
}
