import { authHeaders } from './api-key';

/**
 * The explorer's only way to the data: POST /graphql, like any other client,
 * with the tab's API key when one is set. An answer with `errors` (a 401
 * included) rejects with a GraphqlError carrying the first error's
 * `extensions.code`, so pages can show it and ask for a key.
 */
export class GraphqlError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

export async function graphql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...authHeaders() },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
  const first = body.errors?.[0];
  if (first) throw new GraphqlError(first.message, first.extensions?.code);
  if (!body.data) throw new GraphqlError(`HTTP ${response.status}`, undefined);
  return body.data;
}
