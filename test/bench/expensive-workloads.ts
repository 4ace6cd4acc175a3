/**
 * The fairness workloads: the most expensive request the default limits let
 * through, and a cheap lookup measured while copies of it run. Kept apart
 * from `workloads.ts` (the throughput table) because they measure the
 * limits, not the service's speed; `run-bench.ts` reports them in their own
 * table, and `test/e2e/query-limits.test.ts` checks that the expensive one is
 * allowed and finishes within the execution deadline.
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
export const EXPENSIVE_QUERY = `{ ${Array.from(
  { length: 15 },
  (_, i) => `t${i}: sdgTargets(first: 500) { nodes { code name goal { code } indicators { code name } actionLines { code name } } }`,
).join(' ')} }`;

/** A cheap lookup by code, as a client looking one node up sends it. */
export const CHEAP_QUERY = '{ actionLine(code: "C7.e-health") { code name parent { code } } }';

/** How many clients send the expensive request at once in the fairness measurement (the figure). */
export const EXPENSIVE_CLIENTS = 10;

/** What the fairness measurement found; all latencies in milliseconds. */
export interface FairnessResult {
  /** The expensive request alone, one at a time: its latency and answer size. */
  expensiveAlone: { p50: number; max: number; bytes: number; runs: number };
  /** The cheap lookup alone, one connection. */
  cheapAlone: { p50: number; p99: number; requests: number };
  /** The cheap lookup while EXPENSIVE_CLIENTS clients send the expensive request back to back. */
  cheapUnderLoad: { p50: number; p99: number; max: number; requests: number; failures: number };
  /** The expensive requests of that period: answered, refused (SERVER_BUSY or other codes), latency. */
  expensiveUnderLoad: { answered: number; refused: Record<string, number>; p50: number; max: number };
  /** The worst `/healthz` latency seen during that period. */
  worstHealthz: number;
  seconds: number;
}

/**
 * The fairness check: EXPENSIVE_CLIENTS clients each send
 * EXPENSIVE_QUERY back to back for `seconds`, while one client sends
 * CHEAP_QUERY back to back and another probes `/healthz` every 50 ms. Plain
 * fetch loops (not autocannon): the expensive answers are megabytes.
 */
export async function measureFairness(graphqlUrl: string, seconds = 10): Promise<FairnessResult> {
  const send = async (query: string) => {
    const started = performance.now();
    const response = await fetch(graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
    const text = await response.text();
    return { ms: performance.now() - started, status: response.status, text };
  };
  const codeOf = (text: string) => {
    try {
      return (JSON.parse(text) as { errors?: { extensions?: { code?: string } }[] }).errors?.[0]?.extensions?.code ?? null;
    } catch {
      return 'NOT_JSON';
    }
  };

  const alone: number[] = [];
  let bytes = 0;
  for (let i = 0; i < 5; i++) {
    const answer = await send(EXPENSIVE_QUERY);
    if (codeOf(answer.text)) throw new Error(`the expensive request failed alone: ${answer.text.slice(0, 300)}`);
    alone.push(answer.ms);
    bytes = answer.text.length;
  }
  const cheapAloneTimes: number[] = [];
  for (const end = performance.now() + 2000; performance.now() < end; ) cheapAloneTimes.push((await send(CHEAP_QUERY)).ms);

  const end = performance.now() + seconds * 1000;
  const cheap: number[] = [];
  let cheapFailures = 0;
  const expensive: number[] = [];
  const refused: Record<string, number> = {};
  let worstHealthz = 0;
  const healthUrl = graphqlUrl.replace(/\/graphql$/, '/healthz');
  await Promise.all([
    ...Array.from({ length: EXPENSIVE_CLIENTS }, async () => {
      while (performance.now() < end) {
        const answer = await send(EXPENSIVE_QUERY);
        const code = codeOf(answer.text);
        if (code) {
          refused[code] = (refused[code] ?? 0) + 1;
          await new Promise((resolve) => setTimeout(resolve, 200)); // as a client honouring Retry-After would, roughly
        } else expensive.push(answer.ms);
      }
    }),
    (async () => {
      await new Promise((resolve) => setTimeout(resolve, 500)); // let the expensive clients start
      while (performance.now() < end) {
        const answer = await send(CHEAP_QUERY);
        if (answer.status !== 200 || codeOf(answer.text)) cheapFailures++;
        else cheap.push(answer.ms);
      }
    })(),
    (async () => {
      while (performance.now() < end) {
        const started = performance.now();
        await fetch(healthUrl).then((r) => r.text());
        worstHealthz = Math.max(worstHealthz, performance.now() - started);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })(),
  ]);
  const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
  const at = (values: number[], q: number) => {
    const s = sorted(values);
    return s.length === 0 ? NaN : s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
  };
  return {
    expensiveAlone: { p50: at(alone, 0.5), max: Math.max(...alone), bytes, runs: alone.length },
    cheapAlone: { p50: at(cheapAloneTimes, 0.5), p99: at(cheapAloneTimes, 0.99), requests: cheapAloneTimes.length },
    cheapUnderLoad: { p50: at(cheap, 0.5), p99: at(cheap, 0.99), max: Math.max(...cheap), requests: cheap.length, failures: cheapFailures },
    expensiveUnderLoad: { answered: expensive.length, refused, p50: at(expensive, 0.5), max: expensive.length ? Math.max(...expensive) : NaN },
    worstHealthz,
    seconds,
  };
}

/** The fairness table of the bench report. */
export function fairnessMarkdown(f: FairnessResult): string {
  const ms = (value: number) => `${value.toFixed(1)} ms`;
  const refused = Object.entries(f.expensiveUnderLoad.refused).map(([code, n]) => `${n} ${code}`).join(', ') || 'none';
  return [
    `## Fairness: ${EXPENSIVE_CLIENTS} clients sending the most expensive allowed request`,
    '',
    `The expensive request (\`EXPENSIVE_QUERY\` in test/bench/expensive-workloads.ts, ${(f.expensiveAlone.bytes / 1e6).toFixed(2)} MB answer) alone: p50 ${ms(f.expensiveAlone.p50)}, max ${ms(f.expensiveAlone.max)} (${f.expensiveAlone.runs} runs).`,
    '',
    '| over ' + `${f.seconds} s` + ' | p50 | p99 | max | requests |',
    '|---|---:|---:|---:|---:|',
    `| cheap lookup alone | ${ms(f.cheapAlone.p50)} | ${ms(f.cheapAlone.p99)} | | ${f.cheapAlone.requests} |`,
    `| cheap lookup, ${EXPENSIVE_CLIENTS} expensive clients | ${ms(f.cheapUnderLoad.p50)} | ${ms(f.cheapUnderLoad.p99)} | ${ms(f.cheapUnderLoad.max)} | ${f.cheapUnderLoad.requests} (${f.cheapUnderLoad.failures} failed) |`,
    `| expensive, answered under load | ${ms(f.expensiveUnderLoad.p50)} | | ${ms(f.expensiveUnderLoad.max)} | ${f.expensiveUnderLoad.answered} (refused: ${refused}) |`,
    '',
    `Worst \`/healthz\` meanwhile: ${ms(f.worstHealthz)}. Target: cheap p99 < 100 ms — ${f.cheapUnderLoad.p99 < 100 ? 'met' : 'missed'}.`,
  ].join('\n');
}
