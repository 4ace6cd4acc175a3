import { GraphQLError, type ExecutionResult } from 'graphql';
import type { WorkerAnswer } from './execution-worker';
import { WorkerLostError } from './execution-worker';

/**
 * The worker's answer as the execution result yoga sends: its status, and
 * its bytes as they are (yoga calls a result's `stringify`, its hook for
 * custom serialisers, and sends what it returns). Nothing is parsed or
 * serialised again on the main thread. An answer with errors keeps one in
 * `errors`, so that the response cache does not store it (its text is still
 * the worker's, with every error, path and location).
 */
export function answerAsResult(answer: WorkerAnswer): ExecutionResult {
  const result: ExecutionResult & { stringify: () => string } = {
    data: null,
    extensions: { http: { status: answer.status } },
    // The body goes out as bytes: a Buffer is a valid Response body, and decoding megabytes to a string would cost the main thread.
    stringify: () => answer.body as unknown as string,
  };
  if (answer.hasErrors) {
    result.errors = [new GraphQLError('Answered by the execution worker.', { extensions: answer.errorCode ? { code: answer.errorCode } : {} })];
  }
  return result;
}

/**
 * What a query the worker lost is answered: a deadline overrun is the deadline's own error;
 * a worker that ended (out of memory, most likely, with a query this large) is `EXECUTION_FAILED`.
 */
export function lostAnswer(error: unknown, maxExecutionMs: number): GraphQLError {
  if (error instanceof WorkerLostError && error.reason === 'timeout') {
    return new GraphQLError(`The query did not finish within ${maxExecutionMs} ms.`, { extensions: { code: 'EXECUTION_TIMEOUT', max: maxExecutionMs } });
  }
  return new GraphQLError('The query stopped before it could be answered (it may have needed more memory than allowed): ask for fewer items or fields.', {
    extensions: { code: 'EXECUTION_FAILED', http: { status: 503, headers: { 'retry-after': '1' } } },
  });
}
