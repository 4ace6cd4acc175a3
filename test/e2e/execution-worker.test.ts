import { readdirSync, readFileSync } from 'node:fs';
import type { Worker } from 'node:worker_threads';
import { WORKER_NICENESS } from '../../src/execution-worker/lower-thread-priority';
import { loadConfig } from '../../src/config';
import { ExecutionWorker, type ForwardedQuery } from '../../src/execution-worker/execution-worker';
import { createApp, type App } from '../../src/http/create-app';
import { createLogger } from '../../src/logger';
import { createEmbeddedGraphStore } from '../../src/store/embedded/create-embedded-graph-store';
import type { GraphNode } from '../../src/domain/graph-records';
import type { GraphStore } from '../../src/store/graph-store';

/**
 * Expensive queries executed by the execution worker (a real worker thread,
 * over a replica of the embedded store) answer exactly as the main thread
 * would, see every acknowledged write, and survive the worker's end.
 */
const EXPENSIVE = '{ sdgGoals(first: 17) { nodes { code name targets { code name } } } }';
const WITH_ERROR = '{ sdgGoals(first: 17) { nodes { code targets { code } } } overlap(a: "Entity:NOPE", b: "Entity:ITU") { jaccard } }';
// EXPENSIVE_COST 100: the queries above count as expensive; a lookup does not.
const ENV = { EXPENSIVE_COST: '100', RATE_LIMIT_ANONYMOUS: '0' };

interface Service {
  app: App;
  store: GraphStore;
  worker?: ExecutionWorker;
  /** Queries handed to the worker so far. */
  forwarded: number;
}

const services: Service[] = [];

function service(env: Record<string, string>, store: GraphStore = createEmbeddedGraphStore(), withWorker = true): Service {
  const config = loadConfig({ ...ENV, ...env });
  const logger = createLogger('silent');
  const worker = withWorker ? new ExecutionWorker({ config, store, logger, graceMs: 2000 }) : undefined;
  const made: Service = { app: undefined as unknown as App, store, worker, forwarded: 0 };
  const counted = worker && {
    execute: (query: ForwardedQuery) => {
      const answer = worker.execute(query);
      if (answer) made.forwarded++;
      return answer;
    },
  };
  made.app = createApp({ store: worker?.feed(store) ?? store, config, logger, worker: counted });
  services.push(made);
  return made;
}

async function ready(worker: ExecutionWorker | undefined): Promise<void> {
  worker?.start();
  for (let i = 0; i < 600 && !worker?.isReady; i++) await new Promise((resolve) => setTimeout(resolve, 50));
  if (!worker?.isReady) throw new Error('the execution worker did not get ready in 30 s');
}

async function post(app: App, query: string): Promise<{ status: number; text: string; type: string | null }> {
  const response = await app.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, text: await response.text(), type: response.headers.get('content-type') };
}

afterAll(async () => {
  await Promise.all(services.map((s) => s.worker?.close()));
});

describe('execution worker: expensive queries off the main thread', () => {
  it('answers an expensive query with the bytes, status and type the main thread would send', async () => {
    const inWorker = service({});
    const here = service({}, createEmbeddedGraphStore(), false);
    await ready(inWorker.worker);
    for (const query of [EXPENSIVE, WITH_ERROR]) {
      const [a, b] = [await post(inWorker.app, query), await post(here.app, query)];
      expect(a).toEqual(b);
    }
    expect(JSON.parse((await post(inWorker.app, WITH_ERROR)).text).errors[0]).toMatchObject({ path: ['overlap'], extensions: { code: 'NOT_FOUND' } });
    expect(inWorker.forwarded).toBe(3);
    // A cheap lookup stays on the main thread.
    expect((await post(inWorker.app, '{ actionLine(code: "C2") { code } }')).status).toBe(200);
    expect(inWorker.forwarded).toBe(3);
  }, 60_000);

  (process.platform === 'linux' ? it : it.skip)('runs at a lower priority than the main thread, which then wins the CPU when both want it', async () => {
    const nicenesses = () =>
      readdirSync('/proc/self/task').map((tid) => {
        const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
        // Field 19 of stat(5); the fields after the command name (which may hold spaces) start at field 3.
        return { tid: Number(tid), nice: Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19 - 3]) };
      });
    const before = nicenesses();
    const { worker } = service({});
    await ready(worker);
    const lowered = nicenesses().filter((thread) => thread.nice === WORKER_NICENESS && !before.some((old) => old.tid === thread.tid));
    expect(lowered.length).toBeGreaterThan(0);
    expect(nicenesses().find((thread) => thread.tid === process.pid)!.nice).toBe(before.find((thread) => thread.tid === process.pid)!.nice);
  });

  it('starts at the first expensive query, which runs on the main thread meanwhile', async () => {
    const s = service({});
    expect(s.worker!.isReady).toBe(false);
    const first = await post(s.app, EXPENSIVE);
    expect([first.status, s.forwarded]).toEqual([200, 0]);
    for (let i = 0; i < 600 && !s.worker!.isReady; i++) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await post(s.app, EXPENSIVE)).toEqual(first);
    expect(s.forwarded).toBe(1);
  }, 60_000);

  it('lets the response cache keep its answers without errors, never those with', async () => {
    const s = service({});
    await ready(s.worker);
    for (let i = 0; i < 4; i++) await post(s.app, WITH_ERROR);
    expect(s.forwarded).toBe(4);
    for (let i = 0; i < 4; i++) await post(s.app, EXPENSIVE);
    // Stored at its second answer (the doorkeeper), served from the cache after that.
    expect(s.forwarded).toBe(6);
  }, 60_000);

  it('sees every write acknowledged before the query, made before or after it started', async () => {
    const store = createEmbeddedGraphStore();
    const itu = (await store.getNodes(['Entity:ITU']))[0]!;
    await store.applyWrites([{ op: 'updateNode', node: { ...itu, name: { ...itu.name, en: 'Before the worker' } } as GraphNode }]);
    const s = service({}, store);
    const read = '{ entity(code: "ITU") { name facilitates { actionLine { code } } } sdgGoals(first: 17) { nodes { code targets { code } } } }';
    await ready(s.worker);
    expect((await post(s.app, read)).text).toContain('"name":"Before the worker"');
    const fed = s.worker!.feed(store);
    await fed.applyWrites([{ op: 'updateNode', node: { ...itu, name: { ...itu.name, en: 'After it started' } } as GraphNode }]);
    const answer = await post(s.app, read);
    expect(answer.text).toContain('"name":"After it started"');
    expect(s.forwarded).toBe(2);
    const here = service({}, store, false);
    expect(await post(here.app, read)).toEqual(answer);
  }, 60_000);

  it('answers EXECUTION_FAILED when the worker ends mid-query, and a new worker serves the next one', async () => {
    const s = service({});
    await ready(s.worker);
    const pending = post(s.app, EXPENSIVE);
    // Ends the thread as running out of memory would (the private field: no API ends a worker on purpose).
    await new Promise((resolve) => setImmediate(resolve));
    await (s.worker as unknown as { worker: Worker }).worker.terminate();
    const lost = await pending;
    expect(lost.status).toBe(503);
    expect(JSON.parse(lost.text).errors[0].extensions.code).toBe('EXECUTION_FAILED');
    await ready(s.worker);
    const again = await post(s.app, EXPENSIVE);
    expect(again.status).toBe(200);
    expect(JSON.parse(again.text).data.sdgGoals.nodes).toHaveLength(17);
  }, 60_000);

  it("aborts a query past MAX_EXECUTION_MS with the deadline's own error", async () => {
    const s = service({ MAX_EXECUTION_MS: '10' });
    await ready(s.worker);
    const heavy = `{ ${Array.from({ length: 10 }, (_, i) => `t${i}: sdgTargets(first: 169) { nodes { code names { text } goal { names { text } } indicators { names { text } } } }`).join(' ')} }`;
    const answer = await post(s.app, heavy);
    expect(JSON.parse(answer.text)).toEqual({ errors: [{ message: 'The query did not finish within 10 ms.', extensions: { code: 'EXECUTION_TIMEOUT', max: 10 } }] });
    expect(s.forwarded).toBe(1);
  }, 60_000);
});
