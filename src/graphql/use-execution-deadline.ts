import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { operationOf } from './operation-of';
import { noteFacts } from './request-facts';

/**
 * The second line of defence behind the cost limit: a query still executing
 * after `maxMs` is aborted (the executor stops resolving fields at its next
 * step) and answered with one coded error, `EXECUTION_TIMEOUT` with `max`,
 * and no partial data. Mutations are not cut short: a write the store has
 * taken must not be reported as failed.
 */
export function useExecutionDeadline(maxMs: number): Plugin {
  return {
    onExecute({ args }) {
      if (operationOf(args.document, args.operationName)?.operation === 'mutation') return;
      const timeout = new GraphQLError(`The query did not finish within ${maxMs} ms.`, {
        extensions: { code: 'EXECUTION_TIMEOUT', max: maxMs },
      });
      const deadline = new AbortController();
      const timer = setTimeout(() => deadline.abort(timeout), maxMs);
      const given = (args as { signal?: AbortSignal }).signal;
      (args as { signal?: AbortSignal }).signal = given ? AbortSignal.any([given, deadline.signal]) : deadline.signal;
      return {
        onExecuteDone({ result, setResult }) {
          clearTimeout(timer);
          if (!deadline.signal.aborted || !('errors' in result || 'data' in result)) return;
          noteFacts((args.contextValue as { request?: Request }).request, { errorCode: 'EXECUTION_TIMEOUT' });
          setResult({ errors: [timeout] });
        },
      };
    },
  };
}
