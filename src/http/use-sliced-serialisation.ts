import { GraphQLError } from 'graphql';
import { isAsyncIterable, type Plugin } from 'graphql-yoga';
import { noteFacts } from '../graphql/request-facts';
import type { Logger } from '../logger';
import { stringifyInSlices } from './stringify-in-slices';

/**
 * Serialises each GraphQL answer in slices of `sliceMs` (`stringifyInSlices`)
 * before yoga writes it, so a megabytes-long answer does not hold the event
 * loop for its whole `JSON.stringify` (45 ms for 2.7 MB; an answer cut at
 * MAX_RESPONSE_BYTES, 8 MiB, took about 150 ms): `/healthz` and other
 * requests are served in between. yoga then sends the string as it is (the
 * result's `stringify`, yoga's hook for custom serialisers).
 *
 * It is also where MAX_RESPONSE_BYTES is first applied: serialisation stops
 * once the text is longer, and the client gets `RESPONSE_TOO_LARGE` (422,
 * `max`, and `size`: the length reached when it stopped, a lower bound)
 * without the rest being written. `use-response-cap.ts` stays behind it for
 * answers this plugin leaves to yoga (those with errors, which are small).
 */
export function useSlicedSerialisation(options: { sliceMs: number; maxBytes: number }, logger: Logger): Plugin {
  return {
    async onExecutionResult({ request, result, setResult }) {
      if (!result || isAsyncIterable(result) || Array.isArray(result) || result.errors?.length || result.extensions || 'stringify' in result) return;
      const { text, length } = await stringifyInSlices(result, { sliceMs: options.sliceMs, maxLength: options.maxBytes });
      const size = text === null ? length : Buffer.byteLength(text);
      if (text !== null && size <= options.maxBytes) {
        setResult({ ...result, stringify: () => text });
        return;
      }
      noteFacts(request, { errorCode: 'RESPONSE_TOO_LARGE' });
      logger.warn('response over MAX_RESPONSE_BYTES not sent', { size, max: options.maxBytes });
      setResult({
        errors: [
          new GraphQLError(`The answer would be more than ${options.maxBytes} bytes, the limit: ask for fewer items or fields.`, {
            extensions: { code: 'RESPONSE_TOO_LARGE', max: options.maxBytes, size, http: { status: 422 } },
          }),
        ],
      });
    },
  };
}
