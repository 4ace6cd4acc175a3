import { defaultFieldResolver, isObjectType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';

/**
 * Lets a long query share the process with other requests.
 *
 * The embedded store answers with promises that are already settled, so a
 * query's whole execution is one chain of microtasks: until it ends nothing
 * else runs, not a timer (the execution deadline), not another client's
 * request, not `/healthz`. Every resolver the schema defines is wrapped so
 * that, for a query the cost limit found expensive (`start()`, called by
 * use-query-limits.ts), once the request has worked `sliceMs` without a
 * pause, the next resolver call first waits for the next turn of the event
 * loop (`setImmediate`). Other queries never wait, so their loads stay in one
 * batch per level; an expensive one trades some batching for sharing the
 * process. The check costs a flag test, and when on a counter and, every 64
 * calls, a clock read.
 */
/** How long one request works (executing, or serialising its answer) before other requests and timers get a turn. */
export const TIME_SLICE_MS = 5;

export interface TimeSlice {
  /** A promise to wait for before resolving, or null to resolve now. */
  pause(): Promise<void> | null;
  /** Starts slicing (for an expensive query): until then `pause` always answers null. */
  start(): void;
  /** Whether `start` was called: the query is expensive (compiled execution leaves it to graphql-js). */
  readonly started: boolean;
}

export function createTimeSlice(sliceMs: number): TimeSlice {
  let since = performance.now();
  let calls = 0;
  let waiting: Promise<void> | null = null;
  let on = false;
  return {
    get started() {
      return on;
    },
    start() {
      on = true;
      since = performance.now();
    },
    pause() {
      if (!on) return null;
      if (waiting) return waiting;
      if (++calls % 64 !== 0 || performance.now() - since < sliceMs) return null;
      waiting = new Promise((resolve) =>
        setImmediate(() => {
          since = performance.now();
          waiting = null;
          resolve();
        }),
      );
      return waiting;
    },
  };
}

/**
 * What a paused resolver answers once its execution has been aborted (the
 * deadline): a promise that never settles. The executor has already answered
 * the aborted request; resuming would run the resolver, then fail each of its
 * fields with a located GraphQLError (a stack and a scan of the query text
 * each), thousands of them for a large query, all thrown away. Unsettled, the
 * paused work is dropped with the request's other objects.
 */
const ABANDONED = new Promise<never>(() => undefined);

// The execution's abort signal: graphql-tools' executor passes it in `info` (the deadline's, see use-execution-deadline.ts).
function signalOf(info: unknown): AbortSignal | undefined {
  return (info as { signal?: AbortSignal }).signal;
}

/**
 * Wraps each resolver the schema defines so that it pauses when its request's `timeSlice` says so, in place
 * (a copy of the schema through graphql-tools' mapSchema was ~20 ms of the cold start, issue #12). Returns `schema`.
 */
export function withTimeSlices(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    // Introspection's own types (`__Schema`, …) resolve from the schema itself, as mapSchema left them.
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (!field.resolve || field.resolve === defaultFieldResolver) continue;
      field.resolve = sliced(field.resolve as GraphQLFieldResolver<unknown, { timeSlice?: TimeSlice }>);
    }
  }
  return schema;
}

function sliced(resolve: GraphQLFieldResolver<unknown, { timeSlice?: TimeSlice }>): GraphQLFieldResolver<unknown, { timeSlice?: TimeSlice }> {
  // After a pause the call checks again: the calls resumed together must not all run in one turn.
  const wrapped: GraphQLFieldResolver<unknown, { timeSlice?: TimeSlice }> = (parent, args, context, info) => {
    const pause = context?.timeSlice?.pause();
    if (!pause) return resolve(parent, args, context, info);
    return pause.then(() => (signalOf(info)?.aborted ? ABANDONED : wrapped(parent, args, context, info)));
  };
  return wrapped;
}
