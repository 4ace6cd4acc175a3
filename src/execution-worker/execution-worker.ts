import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Config } from '../config';
import type { Logger } from '../logger';
import type { AuditEntry, GraphStore, WriteResult } from '../store/graph-store';
import type { FromWorker, ToWorker, WorkerStart } from './worker-messages';

/** A GraphQL request as the worker gets it: the headers that decide its answer and a JSON body. */
export interface ForwardedQuery {
  headers: [string, string][];
  body: string;
}

/** The worker's HTTP answer to a forwarded query, to be sent as it is. */
export interface WorkerAnswer {
  status: number;
  body: Buffer;
  /** The answer carries GraphQL errors (the response cache stores only answers without). */
  hasErrors: boolean;
  /** Its first error code, for the request log. */
  errorCode?: string;
}

/** Why a forwarded query has no answer: the worker ended (out of memory, a crash) or overran its deadline and was stopped. */
export class WorkerLostError extends Error {
  constructor(
    message: string,
    readonly reason: 'exited' | 'timeout' | 'failed',
  ) {
    super(message);
  }
}

export interface ExecutionWorkerOptions {
  config: Config;
  /** The store the writes go to. With the embedded one, the worker's replica follows its audit log. */
  store: GraphStore;
  logger: Logger;
  /** How long past MAX_EXECUTION_MS an answer is awaited before the worker is stopped and replaced (the worker's own deadline answers first). */
  graceMs?: number;
}

const WORKER_STARTS_PER_MINUTE = 3;
const AUDIT_PAGE = 1000;

/**
 * Executes expensive queries in a worker thread, beside the main one.
 *
 * A worker has its own V8 heap and event loop: a query that builds a
 * million-value answer there allocates, collects and serialises without
 * pausing the main thread, where `/healthz` and cheap lookups are answered
 * (in-process, their p99 under ten such clients was 150–270 ms, most of it
 * garbage collection of the expensive answers; see src/execution-worker/README.md).
 * The worker runs the same app (`createApp`) over its own store:
 *
 * - **embedded**: a replica built from the same seeds, which then applies the
 *   main store's audit log — all of it at start, then each batch as the main
 *   store acknowledges it (`feed`). Batches and queries travel on one message
 *   port, in order, so a query sees every write acknowledged before it was
 *   sent.
 * - **neo4j**: its own driver to the same database; nothing to follow.
 *
 * The worker starts at the first expensive query (or `start()`); `execute`
 * answers null until it is ready (that first time, or a restart after it
 * ended): the caller then executes the query itself, as without a worker. A worker that ends (out of memory, say) or overruns the deadline
 * by `graceMs` is replaced; the requests it held get `WorkerLostError`. Past
 * three starts a minute it is not started again (logged) and every query
 * runs on the main thread.
 */
export class ExecutionWorker {
  private worker: Worker | null = null;
  private ready = false;
  private closed = false;
  private disabled = false;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (answer: WorkerAnswer) => void; reject: (error: Error) => void; timer: NodeJS.Timeout }>();
  private readonly starts: number[] = [];
  private readonly follows: boolean;
  private readonly answerWithinMs: number;

  constructor(private readonly options: ExecutionWorkerOptions) {
    this.follows = options.store.kind === 'embedded';
    this.answerWithinMs = options.config.MAX_EXECUTION_MS + (options.graceMs ?? 5000);
  }

  /**
   * Starts the worker now rather than at the first expensive query (`execute` starts it then): its
   * replica is a second copy of the graph in memory (at ×1 about 90 MB), which a service that is
   * never sent an expensive query need not hold.
   */
  start(): void {
    if (!this.worker && !this.closed && !this.disabled) this.spawn();
  }

  /**
   * `store` with each acknowledged write passed on to the worker's replica (the store itself when
   * there is none to feed): the app must write through this one.
   */
  feed(store: GraphStore): GraphStore {
    if (!this.follows) return store;
    const send = (result: WriteResult) => this.post({ type: 'entries', entries: [result.audit] });
    return new Proxy(store, {
      get: (target, property, receiver) => {
        if (property === 'applyWrites') {
          return async (...args: Parameters<GraphStore['applyWrites']>) => {
            const result = await target.applyWrites(...args);
            send(result);
            return result;
          };
        }
        if (property === 'writeWith') {
          return async (...args: Parameters<GraphStore['writeWith']>) => {
            const result = await target.writeWith(...args);
            send(result.written);
            return result;
          };
        }
        const value = Reflect.get(target, property, receiver) as unknown;
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  }

  /** The worker's answer to `query`; null when no worker is ready, and the caller executes it itself. */
  execute(query: ForwardedQuery): Promise<WorkerAnswer> | null {
    const worker = this.worker;
    if (!worker || !this.ready) {
      this.start();
      return null;
    }
    const id = this.nextId++;
    return new Promise<WorkerAnswer>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.settle(id)?.reject(new WorkerLostError(`No answer within ${this.answerWithinMs} ms.`, 'timeout'));
        this.options.logger.warn('execution worker overran the deadline; replacing it', { ms: this.answerWithinMs });
        void worker.terminate();
      }, this.answerWithinMs);
      this.pending.set(id, { resolve, reject, timer });
      this.post({ type: 'execute', id, headers: query.headers, body: query.body });
    });
  }

  /** Whether a worker is ready to take queries (for tests and the health detail). */
  get isReady(): boolean {
    return this.ready;
  }

  async close(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    this.worker = null;
    this.ready = false;
    for (const id of [...this.pending.keys()]) this.settle(id)?.reject(new WorkerLostError('The service is stopping.', 'exited'));
    await worker?.terminate();
  }

  private spawn(): void {
    const now = Date.now();
    this.starts.push(now);
    while (this.starts.length > 0 && this.starts[0]! < now - 60_000) this.starts.shift();
    if (this.starts.length > WORKER_STARTS_PER_MINUTE) {
      this.disabled = true;
      this.options.logger.error('execution worker ended too often; expensive queries now execute on the main thread', {
        starts: this.starts.length,
      });
      return;
    }
    const start: WorkerStart = { config: this.options.config, follows: this.follows };
    const worker = new Worker(ENTRY, { workerData: start, execArgv: EXEC_ARGV });
    this.worker = worker;
    this.ready = false;
    worker.on('message', (message: FromWorker) => this.onMessage(worker, message));
    worker.on('error', (error) => this.options.logger.error('execution worker failed', { error: String(error) }));
    worker.on('exit', (code) => this.onExit(worker, code));
    if (this.follows) {
      this.catchUp(worker).catch((error: unknown) => {
        this.options.logger.error('execution worker could not read the audit log; replacing it', { error: String(error) });
        void worker.terminate();
      });
    }
  }

  // Every batch acknowledged so far, in pages; the feed already passes on the ones that come after.
  private async catchUp(worker: Worker): Promise<void> {
    let afterSeq: number | undefined;
    for (;;) {
      const page = await this.options.store.listAudit({ first: AUDIT_PAGE, afterSeq });
      if (this.worker !== worker) return;
      if (page.entries.length > 0) this.post({ type: 'entries', entries: page.entries as AuditEntry[] });
      if (!page.hasNextPage || page.entries.length === 0) break;
      afterSeq = page.entries[page.entries.length - 1]!.seq;
    }
    this.post({ type: 'caught-up' });
  }

  private onMessage(worker: Worker, message: FromWorker): void {
    if (worker !== this.worker) return;
    switch (message.type) {
      case 'ready':
        this.ready = true;
        this.options.logger.info('execution worker ready', { store: this.options.store.kind });
        return;
      case 'answer': {
        const body = Buffer.from(message.body.buffer, message.body.byteOffset, message.body.byteLength);
        this.settle(message.id)?.resolve({ status: message.status, body, hasErrors: message.hasErrors, errorCode: message.errorCode });
        return;
      }
      case 'failed':
        this.options.logger.error('execution worker could not answer', { error: message.message });
        this.settle(message.id)?.reject(new WorkerLostError(message.message, 'failed'));
        return;
    }
  }

  private onExit(worker: Worker, code: number): void {
    if (worker !== this.worker) return;
    this.worker = null;
    this.ready = false;
    for (const id of [...this.pending.keys()]) this.settle(id)?.reject(new WorkerLostError(`The execution worker ended (exit code ${code}).`, 'exited'));
    if (this.closed || this.disabled) return;
    this.options.logger.warn('execution worker ended; starting another', { code });
    this.spawn();
  }

  private settle(id: number) {
    const waiting = this.pending.get(id);
    if (!waiting) return undefined;
    this.pending.delete(id);
    clearTimeout(waiting.timer);
    return waiting;
  }

  private post(message: ToWorker): void {
    this.worker?.postMessage(message);
  }
}

/** The worker's entry beside this file: compiled JavaScript, or TypeScript through tsx (tests, `npm run dev`). */
const ENTRY = path.join(__dirname, `execution-worker-thread${path.extname(__filename)}`);
const EXEC_ARGV = path.extname(__filename) === '.ts' ? ['--require', require.resolve('tsx/cjs')] : [];

/** The request headers that decide a query's answer: the rest (cookies, encodings, CORS) are the main thread's. */
const FORWARDED_HEADERS = ['accept', 'authorization', 'x-api-key'];

/** `request`'s GraphQL parameters as the worker is sent them (the query text as given: error locations point into it). */
export function forwardedQueryOf(request: Request, params: { query?: string; variables?: unknown; operationName?: string | null }): ForwardedQuery {
  const headers: [string, string][] = [['content-type', 'application/json']];
  for (const name of FORWARDED_HEADERS) {
    const value = request.headers.get(name);
    if (value !== null) headers.push([name, value]);
  }
  const body = JSON.stringify({ query: params.query, variables: params.variables ?? undefined, operationName: params.operationName ?? undefined });
  return { headers, body };
}
