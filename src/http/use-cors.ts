import type { Plugin } from 'graphql-yoga';
import { errorResponse } from './send-error';

/**
 * Cross-origin access from a configured allowlist (`CORS_ORIGINS`), as two plugins:
 *
 * - `preflight` answers `OPTIONS` preflights; place it FIRST, before authentication (a browser
 *   never sends credentials on a preflight) and before rate limiting;
 * - `headers` adds `Access-Control-Allow-Origin` (and the rest) to every answer; place it LAST:
 *   the response cache and compression replace the response object in their own `onResponse`
 *   (src/http/cache/), so headers set earlier would be lost on exactly the cached answers.
 *
 * The rules:
 * - no origins configured (the default): no CORS headers at all, the browser's same-origin policy
 *   stands (the explorer is served from the same origin as the API and needs none);
 * - `*`: any origin may read, never with credentials (`Access-Control-Allow-Credentials` is not sent);
 * - a list: an origin on it is echoed, with credentials allowed and `Vary: Origin`; any other origin
 *   gets no CORS headers on a simple request and `403 CORS_ORIGIN_NOT_ALLOWED` on a preflight.
 */
export function useCors(origins: string | undefined): {
  preflight: Plugin;
  headers: Plugin;
  /** The same headers for an answer the Node listener sends itself (`cache/cache-front.ts`), added to `headers` (lower-case names). */
  addTo(headers: Record<string, string>, origin: string | undefined): void;
} {
  const policy = parseOrigins(origins);
  return {
    preflight: {
      onRequest({ request, endResponse, fetchAPI }) {
        if (request.method !== 'OPTIONS') return;
        const origin = request.headers.get('origin');
        const isPreflight = origin !== null && request.headers.has('access-control-request-method');
        if (!isPreflight) {
          endResponse(new fetchAPI.Response(null, { status: 204, headers: { allow: ALLOWED_METHODS } }));
          return;
        }
        if (!allows(policy, origin)) {
          endResponse(
            errorResponse(403, 'CORS_ORIGIN_NOT_ALLOWED', `The origin "${origin}" may not call this API from a browser (see CORS_ORIGINS).`, {
              extensions: { origin },
            }, fetchAPI.Response),
          );
          return;
        }
        const requested = request.headers.get('access-control-request-headers');
        endResponse(
          new fetchAPI.Response(null, {
            status: 204,
            headers: {
              'access-control-allow-methods': ALLOWED_METHODS,
              'access-control-allow-headers': requested ?? ALLOWED_HEADERS,
              'access-control-max-age': '600',
              vary: 'Origin, Access-Control-Request-Headers',
            },
          }),
        );
      },
    },
    headers: {
      onResponse({ request, response, setResponse, fetchAPI }) {
        const changes = changesFor(policy, request.headers.get('origin'));
        if (!changes) return;
        const copy = new fetchAPI.Headers(response.headers);
        for (const [name, value] of Object.entries(changes)) {
          if (name === 'vary') copy.set('vary', mergeVary(copy.get('vary'), value));
          else copy.set(name, value);
        }
        // A new Response: some responses (the cache's, whatwg-node's fast-path ones) have immutable headers.
        setResponse(new fetchAPI.Response(response.body, { status: response.status, statusText: response.statusText, headers: copy }));
      },
    },
    addTo(headers, origin) {
      const changes = changesFor(policy, origin ?? null);
      if (!changes) return;
      for (const [name, value] of Object.entries(changes)) headers[name] = name === 'vary' ? mergeVary(headers.vary ?? null, value) : value;
    },
  };
}

/**
 * The headers an answer to `origin` gets (`vary` to be merged with the answer's own), or `null` for none.
 * An origin not allowed still gets `Vary: Origin` under a list: an answer that differs by origin must
 * say so, or a shared cache could serve one origin's answer to another.
 */
function changesFor(policy: Policy, origin: string | null): Record<string, string> | null {
  if (policy.kind === 'none' || origin === null) return null;
  return corsHeaders(policy, origin) ?? (policy.kind === 'list' ? { vary: 'Origin' } : null);
}

type Policy = { kind: 'none' } | { kind: 'any' } | { kind: 'list'; origins: Set<string> };

const ALLOWED_METHODS = 'GET, POST, OPTIONS';
const ALLOWED_HEADERS = 'content-type, authorization, x-api-key';
/** What a browser script may read besides the CORS-safelisted response headers. */
const EXPOSED_HEADERS = 'etag, retry-after, content-disposition';

function parseOrigins(value: string | undefined): Policy {
  const origins = (value ?? '')
    .split(',')
    .map((origin) => origin.trim().replace(/\/+$/, '').toLowerCase())
    .filter(Boolean);
  if (origins.length === 0) return { kind: 'none' };
  if (origins.includes('*')) return { kind: 'any' };
  return { kind: 'list', origins: new Set(origins) };
}

function allows(policy: Policy, origin: string): boolean {
  if (policy.kind === 'none') return false;
  return policy.kind === 'any' || policy.origins.has(origin.toLowerCase());
}

function corsHeaders(policy: Policy, origin: string): Record<string, string> | null {
  if (!allows(policy, origin)) return null;
  if (policy.kind === 'any') return { 'access-control-allow-origin': '*', 'access-control-expose-headers': EXPOSED_HEADERS };
  return {
    'access-control-allow-origin': origin,
    'access-control-allow-credentials': 'true',
    'access-control-expose-headers': EXPOSED_HEADERS,
    vary: 'Origin',
  };
}

function mergeVary(existing: string | null, added: string): string {
  if (!existing) return added;
  const names = existing.split(',').map((name) => name.trim().toLowerCase());
  return names.includes(added.toLowerCase()) ? existing : `${existing}, ${added}`;
}
