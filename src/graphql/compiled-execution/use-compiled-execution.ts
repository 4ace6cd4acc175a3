import { getVariableValues, Kind, type DocumentNode, type ExecutionResult, type OperationDefinitionNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { GraphQLContext } from '../context';
import { CompiledQueryCache } from './compiled-query-cache';

/**
 * Runs queries with graphql-jit: the operation is compiled once into plain
 * JavaScript (kept in a bounded LRU by document text and operation name) and
 * every later request with that document runs the compiled code, about 5×
 * cheaper than graphql-js on a deep query (see README.md). The answers and
 * the error contract are graphql-js's own, because everything that could
 * differ still goes through graphql-js (`executeFn`, yoga's executor):
 *
 *  - variables are coerced by graphql-js first; when they are refused, the
 *    executor answers, so the errors (BAD_USER_INPUT, via useErrorCodes) are
 *    today's, word for word;
 *  - mutations, subscriptions and documents graphql-jit cannot compile run on
 *    graphql-js;
 *  - expensive queries (the cost limit started their time slicing) run on
 *    graphql-js, whose executor stops at the execution deadline's abort
 *    signal; compiled code would run on to the end before the deadline's
 *    answer replaces its result;
 *  - an answer with any error is thrown away and the query run again by
 *    graphql-js, whose answer is sent: graphql-jit's errors lack
 *    `locations` and come after `data`. Only reads are compiled, so running
 *    one twice changes nothing; errors are the rare, cheap answers (a bad
 *    argument), and the expensive queries never reach this point.
 *
 * `maxEntries` 0 turns it off.
 */
export function useCompiledExecution(maxEntries: number): Plugin<GraphQLContext> {
  if (maxEntries <= 0) return {};
  const cache = new CompiledQueryCache(maxEntries);
  return {
    onExecute({ args, executeFn, setExecuteFn }) {
      const operation = operationToRun(args.document, args.operationName);
      if (!operation || operation.operation !== 'query') return;
      if ((args.contextValue as Partial<GraphQLContext>).timeSlice?.started) return;
      const outcome = cache.get(args.schema, args.document, args.operationName);
      if (!('query' in outcome)) return;
      // Only for a document that runs compiled: a first sighting pays nothing here.
      const coerced = getVariableValues(args.schema, operation.variableDefinitions ?? [], args.variableValues ?? {}, { maxErrors: 50 });
      if (coerced.errors) return;
      const compiled = outcome.query;
      setExecuteFn((executeArgs) => {
        const byGraphQLJs = () => executeFn(executeArgs);
        // Any error, including graphql-jit's own variable check refusing before a field ran: graphql-js answers.
        const finish = (result: ExecutionResult) => (result.errors?.length || result.data === undefined ? byGraphQLJs() : result);
        let result: ExecutionResult | Promise<ExecutionResult>;
        try {
          result = compiled.query(executeArgs.rootValue, executeArgs.contextValue, executeArgs.variableValues ?? {}) as typeof result;
        } catch {
          return byGraphQLJs();
        }
        return result instanceof Promise ? result.then(finish, byGraphQLJs) : finish(result);
      });
    },
  };
}

/** The operation that runs, or undefined where graphql-js must say why none does (none named so, several unnamed). */
function operationToRun(document: DocumentNode, operationName: string | null | undefined): OperationDefinitionNode | undefined {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (operationName) return operations.find((operation) => operation.name?.value === operationName);
  return operations.length === 1 ? operations[0] : undefined;
}
