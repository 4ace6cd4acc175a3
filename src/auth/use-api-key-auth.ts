import type { Plugin } from 'graphql-yoga';
import { createApiKeyAuthenticator, parseApiKeys } from './api-key-authenticator';
import type { Principal } from './principal';

export interface ApiKeyAuthOptions {
  /** `API_KEYS` as configured. */
  apiKeys: string | undefined;
  /** Whether a request without a key may read. */
  allowAnonymousRead: boolean;
}

export interface ApiKeyAuth {
  plugin: Plugin;
  /** The principal the plugin found for a request it let through (`null`: anonymous). */
  principalOf(request: Request): Principal;
  /**
   * The principal of a request the Node listener has not given to yoga yet (a cache look-up,
   * `src/http/cache/cache-front.ts`), from its headers, by the same rules as the plugin;
   * `undefined` when the plugin would refuse it (the listener then leaves it to yoga, which answers 401).
   * Never for the GraphiQL page, which the listener does not serve.
   */
  principalFromHeaders(authorization: string | undefined, apiKey: string | undefined): Principal | undefined;
}

/**
 * Authenticates every request that reaches it (place it after the health
 * routes, which stay open, and before GraphQL and the exports) by API key, sent as
 * `Authorization: Bearer <key>` or `X-API-Key: <key>`. A request with an
 * unknown key, a malformed `Authorization` header, or no key when anonymous
 * reading is off, is answered 401 with an `UNAUTHENTICATED` error before
 * anything is parsed or run. Roles are checked by the resolvers
 * (`requireRole`). The key itself is never stored, logged or echoed.
 */
export function useApiKeyAuth(options: ApiKeyAuthOptions): ApiKeyAuth {
  const authenticate = createApiKeyAuthenticator(parseApiKeys(options.apiKeys));
  const principals = new WeakMap<Request, Principal>();

  const plugin: Plugin = {
    onRequest({ request, endResponse }) {
      const presented = presentedKey(request.headers.get('authorization'), request.headers.get('x-api-key'));
      if (presented === 'malformed') {
        endResponse(unauthenticated('The Authorization header is not "Bearer <key>".'));
        return;
      }
      if (presented === null) {
        // The GraphiQL page holds no data, and a browser cannot send a header to load it: serve it, and
        // let its requests (which carry the key from GraphiQL's Headers tab) be checked like any other.
        if (!options.allowAnonymousRead && !isGraphiQLPage(request)) {
          endResponse(unauthenticated('This service needs an API key: send "Authorization: Bearer <key>".'));
        } else principals.set(request, null);
        return;
      }
      const principal = authenticate(presented);
      if (!principal) {
        endResponse(unauthenticated('The API key is not valid.'));
        return;
      }
      principals.set(request, principal);
    },
  };
  return {
    plugin,
    principalOf: (request) => principals.get(request) ?? null,
    principalFromHeaders(authorization, apiKey) {
      const presented = presentedKey(authorization ?? null, apiKey ?? null);
      if (presented === 'malformed') return undefined;
      if (presented === null) return options.allowAnonymousRead ? null : undefined;
      return authenticate(presented) ?? undefined;
    },
  };
}

// What graphql-yoga answers with the GraphiQL HTML rather than by running anything: a browser's GET
// of the GraphQL endpoint (only that path: the exports answer GETs with data whatever the Accept header).
function isGraphiQLPage(request: Request): boolean {
  return (
    request.method === 'GET' &&
    new URL(request.url).pathname === GRAPHQL_ENDPOINT &&
    (request.headers.get('accept') ?? '').includes('text/html')
  );
}

const GRAPHQL_ENDPOINT = '/graphql';

function presentedKey(authorization: string | null, apiKey: string | null): string | null | 'malformed' {
  if (authorization !== null) {
    const match = /^Bearer +(\S+) *$/i.exec(authorization);
    return match ? match[1]! : 'malformed';
  }
  return apiKey === null ? null : apiKey.trim() || 'malformed';
}

function unauthenticated(message: string): Response {
  return new Response(JSON.stringify({ errors: [{ message, extensions: { code: 'UNAUTHENTICATED' } }] }), {
    status: 401,
    headers: { 'content-type': 'application/json; charset=utf-8', 'www-authenticate': 'Bearer' },
  });
}
