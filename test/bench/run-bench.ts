/**
 * `npm run bench`: how fast the service answers and where its costs grow,
 * measured side by side with the best a Node server could do (the ceiling)
 * and with a naive build of the same schema, in one run on one machine.
 * See test/bench/README.md for what each figure means.
 *
 *   npm run bench [-- --duration 4 --warmup 2 --connections 10 --scales 10,100 --scale-duration 3 --profile --only lookup,depth3]
 *
 * Progress goes to stderr; the Markdown report to stdout and, with the JSON,
 * to bench-results/<timestamp>.{json,md} and bench-results/latest.{json,md}.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { findSeedsDir, loadSeeds, type SeedSet } from '../../src/seeds/load-seeds';
import { growSeeds, writeSeedsDir } from './grow-seeds';
import { compare, measure, post, type LoadOptions } from './measure';
import { toMarkdown, type BenchReport, type ScaleResult, type TargetResult, type WorkloadResult } from './report';
import { CAN_PIN, spawnServer, type ChildServer } from './spawn-server';
import { spawnSync } from 'node:child_process';
import { summariseProfile } from './summarise-profile';
import { fairnessMarkdown, measureFairness, type FairnessResult } from './expensive-workloads';
import { requestBody, WORKLOADS, type Workload } from './workloads';
import { journalMarkdown, measureJournalCompaction, type JournalBenchResult } from './journal-compaction';

const ROOT = path.dirname(findSeedsDir());
const MAIN_JS = path.join(ROOT, 'dist', 'src', 'main.js');
const BENCH_SERVER_JS = path.join(__dirname, 'bench-server.js');
const CEILING_JS = path.join(__dirname, 'ceiling-server.js');
const RESULTS_DIR = path.join(ROOT, 'bench-results');
// Bench children log only warnings; the "listening" line is their own.
// The throughput runs measure the service, not its per-client rate limit (one load generator, one address).
const QUIET = { LOG_LEVEL: 'warn', RATE_LIMIT_ANONYMOUS: '0', RATE_LIMIT_KEYED: '0' };
const NO_CACHE = { HTTP_CACHE_MAX_BYTES: '0' };
/** The depth-3 workload's levels that may need the store: goals, targets, action lines, facilitators. */
const DEPTH3_LEVELS = 4;

const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      slices: { type: 'string', default: '3' },
      'slice-duration': { type: 'string', default: '1' },
      warmup: { type: 'string', default: '1' },
      'solo-duration': { type: 'string', default: '2' },
      connections: { type: 'string', default: '10' },
      scales: { type: 'string', default: '10,100' },
      'scale-duration': { type: 'string', default: '2' },
      'cold-starts': { type: 'string', default: '3' },
      profile: { type: 'boolean', default: false },
      only: { type: 'string' },
      'fairness-duration': { type: 'string', default: '10' },
      // The embedded journal's leg (journal-compaction.ts): this many fsync'd writes in process; 0 skips it.
      'journal-writes': { type: 'string', default: '20000' },
    },
  });
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
  const naive = await spawnServer(BENCH_SERVER_JS, { env: { ...QUIET, ...NO_CACHE, BENCH_NAIVE: '1' }, ...pin });
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
  if (!only || only.has('distinct')) results.push(await distinctLookups(seeds, { ours, uncached, naive }, settings));
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

  const scale: ScaleResult[] = [];
  for (const factor of settings.scales) scale.push(await runScale(factor, seeds, workloads, results, settings));

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
    targets: [],
    profile,
    elapsedSeconds: 0,
  };
  report.targets = judgeTargets(report);
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
  if (results.some((r) => r.skipped?.startsWith('failed'))) process.exitCode = 1;
}

/** Spawn → "listening" → poll the lookup until it answers correctly; the time and the RSS then. */
async function coldStart(env: Record<string, string>, nodeArgs: string[] = []): Promise<{ ms: number; rss: number | null }> {
  const lookup = WORKLOADS.find((w) => w.name === 'lookup')!;
  const started = performance.now();
  const server = await spawnServer(MAIN_JS, { env: { ...env, LOG_LEVEL: 'info' }, nodeArgs });
  try {
    for (;;) {
      const answer = await answerOf(server.url, lookup).catch(() => ({ failure: 'no answer yet' }));
      if (typeof answer === 'string') break;
      if (performance.now() - started > 30_000) throw new Error(`no correct answer 30 s after spawn: ${answer.failure}`);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    const ms = performance.now() - started;
    return { ms, rss: server.memory()?.rss ?? null };
  } finally {
    await server.stop();
  }
}

async function runScale(
  factor: number,
  seeds: SeedSet,
  workloads: readonly Workload[],
  atX1: readonly WorkloadResult[],
  settings: BenchReport['settings'],
): Promise<ScaleResult> {
  log(`×${factor}: generating seeds`);
  const grown = growSeeds(seeds, factor);
  const dir = mkdtempSync(path.join(os.tmpdir(), `wsis-bench-x${factor}-`));
  try {
    writeSeedsDir(grown, findSeedsDir(), dir);
    const env = { SEEDS_DIR: dir };
    const cold = await coldStart(env);
    const server = await spawnServer(BENCH_SERVER_JS, { env: { ...QUIET, ...env } });
    const result: ScaleResult = { factor, ...sizeOf(grown), coldStartMs: cold.ms, rssAfterLoad: cold.rss, peakRss: null, workloads: [] };
    try {
      for (const x1 of atX1) {
        if (x1.skipped || !x1.ours) {
          result.workloads.push({ name: x1.name, skipped: x1.skipped ?? 'n/a' });
          continue;
        }
        const workload = workloads.find((w) => w.name === x1.name)!;
        const answer = await answerOf(server.url, workload);
        if (typeof answer !== 'string') {
          result.workloads.push({ name: x1.name, skipped: `failed: ${answer.failure}` });
          continue;
        }
        log(`×${factor}: ${workload.name}`);
        const storeCalls = (await storeCallsOfOne(server.url, requestBody(workload))).total;
        const body = requestBody(workload);
        const round = await measure(server.url, body, { connections: settings.connections, warmupSeconds: 1, seconds: settings.scaleSeconds });
        const solo = await measure(server.url, body, { connections: 1, warmupSeconds: 0, seconds: settings.soloSeconds });
        result.workloads.push({
          name: x1.name,
          round,
          solo,
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

/** The answer's text when it is right, or why it is not. */
async function answerOf(url: string, workload: Workload): Promise<string | { failure: string }> {
  const { status, text } = await post(url, requestBody(workload));
  if (status !== 200) return { failure: `HTTP ${status}: ${text.slice(0, 300)}` };
  const parsed = JSON.parse(text) as { data?: Record<string, unknown> | null; errors?: { message: string }[] };
  if (parsed.errors?.length) return { failure: parsed.errors.map((e) => e.message).join('; ').slice(0, 300) };
  const wrong = parsed.data ? workload.check(parsed.data) : 'no data';
  return wrong ? { failure: `wrong answer: expected ${wrong}` } : text;
}

async function rootFields(url: string): Promise<Set<string>> {
  const { text } = await post(url, JSON.stringify({ query: '{ __schema { queryType { fields { name } } } }' }));
  const parsed = JSON.parse(text) as { data: { __schema: { queryType: { fields: { name: string }[] } } } };
  return new Set(parsed.data.__schema.queryType.fields.map((f) => f.name));
}

interface Stats {
  requests: number;
  storeCalls: { total: number; byMethod: Record<string, number> };
  rss: number;
  memory: NodeJS.MemoryUsage;
}

async function stats(graphqlUrl: string, reset: boolean): Promise<Stats> {
  const response = await fetch(graphqlUrl.replace(/\/graphql$/, `/__bench/stats${reset ? '?reset=1' : ''}`));
  return (await response.json()) as Stats;
}

async function storeCallsOfOne(url: string, body: string): Promise<Stats['storeCalls']> {
  await stats(url, true);
  await post(url, bustCache(body));
  return (await stats(url, true)).storeCalls;
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
  targets.push({
    target: 'depth-3 traversal ≥ 10× the naive build',
    measured: depth3?.oursOverNaive !== undefined ? `${depth3.oursOverNaive.toFixed(1)}× (${depth3.ours!.rps.toFixed(0)} vs ${depth3.naive!.rps.toFixed(1)} req/s)` : 'n/a',
    met: depth3?.oursOverNaive !== undefined ? depth3.oursOverNaive >= 10 : null,
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
  return targets;
}

/** The same request under another cache key (a comment line in the query): it is executed, never a hit. */
function bustCache(body: string): string {
  const parsed = JSON.parse(body) as { query: string };
  return JSON.stringify({ ...parsed, query: `${parsed.query}\n# ${process.hrtime.bigint()}` });
}

/**
 * Distinct lookups: every request asks for a different node and a different missing id, so its
 * cache key is new and no cache can help (the second id answers null: the store is asked all the
 * same). Ours (cache on), uncached and naive side by side; no ceiling (its answers are replayed bytes).
 */
async function distinctLookups(
  seeds: SeedSet,
  servers: { ours: ChildServer; uncached: ChildServer; naive: ChildServer },
  settings: BenchReport['settings'],
): Promise<WorkloadResult> {
  log('distinct: ours, uncached, naive side by side');
  const ids = seeds.nodeFiles.flatMap((file) => file.records.map((record) => (record as { id: string }).id));
  let n = 0;
  const query = 'query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Entity { code name } ... on ActionLine { code name } ... on SdgTarget { code name } } }';
  const body = () => {
    n++;
    return JSON.stringify({ query, variables: { ids: [ids[n % ids.length], `Initiative:missing-${n}`] } });
  };
  const rounds = await compare(
    (['ours', 'uncached', 'naive'] as const).map((name) => ({ name, url: servers[name].url, warmupSeconds: settings.warmupSeconds, cpuMicros: servers[name].cpuMicros })),
    body,
    { connections: settings.connections, slices: settings.slices, sliceSeconds: settings.sliceSeconds },
  );
  const solo = await measure(servers.ours.url, body, { connections: 1, warmupSeconds: 0, seconds: settings.soloSeconds });
  return { name: 'distinct', title: 'distinct lookups, a new node each request (no cache helps)', ours: rounds.ours, uncached: rounds.uncached, naive: rounds.naive, solo, oursOverNaive: rounds.ours!.rps / rounds.naive!.rps };
}

function sizeOf(seeds: SeedSet): { nodes: number; edges: number } {
  return {
    nodes: seeds.nodeFiles.reduce((sum, f) => sum + f.records.length, 0),
    edges: seeds.edgeFiles.reduce((sum, f) => sum + f.records.length, 0),
  };
}

function median(values: readonly number[]): number {
  const sorted = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

main().catch((error: unknown) => {
  process.stderr.write(`[bench] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
