import type { Plugin } from 'graphql-yoga';
import { factsOf, noteFacts } from '../graphql/request-facts';
import type { Logger } from '../logger';

/**
 * One log line per request, when it is answered (`msg: "request"`, level
 * info; warn for 5xx): `method`, `route` (the path, without the query
 * string, which may hold user text), `status`, `ms` (duration), `operation`
 * (GraphQL operation name or type; health probes at debug), `cost` (the cost limit's estimate),
 * `bytes` (response body), `keyId` (the API key's id, never the key),
 * `code` (the first error code, when it failed). Also frees an
 * expensive-query slot the request still holds.
 */
export function useRequestLog(logger: Logger): Plugin {
  const started = new WeakMap<Request, { at: number; route: string }>();
  return {
    onRequest({ request, url }) {
      started.set(request, { at: performance.now(), route: url.pathname });
    },
    onExecute() {
      return {
        onExecuteDone({ args, result }) {
          const errors = 'errors' in result ? result.errors : undefined;
          const code = errors?.[0]?.extensions?.code;
          if (typeof code === 'string') noteFacts((args.contextValue as { request?: Request }).request, { errorCode: code });
        },
      };
    },
    onValidate({ context }) {
      return ({ result }) => {
        const code = result[0]?.extensions?.code;
        if (typeof code === 'string') noteFacts((context as { request?: Request }).request, { errorCode: code });
      };
    },
    // Not async: only a refusal without a noted code has its body read (codeOf).
    onResponse({ request, response }) {
      const facts = factsOf(request);
      facts.releaseSlot?.();
      const start = started.get(request);
      const status = response.status;
      const line: RequestLine = {
        method: request.method,
        route: start?.route ?? new URL(request.url).pathname,
        status,
        ms: start === undefined ? undefined : Math.round((performance.now() - start.at) * 10) / 10,
        operation: facts.operationName ?? facts.operationType,
        cost: facts.costEstimate,
        bytes: Number(response.headers.get('content-length') ?? 0) || undefined,
        keyId: facts.keyId,
        code: facts.errorCode,
      };
      if (line.code !== undefined || status < 400) return logRequestLine(logger, line);
      return codeOf(response).then((code) => logRequestLine(logger, { ...line, code }));
    },
  };
}

/** The fields of one request's log line (see `useRequestLog`). */
export type RequestLine = {
  method: string;
  route: string;
  status: number;
  ms: number | undefined;
  operation?: string | null;
  cost?: number;
  bytes?: number;
  keyId?: string;
  code?: string;
};

/**
 * Writes a request's line: the plugin's, and the Node listener's for the answers it sends itself
 * (cache hits, `cache/cache-front.ts`), so that both read the same.
 */
export function logRequestLine(logger: Logger, line: RequestLine): void {
  if (line.status >= 500) logger.warn('request', line);
  else if (line.route === '/healthz' || line.route === '/readyz') logger.debug('request', line); // probes, every few seconds
  else logger.info('request', line);
}

// The code of a small coded error body (the routes' own refusals); never reads a large body.
async function codeOf(response: Response): Promise<string | undefined> {
  const length = Number(response.headers.get('content-length') ?? Infinity);
  if (!(length <= 4096) || !(response.headers.get('content-type') ?? '').includes('json')) return undefined;
  try {
    const body = (await response.clone().json()) as { errors?: { extensions?: { code?: unknown } }[] };
    const code = body.errors?.[0]?.extensions?.code;
    return typeof code === 'string' ? code : undefined;
  } catch {
    return undefined;
  }
}
