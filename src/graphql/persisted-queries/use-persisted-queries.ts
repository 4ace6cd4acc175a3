import { createHash } from 'node:crypto';
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { PersistedQueryStore } from './persisted-query-store';

/**
 * Automatic persisted queries in Apollo's protocol (what `@apollo/client`'s `PersistedQueryLink`
 * speaks; see README.md beside this file). A request whose `extensions.persistedQuery` is
 * `{ version: 1, sha256Hash }`:
 *
 * - with the hash only (POST, or GET `?extensions=…`): runs the query registered under that hash,
 *   or answers `PERSISTED_QUERY_NOT_FOUND` (HTTP 404 as Apollo Server answers it, message `PersistedQueryNotFound`, which makes
 *   the client send the text along with the hash);
 * - with the text too: the text must hash to `sha256Hash` (else `PERSISTED_QUERY_HASH_MISMATCH`,
 *   400); it is registered and run.
 *
 * `maxEntries` 0 turns it off: a hash-only request answers `PERSISTED_QUERY_NOT_SUPPORTED`
 * (the message `PersistedQueryNotSupported` makes Apollo's link stop hashing), and a request with the
 * text runs as if the hash were not there. Place it among the plugins before yoga's own query
 * check ("Must provide query string"), i.e. anywhere in `plugins`.
 */
export function usePersistedQueries(maxEntries: number): Plugin {
  const store = maxEntries > 0 ? new PersistedQueryStore(maxEntries) : null;
  return {
    onParams({ params, setParams }) {
      const persisted = persistedQueryOf(params.extensions);
      if (persisted === undefined) return;
      const hasText = typeof params.query === 'string' && params.query !== '';
      if (!store) {
        if (hasText) return;
        throw apqError('PersistedQueryNotSupported', 'PERSISTED_QUERY_NOT_SUPPORTED', 200);
      }
      const { version, sha256Hash } = persisted;
      if (version !== 1) {
        throw apqError(`Persisted query version ${JSON.stringify(version)} is not supported: send version 1.`, 'PERSISTED_QUERY_NOT_SUPPORTED', 400, {
          expected: 1,
        });
      }
      if (typeof sha256Hash !== 'string' || !SHA256_HEX.test(sha256Hash)) {
        throw apqError('extensions.persistedQuery.sha256Hash must be 64 hexadecimal digits.', 'BAD_REQUEST', 400, {
          argument: 'extensions.persistedQuery.sha256Hash',
        });
      }
      const hash = sha256Hash.toLowerCase();
      if (hasText) {
        const actual = createHash('sha256').update(params.query!).digest('hex');
        if (actual !== hash) {
          throw apqError('The query does not hash to extensions.persistedQuery.sha256Hash.', 'PERSISTED_QUERY_HASH_MISMATCH', 400, {
            expected: actual,
          });
        }
        store.set(hash, params.query!);
        return;
      }
      const query = store.get(hash);
      if (query === undefined) throw apqError('PersistedQueryNotFound', 'PERSISTED_QUERY_NOT_FOUND', 404);
      setParams({ ...params, query });
    },
  };
}

const SHA256_HEX = /^[0-9a-f]{64}$/i;

function persistedQueryOf(extensions: unknown): { version?: unknown; sha256Hash?: unknown } | undefined {
  if (typeof extensions !== 'object' || extensions === null) return undefined;
  const persisted = (extensions as { persistedQuery?: unknown }).persistedQuery;
  return typeof persisted === 'object' && persisted !== null ? (persisted as { version?: unknown; sha256Hash?: unknown }) : undefined;
}

/** yoga reads `extensions.http.status` for the HTTP status and leaves `http` out of the answer. */
function apqError(message: string, code: string, status: number, extra: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extra, http: { status } } });
}
