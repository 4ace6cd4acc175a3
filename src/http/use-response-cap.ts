import type { Plugin } from 'graphql-yoga';
import { noteFacts } from '../graphql/request-facts';
import type { Logger } from '../logger';
import { errorResponse } from './send-error';

/**
 * The last line behind the cost limit and the deadline: a GraphQL answer
 * longer than `maxBytes` is not sent; the client gets 422 with code
 * `RESPONSE_TOO_LARGE` (`max`, and the `size` it would have had) and can ask
 * for less (`first`, fewer fields). yoga's answers carry their length, so the
 * check reads a header and copies nothing.
 */
export function useResponseCap(maxBytes: number, logger: Logger): Plugin {
  return {
    onResponse({ request, response, setResponse, fetchAPI }) {
      const size = Number(response.headers.get('content-length') ?? 0);
      // GraphQL answers only (JSON): the GraphiQL page at the same path is the service's own, and large.
      if (!(size > maxBytes) || !(response.headers.get('content-type') ?? '').includes('json')) return;
      if (!new URL(request.url).pathname.startsWith('/graphql')) return;
      noteFacts(request, { errorCode: 'RESPONSE_TOO_LARGE' });
      logger.warn('response over MAX_RESPONSE_BYTES not sent', { size, max: maxBytes });
      setResponse(
        errorResponse(
          422,
          'RESPONSE_TOO_LARGE',
          `The answer would be ${size} bytes, over the limit of ${maxBytes}: ask for fewer items or fields.`,
          { extensions: { max: maxBytes, size } },
          fetchAPI.Response,
        ),
      );
    },
  };
}
