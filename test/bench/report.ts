import type { ProfileSummary } from './summarise-profile';
import type { Round } from './measure';

/** Everything one `npm run bench` measured; written as JSON and printed as Markdown. */
export interface BenchReport {
  date: string;
  machine: { nproc: number; cpu: string; node: string; platform: string; memoryGiB: number };
  settings: {
    connections: number;
    pipelining: 1;
    warmupSeconds: number;
    /** The measured time, cut into slices taken in turn by ours, the ceiling and the naive build. */
    slices: number;
    sliceSeconds: number;
    /** Length of the one-connection rounds that measure latency without queueing. */
    soloSeconds: number;
    scaleSeconds: number;
    scales: number[];
  };
  dataset: { nodes: number; edges: number };
  /** Whether servers and load generator were pinned to separate CPUs. */
  pinned?: boolean;
  workloads: WorkloadResult[];
  coldStart: { runsMs: number[]; medianMs: number; rssAfterLoad: number | null };
  memory: {
    oursIdleRss: number | null;
    oursPeakRss: number | null;
    /** `process.memoryUsage()` of ours once the ×1 load is over: how much of the peak is V8's heap. */
    oursHeapAfterLoad?: NodeJS.MemoryUsage;
    naivePeakRss: number | null;
    ceilingPeakRss: number | null;
  };
  scale: ScaleResult[];
  /** The legs' sections (legs/index.ts), in run order. */
  legs: { name: string; title: string; markdown: string; data: unknown; targets: TargetResult[] }[];
  targets: TargetResult[];
  profile?: {
    /** `main.js` from spawn to its first correct answer. */
    startup?: ProfileSummary & { file: string };
    /** Ours under each workload's load, start-up excluded. */
    workloads: (ProfileSummary & { name: string; file: string })[];
  };
  /** Whole-run wall time, seconds. */
  elapsedSeconds: number;
}

export interface WorkloadResult {
  name: string;
  title: string;
  /** Why it was skipped: "not available" (the schema lacks its fields) or the failure. */
  skipped?: string;
  responseBytes?: number;
  /** Store calls one request makes, by method: measured alone, so exact. */
  storeCalls?: { ours: number; naive: number; oursByMethod: Record<string, number>; naiveByMethod: Record<string, number> };
  /** Store calls per request averaged over the measured round (a cross-check of the above). */
  storeCallsUnderLoad?: { ours: number; naive: number };
  /** Whether the naive build answered byte for byte as ours did. */
  naiveSameAnswer?: boolean;
  ours?: Round;
  /** Ours with one connection: the latency of a request that waits for no other. */
  solo?: Round;
  ceiling?: Round;
  naive?: Round;
  /** Ours with the HTTP response cache off (HTTP_CACHE_MAX_BYTES=0): what executing the request costs. */
  uncached?: Round;
  oursOverCeiling?: number;
  oursOverNaive?: number;
}

export interface ScaleResult {
  factor: number;
  nodes: number;
  edges: number;
  coldStartMs: number;
  /** Spawn → `/readyz` 200: the word index and the first list bounds built too (see use-health-routes.ts). */
  readyMs?: number;
  /** The lookup alone in the first seconds after the first answer, while that is being built. */
  lookupWhileWarming?: Round;
  /** bench-server's start-up steps, ms (see legs/cold-start-phases.ts for their names). */
  phases?: Record<string, number>;
  rssAfterLoad: number | null;
  peakRss: number | null;
  /** Why the point was not run (the time budget). */
  skipped?: string;
    /** `p50VsX1`/`p99VsX1` compare the one-connection latencies; `rpsVsX1` the loaded throughput. */
  workloads: { name: string; skipped?: string; round?: Round; solo?: Round; firstMs?: number; storeCalls?: number; p50VsX1?: number; p99VsX1?: number; rpsVsX1?: number }[];
}

export interface TargetResult {
  target: string;
  measured: string;
  /** null when it could not be measured (e.g. the workload is not available). */
  met: boolean | null;
}

const mb = (bytes: number | null | undefined) => (bytes == null || Number.isNaN(bytes) ? 'n/a' : `${(bytes / 1024 / 1024).toFixed(0)} MB`);
const num = (n: number | undefined, digits = 0) => (n === undefined || Number.isNaN(n) ? 'n/a' : n.toFixed(digits));
const ms = (n: number | undefined) => (n === undefined || Number.isNaN(n) ? 'n/a' : n < 10 ? n.toFixed(2) : n.toFixed(1));
const ratio = (n: number | undefined) => (n === undefined || Number.isNaN(n) ? 'n/a' : n >= 10 ? `${n.toFixed(1)}×` : `${n.toFixed(2)}×`);

/** The report as Markdown: the side-by-side table, scale, cold start and memory, targets. */
export function toMarkdown(report: BenchReport): string {
  let r = report;
  const out: string[] = [];
  out.push(`## Benchmark, ${r.date.slice(0, 10)}`);
  out.push('');
  out.push(
    `Machine: ${r.machine.nproc} cores (${r.machine.cpu}), ${r.machine.memoryGiB.toFixed(1)} GiB, Node ${r.machine.node}, ${r.machine.platform}. ` +
      `Load: autocannon, ${r.settings.connections} connections, pipelining 1; per workload and server ${r.settings.warmupSeconds} s warm-up, then ${r.settings.slices} × ${r.settings.sliceSeconds} s measured, the three servers taking turns. ` +
      `Dataset ×1: ${r.dataset.nodes} nodes, ${r.dataset.edges} links.`,
  );
  out.push('');
  out.push('"ours" answers repeats from its HTTP cache; "uncached" is the same server with `HTTP_CACHE_MAX_BYTES=0` (every request executed); naive has no cache either. CPU µs/req is each server process\'s CPU time (all threads, /proc/<pid>/stat) per request answered' + (r.pinned ? '; servers pinned to CPU 1, the load generator to CPU 0 (taskset).' : '; not pinned (no taskset).'));
  out.push('');
  out.push('| workload | ours req/s | uncached req/s | ceiling req/s | naive req/s | ours/ceiling | uncached/naive | CPU µs/req ours · uncached · naive · ceiling | p50 ms | p99 ms | p50 ms alone | p99 ms alone | store calls/req (uncached · naive) |');
  out.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  const cpu = (round: Round | undefined) => (round?.cpuUsPerRequest === undefined ? 'n/a' : round.cpuUsPerRequest.toFixed(0));
  for (const w of r.workloads) {
    if (w.skipped) {
      out.push(`| ${w.name} (${w.title}) | ${w.skipped} | | | | | | | | | | | |`);
      continue;
    }
    const uncachedOverNaive = w.uncached && w.naive ? w.uncached.rps / w.naive.rps : undefined;
    out.push(
      `| ${w.name} (${w.title}) | ${num(w.ours?.rps)} | ${num(w.uncached?.rps)} | ${w.ceiling ? num(w.ceiling.rps) : '–'} | ${num(w.naive?.rps)} | ${ratio(w.oursOverCeiling)} | ${ratio(uncachedOverNaive)} | ` +
        `${cpu(w.ours)} · ${cpu(w.uncached)} · ${cpu(w.naive)} · ${cpu(w.ceiling)} | ` +
        `${ms(w.ours?.p50)} | ${ms(w.ours?.p99)} | ${ms(w.solo?.p50)} | ${ms(w.solo?.p99)} | ${w.storeCalls?.ours ?? 'n/a'} · ${w.storeCalls?.naive ?? 'n/a'} |`,
    );
  }
  out.push('');
  out.push(`p50/p99 are ours: under the same load (${r.settings.connections} connections), and alone (1 connection, ${r.settings.soloSeconds} s). Naive p50/p99 under load: ` +
    r.workloads.filter((w) => w.naive).map((w) => `${w.name} ${ms(w.naive?.p50)}/${ms(w.naive?.p99)} ms`).join(', ') + '.');
  out.push('');
  for (const skipped of r.scale.filter((x) => x.skipped)) out.push(`×${skipped.factor}: ${skipped.skipped}.`, '');
  r = { ...r, scale: r.scale.filter((x) => !x.skipped) };
  out.push('### Scale (ours only, response cache off; ×N initiatives, documents and their links)');
  out.push('');
  out.push('req/s under load; p50/p99 alone (1 connection), in ms; the last columns compare p99 alone with ×1.');
  out.push('');
  const columns = ['×1', ...r.scale.map((s) => `×${s.factor}`)];
  out.push(`| workload | ${columns.map((h) => `${h} req/s | ${h} p50 | ${h} p99`).join(' | ')} | ${r.scale.map((s) => `p99 ×${s.factor}/×1`).join(' | ')} |`);
  out.push(`|---|${columns.map(() => '---:|---:|---:').join('|')}|${r.scale.map(() => '---:').join('|')}|`);
  for (const w of r.workloads) {
    if (w.skipped) continue;
    const cells = [`${num(w.ours?.rps)} | ${ms(w.solo?.p50)} | ${ms(w.solo?.p99)}`];
    const ratios: string[] = [];
    for (const s of r.scale) {
      const at = s.workloads.find((x) => x.name === w.name);
      cells.push(at?.round ? `${num(at.round.rps)} | ${ms(at.solo?.p50)} | ${ms(at.solo?.p99)}` : `${at?.skipped ?? 'n/a'} | | `);
      ratios.push(ratio(at?.p99VsX1));
    }
    out.push(`| ${w.name} | ${cells.join(' | ')} | ${ratios.join(' | ')} |`);
  }
  out.push('');
  out.push(`Graph size: ×1 ${r.dataset.nodes} nodes / ${r.dataset.edges} links; ` +
    r.scale.map((s) => `×${s.factor} ${s.nodes} / ${s.edges}`).join('; ') + '.');
  out.push('');
  out.push('### Cold start and memory');
  out.push('');
  out.push('| | ×1 | ' + r.scale.map((s) => `×${s.factor}`).join(' | ') + ' |');
  out.push('|---|---:|' + r.scale.map(() => '---:').join('|') + '|');
  out.push(`| cold start (spawn → first correct answer) | ${num(r.coldStart.medianMs)} ms (median of ${r.coldStart.runsMs.length}) | ` + r.scale.map((s) => `${num(s.coldStartMs)} ms`).join(' | ') + ' |');
  out.push(`| ready (spawn → \`/readyz\` 200: word index and list bounds built) | | ` + r.scale.map((s) => `${num(s.readyMs)} ms`).join(' | ') + ' |');
  out.push(
    `| lookup alone in the first seconds after the first answer (warming up): p50 / p99 ms | | ` +
      r.scale.map((s) => (s.lookupWhileWarming ? `${ms(s.lookupWhileWarming.p50)} / ${ms(s.lookupWhileWarming.p99)}` : 'n/a')).join(' | ') +
      ' |',
  );
  out.push(`| RSS after loading (idle: ×1 \`node dist/src/main.js\`; a scale point once ready and its background build done) | ${mb(r.coldStart.rssAfterLoad)} | ` + r.scale.map((s) => mb(s.rssAfterLoad)).join(' | ') + ' |');
  out.push(`| peak RSS under the benchmark's load | ${mb(r.memory.oursPeakRss)} | ` + r.scale.map((s) => mb(s.peakRss)).join(' | ') + ' |');
  const phase = (s: ScaleResult, key: string) => (s.phases?.[key] === undefined ? 'n/a' : `${(s.phases[key]! / 1000).toFixed(1)} s`);
  out.push(`| … of the start-up: seeds read / JSON.parse / zod | | ` + r.scale.map((s) => `${phase(s, 'seedsReadMs')} / ${phase(s, 'seedsParseMs')} / ${phase(s, 'seedsValidateMs')}`).join(' | ') + ' |');
  out.push(`| … of the start-up: store built (text index included) | | ` + r.scale.map((s) => phase(s, 'storeMs')).join(' | ') + ' |');
  out.push(`| first request of each workload after start (ms; fills lazy indexes) | | ` + r.scale.map((s) => s.workloads.filter((w) => w.firstMs !== undefined).map((w) => `${w.name} ${num(w.firstMs)}`).join(', ')).join(' | ') + ' |');
  out.push('');
  out.push(`Peak RSS of the others at ×1: naive ${mb(r.memory.naivePeakRss)}, ceiling ${mb(r.memory.ceilingPeakRss)}.`);
  out.push('');
  for (const leg of r.legs) {
    out.push(`### ${leg.title}`);
    out.push('');
    out.push(leg.markdown);
    out.push('');
  }
  out.push('### Targets');
  out.push('');
  out.push('| target | measured | |');
  out.push('|---|---|---|');
  for (const t of r.targets) out.push(`| ${t.target} | ${t.measured} | ${t.met === null ? 'not measured' : t.met ? 'met' : '**missed**'} |`);
  if (r.profile) {
    out.push('');
    out.push('### Where the service spends its CPU (self time, share of busy time)');
    out.push('');
    const line = (p: ProfileSummary, n: number) => p.areas.slice(0, n).map((a) => `${a.name} ${(a.share * 100).toFixed(0)} %`).join(', ');
    const fns = (p: ProfileSummary, n: number) => p.topFunctions.slice(0, n).map((f) => `\`${f.name}\` ${(f.share * 100).toFixed(1)} %`).join(', ');
    out.push('| profile | busy ms | top areas | top functions |');
    out.push('|---|---:|---|---|');
    if (r.profile.startup) out.push(`| start-up (${r.profile.startup.file}) | ${num(r.profile.startup.totalMs)} | ${line(r.profile.startup, 6)} | ${fns(r.profile.startup, 5)} |`);
    for (const p of r.profile.workloads) out.push(`| ${p.name} | ${num(p.totalMs)} | ${line(p, 6)} | ${fns(p, 5)} |`);
  }
  out.push('');
  out.push(`Run time ${num(r.elapsedSeconds)} s.`);
  return out.join('\n');
}
