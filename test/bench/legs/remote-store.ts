import type { BenchLeg } from '../bench-leg';
import { NAIVE, NO_CACHE } from '../bench-kit';
import { compare, type Round } from '../measure';
import { requestBody } from '../workloads';

/** The simulated round trips: idle wait per store call, and CPU per call (a driver's work; an assumption). */
const SIMULATIONS = [
  { latencyUs: 300, cpuUs: 0 },
  { latencyUs: 1000, cpuUs: 0 },
  { latencyUs: 1000, cpuUs: 50 },
] as const;

/**
 * Depth-3 against a store that behaves as a remote one (remote-graph-store.ts: a worker-thread timer per
 * call, 50 calls in flight): ours (batched, compiled, response cache off) against the naive build (one
 * store call per field, graphql-js). This is the realistic comparison for Neo4j, where each call costs a
 * round trip; against the embedded store both builds are bound by execution alone.
 */
export const remoteStoreLeg: BenchLeg = {
  name: 'remote',
  title: 'Depth-3 against a simulated remote store (pool of 50 in flight)',
  async run(context) {
    const body = requestBody(context.workload('depth3'));
    const rows: { latencyUs: number; cpuUs: number; ours: Round; naive: Round }[] = [];
    for (const simulation of SIMULATIONS) {
      const env = { BENCH_STORE_LATENCY_US: String(simulation.latencyUs), BENCH_STORE_CPU_US: String(simulation.cpuUs), BENCH_STORE_POOL: '50' };
      const ours = await context.startServer({ ...NO_CACHE, ...env });
      const naive = await context.startServer({ ...NAIVE, ...env });
      try {
        context.log(`remote: depth3 at ${simulation.latencyUs} µs + ${simulation.cpuUs} µs CPU per call, ours and naive`);
        const rounds = await compare(
          [
            { name: 'ours', url: ours.url, warmupSeconds: context.settings.warmupSeconds, cpuMicros: ours.cpuMicros },
            { name: 'naive', url: naive.url, warmupSeconds: context.settings.warmupSeconds, cpuMicros: naive.cpuMicros },
          ],
          body,
          { connections: context.settings.connections, slices: context.settings.slices, sliceSeconds: context.settings.sliceSeconds },
        );
        rows.push({ ...simulation, ours: rounds.ours!, naive: rounds.naive! });
      } finally {
        await Promise.all([ours.stop(), naive.stop()]);
      }
    }
    const cpu = (r: Round) => (r.cpuUsPerRequest === undefined ? 'n/a' : (r.cpuUsPerRequest / 1000).toFixed(1));
    // The naive build can answer nothing within a slice (each request queues hundreds of calls): say so.
    const ratio = (r: { ours: Round; naive: Round }) => (r.naive.rps > 0 ? `${(r.ours.rps / r.naive.rps).toFixed(1)}×` : 'naive answered none');
    const lines = [
      '| per store call | ours req/s | naive req/s | ours/naive | CPU ms/req ours · naive | p50 / p99 ms ours | p50 / p99 ms naive |',
      '|---|---:|---:|---:|---:|---:|---:|',
      ...rows.map(
        (r) =>
          `| ${r.latencyUs} µs wait${r.cpuUs ? ` + ${r.cpuUs} µs CPU (assumed driver cost)` : ''} | ${r.ours.rps.toFixed(0)} | ${r.naive.rps.toFixed(1)} | ${ratio(r)} | ${cpu(r.ours)} · ${cpu(r.naive)} | ${r.ours.p50.toFixed(1)} / ${r.ours.p99.toFixed(1)} | ${r.naive.p50.toFixed(1)} / ${r.naive.p99.toFixed(1)} |`,
      ),
    ];
    const at1ms = rows.find((r) => r.latencyUs === 1000 && r.cpuUs === 0);
    return {
      markdown: lines.join('\n'),
      data: rows,
      targets: at1ms
        ? [
            {
              target: 'depth-3 against the simulated 1 ms store ≥ 10× the naive build',
              measured: `${ratio(at1ms)} (${at1ms.ours.rps.toFixed(0)} vs ${at1ms.naive.rps.toFixed(1)} req/s)`,
              met: at1ms.ours.rps / at1ms.naive.rps >= 10,
            },
          ]
        : [],
    };
  },
};
