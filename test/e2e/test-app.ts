import { loadConfig, type Config } from '../../src/config';
import { createApp, type App } from '../../src/http/create-app';
import { createLogger } from '../../src/logger';
import { createEmbeddedGraphStore } from '../../src/store/embedded/create-embedded-graph-store';
import type { GraphStore } from '../../src/store/graph-store';

/** The app over the real seeds, as `npm start` builds it, with configuration overrides for a test. */
export function createTestApp(env: Record<string, string> = {}, store: GraphStore = createEmbeddedGraphStore()): {
  app: App;
  config: Config;
  store: GraphStore;
} {
  const config = loadConfig(env);
  return { app: createApp({ store, config, logger: createLogger('silent') }), config, store };
}

export interface GraphQLResponse {
  status: number;
  body: { data?: Record<string, unknown> | null; errors?: { message: string; path?: unknown[]; extensions?: Record<string, unknown> }[] };
}

/** POSTs a GraphQL request in-process and returns status and parsed body. */
export async function postGraphQL(app: App, query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse> {
  const response = await app.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as GraphQLResponse['body'] };
}

/**
 * `/readyz` as a load balancer polls it: again while it answers "starting" (start-up's background work,
 * which in a test file shares the process with every other store the file made), up to `withinMs`.
 */
export async function readyzOnceStarted(app: App, withinMs = 20_000): Promise<Response> {
  const until = performance.now() + withinMs;
  for (;;) {
    const response = await app.fetch('http://localhost/readyz');
    if (response.status !== 503 || performance.now() > until) return response;
    const body = (await response.clone().json()) as { status?: string };
    if (body.status !== 'starting') return response;
  }
}
