import { useEffect, useState } from 'preact/hooks';
import { onApiKeyChange } from './api-key';
import { graphql } from './graphql';

export interface QueryState<T> {
  data?: T;
  error?: Error;
  loading: boolean;
}

/** Answers already fetched, by query and variables: going back to a page shows it at once. */
const answers = new Map<string, unknown>();
/** Requests on their way, so a prefetch and the page that needs it share one request. Failures are dropped. */
const pending = new Map<string, Promise<unknown>>();

const keyOf = (query: string, variables: Record<string, unknown>) => JSON.stringify([query, variables]);

/**
 * Finishes an answer with more requests (the further pages of a connection, `node.ts`), so that a
 * page gets the whole of what it shows in one state; given the query's own variables.
 */
export type Complete<T> = (data: never, variables: Record<string, unknown>) => Promise<T>;

/**
 * Runs `query` once per query and variables, then `complete` when given; a failed run is
 * forgotten, so the next call asks again.
 */
export function fetchQuery<T>(query: string, variables: Record<string, unknown>, complete?: Complete<T>): Promise<T> {
  const key = keyOf(query, variables);
  let request = pending.get(key) as Promise<T> | undefined;
  if (!request) {
    const answer = graphql<T>(query, variables);
    const whole = complete ? answer.then((data) => complete(data as never, variables)) : answer;
    request = whole.then((data) => {
      answers.set(key, data);
      return data;
    });
    request.catch(() => pending.delete(key));
    pending.set(key, request);
  }
  return request;
}

/**
 * Starts `query` before any page asks for it (main.tsx does, for the matrix,
 * while the page's own chunk is still loading); `useQuery` then takes the
 * answer from the same request.
 */
export function prefetchQuery(query: string, variables: Record<string, unknown>): void {
  fetchQuery(query, variables).catch(() => undefined);
}

/**
 * Runs `query` with `variables` whenever they change (skipped while `skip`), then `complete`,
 * keeping the last answer per key so back-and-forth navigation is instant,
 * and again when the API key changes (a 401 is not final).
 */
export function useQuery<T>(query: string, variables: Record<string, unknown>, skip = false, complete?: Complete<T>): QueryState<T> {
  const key = keyOf(query, variables);
  const [state, setState] = useState<QueryState<T>>(() =>
    answers.has(key) ? { data: answers.get(key) as T, loading: false } : { loading: !skip },
  );
  const [keyVersion, setKeyVersion] = useState(0);
  useEffect(() => onApiKeyChange(() => setKeyVersion((version) => version + 1)), []);
  useEffect(() => {
    if (skip) {
      setState({ loading: false });
      return;
    }
    if (answers.has(key)) {
      setState({ data: answers.get(key) as T, loading: false });
      return;
    }
    let live = true;
    setState({ loading: true });
    fetchQuery<T>(query, variables, complete).then(
      (data) => live && setState({ data, loading: false }),
      (error: Error) => live && setState({ error, loading: false }),
    );
    return () => {
      live = false;
    };
  }, [key, skip, keyVersion]);
  return state;
}
