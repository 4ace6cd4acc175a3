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
    onExecute({ args, executeFn, setExecuteFn, setResultAndStopExecution }) {
      if (operationOf(args.document, args.operationName)?.operation === 'mutation') return;
      // The errors are built only when the deadline passes: a GraphQLError's stack costs ~70 µs, a
      // third of a cheap lookup's own work, and almost every query finishes in time.
      const message = () => `The query did not finish within ${maxMs} ms.`;
      const timeout = () => new GraphQLError(message(), { extensions: { code: 'EXECUTION_TIMEOUT', max: maxMs } });
      const req = (args.contextValue as { req?: object }).req;
      if (req !== undefined && passedInFastLane.has(req)) {
        noteFacts((args.contextValue as { request?: Request }).request, { errorCode: 'EXECUTION_TIMEOUT' });
        setResultAndStopExecution({ errors: [timeout()] });
        return;
      }
      let reason: GraphQLError | undefined;
      const deadline = new AbortController();
      const timer = setTimeout(() => {
        reason = abortReason(message());
        deadline.abort(reason);
      }, maxMs);
      // The executor may end an aborted execution by throwing the reason: the client gets `timeout` then too.
      setExecuteFn(async (executeArgs) => {
        try {
          return await executeFn(executeArgs);
        } catch (error) {
          if (reason === undefined || error !== reason) throw error;
          noteFacts((args.contextValue as { request?: Request }).request, { errorCode: 'EXECUTION_TIMEOUT' });
          return { errors: [timeout()] };
        }
      });
      const given = (args as { signal?: AbortSignal }).signal;
      (args as { signal?: AbortSignal }).signal = given ? AbortSignal.any([given, deadline.signal]) : deadline.signal;
      return {
        onExecuteDone({ result, setResult }) {
          clearTimeout(timer);
          if (!deadline.signal.aborted || !('errors' in result || 'data' in result)) return;
          noteFacts((args.contextValue as { request?: Request }).request, { errorCode: 'EXECUTION_TIMEOUT' });
          setResult({ errors: [timeout()] });
        },
      };
    },
  };
}

/**
 * What the executor is aborted with (the client gets `timeout`, without a path). Every field still in
 * flight at the abort throws it: an error without a path would be copied into a located GraphQLError per
 * field (a stack and a scan of the query text each; 242 ms of GraphQLError and 113 ms of its line-break
 * RegExp in one 634 ms stall of the fairness bench's 30-alias request). One that has a path is passed on
 * as it is (graphql-js `locatedError`).
 */
function abortReason(message: string): GraphQLError {
  return new GraphQLError(message, { path: [], extensions: { code: 'EXECUTION_TIMEOUT' } });
}

// Requests (Node's) whose run in the listener's fast lane outlasted the deadline (src/http/fast-lane/).
const passedInFastLane = new WeakSet<object>();

/**
 * Notes that the fast lane's run of this request outlasted `MAX_EXECUTION_MS` (its timer fired during
 * the run): yoga, given the request, answers EXECUTION_TIMEOUT at once, as it does for a run of its own
 * whose deadline passed, instead of running the query a second time (and answering what that run found).
 */
export function noteDeadlinePassedInFastLane(req: object): void {
  passedInFastLane.add(req);
}
