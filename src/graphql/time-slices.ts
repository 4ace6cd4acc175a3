import { defaultFieldResolver, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { mapSchema, MapperKind } from '@graphql-tools/utils';

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
 *
 * The cost estimate counts values, not their length (every name of every SDG
 * target, 20 aliases: estimated 43,960, a 4.3-million-character answer), so
 * a query it let run unsliced is watched (`watch()`): once it has worked
 * `afterMs` (its waits not counted) it is treated as expensive after all: it waits
 * for what `becomeExpensive` returns (a slot of the expensive-query gate),
 * then is sliced like the others.
 */
/** How long one request works (executing, or serialising its answer) before other requests and timers get a turn. */
export const TIME_SLICE_MS = 5;

export interface TimeSlice {
  /** A promise to wait for before resolving, or null to resolve now. */
  pause(): Promise<void> | null;
  /** Starts slicing (for an expensive query): until then `pause` always answers null. */
  start(): void;
  /**
   * For a query not started: once it has worked `afterMs` (from now; waits do not count), the next
   * resolver call waits for `becomeExpensive()` (called once), and slicing starts.
   */
  watch(afterMs: number, becomeExpensive: () => Promise<void>): void;
  /** Whether `start` was called: the query is expensive (compiled execution leaves it to graphql-js). */
  readonly started: boolean;
}

export function createTimeSlice(sliceMs: number): TimeSlice {
  let since = performance.now();
  let calls = 0;
  let waiting: Promise<void> | null = null;
  let on = false;
  // A watched query's work so far: the stretches between checks short enough to be its own running
  // (a longer gap was a wait: for a remote store, or for other requests), so that a query over Neo4j
  // is not taken for expensive because its round trips are slow.
  let watched: { afterMs: number; becomeExpensive: () => Promise<void>; worked: number; checkedAt: number } | null = null;
  const nextTurn = () =>
    new Promise<void>((resolve) =>
      setImmediate(() => {
        since = performance.now();
        waiting = null;
        resolve();
      }),
    );
  return {
    get started() {
      return on;
    },
    start() {
      on = true;
      since = performance.now();
    },
    watch(afterMs, becomeExpensive) {
      if (on) return;
      watched = { afterMs, becomeExpensive, worked: 0, checkedAt: performance.now() };
    },
    pause() {
      if (waiting) return waiting;
      if (!on && !watched) return null;
      if (++calls % 64 !== 0) return null;
      if (on) {
        if (performance.now() - since < sliceMs) return null;
        waiting = nextTurn();
        return waiting;
      }
      const now = performance.now();
      const gap = now - watched!.checkedAt;
      watched!.checkedAt = now;
      if (gap < sliceMs) watched!.worked += gap;
      if (watched!.worked < watched!.afterMs) return null;
      const { becomeExpensive } = watched!;
      watched = null;
      on = true;
      // A failure to get a slot must not fail the query: it goes on, sliced.
      waiting = becomeExpensive()
        .catch(() => undefined)
        .then(nextTurn);
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

/** The schema with each defined resolver pausing when its request's `timeSlice` says so. */
export function withTimeSlices(schema: GraphQLSchema): GraphQLSchema {
  return mapSchema(schema, {
    [MapperKind.OBJECT_FIELD]: (field) => {
      if (!field.resolve || field.resolve === defaultFieldResolver) return field;
      const resolve = field.resolve as GraphQLFieldResolver<unknown, { timeSlice?: TimeSlice }>;
      // After a pause the call checks again: the calls resumed together must not all run in one turn.
      const sliced: GraphQLFieldResolver<unknown, { timeSlice?: TimeSlice }> = (parent, args, context, info) => {
        const pause = context?.timeSlice?.pause();
        if (!pause) return resolve(parent, args, context, info);
        return pause.then(() => (signalOf(info)?.aborted ? ABANDONED : sliced(parent, args, context, info)));
      };
      return { ...field, resolve: sliced };
    },
  });
}
