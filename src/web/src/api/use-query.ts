import { useEffect, useState } from 'preact/hooks';
import { graphql } from './graphql';

export interface QueryState<T> {
  data?: T;
  error?: Error;
  loading: boolean;
}

/** Answers already fetched, by query and variables: going back to a page shows it at once. */
const cache = new Map<string, unknown>();

/**
 * Runs `query` with `variables` whenever they change (skipped while `skip`),
 * keeping the last answer per key so back-and-forth navigation is instant.
 */
export function useQuery<T>(query: string, variables: Record<string, unknown>, skip = false): QueryState<T> {
  const key = JSON.stringify([query, variables]);
  const [state, setState] = useState<QueryState<T>>(() =>
    cache.has(key) ? { data: cache.get(key) as T, loading: false } : { loading: !skip },
  );
  useEffect(() => {
    if (skip) {
      setState({ loading: false });
      return;
    }
    if (cache.has(key)) {
      setState({ data: cache.get(key) as T, loading: false });
      return;
    }
    let live = true;
    setState({ loading: true });
    graphql<T>(query, variables).then(
      (data) => {
        cache.set(key, data);
        if (live) setState({ data, loading: false });
      },
      (error: Error) => live && setState({ error, loading: false }),
    );
    return () => {
      live = false;
    };
  }, [key, skip]);
  return state;
}
