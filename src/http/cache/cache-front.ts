import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Principal } from '../../auth/principal';
import type { FastLane } from '../fast-lane/fast-lane';
import type { RequestLine } from '../use-request-log';
import { isPlainPath } from '../plain-path';
import { isJson, type KeyParts } from './request-key';
import type { CachedAnswer, HttpResponseCache } from './use-response-cache';

export interface CacheFrontDeps {
  cache: HttpResponseCache;
  graphqlPath: string;
  /** The caller by the auth plugin's rules; `undefined` when the plugin would refuse the request. */
  principalFromHeaders(authorization: string | undefined, apiKey: string | undefined): Principal | undefined;
  /** Counts the request against its client's rate limit; `false` when it is over (yoga then answers the 429). */
  admitAtEdge(req: IncomingMessage, principal: Principal): Promise<boolean>;
  /** Adds the CORS headers the answer to `origin` gets. */
  addCorsHeaders(headers: Record<string, string>, origin: string | undefined): void;
  /** Writes the request's log line, as the request log plugin does. */
  logRequest(line: RequestLine): void;
  /** Runs known documents for a miss without yoga (`../fast-lane/`); without it, every miss goes to yoga. */
  fastLane?: FastLane;
}

/** A request the front may answer: who sent it and what its key is made of (all but the body). */
export interface Candidate {
  principal: Principal;
  parts: KeyParts;
  /** Whether the key needs the body (a JSON POST), which the listener then reads first. */
  needsBody: boolean;
  startedAt: number;
}

export interface CacheFront {
  /** The request as a candidate for the cache, or `null` when only yoga can answer it (then nothing is read). */
  candidate(req: IncomingMessage): Candidate | null;
  /**
   * Sends the stored answer and returns `true`, or returns `false` having told yoga's plugin what it
   * found (a miss: where to store the answer), for the listener to hand the request to yoga.
   */
  answer(candidate: Candidate, req: IncomingMessage, res: ServerResponse, body: Buffer | undefined): Promise<boolean>;
}

/**
 * The response cache's look-up in the Node listener, before yoga: a hit never builds the fetch
 * `Request`/`Response` objects of whatwg-node, nor runs envelop's hooks, which cost most of a
 * cached answer's CPU. It does what yoga's plugins would do for the same request, through the
 * same functions: auth (the same authenticator; a request it would refuse goes to yoga, which
 * answers the 401), the rate limit (counted here, and a refused request goes to yoga for its 429),
 * the same key, generation and answer (ETag/304, `Cache-Control`, `Vary`, compression), the CORS
 * headers, and the request's log line. A miss goes to yoga, whose plugin stores the answer under
 * the key found here. `test/e2e/cache-front.test.ts` compares the two paths' bytes and headers.
 */
export function createCacheFront(deps: CacheFrontDeps): CacheFront {
  return {
    candidate(req) {
      const method = req.method;
      if (method !== 'GET' && method !== 'POST') return null;
      const target = req.url ?? '/';
      // Parsed as yoga parses it (whatwg-node: the origin, then the target as sent), so that the key's path
      // and query string are the ones it sees: `new URL(target, base)` would read `//x/graphql` as host
      // `x` and path `/graphql`, and answer from the cache what yoga answers 404.
      // A plain path (`/graphql`: most requests) is its own pathname, with no query string.
      const url = isPlainPath(target) ? { pathname: target, search: '' } : new URL(`http://localhost${target}`);
      const isGraphQL = url.pathname === deps.graphqlPath;
      if (!isGraphQL && !url.pathname.startsWith('/export/')) return null;
      const principal = deps.principalFromHeaders(req.headers.authorization, single(req.headers['x-api-key']));
      if (principal === undefined) return null;
      const needsBody = method === 'POST' && isGraphQL && isJson(req.headers['content-type']);
      if (method === 'POST' && !needsBody) return null;
      const parts: KeyParts = { method, pathname: url.pathname, search: url.search, accept: req.headers.accept ?? '', body: undefined };
      return { principal, parts, needsBody, startedAt: performance.now() };
    },

    async answer({ principal, parts, needsBody, startedAt }, req, res, body) {
      const role = principal?.role ?? 'anonymous';
      const conditions = { ifNoneMatch: single(req.headers['if-none-match']) ?? null, acceptEncoding: single(req.headers['accept-encoding']) ?? null };
      const found = await deps.cache.lookUp({ ...parts, body: needsBody ? (body?.toString('utf8') ?? '') : undefined }, role, conditions);
      if (found === null) {
        deps.cache.handOver(req, null);
        return false;
      }
      if ('miss' in found) {
        // A known document for new variables: run here, or (anything else) by yoga, which stores its answer.
        const sent = needsBody ? (body ? { body } : null) : parts.pathname === deps.graphqlPath ? { search: parts.search } : null;
        const fast = sent && deps.fastLane ? deps.fastLane.prepare(req, sent, role, parts.accept) : null;
        if (fast === null || !(await deps.admitAtEdge(req, principal))) {
          deps.cache.handOver(req, fast === null ? found.miss : null);
          return false;
        }
        const computed = await deps.fastLane!.run(fast, principal);
        if (computed === null) {
          deps.cache.handOver(req, found.miss);
          return false;
        }
        const answer = await deps.cache.storeMiss(found.miss, { status: 200, headers: { 'content-type': computed.contentType }, body: computed.body }, conditions);
        send(answer, req, res);
        deps.logRequest({ ...lineOf(parts, answer, principal, startedAt), operation: computed.operation, cost: computed.cost });
        return true;
      }
      if (!(await deps.admitAtEdge(req, principal))) {
        deps.cache.handOver(req, null);
        return false;
      }
      send(found.answer, req, res);
      deps.logRequest(lineOf(parts, found.answer, principal, startedAt));
      return true;
    },
  };

  function send({ status, headers: stored, flat, body: sent }: CachedAnswer, req: IncomingMessage, res: ServerResponse): void {
    const origin = single(req.headers.origin);
    if (flat && origin === undefined) {
      // No Origin, no CORS headers: the entry's own list, built once (most hits).
      res.writeHead(status, flat as string[]);
    } else {
      const headers = { ...stored };
      if (sent) headers['content-length'] = String(sent.length);
      deps.addCorsHeaders(headers, origin);
      res.writeHead(status, headers);
    }
    res.end(sent);
  }
}

function lineOf(parts: KeyParts, { status, body }: CachedAnswer, principal: Principal, startedAt: number): RequestLine {
  return {
    method: parts.method,
    route: parts.pathname,
    status,
    ms: Math.round((performance.now() - startedAt) * 10) / 10,
    bytes: body?.length || undefined,
    keyId: principal?.keyId,
  };
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}
