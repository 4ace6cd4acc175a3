import { createYoga, type GraphiQLOptions, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import { useApiKeyAuth } from '../auth/use-api-key-auth';
import type { Principal } from '../auth/principal';
import type { Config } from '../config';
import { DomainError } from '../domain/errors';
import { createContext, type GraphQLContext } from '../graphql/context';
import { FanOutBounds, relationSpecsOf } from '../graphql/cost/fan-out-bounds';
import { maskError } from '../graphql/mask-error';
import { createSchema } from '../graphql/schema';
import { resolvers } from '../graphql/resolvers';
import { TIME_SLICE_MS, withTimeSlices } from '../graphql/time-slices';
import { ExpensiveGate } from '../graphql/expensive-gate';
import type { ExecutionWorker } from '../execution-worker/execution-worker';
import { useCompiledExecution } from '../graphql/compiled-execution/use-compiled-execution';
import { useErrorCodes } from '../graphql/use-error-codes';
import { useExecutionDeadline } from '../graphql/use-execution-deadline';
import { useQueryLimits } from '../graphql/use-query-limits';
import type { Logger } from '../logger';
import type { GraphStore } from '../store/graph-store';
import { GRAPHIQL_TABS } from './graphiql-tabs';
import { useBodyLimit } from './use-body-limit';
import { createCacheFront, type CacheFront } from './cache/cache-front';
import { createFastLane } from './fast-lane/fast-lane';
import { useResponseCache } from './cache/use-response-cache';
import { useExportRoutes } from './use-export-routes';
import { useLinkedDataRoute } from '../linked-data/use-linked-data-route';
import { findSeedsDir } from '../seeds/load-seeds';
import { readReleaseHistory } from '../seeds/releases/release-history';
import { useHealthRoutes } from './use-health-routes';
import { useWebRoutes } from './use-web-routes';
import { useRateLimit } from './use-rate-limit';
import { logRequestLine, useRequestLog } from './use-request-log';
import { useResponseCap } from './use-response-cap';
import { useSlicedSerialisation } from './use-sliced-serialisation';

import { useCodedHttpErrors } from './use-coded-http-errors';
import { useCors } from './use-cors';
import { useSchemaRoutes } from './use-schema-routes';
import { useIntrospectionSwitch } from '../graphql/use-introspection-switch';
import { usePersistedQueries } from '../graphql/persisted-queries/use-persisted-queries';

export interface AppDeps {
  store: GraphStore;
  config: Config;
  logger: Logger;
  /**
   * Extra plugins after the service's own (the benchmark adds its counters route this way). They see the
   * requests yoga answers, not those the listener answers itself (cache hits, the fast lane's runs).
   */
  plugins?: Plugin[];
  /** The cost limit's list bounds; by default computed from `store`. Tests that count a request's store calls pass bounds of their own. */
  bounds?: FanOutBounds;
  /** Where expensive queries execute when it is ready (src/execution-worker/); without it, on this thread. `store` must be its `feed`. */
  worker?: Pick<ExecutionWorker, 'execute'>;
}

/** The yoga app, with the response cache's look-up for the Node listener in front of it (`createServer` calls it). */
export type App = YogaServerInstance<Record<string, unknown>, GraphQLContext> & { readonly cacheFront: CacheFront };

/**
 * The HTTP application: GraphQL over HTTP at `/graphql` (GraphiQL for
 * browsers), `/healthz`, `/readyz`, `/export/…`, `/id/…` (linked data), behind API-key auth. A fetch handler and a Node request
 * listener at once; it never listens itself (see `main.ts`), so tests call it
 * in-process with `app.fetch`.
 */
export function createApp({ store, config, logger, plugins = [], bounds: givenBounds, worker }: AppDeps): App {
  const auth = useApiKeyAuth({ apiKeys: config.API_KEYS, allowAnonymousRead: config.ALLOW_ANONYMOUS_READ });
  // Read once: the release history is part of the seeds, not of the store (the same for every store).
  const releases = readReleaseHistory(config.SEEDS_DIR ?? findSeedsDir());
  const responseCache = useResponseCache({
    store,
    roleOf: (request) => auth.principalOf(request)?.role ?? 'anonymous',
    graphqlPath: '/graphql',
    settings: {
      maxBytes: config.HTTP_CACHE_MAX_BYTES,
      ttlMs: config.HTTP_CACHE_TTL_MS,
      cacheControl: config.HTTP_CACHE_CONTROL,
      compressMinBytes: config.HTTP_COMPRESS_MIN_BYTES,
      syncMs: config.HTTP_CACHE_SYNC_MS,
    },
  });
  // Resolvers write through this one: each write bumps the cache's generation.
  const cachedStore = responseCache.store;
  // The cost limit's list bounds, computed from the graph now and again after each write. Only a shared
  // store (Neo4j) can change without this process's writes, so only its bounds are recomputed by age.
  const boundsMaxAgeMs = store.kind === 'embedded' ? Infinity : undefined;
  const bounds = givenBounds ?? new FanOutBounds(store, relationSpecsOf(resolvers), config.MAX_PATH_HOPS, boundsMaxAgeMs);
  bounds.current().catch((error: unknown) => logger.warn('list bounds not computed yet', { error: String(error) }));
  const expensive = {
    cost: config.EXPENSIVE_COST,
    gate: new ExpensiveGate(config.MAX_CONCURRENT_EXPENSIVE, config.MAX_QUEUED_EXPENSIVE),
    worker,
    maxExecutionMs: config.MAX_EXECUTION_MS,
  };
  const schema = withTimeSlices(createSchema());
  const cors = useCors(config.CORS_ORIGINS);
  const rateLimit = useRateLimit(
    { anonymous: config.RATE_LIMIT_ANONYMOUS, keyed: config.RATE_LIMIT_KEYED, windowSeconds: config.RATE_LIMIT_WINDOW_S },
    auth.principalOf,
  );
  const contextFor = (principal: Principal) =>
    createContext(cachedStore, { MAX_PAGE_SIZE: config.MAX_PAGE_SIZE, MAX_PATH_HOPS: config.MAX_PATH_HOPS }, principal, releases);
  const fastLane = createFastLane({
    schema,
    bounds,
    limits: { maxCost: config.MAX_COST, expensiveCost: config.EXPENSIVE_COST, maxExecutionMs: config.MAX_EXECUTION_MS, maxResponseBytes: config.MAX_RESPONSE_BYTES },
    compiled: config.COMPILED_QUERIES > 0,
    contextFor,
    maxDocuments: config.HTTP_FAST_LANE_DOCUMENTS,
  });
  const cacheFront = createCacheFront({
    fastLane,
    cache: responseCache,
    graphqlPath: '/graphql',
    principalFromHeaders: auth.principalFromHeaders,
    admitAtEdge: rateLimit.admitAtEdge,
    addCorsHeaders: cors.addTo,
    logRequest: (line) => logRequestLine(logger, line),
  });
  const yoga = createYoga<Record<string, unknown>, GraphQLContext>({
    schema,
    graphqlEndpoint: '/graphql',
    // yoga's CORS reflects any origin with credentials; ours follows CORS_ORIGINS (use-cors.ts).
    cors: false,
    landingPage: false,
    graphiql: { title: 'wsis-graph', defaultQuery: EXAMPLE_QUERY, defaultTabs: GRAPHIQL_TABS },
    // GraphiQL bundled in the package, not fetched from a CDN: it works offline and behind strict firewalls.
    // Loaded on the first page view: the 9 MB bundle is 7 % of a cold start that serves only the API.
    renderGraphiQL: lazyGraphiQL(),
    // The service limits bodies itself (useBodyLimit for a declared length, createServer for chunked ones).
    // Yoga's own check pipes every body through a TransformStream whose finish builds a DOMException:
    // off, a lookup costs 209 instead of 474 µs of CPU (shared/reviews/performance.md §2).
    maxRequestBodySize: false,
    maskedErrors: { maskError },
    logging: {
      debug: (...args) => logger.debug(String(args[0]), { detail: args.slice(1).map(String) }),
      info: (...args) => logger.info(String(args[0])),
      warn: (...args) => logger.warn(String(args[0])),
      // Errors the caller caused (coded domain errors) are not the service's failures.
      error: (...args) =>
        isUserError(args[0])
          ? logger.debug(String(args[0]))
          : logger.error(String(args[0]), { detail: args.slice(1).map(String) }),
    },
    context: ({ request }) => contextFor(auth.principalOf(request)),
    plugins: [
      // Preflights first: a browser sends them without a key, and they must not count as requests.
      cors.preflight,
      // The response cap first among the response hooks, so that the log sees what is sent.
      useResponseCap(config.MAX_RESPONSE_BYTES, logger),
      useRequestLog(logger),
      useBodyLimit(config.MAX_BODY_BYTES),
      useHealthRoutes(store, { detailed: config.ALLOW_ANONYMOUS_READ, warmingUp: () => warmingUp(store, bounds) }),
      useWebRoutes(),
      auth.plugin,
      rateLimit.plugin,
      // Looks up only what no listener saw (app.fetch in process); over a socket, cacheFront did.
      responseCache.plugin,
      useExportRoutes(store, { maxHops: config.MAX_PATH_HOPS }, logger),
      useLinkedDataRoute(store, logger),
      useSchemaRoutes(schema, { allowIntrospection: config.ALLOW_INTROSPECTION }),
      usePersistedQueries(config.PERSISTED_QUERIES_MAX),
      ...useIntrospectionSwitch(config.ALLOW_INTROSPECTION),
      useQueryLimits(
        { maxDepth: config.MAX_DEPTH, maxCost: config.MAX_COST, maxAliases: config.MAX_ALIASES, maxTokens: config.MAX_TOKENS },
        bounds,
        expensive,
      ),
      useExecutionDeadline(config.MAX_EXECUTION_MS),
      // After the cost limit: it marks the expensive queries, which stay on graphql-js (abortable).
      useCompiledExecution(config.COMPILED_QUERIES),
      useErrorCodes(),
      useSlicedSerialisation({ sliceMs: TIME_SLICE_MS, maxBytes: config.MAX_RESPONSE_BYTES }, logger),
      // Learns the documents yoga answered, for the listener's fast lane (fast-lane/).
      fastLane.plugin,
      ...plugins,
      // After every route (the extra plugins' too): what none of them took is a 404 (or a 405 on /graphql), with a coded body.
      useCodedHttpErrors('/graphql'),
      // Last: the response cache and compression replace the response; CORS headers go on the final one.
      cors.headers,
    ],
  });
  // A property of the yoga instance (a Proxy over its request handler, which takes it).
  return Object.assign(yoga, { cacheFront });
}

/**
 * GraphiQL's page, imported on the first page view and rendered once: the options never change, and
 * the same 9 MB string each time lets its compressed forms be made once (cache/use-response-cache.ts).
 */
function lazyGraphiQL(): (options: GraphiQLOptions) => Promise<string> {
  let page: Promise<string> | undefined;
  return (options) => (page ??= import('@graphql-yoga/render-graphiql').then((m) => m.renderGraphiQL(options)));
}

/** What start-up is still building: the store's own (its word index), and the cost limit's first list bounds. */
function warmingUp(store: GraphStore, bounds: FanOutBounds): readonly string[] {
  const left = [...(store.warmingUp?.() ?? [])];
  if (!bounds.ready) {
    left.push('list bounds');
    // A first computation that failed (Neo4j down) is tried again by the next check: this is one.
    bounds.current().catch(() => undefined);
  }
  return left;
}

function isUserError(value: unknown): boolean {
  for (let current = value, depth = 0; current && depth < 5; depth++) {
    if (current instanceof DomainError) return true;
    current = (current as { originalError?: unknown }).originalError;
  }
  return false;
}

const EXAMPLE_QUERY = `# Who facilitates WSIS action line C2, and which SDG targets does the WSIS–SDG Matrix link it to?
{
  actionLine(code: "C2") {
    name
    facilitators { role entity { code name } }
    sdgTargets { code name }
  }
}
`;
