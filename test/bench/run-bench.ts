/**
 * `npm run bench`: how fast the service answers and where its costs grow,
 * measured side by side with the best a Node server could do (the ceiling)
 * and with a naive build of the same schema, in one run on one machine.
 * See test/bench/README.md for what each figure means.
 *
 *   npm run bench [-- --duration 4 --warmup 2 --connections 10 --scales 10,100 --scale-duration 3 --profile --only lookup,depth3]
 *   npm run bench -- --store neo4j [--only depth3]    # the Neo4j leg (neo4j-leg.ts): ours vs naive over a live Neo4j
 *
 * Progress goes to stderr; the Markdown report to stdout and, with the JSON,
 * to bench-results/<timestamp>.{json,md} and bench-results/latest.{json,md}.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { findSeedsDir, loadSeeds, type SeedSet } from '../../src/seeds/load-seeds';
import type { BenchContext, LegResult } from './bench-leg';
import {
  answerOf,
  BENCH_SERVER_JS,
  CEILING_JS,
  coldStart,
  median,
  NAIVE,
  NO_CACHE,
  QUIET,
  RESULTS_DIR,
  ROOT,
  rootFields,
  sizeOf,
  stats,
  storeCallsOfOne,
  warmClient,
} from './bench-kit';
import { growSeeds, writeSeedsDir } from './grow-seeds';
import { LEGS } from './legs';
import { distinctBody } from './legs/distinct-body';
import { compare, measure, post, type LoadOptions } from './measure';
import { toMarkdown, type BenchReport, type ScaleResult, type TargetResult, type WorkloadResult } from './report';
import { CAN_PIN, spawnServer, type ChildServer } from './spawn-server';
import { spawnSync } from 'node:child_process';
import { summariseProfile } from './summarise-profile';
import { fairnessMarkdown, measureFairness, type FairnessResult } from './expensive-workloads';
import { runNeo4jLeg } from './neo4j-leg';
import { requestBody, WORKLOADS, type Workload } from './workloads';
import { journalMarkdown, measureJournalCompaction, type JournalBenchResult } from './journal-compaction';

/** The depth-3 workload's levels that may need the store: goals, targets, action lines, facilitators. */
const DEPTH3_LEVELS = 4;
/** Scale points' workloads: those with a target at ×1000 and ≈1M, and the lookup as the baseline. */
const SCALE_WORKLOADS = new Set(['lookup', 'list', 'depth3', 'searchEn', 'searchZh', 'matrix', 'overlap', 'paths']);

const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      slices: { type: 'string', default: '3' },
      'slice-duration': { type: 'string', default: '1' },
      warmup: { type: 'string', default: '1' },
      'solo-duration': { type: 'string', default: '2' },
      connections: { type: 'string', default: '10' },
      scales: { type: 'string', default: '100,1000' },
      // The whole run's time budget: a scale point that would not fit is skipped (and says so).
      budget: { type: 'string', default: '360' },
      legs: { type: 'string' },
      'skip-legs': { type: 'string' },
      'scale-duration': { type: 'string', default: '2' },
      'cold-starts': { type: 'string', default: '3' },
      profile: { type: 'boolean', default: false },
      only: { type: 'string' },
      'fairness-duration': { type: 'string', default: '10' },
      // The embedded journal's leg (journal-compaction.ts): this many fsync'd writes in process; 0 skips it.
      'journal-writes': { type: 'string', default: '20000' },
      store: { type: 'string', default: 'embedded' },
    },
  });
  if (values.store === 'neo4j') {
    // The Neo4j leg is its own run (test/bench/neo4j-leg.ts): ours and naive over a live database.
    return runNeo4jLeg({
      root: ROOT,
      benchServerJs: BENCH_SERVER_JS,
      resultsDir: RESULTS_DIR,
      only: values.only ? new Set(values.only.split(',')) : null,
      connections: Number(values.connections),
      warmupSeconds: Number(values.warmup),
      slices: Number(values.slices),
      sliceSeconds: Number(values['slice-duration']),
      log,
    });
  }
  const started = performance.now();
  const settings = {
    connections: Number(values.connections),
    pipelining: 1 as const,
    warmupSeconds: Number(values.warmup),
    slices: Number(values.slices),
    sliceSeconds: Number(values['slice-duration']),
    scaleSeconds: Number(values['scale-duration']),
    soloSeconds: Number(values['solo-duration']),
    scales: values.scales ? values.scales.split(',').filter(Boolean).map(Number) : [],
  };
  const only = values.only ? new Set(values.only.split(',')) : null;
  const workloads = WORKLOADS.filter((w) => !only || only.has(w.name));
  const load: LoadOptions = { connections: settings.connections, warmupSeconds: settings.warmupSeconds, seconds: settings.slices * settings.sliceSeconds };
  const seeds = loadSeeds();

  log(`cold start ×1 (${values['cold-starts']} runs)`);
  await warmClient();
  const coldRuns: { ms: number; rss: number | null }[] = [];
  for (let i = 0; i < Number(values['cold-starts']); i++) coldRuns.push(await coldStart({}));
  const coldMs = coldRuns.map((run) => run.ms);

  // Servers share CPU 1, the load generator (this process) keeps CPU 0: the CPU per request is then
  // each server's own, and the load generator's own cost does not depend on which server it drives.
  if (CAN_PIN) spawnSync('taskset', ['-pc', '0', String(process.pid)], { stdio: 'ignore' });
  const pin = CAN_PIN ? { cpu: 1 } : {};
  log('×1: starting ours, uncached, naive, ceiling');
  const ours = await spawnServer(BENCH_SERVER_JS, { env: QUIET, ...pin });
  const oursIdleRss = ours.memory()?.rss ?? null;
  const uncached = await spawnServer(BENCH_SERVER_JS, { env: { ...QUIET, ...NO_CACHE }, ...pin });
  const naive = await spawnServer(BENCH_SERVER_JS, { env: { ...QUIET, ...NAIVE }, ...pin });
  const available = await rootFields(ours.url);

  const results: WorkloadResult[] = [];
  const captured = new Map<string, string>();
  for (const workload of workloads) {
    const result: WorkloadResult = { name: workload.name, title: workload.title };
    results.push(result);
    const missing = workload.needs.filter((field) => !available.has(field));
    if (missing.length > 0) {
      result.skipped = 'not available';
      log(`${workload.name}: not available (the schema has no ${missing.join(', ')})`);
      continue;
    }
    const answer = await answerOf(ours.url, workload);
    if (typeof answer !== 'string') {
      result.skipped = `failed: ${answer.failure}`;
      log(`${workload.name}: FAILED ${answer.failure}`);
      continue;
    }
    captured.set(requestBody(workload), answer);
    result.responseBytes = Buffer.byteLength(answer);
    result.naiveSameAnswer = (await post(naive.url, requestBody(workload))).text === answer;
    if (!result.naiveSameAnswer) log(`${workload.name}: the naive build answers differently`);
  }

  const responsesDir = mkdtempSync(path.join(os.tmpdir(), 'wsis-bench-'));
  const responsesFile = path.join(responsesDir, 'responses.json');
  writeFileSync(responsesFile, JSON.stringify(Object.fromEntries(captured)));
  const ceiling = await spawnServer(CEILING_JS, { args: [responsesFile], ...pin });

  for (const result of results) {
    if (result.skipped) continue;
    const workload = workloads.find((w) => w.name === result.name)!;
    const body = requestBody(workload);
    const oursCalls = await storeCallsOfOne(uncached.url, body);
    const naiveCalls = await storeCallsOfOne(naive.url, body);
    result.storeCalls = { ours: oursCalls.total, naive: naiveCalls.total, oursByMethod: oursCalls.byMethod, naiveByMethod: naiveCalls.byMethod };
    log(`${workload.name}: ours, uncached, ceiling, naive side by side`);
    await stats(ours.url, true);
    await stats(naive.url, true);
    const rounds = await compare(
      [
        { name: 'ours', url: ours.url, warmupSeconds: settings.warmupSeconds, cpuMicros: ours.cpuMicros },
        { name: 'uncached', url: uncached.url, warmupSeconds: settings.warmupSeconds, cpuMicros: uncached.cpuMicros },
        { name: 'ceiling', url: ceiling.url, warmupSeconds: Math.min(0.5, settings.warmupSeconds), cpuMicros: ceiling.cpuMicros },
        { name: 'naive', url: naive.url, warmupSeconds: settings.warmupSeconds, cpuMicros: naive.cpuMicros },
      ],
      body,
      { connections: settings.connections, slices: settings.slices, sliceSeconds: settings.sliceSeconds },
    );
    // The counters include the warm-up requests too: the per-request average holds all the same.
    const oursLoad = await stats(ours.url, true);
    const naiveLoad = await stats(naive.url, true);
    [result.ours, result.uncached, result.ceiling, result.naive] = [rounds.ours!, rounds.uncached!, rounds.ceiling!, rounds.naive!];
    log(`${workload.name}: ours alone`);
    result.solo = await measure(ours.url, body, { connections: 1, warmupSeconds: 0, seconds: settings.soloSeconds });
    result.storeCallsUnderLoad = {
      ours: oursLoad.storeCalls.total / Math.max(1, oursLoad.requests),
      naive: naiveLoad.storeCalls.total / Math.max(1, naiveLoad.requests),
    };
    result.oursOverCeiling = result.ours.rps / result.ceiling.rps;
    result.oursOverNaive = result.ours.rps / result.naive.rps;
    for (const [who, round] of [['ours', result.ours], ['ceiling', result.ceiling], ['naive', result.naive]] as const) {
      if (round.failures > 0) log(`${workload.name}: ${who} had ${round.failures} failed requests of ${round.requests}`);
    }
  }
  if (!only || only.has('distinct')) results.push(await distinctLookups(distinctBody(seeds), { ours, uncached, naive }, settings));
  const memory = {
    oursIdleRss,
    oursPeakRss: ours.memory()?.peakRss ?? null,
    oursHeapAfterLoad: (await stats(ours.url, false)).memory,
    naivePeakRss: naive.memory()?.peakRss ?? null,
    ceilingPeakRss: ceiling.memory()?.peakRss ?? null,
  };
  await Promise.all([uncached.stop(), naive.stop(), ceiling.stop()]);
  log('fairness: the most expensive allowed request, 10 clients, and a cheap lookup beside them');
  const fairness: FairnessResult = await measureFairness(ours.url, Number(values['fairness-duration']));
  await ours.stop();
  rmSync(responsesDir, { recursive: true, force: true });

  const budgetSeconds = Number(values.budget);
  const secondsLeft = () => budgetSeconds - (performance.now() - started) / 1000;
  const context: BenchContext = {
    seeds,
    settings,
    x1: results,
    workload: (name) => WORKLOADS.find((w) => w.name === name)!,
    startServer: (env) => spawnServer(BENCH_SERVER_JS, { env: { ...QUIET, ...env }, ...pin }),
    secondsLeft,
    log,
  };
  const chosen = values.legs ? new Set(values.legs.split(',')) : null;
  const skipped = new Set((values['skip-legs'] ?? '').split(',').filter(Boolean));
  const legs: { name: string; title: string; result?: LegResult; failed?: string }[] = [];
  for (const leg of LEGS) {
    if (chosen ? !chosen.has(leg.name) : leg.optIn || skipped.has(leg.name)) continue;
    log(`leg ${leg.name}: ${leg.title}`);
    try {
      legs.push({ name: leg.name, title: leg.title, result: await leg.run(context) });
    } catch (error) {
      log(`leg ${leg.name} FAILED: ${error instanceof Error ? error.message : String(error)}`);
      legs.push({ name: leg.name, title: leg.title, failed: error instanceof Error ? error.message : String(error) });
    }
  }

  const scale: ScaleResult[] = [];
  for (const factor of settings.scales) {
    // A scale point that fails (out of memory, too slow to start) is reported as such; the run goes on.
    scale.push(
      await runScale(factor, seeds, workloads, results, settings, secondsLeft).catch((error: unknown): ScaleResult => {
        const why = `failed: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}`;
        log(`×${factor}: ${why}`);
        return { factor, nodes: NaN, edges: NaN, coldStartMs: NaN, rssAfterLoad: null, peakRss: null, workloads: [], skipped: why };
      }),
    );
  }

  let profile: BenchReport['profile'];
  if (values.profile) profile = await runProfile(results, workloads, load);

  let journal: JournalBenchResult | undefined;
  if (Number(values['journal-writes']) > 0) {
    log(`journal: ${values['journal-writes']} journalled writes`);
    journal = await measureJournalCompaction({ writes: Number(values['journal-writes']), compactEvery: 1000, writers: 4, log });
  }

  const report: BenchReport = {
    date: new Date().toISOString(),
    machine: {
      nproc: os.cpus().length, // not availableParallelism(): this process is pinned to one CPU by now
      cpu: os.cpus()[0]?.model.trim() ?? 'unknown',
      node: process.version,
      platform: `${os.type()} ${os.release()} ${os.arch()}`,
      memoryGiB: os.totalmem() / 1024 ** 3,
    },
    settings,
    dataset: sizeOf(seeds),
    pinned: CAN_PIN,
    workloads: results,
    coldStart: { runsMs: coldMs, medianMs: median(coldMs), rssAfterLoad: median(coldRuns.map((r) => r.rss ?? NaN)) || null },
    memory,
    scale,
    legs: legs.map((leg) => ({ name: leg.name, title: leg.title, markdown: leg.result?.markdown ?? `failed: ${leg.failed}`, data: leg.result?.data ?? null, targets: leg.result?.targets ?? [] })),
    targets: [],
    profile,
    elapsedSeconds: 0,
  };
  report.targets = [...judgeTargets(report), ...legs.flatMap((leg) => leg.result?.targets ?? [])];
  report.elapsedSeconds = (performance.now() - started) / 1000;

  const markdown = `${toMarkdown(report)}\n\n${fairnessMarkdown(fairness)}${journal ? `\n\n${journalMarkdown(journal)}` : ''}`;
  mkdirSync(RESULTS_DIR, { recursive: true });
  const stamp = report.date.replace(/[:.]/g, '-');
  for (const name of [stamp, 'latest']) {
    writeFileSync(path.join(RESULTS_DIR, `${name}.json`), `${JSON.stringify({ ...report, fairness, journal }, null, 2)}\n`);
    writeFileSync(path.join(RESULTS_DIR, `${name}.md`), `${markdown}\n`);
  }
  process.stdout.write(`${markdown}\n`);
  log(`written to ${path.relative(process.cwd(), path.join(RESULTS_DIR, `${stamp}.json`))} and latest.json`);
  if (results.some((r) => r.skipped?.startsWith('failed')) || legs.some((leg) => leg.failed)) process.exitCode = 1;
}

/** Resolves once the server has used under 5 % of a CPU for a whole second (its background build done), or after `maxMs`. */
async function untilIdle(server: ChildServer, maxMs = 60_000): Promise<void> {
  const until = performance.now() + maxMs;
  let before = server.cpuMicros();
  while (before !== null && performance.now() < until) {
    await sleep(1000);
    const now = server.cpuMicros();
    if (now === null || now - before < 50_000) return;
    before = now;
  }
}

/** A rough bound on the seconds a scale point takes (seed generation, start-up, the workloads), to fit the budget. */
function secondsNeeded(factor: number, settings: BenchReport['settings']): number {
  return 10 + factor * 0.06 + SCALE_WORKLOADS.size * (1 + settings.scaleSeconds + settings.soloSeconds);
}

async function runScale(
  factor: number,
  seeds: SeedSet,
  workloads: readonly Workload[],
  atX1: readonly WorkloadResult[],
  settings: BenchReport['settings'],
  secondsLeft: () => number,
): Promise<ScaleResult> {
  const needed = secondsNeeded(factor, settings);
  if (needed > secondsLeft()) {
    const why = `skipped: needs about ${needed.toFixed(0)} s, ${Math.max(0, secondsLeft()).toFixed(0)} s left of the budget (--budget)`;
    log(`×${factor}: ${why}`);
    return { factor, nodes: NaN, edges: NaN, coldStartMs: NaN, rssAfterLoad: null, peakRss: null, workloads: [], skipped: why };
  }
  log(`×${factor}: generating seeds`);
  const grown = growSeeds(seeds, factor);
  const dir = mkdtempSync(path.join(os.tmpdir(), `wsis-bench-x${factor}-`));
  try {
    writeSeedsDir(grown, findSeedsDir(), dir);
    const size = sizeOf(grown);
    // Cold start on the bench server itself (its phases come with it): one start-up per scale point, not two.
    log(`×${factor}: starting (${size.nodes} nodes, ${size.edges} links)`);
    const started = performance.now();
    const big = factor >= 1000;
    const server = await spawnServer(BENCH_SERVER_JS, {
      // The response cache off: every request is executed, which is what a scale point measures. The cost
      // limit out of the way: its data-derived bounds grow with the graph (overlap passes MAX_COST at ×100).
      env: { ...QUIET, ...NO_CACHE, MAX_COST: '100000000', EXPENSIVE_COST: '100000000', SEEDS_DIR: dir },
      nodeArgs: big ? ['--max-old-space-size=12000'] : [],
      // Start-up is the slow part of a large point, slower still on a loaded machine: wait well past the estimate.
      timeoutMs: Math.max(120, factor * 0.3) * 1000,
    });
    const lookup = workloads.find((w) => w.name === 'lookup')!;
    while (typeof (await answerOf(server.url, lookup).catch(() => null)) !== 'string');
    const coldStartMs = performance.now() - started;
    // What a client that does not wait for /readyz meets: lookups while the word index and the list bounds
    // are built beside them. Then the point waits for /readyz, as a load balancer would, and measures.
    log(`×${factor}: lookups while warming up`);
    const lookupWhileWarming = await measure(server.url, requestBody(lookup), { connections: 1, warmupSeconds: 0, seconds: settings.soloSeconds });
    while ((await fetch(server.url.replace(/\/graphql$/, '/readyz')).then((r) => r.status).catch(() => 0)) !== 200) await sleep(100);
    const readyMs = performance.now() - started;
    // Below INDEX_BEFORE_READY_NODES the word index is still being built when /readyz says ready: RSS read
    // then is a transient of the build (its garbage), not what the loaded store holds. Read once it is idle.
    await untilIdle(server);
    const result: ScaleResult = {
      factor,
      ...size,
      coldStartMs,
      readyMs,
      lookupWhileWarming,
      phases: server.listening.phases as Record<string, number>,
      rssAfterLoad: server.memory()?.rss ?? null,
      peakRss: null,
      workloads: [],
    };
    try {
      for (const x1 of atX1) {
        if (!SCALE_WORKLOADS.has(x1.name)) continue;
        if (x1.skipped || !x1.ours) {
          result.workloads.push({ name: x1.name, skipped: x1.skipped ?? 'n/a' });
          continue;
        }
        const workload = workloads.find((w) => w.name === x1.name)!;
        // The first request fills the store's lazy indexes; timed alone, it is the cost a first user pays.
        const firstStarted = performance.now();
        const answer = await answerOf(server.url, workload);
        const firstMs = performance.now() - firstStarted;
        if (typeof answer !== 'string') {
          result.workloads.push({ name: x1.name, skipped: `failed: ${answer.failure}` });
          continue;
        }
        log(`×${factor}: ${workload.name}`);
        const body = requestBody(workload);
        const storeCalls = (await storeCallsOfOne(server.url, body)).total;
        const round = await measure(server.url, body, { connections: settings.connections, warmupSeconds: 1, seconds: settings.scaleSeconds });
        const solo = await measure(server.url, body, { connections: 1, warmupSeconds: 0, seconds: settings.soloSeconds });
        result.workloads.push({
          name: x1.name,
          round,
          solo,
          firstMs,
          storeCalls,
          rpsVsX1: round.rps / x1.ours.rps,
          p50VsX1: solo.p50 / x1.solo!.p50,
          p99VsX1: solo.p99 / x1.solo!.p99,
        });
      }
      result.peakRss = server.memory()?.peakRss ?? null;
    } finally {
      await server.stop();
    }
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Where the CPU goes: the start-up of `main.js` under `node --cpu-prof`
 * (stopped right after its first correct answer), and ours profiled in
 * process for each workload under the same load as its measured round.
 */
async function runProfile(results: readonly WorkloadResult[], workloads: readonly Workload[], load: LoadOptions): Promise<BenchReport['profile']> {
  const dir = path.join(RESULTS_DIR, 'profiles', new Date().toISOString().replace(/[:.]/g, '-'));
  mkdirSync(dir, { recursive: true });
  const relative = (file: string) => path.relative(ROOT, file);

  log('profile: start-up');
  const startupDir = path.join(dir, 'startup');
  await coldStart({}, ['--cpu-prof', `--cpu-prof-dir=${startupDir}`]);
  const startupFile = readdirSync(startupDir).find((name) => name.endsWith('.cpuprofile'));
  const startup = startupFile ? { file: relative(path.join(startupDir, startupFile)), ...summariseProfile(path.join(startupDir, startupFile)) } : undefined;

  const server = await spawnServer(BENCH_SERVER_JS, { env: { ...QUIET, BENCH_PROFILE_DIR: dir } });
  const perWorkload: NonNullable<BenchReport['profile']>['workloads'] = [];
  try {
    for (const result of results) {
      if (result.skipped) continue;
      log(`profile: ${result.name}`);
      const body = requestBody(workloads.find((w) => w.name === result.name)!);
      await measure(server.url, body, { ...load, seconds: load.warmupSeconds, warmupSeconds: 0 });
      await profileAction(server.url, 'start', result.name);
      await measure(server.url, body, { ...load, warmupSeconds: 0 });
      const file = await profileAction(server.url, 'stop', result.name);
      if (file) perWorkload.push({ name: result.name, file: relative(file), ...summariseProfile(file) });
    }
  } finally {
    await server.stop();
  }
  return { startup, workloads: perWorkload };
}

async function profileAction(graphqlUrl: string, action: 'start' | 'stop', name: string): Promise<string | null> {
  const response = await fetch(graphqlUrl.replace(/\/graphql$/, `/__bench/profile?action=${action}&name=${encodeURIComponent(name)}`), { method: 'POST' });
  return ((await response.json()) as { file: string | null }).file;
}

function judgeTargets(r: BenchReport): TargetResult[] {
  const w = (name: string) => r.workloads.find((x) => x.name === name && !x.skipped);
  const pct = (n: number) => `${(n * 100).toFixed(0)} %`;
  const targets: TargetResult[] = [];
  const lookup = w('lookup');
  targets.push({
    target: "lookups ≥ 50 % of the ceiling's req/s",
    measured: lookup?.oursOverCeiling !== undefined ? `${pct(lookup.oursOverCeiling)} (${lookup.ours!.rps.toFixed(0)} vs ${lookup.ceiling!.rps.toFixed(0)} req/s)` : 'n/a',
    met: lookup?.oursOverCeiling !== undefined ? lookup.oursOverCeiling >= 0.5 : null,
  });
  const depth3 = w('depth3');
  const depth3Ratio = depth3?.uncached && depth3.naive ? depth3.uncached.rps / depth3.naive.rps : undefined;
  targets.push({
    target: 'depth-3 traversal, embedded store, uncached ≥ 10× the naive build (the issue judges it against the simulated 1 ms store: see that leg)',
    measured: depth3Ratio !== undefined ? `${depth3Ratio.toFixed(1)}× (${depth3!.uncached!.rps.toFixed(0)} vs ${depth3!.naive!.rps.toFixed(1)} req/s)` : 'n/a',
    met: depth3Ratio !== undefined ? depth3Ratio >= 10 : null,
  });
  targets.push({
    target: `depth-3 traversal: at most one store call per depth level (${DEPTH3_LEVELS} levels)`,
    measured: depth3?.storeCalls ? `${depth3.storeCalls.ours} calls (${JSON.stringify(depth3.storeCalls.oursByMethod)}); naive ${depth3.storeCalls.naive}` : 'n/a',
    met: depth3?.storeCalls ? depth3.storeCalls.ours <= DEPTH3_LEVELS : null,
  });
  const matrix = w('matrix');
  targets.push({
    target: 'full matrix p99 ≤ 20 ms',
    measured: matrix?.solo
      ? `p99 ${matrix.solo.p99.toFixed(1)} ms alone (p50 ${matrix.solo.p50.toFixed(1)} ms); under ${r.settings.connections} connections p99 ${matrix.ours!.p99.toFixed(1)} ms`
      : 'not available',
    met: matrix?.solo ? matrix.solo.p99 <= 20 : null,
  });
  targets.push({
    target: 'cold start ≤ 0.7 s at ×1',
    measured: `${r.coldStart.medianMs.toFixed(0)} ms (median of ${r.coldStart.runsMs.length})`,
    met: r.coldStart.medianMs <= 700,
  });
  const distinct = w('distinct');
  const distinctCpu = distinct?.ours?.cpuUsPerRequest;
  targets.push({
    target: 'distinct lookups ≤ 150 µs CPU per request',
    measured: distinctCpu !== undefined ? `${distinctCpu.toFixed(0)} µs/req (${distinct!.ours!.rps.toFixed(0)} req/s)` : 'not measured',
    met: distinctCpu !== undefined ? distinctCpu <= 150 : null,
  });
  const rss = r.coldStart.rssAfterLoad;
  const mib = (bytes: number | null) => (bytes === null ? 'n/a' : `${(bytes / 2 ** 20).toFixed(0)} MB`);
  targets.push({
    target: 'RSS ≤ 200 MB at ×1 (after loading)',
    measured: `${mib(rss)} after loading; peak under the benchmark's load ${mib(r.memory.oursPeakRss)} (V8 heap then ${mib(r.memory.oursHeapAfterLoad?.heapTotal ?? null)} reserved, ${mib(r.memory.oursHeapAfterLoad?.heapUsed ?? null)} used)`,
    met: rss !== null ? rss <= 200 * 2 ** 20 : null,
  });
  const x100 = r.scale.find((s) => s.factor === 100)?.workloads.find((x) => x.name === 'lookup');
  targets.push({
    target: 'lookup latency at ×100 within 1.5× of ×1',
    measured: x100?.solo
      ? `alone: p50 ${x100.p50VsX1!.toFixed(2)}×, p99 ${x100.p99VsX1!.toFixed(2)}× (${x100.solo.p50.toFixed(2)}/${x100.solo.p99.toFixed(2)} ms vs ${lookup?.solo?.p50.toFixed(2)}/${lookup?.solo?.p99.toFixed(2)} ms)`
      : 'not measured',
    met: x100?.solo ? x100.p50VsX1! <= 1.5 && x100.p99VsX1! <= 1.5 : null,
  });
  targets.push(...scaleTargets(r));
  return targets;
}

/** The issue's targets at ×1000 (alone) and at ≈1M nodes (the largest point of at least 900k nodes). */
function scaleTargets(r: BenchReport): TargetResult[] {
  const mib = (bytes: number | null) => (bytes === null ? 'n/a' : `${(bytes / 2 ** 20).toFixed(0)} MB`);
  const targets: TargetResult[] = [];
  const x1000 = r.scale.find((s) => s.factor === 1000 && !s.skipped);
  for (const name of ['list', 'searchEn', 'searchZh', 'matrix', 'overlap', 'paths']) {
    const at = x1000?.workloads.find((w) => w.name === name);
    targets.push({
      target: `×1000: ${name} p99 ≤ 20 ms alone`,
      measured: !at?.solo
        ? x1000
          ? (at?.skipped ?? 'n/a')
          : 'not run'
        : at.solo.requests === 0
          ? `no request completed within the ${r.settings.soloSeconds} s window alone (first request ${at.firstMs?.toFixed(0)} ms)`
          : `p99 ${at.solo.p99.toFixed(1)} ms (p50 ${at.solo.p50.toFixed(1)} ms; first request ${at.firstMs?.toFixed(0)} ms)`,
      met: at?.solo ? at.solo.requests > 0 && at.solo.p99 <= 20 : null,
    });
  }
  // Start-up is spawn → ready (/readyz 200): at ≈1M nodes that includes the word index, built before the
  // store reports ready (INDEX_BEFORE_READY_NODES); the first answer comes earlier and is shown beside it.
  const startUp = (s: ScaleResult) => s.readyMs ?? s.coldStartMs;
  const startUpText = (s: ScaleResult) => `${(startUp(s) / 1000).toFixed(1)} s to ready (first answer after ${(s.coldStartMs / 1000).toFixed(1)} s)`;
  targets.push({ target: '×1000: start-up ≤ 10 s', measured: x1000 ? startUpText(x1000) : 'not run', met: x1000 ? startUp(x1000) <= 10_000 : null });
  targets.push({ target: '×1000: RSS ≤ 1 GB (after loading)', measured: x1000 ? `${mib(x1000.rssAfterLoad)} (peak ${mib(x1000.peakRss)})` : 'not run', met: x1000?.rssAfterLoad ? x1000.rssAfterLoad <= 2 ** 30 : null });
  const million = r.scale.find((s) => !s.skipped && s.nodes >= 900_000);
  const lookup = million?.workloads.find((w) => w.name === 'lookup');
  targets.push({
    target: '≈1M nodes: start-up ≤ 90 s',
    measured: million ? `${startUpText(million)} (×${million.factor}, ${million.nodes} nodes)` : 'not run (--scales …,5070)',
    met: million ? startUp(million) <= 90_000 : null,
  });
  targets.push({ target: '≈1M nodes: RSS ≤ 4 GB', measured: million ? `${mib(million.rssAfterLoad)} (peak ${mib(million.peakRss)})` : 'not run', met: million?.rssAfterLoad ? million.rssAfterLoad <= 4 * 2 ** 30 : null });
  // Judged once ready, as a load balancer routes; the first seconds after the first answer (warming up) beside it.
  const warming = million?.lookupWhileWarming;
  targets.push({
    target: '≈1M nodes: lookup p99 ≤ 5 ms',
    measured: lookup?.solo
      ? `p99 ${lookup.solo.p99.toFixed(2)} ms alone once ready; ${warming ? `${warming.p99.toFixed(2)} ms` : 'n/a'} in the first seconds after the first answer (warming up, before /readyz)`
      : 'not run',
    met: lookup?.solo ? lookup.solo.p99 <= 5 : null,
  });
  return targets;
}

/** Distinct lookups (legs/distinct-body.ts): ours (cache on), uncached and naive side by side; no ceiling (its answers are replayed bytes). */
async function distinctLookups(
  body: () => string,
  servers: { ours: ChildServer; uncached: ChildServer; naive: ChildServer },
  settings: BenchReport['settings'],
): Promise<WorkloadResult> {
  log('distinct: ours, uncached, naive side by side');
  const rounds = await compare(
    (['ours', 'uncached', 'naive'] as const).map((name) => ({ name, url: servers[name].url, warmupSeconds: settings.warmupSeconds, cpuMicros: servers[name].cpuMicros })),
    body,
    { connections: settings.connections, slices: settings.slices, sliceSeconds: settings.sliceSeconds },
  );
  const solo = await measure(servers.ours.url, body, { connections: 1, warmupSeconds: 0, seconds: settings.soloSeconds });
  return { name: 'distinct', title: 'distinct lookups, a new node each request (no cache helps)', ours: rounds.ours, uncached: rounds.uncached, naive: rounds.naive, solo, oursOverNaive: rounds.ours!.rps / rounds.naive!.rps };
}

main().catch((error: unknown) => {
  process.stderr.write(`[bench] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
