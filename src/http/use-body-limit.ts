import type { Plugin } from 'graphql-yoga';

/**
 * Refuses a request whose declared body is larger than `maxBytes` with 413
 * and a coded GraphQL error, before reading it. Bodies sent without a length
 * (chunked) are cut off by the Node server in `create-server.ts`.
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
  return ResponseClass.json(
    {
      errors: [
        {
          message: `Request body is larger than ${maxBytes} bytes.`,
          extensions: { code: 'PAYLOAD_TOO_LARGE', limit: 'body', max: maxBytes },
        },
      ],
    },
    { status: 413 },
  );
}
