/**
 * The execution worker's thread (started by `execution-worker.ts`, never run
 * directly): the same app as the main thread's, over its own store — a
 * replica of the embedded store that follows the main thread's audit log, or
 * its own driver to Neo4j — answering the expensive queries it is handed.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Plugin } from 'graphql-yoga';
import type { Config } from '../config';
import { factsOf } from '../graphql/request-facts';
import { createApp } from '../http/create-app';
import { createLogger, type LogLevel } from '../logger';
import { createGraphStore } from '../store/create-graph-store';
import { createEmbeddedGraphStore } from '../store/embedded/create-embedded-graph-store';
import type { AuditEntry, GraphStore } from '../store/graph-store';
import { lowerThreadPriority, WORKER_NICENESS } from './lower-thread-priority';
import type { FromWorker, ToWorker, WorkerStart } from './worker-messages';

const port = parentPort;
if (!port) throw new Error('execution-worker-thread.ts runs as a worker thread (see execution-worker.ts)');
const start = workerData as WorkerStart;

/**
 * The main thread's limits, less those it has already applied: the rate limit, the cost limit and
 * the response cache (it decided this query is expensive and sends it here; its own cache stores the
 * answer). Every query here is sliced (EXPENSIVE_COST 1), so that the deadline's timer can fire.
 */
function workerConfigOf(config: Config): Config {
  return {
    ...config,
    RATE_LIMIT_ANONYMOUS: 0,
    RATE_LIMIT_KEYED: 0,
    MAX_COST: 100_000_000,
    EXPENSIVE_COST: 1,
    MAX_QUEUED_EXPENSIVE: 100_000,
    HTTP_CACHE_MAX_BYTES: 0,
    HTTP_CACHE_SYNC_MS: 0,
    PERSISTED_QUERIES_MAX: 0,
    EXPENSIVE_IN_WORKER: false,
    // The main thread logs the request; the worker only what goes wrong.
    LOG_LEVEL: quieter(config.LOG_LEVEL),
  };
}

function quieter(level: LogLevel): LogLevel {
  return level === 'debug' || level === 'info' ? 'warn' : level;
}

/** The header naming a forwarded query, by which its answer's facts are found again (yoga makes its own Request). */
const QUERY_ID = 'x-execution-worker-query';

// What the main thread needs besides the answer: whether it carries errors (its response cache stores
// only answers without) and its first error code (for the request log).
const factsById = new Map<string, { hasErrors: boolean; errorCode?: string }>();
const noteFactsById: Plugin = {
  onExecutionResult({ request, result }) {
    const id = request.headers.get(QUERY_ID);
    if (id === null) return;
    const hasErrors = Boolean(result && !Array.isArray(result) && 'errors' in result && result.errors?.length);
    factsById.set(id, { hasErrors, errorCode: factsOf(request).errorCode });
  },
  onResponse({ request }) {
    const id = request.headers.get(QUERY_ID);
    if (id === null) return;
    const facts = factsById.get(id) ?? { hasErrors: false };
    facts.errorCode ??= factsOf(request).errorCode;
    factsById.set(id, facts);
  },
};

async function main(): Promise<void> {
  // First: the replica's build is expensive work too, and the main thread is answering meanwhile.
  lowerThreadPriority(WORKER_NICENESS);
  const config = workerConfigOf(start.config);
  const logger = createLogger(config.LOG_LEVEL, config.LOG_FORMAT);
  let store: GraphStore;
  let follow: ((entries: AuditEntry[]) => void) | null = null;
  // Entries that came before `caught-up`: the feed's first pages and live writes may arrive interleaved.
  let early: AuditEntry[] | null = [];
  if (start.follows) {
    // Memory only: the writes come from the main thread's audit log, which its journal made durable.
    const replica = createEmbeddedGraphStore({ seedsDir: config.SEEDS_DIR });
    follow = (entries) => replica.follow(entries);
    store = replica;
  } else {
    store = await createGraphStore(config, logger);
  }
  const app = createApp({ store, config, logger, plugins: [noteFactsById] });

  const post = (message: FromWorker, transfer: ArrayBuffer[] = []) => port!.postMessage(message, transfer);
  const answer = async (id: number, headers: [string, string][], body: string): Promise<void> => {
    try {
      const response = await app.fetch('http://execution-worker/graphql', { method: 'POST', headers: [...headers, [QUERY_ID, String(id)]], body });
      const bytes = new Uint8Array(await response.arrayBuffer());
      const facts = factsById.get(String(id)) ?? { hasErrors: response.status !== 200 };
      factsById.delete(String(id));
      post({ type: 'answer', id, status: response.status, body: bytes, hasErrors: facts.hasErrors, errorCode: facts.errorCode }, [bytes.buffer as ArrayBuffer]);
    } catch (error) {
      post({ type: 'failed', id, message: String(error) });
    }
  };
  port!.on('message', (message: ToWorker) => {
    switch (message.type) {
      case 'entries':
        if (early) early.push(...message.entries);
        else follow?.(message.entries); // a gap throws: the thread ends and the main thread starts another
        return;
      case 'caught-up':
        if (early) follow?.(early.sort((a, b) => a.seq - b.seq));
        early = null;
        post({ type: 'ready' });
        return;
      case 'execute':
        void answer(message.id, message.headers, message.body);
        return;
    }
  });
  if (!start.follows) {
    early = null;
    post({ type: 'ready' });
  }
}

main().catch((error: unknown) => {
  // Thrown outside the promise, it ends the thread with an 'error' event: the main thread logs it and starts another.
  setImmediate(() => {
    throw error;
  });
});
