import { execute, getVariableValues, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { isAsyncIterable, type Plugin } from 'graphql-yoga';
import type { Principal } from '../../auth/principal';
import { compileOperation } from '../../graphql/compiled-execution/compiled-query-cache';
import type { GraphQLContext } from '../../graphql/context';
import { estimateCost, TEXT_WEIGHT } from '../../graphql/cost/estimate-cost';
import type { FanOutBounds, FanOutTable } from '../../graphql/cost/fan-out-bounds';
import { operationOf } from '../../graphql/operation-of';
import { noteDeadlinePassedInFastLane } from '../../graphql/use-execution-deadline';
import { isJsonObject, parseJsonText } from '../json-text';
import { KnownDocuments, type KnownDocument } from './known-documents';

export interface FastLaneDeps {
  /** The schema yoga serves (the same object: its resolvers, its time slices). */
  schema: GraphQLSchema;
  /** The cost limit's list bounds, as useQueryLimits reads them. */
  bounds: FanOutBounds;
  limits: {
    maxCost: number;
    /** EXPENSIVE_COST: an expensive query goes through yoga (the gate, the worker, time slices). */
    expensiveCost: number;
    maxExecutionMs: number;
    maxResponseBytes: number;
  };
  /** Whether queries run compiled (graphql-jit), as useCompiledExecution runs them; else graphql-js. */
  compiled: boolean;
  /** The resolvers' context for a caller, as yoga's context factory builds it. */
  contextFor(principal: Principal): GraphQLContext;
  /** How many documents are kept known (0: the fast lane is off). */
  maxDocuments: number;
}

/** A request whose document is known: what the fast lane runs. */
export interface FastRequest {
  /** Node's request (for yoga, when the lane gives it back). */
  req: object;
  known: KnownDocument;
  variables: Record<string, unknown>;
}

/** The fast lane's answer: the body yoga would send, with what the request log notes of it. */
export interface FastAnswer {
  body: Buffer;
  contentType: string;
  operation: string | null;
  cost: number;
}

export interface FastLane {
  /** Records the documents yoga answers (see `learn`); place it anywhere among the plugins. */
  plugin: Plugin;
  /**
   * The request to run, when it asks for a known document: a JSON POST by its body (already read), a
   * GET by its query string; else `null`, and yoga's answer to it may teach the document.
   */
  prepare(req: object, sent: Sent, role: string, accept: string): FastRequest | null;
  /** Its answer, or `null` for anything the pipeline must answer itself (then nothing was sent or changed). */
  run(request: FastRequest, principal: Principal): Promise<FastAnswer | null>;
}

/**
 * Runs a known document for a request the response cache has not seen (a new id, new variables)
 * from the Node listener, without yoga's pipeline: whatwg-node's fetch `Request`/`Response`, envelop's
 * hooks and the plugins cost ~70 % of a distinct lookup's CPU (see README.md beside this file).
 *
 * A document becomes known when yoga has answered it, for the same role and `Accept`, with a JSON
 * 200 whose execution had no error: then everything about it that does not depend on the variables
 * has passed (parse and token limit, validation with the depth, alias and introspection rules,
 * persisted-query checks, content negotiation). What does depend on them is done again here, by the
 * same functions: the variables coerced (graphql-js), the cost estimated and checked against the
 * limit and the expensive-query threshold (`estimateCost` over the same bounds). Every other outcome
 * goes back to yoga, which answers it with its own error contract: variables refused, a cost over the
 * limit, an expensive query (its gate, worker and slices), bounds not computed, **any error in the
 * result** (reads only, so running one twice changes nothing), an execution past `MAX_EXECUTION_MS`,
 * an answer over `MAX_RESPONSE_BYTES`. The bytes are `JSON.stringify` of the result, as yoga's
 * serialisation writes them; the listener stores and sends them as the response cache does a miss
 * (`cache/cache-front.ts`: headers, ETag, compression, CORS, log line).
 */
export function createFastLane(deps: FastLaneDeps): FastLane {
  const documents = new KnownDocuments(deps.maxDocuments);
  // Requests handed to yoga whose document is not known yet: the key it will be known by.
  const learning = new WeakMap<object, Lesson>();

  const plugin: Plugin = {
    onExecute({ args }) {
      const lesson = learning.get((args.contextValue as { req?: object }).req ?? NOT_A_REQUEST);
      if (!lesson) return;
      const operation = operationOf(args.document, args.operationName);
      if (operation?.operation !== 'query') return;
      const context = args.contextValue as Partial<GraphQLContext>;
      return {
        onExecuteDone({ result }) {
          if (isAsyncIterable(result) || result.errors?.length || result.data == null) return;
          // An expensive query's slices started: it goes through yoga every time (its gate and worker).
          if (context.timeSlice?.started) return;
          lesson.learnt = { document: args.document, operation, operationName: args.operationName ?? null, contentType: '' };
        },
      };
    },
    onResponse({ response, serverContext }) {
      const req = (serverContext as { req?: object } | undefined)?.req;
      const lesson = req && learning.get(req);
      if (!lesson?.learnt || response.status !== 200) return;
      const contentType = response.headers.get('content-type') ?? '';
      // Only a JSON answer: an event stream or a multipart answer has other bytes than the result's JSON.
      if (!JSON_ANSWER.test(contentType)) return;
      documents.set(lesson.key, { ...lesson.learnt, contentType });
    },
  };

  return {
    plugin,
    prepare(req, sent, role, accept) {
      if (deps.maxDocuments <= 0) return null;
      const params = 'body' in sent ? paramsOfBody(sent.body) : paramsOfSearch(sent.search);
      if (params === null) return null;
      const key = KnownDocuments.keyOf('body' in sent ? 'POST' : 'GET', role, accept, params.query, params.operationName);
      if (key === null) return null;
      const known = documents.get(key);
      if (known === undefined) {
        learning.set(req, { key });
        return null;
      }
      return { req, known, variables: params.variables };
    },

    async run({ req, known, variables }, principal) {
      const coerced = getVariableValues(deps.schema, known.operation.variableDefinitions ?? [], variables, { maxErrors: 1 });
      if (coerced.errors) return null;
      const table = await deps.bounds.current().catch(() => null);
      if (!table) return null;
      const cost = estimateCost(deps.schema, known.document, table, variables, known.operationName);
      if (cost > deps.limits.maxCost || isExpensive(cost, known, table, variables)) return null;
      // yoga's deadline is a timer too: a run it fires during (one that waited on the store) is EXECUTION_TIMEOUT,
      // one that held the loop to its end is answered. Given back, yoga answers the timeout without running it again.
      let late = false;
      const timer = setTimeout(() => (late = true), deps.limits.maxExecutionMs);
      const result = await executeKnown(known, variables, deps.contextFor(principal))
        .catch(() => null)
        .finally(() => clearTimeout(timer));
      if (late) {
        noteDeadlinePassedInFastLane(req);
        return null;
      }
      if (result === null || result.errors?.length || result.data == null) return null;
      const body = Buffer.from(JSON.stringify(result));
      if (body.length > deps.limits.maxResponseBytes) return null;
      return { body, contentType: known.contentType, operation: known.operation.name?.value ?? known.operation.operation, cost };
    },
  };

  /** As useQueryLimits decides it: many values, or fewer but long ones. */
  function isExpensive(cost: number, known: KnownDocument, table: FanOutTable, variables: Record<string, unknown>): boolean {
    const threshold = deps.limits.expensiveCost;
    if (cost > threshold) return true;
    return cost * TEXT_WEIGHT > threshold && estimateCost(deps.schema, known.document, table, variables, known.operationName, TEXT_WEIGHT) > threshold;
  }

  // Async: whatever either executor throws becomes a rejection, which hands the request to yoga.
  async function executeKnown(known: KnownDocument, variables: Record<string, unknown>, contextValue: GraphQLContext): Promise<ExecutionResult> {
    if (known.compiled === undefined) known.compiled = deps.compiled ? compileOperation(deps.schema, known.document, known.operationName) : null;
    if (known.compiled) return (await known.compiled.query(undefined, contextValue, variables)) as ExecutionResult;
    return execute({ schema: deps.schema, document: known.document, variableValues: variables, contextValue, operationName: known.operationName });
  }
}

interface Lesson {
  key: string;
  learnt?: KnownDocument;
}

const NOT_A_REQUEST = {};

// application/graphql-response+json or application/json, with or without parameters.
const JSON_ANSWER = /^application\/(graphql-response\+)?json(;|$)/i;

interface Params {
  query: string;
  operationName: string | null;
  variables: Record<string, unknown>;
}

/** What carries a request's parameters: a JSON POST's body, or a GET's query string (with its `?`). */
export type Sent = { body: Buffer } | { search: string };

/**
 * The request's query, operation name and variables, when the body is a JSON object with those and
 * nothing else: a batch, `extensions` (persisted queries and the rest) or any other shape is yoga's.
 */
function paramsOfBody(body: Buffer): Params | null {
  const parsed = parseJsonText(body.toString('utf8'));
  if (!isJsonObject(parsed)) return null;
  for (const name in parsed) if (!PARAMS.has(name)) return null;
  return paramsOf(parsed.query, parsed.operationName, parsed.variables);
}

/** The same from a GET's query string, whose variables are JSON text; a name given twice is yoga's. */
function paramsOfSearch(search: string): Params | null {
  const query = new URLSearchParams(search);
  const seen = new Set<string>();
  for (const name of query.keys()) {
    if (!PARAMS.has(name) || seen.has(name)) return null;
    seen.add(name);
  }
  const variables = query.get('variables');
  // `variables=` with nothing is not "no variables" to every server: yoga's to answer.
  if (variables === '') return null;
  return paramsOf(query.get('query') ?? undefined, query.get('operationName') ?? undefined, parseJsonText(variables));
}

const PARAMS = new Set(['query', 'operationName', 'variables']);

function paramsOf(query: unknown, operationName: unknown, variables: unknown): Params | null {
  if (typeof query !== 'string') return null;
  // An empty name is not "no name" to graphql-js (it looks for an operation named ""): yoga's to answer.
  if (operationName !== undefined && operationName !== null && (typeof operationName !== 'string' || operationName === '')) return null;
  if (variables !== undefined && variables !== null && !isJsonObject(variables)) return null;
  return { query, operationName: (operationName as string | null | undefined) ?? null, variables: (variables as Record<string, unknown> | null | undefined) ?? {} };
}
