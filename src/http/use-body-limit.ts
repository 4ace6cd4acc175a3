import type { Plugin } from 'graphql-yoga';
import { errorResponse } from './send-error';

/**
 * Refuses a request whose declared body is larger than `maxBytes` with 413
 * and a coded GraphQL error, before reading it, for the app called in-process
 * (`app.fetch`). Over a socket the Node edge (`create-server.ts`) has already
 * refused such a request, and counts chunked bodies, which carry no length.
 */
export function useBodyLimit(maxBytes: number): Plugin {
  return {
    onRequest({ request, endResponse, fetchAPI }) {
      const declared = Number(request.headers.get('content-length') ?? '0');
      if (Number.isFinite(declared) && declared > maxBytes) {
        endResponse(payloadTooLarge(fetchAPI.Response, maxBytes));
      }
    },
  };
}

export function payloadTooLarge(ResponseClass: typeof Response, maxBytes: number): Response {
  return errorResponse(413, 'PAYLOAD_TOO_LARGE', `Request body is larger than ${maxBytes} bytes.`, { extensions: { limit: 'body', max: maxBytes } }, ResponseClass);
}
