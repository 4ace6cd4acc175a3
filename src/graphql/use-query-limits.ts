import { GraphQLError, parse } from 'graphql';
import { StoreUnavailableError } from '../domain/errors';
import type { Plugin } from 'graphql-yoga';
import type { GraphQLContext } from './context';
import { estimateCost, TEXT_WEIGHT } from './cost/estimate-cost';
import type { FanOutBounds, FanOutTable } from './cost/fan-out-bounds';
import type { ExpensiveGate } from './expensive-gate';
import { answerAsResult, lostAnswer } from '../execution-worker/answer-as-result';
import { forwardedQueryOf, type ExecutionWorker } from '../execution-worker/execution-worker';
import { operationOf } from './operation-of';
import { queryShapeRule } from './query-shape-rule';
import { noteFacts } from './request-facts';

/** Queries estimated above `cost` wait for a slot of `gate` before they execute. */
export interface ExpensiveLimit {
  cost: number;
  gate: ExpensiveGate;
  /** Where they execute: the execution worker (src/execution-worker/), when one is ready; else here, in time slices. */
  worker?: Pick<ExecutionWorker, 'execute'>;
  /** MAX_EXECUTION_MS, for the error of a query the worker lost to the deadline. */
  maxExecutionMs?: number;
}

export interface QueryLimits {
  maxDepth: number;
  maxCost: number;
  maxAliases: number;
  maxTokens: number;
}

/**
 * Refuses queries that are too deep, too costly, too aliased or too long
 * before they run, each with code `QUERY_TOO_COMPLEX` and `extensions.limit`
 * naming the limit (`depth`, `cost`, `aliases`, `tokens`) and its maximum.
 *
 * - tokens: graphql-js's own parser option;
 * - depth and aliases: one validation rule (`query-shape-rule.ts`) counting
 *   both in graphql-js's single validation traversal (cached with the
 *   document's validation by yoga);
 * - cost: an upper bound on the values the answer can hold, counting lists
 *   by the largest fan-out of each field in the loaded graph
 *   (`src/graphql/cost/`); checked just before execution, because it depends
 *   on the variables (`first: $n`) and on the data, which writes change, so
 *   it cannot be cached with the document. The refusal carries `estimate`.
 *
 * A mutation tells `bounds` that the graph changed.
 */
export function useQueryLimits(limits: QueryLimits, bounds: FanOutBounds, gate?: ExpensiveLimit): Plugin {
  const shape = queryShapeRule({ maxDepth: limits.maxDepth, maxAliases: limits.maxAliases });
  return {
    onParse({ setParseFn }) {
      setParseFn((source, options) => {
        try {
          return parse(source, { ...options, maxTokens: limits.maxTokens });
        } catch (error) {
          // Parsing again without the limit tells a long document from a malformed one
          // without reading the error's wording; the body size limit bounds this second parse.
          parse(source, options);
          throw tooComplex(`Query has more than ${limits.maxTokens} tokens.`, 'tokens', limits.maxTokens, error);
        }
      });
    },
    onValidate({ addValidationRule }) {
      addValidationRule(shape);
    },
    async onExecute({ args, setResultAndStopExecution }) {
      const request = (args.contextValue as { request?: Request }).request;
      const table = await bounds.current().catch((error: unknown) => error);
      if (table instanceof StoreUnavailableError) {
        // The store gave up on the bounds' read (Neo4j down before a first table existed): answered at once,
        // since running the query would wait out the driver's limits a second time, on top of this wait,
        // outside the execution deadline (which starts after this hook).
        noteFacts(request, { errorCode: table.code });
        setResultAndStopExecution({ errors: [storeUnavailable(table)] });
        return;
      }
      if (table instanceof Error || !table) return; // no bounds for another reason: the query runs unchecked, as the store allows
      const estimate = estimateCost(args.schema, args.document, table as FanOutTable, args.variableValues ?? {}, args.operationName);
      const operation = operationOf(args.document, args.operationName);
      noteFacts(request, { costEstimate: estimate, operationName: operation?.name?.value ?? null, operationType: operation?.operation });
      if (estimate > limits.maxCost) {
        setResultAndStopExecution({
          errors: [
            tooComplex(`Query cost is estimated at ${estimate}, over the limit of ${limits.maxCost}.`, 'cost', limits.maxCost, undefined, {
              estimate,
            }),
          ],
        });
        return;
      }
      // Expensive: many values, or fewer but long ones (text weighed by TEXT_WEIGHT; estimated again only when it could matter).
      const expensive =
        gate !== undefined &&
        operation?.operation !== 'mutation' &&
        (estimate > gate.cost ||
          (estimate * TEXT_WEIGHT > gate.cost &&
            estimateCost(args.schema, args.document, table as FanOutTable, args.variableValues ?? {}, args.operationName, TEXT_WEIGHT) > gate.cost));
      if (gate && expensive) {
        const slot = gate.gate.acquire();
        if (!slot) {
          noteFacts(request, { errorCode: 'SERVER_BUSY' });
          setResultAndStopExecution({ errors: [serverBusy(gate.gate)] });
          return;
        }
        // Held until the answer is written out (the request log's response hook frees it), not only
        // while it executes: serialising a multi-MB answer is as much work again, and with the slot
        // freed at the end of execution the next expensive query's result tree and this one's text
        // were alive and growing together (more garbage, longer collections, two requests slicing).
        noteFacts(request, { releaseSlot: await slot });
        const params = (args.contextValue as { params?: Parameters<typeof forwardedQueryOf>[1] }).params;
        const answer = request && params?.query ? gate.worker?.execute(forwardedQueryOf(request, params)) : null;
        if (answer) {
          try {
            const answered = await answer;
            if (answered.errorCode) noteFacts(request, { errorCode: answered.errorCode });
            setResultAndStopExecution(answerAsResult(answered));
          } catch (error) {
            const lost = lostAnswer(error, gate.maxExecutionMs ?? 0);
            noteFacts(request, { errorCode: String(lost.extensions.code) });
            setResultAndStopExecution({ errors: [lost] });
          }
          return;
        }
        (args.contextValue as unknown as GraphQLContext).timeSlice?.start();
      }
      if (operation?.operation !== 'mutation') return;
      return { onExecuteDone: () => bounds.invalidate() };
    },
  };
}

function tooComplex(message: string, limit: string, max: number, originalError?: unknown, extra: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, {
    originalError: originalError instanceof Error ? originalError : undefined,
    extensions: { code: 'QUERY_TOO_COMPLEX', limit, max, ...extra },
  });
}

function serverBusy(gate: ExpensiveGate): GraphQLError {
  return new GraphQLError('Too many expensive queries are waiting; retry in a moment, or ask for less.', {
    extensions: { code: 'SERVER_BUSY', limit: 'expensive', max: gate.maxRunning + gate.maxQueued, http: { status: 503, headers: { 'retry-after': '1' } } },
  });
}

function storeUnavailable(error: StoreUnavailableError): GraphQLError {
  return new GraphQLError(error.message, { originalError: error, extensions: { code: error.code, ...error.details, http: { status: 503 } } });
}
