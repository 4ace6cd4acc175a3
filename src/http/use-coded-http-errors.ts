import type { Plugin } from 'graphql-yoga';
import type { ErrorCode } from '../domain/errors';
import { errorBody, errorResponse } from './send-error';

/**
 * Every failure on every route is answered with the coded JSON body of `send-error.ts`, including
 * the ones graphql-yoga answers itself with an empty body. Place it after every route plugin
 * (so that only requests no route took reach its `onRequest`) and before `useCors().headers`.
 *
 * - a path no route serves: `404 NOT_FOUND`, naming the routes there are;
 * - `/graphql` with a method other than GET, POST (and OPTIONS, answered by the CORS preflight
 *   plugin): `405 METHOD_NOT_ALLOWED` with `Allow` (yoga's answer would be a 415 about the body);
 * - any other non-2xx answer whose body is not JSON (yoga's empty `406 Not Acceptable`, …):
 *   the same status and headers with a coded body. An HTML answer to a browser that asked for
 *   HTML (the explorer's "not built" page) is left alone.
 */
export function useCodedHttpErrors(graphqlPath: string): Plugin {
  return {
    onRequest({ request, url, endResponse, fetchAPI }) {
      if (url.pathname !== graphqlPath && url.pathname !== `${graphqlPath}/`) {
        endResponse(
          errorResponse(404, 'NOT_FOUND', `Nothing is served at "${url.pathname}".`, { extensions: { routes: ROUTES } }, fetchAPI.Response),
        );
        return;
      }
      if (request.method !== 'GET' && request.method !== 'POST') {
        endResponse(
          errorResponse(405, 'METHOD_NOT_ALLOWED', `${graphqlPath} answers GET and POST, not ${request.method}.`, {
            headers: { allow: 'GET, POST, OPTIONS' },
          }, fetchAPI.Response),
        );
      }
    },
    onResponse({ request, response, setResponse, fetchAPI }) {
      if (response.status < 400) return;
      // A compressed body is a body (the response cache compresses large JSON answers, errors too).
      if (response.headers.has('content-encoding')) return;
      // Read by iterating: headers copied from yoga's response keep its `Content-Type` spelling, which
      // `get('content-type')` did not find there (a large error then lost its message for a generic one).
      const type = [...response.headers].find(([name]) => name.toLowerCase() === 'content-type')?.[1] ?? '';
      if (/\bjson\b/i.test(type)) return;
      if (type.startsWith('text/html') && (request.headers.get('accept') ?? '').includes('text/html')) return;
      const { code, message } = describeStatus(response.status, request);
      const headers = new fetchAPI.Headers(response.headers);
      headers.set('content-type', 'application/json; charset=utf-8');
      headers.delete('content-length');
      headers.delete('content-encoding');
      setResponse(new fetchAPI.Response(JSON.stringify(errorBody(code, message)), { status: response.status, headers }));
    },
  };
}

/** The routes a 404 lists, so that a client that mistyped one learns the right one. */
const ROUTES = [
  '/graphql',
  '/graphql/schema.graphql',
  '/graphql/possible-types.json',
  '/healthz',
  '/readyz',
  '/export/matrix.csv',
  '/export/matrix.json',
  '/export/graph.json',
  '/export/graph.graphml',
  '/id/<global id>',
  '/ (the explorer)',
];

function describeStatus(status: number, request: Request): { code: ErrorCode; message: string } {
  switch (status) {
    case 406:
      return {
        code: 'NOT_ACCEPTABLE',
        message: `No answer matches "Accept: ${request.headers.get('accept') ?? ''}": accept application/graphql-response+json or application/json.`,
      };
    case 404:
      return { code: 'NOT_FOUND', message: 'Nothing is served here.' };
    case 405:
      return { code: 'METHOD_NOT_ALLOWED', message: `${request.method} is not allowed here.` };
    case 415:
      return { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Send application/json (POST) or use GET with query parameters.' };
    case 503:
      return { code: 'SERVICE_UNAVAILABLE', message: 'The service cannot answer this now; retry later.' };
    default:
      return status >= 500
        ? { code: 'INTERNAL_SERVER_ERROR', message: 'Unexpected error.' }
        : { code: 'BAD_REQUEST', message: `The request was refused (HTTP ${status}).` };
  }
}
