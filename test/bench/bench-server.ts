/**
 * The benchmark's service process: the real composition (config → embedded
 * store, or Neo4j with `STORE=neo4j` → app → listen, as `src/main.ts`) with two bench-only additions,
 * kept out of `src/`:
 *
 *  - the store is wrapped in a counting proxy, and `GET /__bench/stats`
 *    answers `{ requests, storeCalls, rss, memory }` (GraphQL requests and store calls
 *    since the last `?reset=1`, resident memory now), so the runner can report
 *    store calls per request;
 *  - `POST /__bench/profile?action=start|stop` starts and stops V8's CPU
 *    profiler in this process (stop writes `<BENCH_PROFILE_DIR>/<name>.cpuprofile`
 *    and answers its path), so a profile covers one workload under load and
 *    not the start-up;
 *  - with `BENCH_NAIVE=1` every request gets non-batching, non-caching loaders
 *    (`createNaiveLoaders`): the naive build of the same schema and resolvers;
 *  - with `BENCH_STORE_LATENCY_US` the store behaves as a remote one
 *    (`remote-graph-store.ts`): that idle wait per call, `BENCH_STORE_POOL`
 *    calls in flight (50), `BENCH_STORE_CPU_US` of CPU per call (0).
 *
 * Prints one JSON line `{"msg":"listening","url":...,"phases":{...}}` on stdout once ready
 * (`phases`: ms of its start-up steps, for the bench's cold-start split),
 * like `main.ts`; exits on SIGTERM (so a `--cpu-prof` profile gets written).
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Plugin } from 'graphql-yoga';
import { loadConfig } from '../../src/config';
import type { GraphQLContext } from '../../src/graphql/context';
import { ExecutionWorker } from '../../src/execution-worker/execution-worker';
import { createApp } from '../../src/http/create-app';
import { createServer, edgeLimitsOf } from '../../src/http/create-server';
import { createLogger } from '../../src/logger';
import { loadSeeds, type SeedLoadTimes } from '../../src/seeds/load-seeds';
import { EmbeddedGraphStore } from '../../src/store/embedded/embedded-graph-store';
import type { GraphStore } from '../../src/store/graph-store';
import { createCountingGraphStore } from './counting-graph-store';
import { createNaiveLoaders } from './create-naive-loaders';
import { createRemoteGraphStore } from './remote-graph-store';

async function main(): Promise<void> {
  // Milliseconds since the process started: node's own boot plus loading this module and the app's.
  const phases: Record<string, number> = { bootAndModulesMs: performance.now() };
  let at = performance.now();
  const lap = (name: string) => {
    phases[name] = performance.now() - at;
    at = performance.now();
  };
  const naive = process.env.BENCH_NAIVE === '1';
  // The naive build's loaders replace the context's in a yoga plugin, which the fast lane does not run.
  const config = naive ? { ...loadConfig(), HTTP_FAST_LANE_DOCUMENTS: 0 } : loadConfig();
  const logger = createLogger(config.LOG_LEVEL);
  lap('configMs');
  const counting = createCountingGraphStore(config.STORE === 'neo4j' ? await neo4jStore() : embeddedStore());
  // Imported only for STORE=neo4j, as src/store/create-graph-store.ts does: the driver and rxjs were part of
  // the cold-start phases' "loading the app's modules" although main.ts never loads them for the embedded store.
  async function neo4jStore(): Promise<GraphStore> {
    const { createNeo4jGraphStore } = await import('../../src/store/neo4j/create-neo4j-graph-store');
    return createNeo4jGraphStore(config);
  }
  // As createEmbeddedGraphStore without a journal, in two steps so that each is timed.
  function embeddedStore(): GraphStore {
    const seedTimes: SeedLoadTimes = { readMs: 0, hashMs: 0, parseMs: 0, validateMs: 0 };
    const seeds = loadSeeds(config.SEEDS_DIR, seedTimes);
    lap('seedsMs');
    Object.assign(phases, { seedsReadMs: seedTimes.readMs, seedsHashMs: seedTimes.hashMs, seedsParseMs: seedTimes.parseMs, seedsValidateMs: seedTimes.validateMs });
    const embedded = new EmbeddedGraphStore({
      nodes: seeds.nodeFiles.flatMap((file) => file.records),
      edges: seeds.edgeFiles.flatMap((file) => file.records),
      dataset: { version: seeds.version, builtAt: seeds.manifest.builtAt },
    });
    lap('storeMs');
    const latencyUs = Number(process.env.BENCH_STORE_LATENCY_US ?? 0);
    return latencyUs > 0
      ? createRemoteGraphStore(embedded, { latencyUs, pool: Number(process.env.BENCH_STORE_POOL ?? 50), cpuUs: Number(process.env.BENCH_STORE_CPU_US ?? 0) })
      : embedded;
  }
  let requests = 0;

  const benchPlugin: Plugin = {
    onRequest({ url, endResponse, fetchAPI }) {
      if (url.pathname === '/__bench/profile') {
        return profile(url.searchParams.get('action'), url.searchParams.get('name') ?? 'profile').then((file) =>
          endResponse(fetchAPI.Response.json({ file })),
        );
      }
      if (url.pathname !== '/__bench/stats') return;
      const memory = process.memoryUsage();
      const stats = { requests, storeCalls: counting.counts(), rss: memory.rss, memory };
      if (url.searchParams.get('reset') === '1') {
        requests = 0;
        counting.reset();
      }
      endResponse(fetchAPI.Response.json(stats));
    },
    // Runs after the app's own context factory, so these loaders replace the batching ones.
    onContextBuilding({ extendContext }) {
      if (!naive) return;
      const loaders: Pick<GraphQLContext, 'loaders'> = { loaders: createNaiveLoaders(counting.store) };
      extendContext(loaders as object);
    },
  };

  at = performance.now();
  // As main.ts: expensive queries in the execution worker, whose replica follows this store's writes. Not with a
  // simulated remote store or the naive loaders, which live only on this thread (their workloads are not expensive).
  const remote = Number(process.env.BENCH_STORE_LATENCY_US ?? 0) > 0;
  const worker = config.EXPENSIVE_IN_WORKER && !remote && !naive ? new ExecutionWorker({ config, store: counting.store, logger }) : undefined;
  const app = createApp({ store: worker?.feed(counting.store) ?? counting.store, config, logger, plugins: [benchPlugin], worker });
  const server = createServer(app, edgeLimitsOf(config));
  // Counted as they arrive: a cache hit is answered before yoga (and its plugins) sees it.
  server.on('request', (req: { url?: string }) => {
    if (req.url?.split('?', 1)[0] === '/graphql') requests++;
  });
  lap('appMs');
  server.listen(config.PORT, config.HOST, () => {
    lap('listenMs');
    const { port } = server.address() as AddressInfo;
    process.stdout.write(`${JSON.stringify({ msg: 'listening', url: `http://localhost:${port}/graphql`, naive, phases })}\n`);
  });
  process.on('SIGTERM', () => {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  });
}

// One inspector session for the process; the profiler samples every millisecond, as `--cpu-prof` does.
let session: Session | null = null;
function inspect<T>(method: string): Promise<T> {
  if (!session) {
    session = new Session();
    session.connect();
  }
  const open = session;
  return new Promise((resolve, reject) => open.post(method, (error, result) => (error ? reject(error) : resolve(result as T))));
}

async function profile(action: string | null, name: string): Promise<string | null> {
  if (action === 'start') {
    await inspect('Profiler.enable');
    await inspect('Profiler.start');
    return null;
  }
  const { profile: result } = await inspect<{ profile: object }>('Profiler.stop');
  const file = path.join(process.env.BENCH_PROFILE_DIR ?? process.cwd(), `${name.replace(/[^\w.-]/g, '_')}.cpuprofile`);
  writeFileSync(file, JSON.stringify(result));
  return file;
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
