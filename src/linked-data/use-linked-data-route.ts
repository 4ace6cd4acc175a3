import type { Plugin } from 'graphql-yoga';
import { DomainError, type ErrorCode } from '../domain/errors';
import { parseGlobalId } from '../domain/node-types';
import { errorResponse, internalErrorResponse } from '../http/send-error';
import type { Logger } from '../logger';
import type { GraphStore } from '../store/graph-store';
import { resolveNodeIds } from '../store/resolve-node-ids';
import { idUri, nodeToJsonLd, pageUri } from './node-to-jsonld';

export const JSON_LD = 'application/ld+json';

/**
 * `GET /id/<global id>`: the node's linked-data URI. A client asking for
 * JSON-LD (or anything but HTML) gets the node as `application/ld+json`
 * (see `nodeToJsonLd`); a browser (`Accept: text/html` preferred) is sent
 * with 303 See Other to the explorer's page `/node/<id>`, as the W3C's
 * "Cool URIs" advise for URIs of things that are not documents. An alias id
 * (a record merged into another) answers 301 to the canonical `/id/` URI.
 * A malformed id is 400 BAD_USER_INPUT, an unknown one 404 NOT_FOUND, a store
 * that cannot be reached 503 STORE_UNAVAILABLE; anything else is logged and
 * answered with the masked 500 (`src/http/send-error.ts`, as every route).
 */
export function useLinkedDataRoute(store: GraphStore, logger: Logger): Plugin {
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      if (!url.pathname.startsWith('/id/')) return;
      const error = (status: number, code: ErrorCode, message: string, headers?: Record<string, string>) =>
        endResponse(errorResponse(status, code, message, { headers }, fetchAPI.Response));
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        error(405, 'METHOD_NOT_ALLOWED', '/id/ answers GET only.', { allow: 'GET, HEAD' });
        return;
      }
      try {
        endResponse(await answer(store, request, url, fetchAPI.Response));
      } catch (failure) {
        if (failure instanceof DomainError) {
          error(STATUS[failure.code] ?? 500, failure.code, failure.message);
          return;
        }
        logger.error('linked data failed', { error: failure instanceof Error ? `${failure.name}: ${failure.message}` : String(failure) });
        endResponse(internalErrorResponse(fetchAPI.Response));
      }
    },
  };
}

const STATUS: Partial<Record<ErrorCode, number>> = { BAD_USER_INPUT: 400, NOT_FOUND: 404, STORE_UNAVAILABLE: 503 };

// The answer for a GET of `/id/…`: the document, a redirect, or a coded 400/404.
async function answer(store: GraphStore, request: Request, url: URL, ResponseClass: typeof Response): Promise<Response> {
  const error = (status: number, code: ErrorCode, message: string) => errorResponse(status, code, message, {}, ResponseClass);
  let id: string;
  try {
    id = decodeURIComponent(url.pathname.slice('/id/'.length));
  } catch {
    return error(400, 'BAD_USER_INPUT', 'The path after /id/ is not valid percent-encoding.');
  }
  if (id.length > 300 || !parseGlobalId(id)) return error(400, 'BAD_USER_INPUT', 'Expected /id/<Type>:<code>, e.g. /id/SdgTarget:9.c.');
  const [node] = await resolveNodeIds(store, [id]);
  if (!node) return error(404, 'NOT_FOUND', `No node has the id "${id}".`);
  const base = url.origin;
  const vary = { vary: 'accept' };
  if (node.id !== id) return new ResponseClass(null, { status: 301, headers: { location: idUri(base, node.id), ...vary } });
  if (prefersHtml(request.headers.get('accept'))) {
    return new ResponseClass(null, { status: 303, headers: { location: pageUri(base, node.id), ...vary } });
  }
  const [out] = await store.getNeighbours([{ id: node.id, direction: 'out' }]);
  const doc = nodeToJsonLd(node, out!.map((n) => n.edge), { base });
  return new ResponseClass(JSON.stringify(doc), { status: 200, headers: { 'content-type': `${JSON_LD}; charset=utf-8`, ...vary } });
}

/**
 * Whether an Accept header prefers HTML over JSON-LD/JSON: the highest-q
 * media type among text/html, application/xhtml+xml and the JSON ones, ties
 * going to JSON-LD (a client that names both equally is a data client).
 */
export function prefersHtml(accept: string | null): boolean {
  if (!accept) return false;
  let html = 0;
  let data = 0;
  for (const part of accept.split(',')) {
    const [type = '', ...params] = part.trim().toLowerCase().split(';');
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!Number.isFinite(q)) continue;
    if (type === 'text/html' || type === 'application/xhtml+xml') html = Math.max(html, q);
    if (type === JSON_LD || type === 'application/json' || type === 'application/*') data = Math.max(data, q);
  }
  return html > 0 && html > data;
}
