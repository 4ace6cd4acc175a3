import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The fairness workloads: the most expensive requests the default limits let
 * through, and a cheap lookup measured while copies of one of them run. Kept
 * apart from `workloads.ts` (the throughput table) because they measure the
 * limits, not the service's speed; `run-bench.ts` reports them in their own
 * table, `fairness.ts` runs them alone (with a profile of what holds the
 * event loop), and `test/e2e/query-limits.test.ts` checks that the
 * expensive one is allowed and finishes within the execution deadline.
 */

/**
 * Fifteen aliases of every SDG target with its goal, indicators and action
 * lines: estimated at 96,345 (1.35 MB answer). Lists of distinct nodes are
 * where the estimate is closest to the real answer (about 4×; walks that
 * revisit nodes and analytics are estimated at 15–60× their size). The
 * default MAX_COST (2,000,000) is set by the explorer's largest matrix query
 * (about 1.8 million), so larger answers than this one are allowed: the
 * deadline, the expensive-query gate and the response cap bound those.
 */
export const EXPENSIVE_QUERY = everyTarget(15, 'code name goal { code } indicators { code name } actionLines { code name }');

// Every name (all languages) of every SDG target, its goal, indicators and action lines: the
// heaviest selection per target found within MAX_COST at MAX_ALIASES (see EXPENSIVE_REQUESTS).
const EVERY_NAME = 'code name names { lang text } goal { code name names { lang text } } indicators { code name names { lang text } } actionLines { code name names { lang text } }';

/** A request the limits let through, for the fairness measurement. */
export interface ExpensiveRequest {
  name: string;
  title: string;
  query: string;
  /** The coded error it is expected to end with, when it is let run but not answered. */
  refusedWith?: string;
}

/**
 * The most expensive requests of each kind under the default limits (the
 * estimates from the cost limit, the sizes measured on the seeds):
 *
 * - `targets15`: EXPENSIVE_QUERY (estimate 96,345; 1.35 MB);
 * - `largest answer`: 9 aliases of EVERY_NAME (estimate about 415,000;
 *   7.6 MB in UTF-8, under MAX_RESPONSE_BYTES, 8 MiB);
 * - `names under the gate`: every name's text of every target, 20 aliases
 *   (estimate 43,960, under EXPENSIVE_COST: the cost counts values, not
 *   their length; 4.3 million characters), and `names over the cap`, 30
 *   aliases (65,940; over MAX_RESPONSE_BYTES);
 * - `over the cap`: 30 aliases (MAX_ALIASES) of EVERY_NAME: estimate
 *   1,384,140, under MAX_COST, so it is let run; its answer would be about 25 MB,
 *   so it ends as RESPONSE_TOO_LARGE (or EXECUTION_TIMEOUT when slower than
 *   the deadline): the most work a request can make the service do and waste.
 */
export const EXPENSIVE_REQUESTS: readonly ExpensiveRequest[] = [
  { name: 'targets15', title: '15 aliases of every SDG target with goal, indicators, action lines', query: EXPENSIVE_QUERY },
  { name: 'largest answer', title: '9 aliases of every SDG target with every name of it and of its goal, indicators, action lines', query: everyTarget(9, EVERY_NAME) },
  // The cost counts values, not their length: every name of every target, 20 aliases, is estimated at
  // 43,960 (under EXPENSIVE_COST, so neither queued nor sliced) for a 4.3-million-character answer.
  { name: 'names under the gate', title: '20 aliases of every SDG target with every name (text only)', query: everyTarget(20, 'names { text }') },
  {
    name: 'names over the cap',
    title: 'the same, 30 aliases (MAX_ALIASES): estimate 65,940, its answer over MAX_RESPONSE_BYTES',
    query: everyTarget(30, 'names { text }'),
    refusedWith: 'RESPONSE_TOO_LARGE',
  },
  {
    name: 'over the cap',
    title: 'the same, 30 aliases (MAX_ALIASES): within MAX_COST, its answer over MAX_RESPONSE_BYTES',
    query: everyTarget(30, EVERY_NAME),
    refusedWith: 'RESPONSE_TOO_LARGE',
  },
];

/** A cheap lookup by code, as a client looking one node up sends it. */
export const CHEAP_QUERY = '{ actionLine(code: "C7.e-health") { code name parent { code } } }';

/** How many clients send the expensive request at once in the fairness measurement (the figure). */
export const EXPENSIVE_CLIENTS = 10;

/** What the fairness measurement found for one expensive request; all latencies in milliseconds. */
export interface FairnessOfRequest {
  name: string;
  title: string;
  /** The expensive request alone, one at a time: its latency, answer size and how it ended. */
  expensiveAlone: { p50: number; max: number; bytes: number; runs: number; codes: Record<string, number> };
  /** The cheap lookup alone, one connection. */
  cheapAlone: { p50: number; p99: number; requests: number };
  /** The cheap lookup while EXPENSIVE_CLIENTS clients send the expensive request back to back. */
  cheapUnderLoad: { p50: number; p99: number; max: number; requests: number; failures: number };
  /** The expensive requests of that period: how each ended (`answered` or its code), and their latency. */
  expensiveUnderLoad: { ended: Record<string, number>; p50: number; max: number };
  /** `/healthz`, probed every 10 ms from a process of its own during that period. */
  healthz: { count: number; failures: number; p50: number; p99: number; max: number };
}

export interface FairnessResult {
  seconds: number;
  clients: number;
  requests: FairnessOfRequest[];
}

/**
 * The fairness check, for each of EXPENSIVE_REQUESTS:
 * EXPENSIVE_CLIENTS clients each send it back to back for `seconds`, while
 * one client sends CHEAP_QUERY back to back and a prober in its own process
 * (`probe-healthz.js`) asks `/healthz` every 10 ms. Every request's text is
 * new (a counter in a comment), so each one is parsed, validated and
 * executed: the HTTP response cache would otherwise answer the copies, which
 * is not what an attacker varying the request gets. Plain fetch loops (not
 * autocannon): the expensive answers are megabytes.
 */
export async function measureFairness(graphqlUrl: string, seconds = 10, requests: readonly ExpensiveRequest[] = EXPENSIVE_REQUESTS): Promise<FairnessResult> {
  const results: FairnessOfRequest[] = [];
  for (const request of requests) results.push(await measureOne(graphqlUrl, request, seconds));
  return { seconds, clients: EXPENSIVE_CLIENTS, requests: results };
}

async function measureOne(graphqlUrl: string, request: ExpensiveRequest, seconds: number): Promise<FairnessOfRequest> {
  // New text for every request, across runs too (a server that already answered "# 1" would answer it from its cache).
  const run = `${process.pid}-${Date.now().toString(36)}`;
  let n = 0;
  const send = async (query: string) => {
    const started = performance.now();
    const response = await fetch(graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `${query}\n# ${run}-${++n}` }),
    });
    const text = await response.text();
    return { ms: performance.now() - started, status: response.status, text, code: codeOf(text) };
  };
  const expected = new Set(['answered', request.refusedWith ?? 'answered', 'EXECUTION_TIMEOUT']);

  const alone: number[] = [];
  const aloneCodes: Record<string, number> = {};
  let bytes = 0;
  for (let i = 0; i < 5; i++) {
    const answer = await send(request.query);
    const ended = answer.code ?? 'answered';
    if (!expected.has(ended)) throw new Error(`the expensive request "${request.name}" failed alone: ${answer.text.slice(0, 300)}`);
    aloneCodes[ended] = (aloneCodes[ended] ?? 0) + 1;
    alone.push(answer.ms);
    bytes = Math.max(bytes, answer.text.length);
  }
  const cheapAloneTimes: number[] = [];
  for (const end = performance.now() + 2000; performance.now() < end; ) cheapAloneTimes.push((await send(CHEAP_QUERY)).ms);

  const prober = probeHealthz(graphqlUrl.replace(/\/graphql$/, '/healthz'));
  const end = performance.now() + seconds * 1000;
  const cheap: number[] = [];
  let cheapFailures = 0;
  const expensive: number[] = [];
  const ended: Record<string, number> = {};
  await Promise.all([
    ...Array.from({ length: EXPENSIVE_CLIENTS }, async () => {
      while (performance.now() < end) {
        const answer = await send(request.query);
        const code = answer.code ?? 'answered';
        ended[code] = (ended[code] ?? 0) + 1;
        if (code === 'SERVER_BUSY' || code === 'RATE_LIMITED') {
          await new Promise((resolve) => setTimeout(resolve, 200)); // as a client honouring Retry-After would, roughly
        } else expensive.push(answer.ms);
      }
    }),
    (async () => {
      await new Promise((resolve) => setTimeout(resolve, 500)); // let the expensive clients start
      while (performance.now() < end) {
        const answer = await send(CHEAP_QUERY);
        if (answer.status !== 200 || answer.code) cheapFailures++;
        else cheap.push(answer.ms);
      }
    })(),
  ]);
  const healthz = await prober.stop();
  return {
    name: request.name,
    title: request.title,
    expensiveAlone: { p50: at(alone, 0.5), max: Math.max(...alone), bytes, runs: alone.length, codes: aloneCodes },
    cheapAlone: { p50: at(cheapAloneTimes, 0.5), p99: at(cheapAloneTimes, 0.99), requests: cheapAloneTimes.length },
    cheapUnderLoad: { p50: at(cheap, 0.5), p99: at(cheap, 0.99), max: cheap.length ? Math.max(...cheap) : NaN, requests: cheap.length, failures: cheapFailures },
    expensiveUnderLoad: { ended, p50: at(expensive, 0.5), max: expensive.length ? Math.max(...expensive) : NaN },
    healthz,
  };
}

/** The fairness table of the bench report. */
export function fairnessMarkdown(f: FairnessResult): string {
  const ms = (value: number) => (Number.isFinite(value) ? `${value.toFixed(1)} ms` : 'n/a');
  const endings = (counts: Record<string, number>) =>
    Object.entries(counts)
      .map(([code, n]) => `${n} ${code}`)
      .join(', ');
  const worstCheap = Math.max(...f.requests.map((r) => r.cheapUnderLoad.p99));
  const worstHealthz = Math.max(...f.requests.map((r) => r.healthz.max));
  return [
    `## Fairness: ${f.clients} clients sending the most expensive allowed requests`,
    '',
    `Each expensive request (\`EXPENSIVE_REQUESTS\` in test/bench/expensive-workloads.ts) alone, 5 runs; then for ${f.seconds} s ${f.clients} clients sending it back to back, one client sending a cheap lookup back to back and a prober asking \`/healthz\` every 10 ms from its own process. Every request's text is new, so none is answered from the cache.`,
    '',
    '| expensive request | alone p50 · max | answer | under load: expensive p50 · max, how they ended | cheap lookup alone p50 · p99 | cheap lookup under load p50 · p99 · max | `/healthz` under load p99 · max |',
    '|---|---:|---:|---|---:|---:|---:|',
    ...f.requests.map(
      (r) =>
        `| ${r.name}: ${r.title} | ${ms(r.expensiveAlone.p50)} · ${ms(r.expensiveAlone.max)} | ${(r.expensiveAlone.bytes / 1e6).toFixed(2)} MB (${endings(r.expensiveAlone.codes)}) | ${ms(r.expensiveUnderLoad.p50)} · ${ms(r.expensiveUnderLoad.max)}; ${endings(r.expensiveUnderLoad.ended)} | ${ms(r.cheapAlone.p50)} · ${ms(r.cheapAlone.p99)} | ${ms(r.cheapUnderLoad.p50)} · ${ms(r.cheapUnderLoad.p99)} · ${ms(r.cheapUnderLoad.max)} (${r.cheapUnderLoad.requests}, ${r.cheapUnderLoad.failures} failed) | ${ms(r.healthz.p99)} · ${ms(r.healthz.max)} (${r.healthz.count}, ${r.healthz.failures} failed) |`,
    ),
    '',
    `Targets: cheap lookup p99 < 100 ms under ${f.clients} expensive clients — ${worstCheap < 100 ? 'met' : 'missed'} (worst ${ms(worstCheap)}); \`/healthz\` within 100 ms — ${worstHealthz < 100 ? 'met' : 'missed'} (worst ${ms(worstHealthz)}).`,
  ].join('\n');
}

function everyTarget(aliases: number, selection: string): string {
  return `{ ${Array.from({ length: aliases }, (_, i) => `t${i}: sdgTargets(first: 500) { nodes { ${selection} } }`).join(' ')} }`;
}

function codeOf(text: string): string | null {
  try {
    return (JSON.parse(text) as { errors?: { extensions?: { code?: string } }[] }).errors?.[0]?.extensions?.code ?? null;
  } catch {
    return 'NOT_JSON';
  }
}

function at(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}

/** Starts probe-healthz.js (compiled beside this module) on `url`; `stop()` ends it and resolves with its figures. */
function probeHealthz(url: string): { stop(): Promise<FairnessOfRequest['healthz']> } {
  const script = path.join(__dirname, 'probe-healthz.js');
  if (!existsSync(script)) throw new Error(`${script} is missing: run the compiled bench (npm run build)`);
  const child = spawn(process.execPath, [script, url, '10'], { stdio: ['pipe', 'pipe', 'inherit'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    async stop() {
      child.stdin.end();
      await exited;
      return JSON.parse(output) as FairnessOfRequest['healthz'];
    },
  };
}
