import type { BenchLeg } from '../bench-leg';
import { NO_CACHE } from '../bench-kit';
import { compare, type Round } from '../measure';
import { requestBody } from '../workloads';
import { distinctBody } from './distinct-body';

/**
 * Compiled execution before/after, in one run: the uncached server (every request executed) with
 * graphql-jit on (the default) and off (`COMPILED_QUERIES=0`), side by side, on the lookup, depth-3
 * and distinct lookups. CPU µs per request is the figure to read (steadier than req/s when shared).
 */
export const compiledExecutionLeg: BenchLeg = {
  name: 'jit',
  title: 'Compiled execution (graphql-jit) on and off, response cache off',
  async run(context) {
    const on = await context.startServer({ ...NO_CACHE });
    const off = await context.startServer({ ...NO_CACHE, COMPILED_QUERIES: '0' });
    const rows: { workload: string; jit: Round; graphqlJs: Round }[] = [];
    try {
      const bodies = [
        ['lookup', requestBody(context.workload('lookup'))],
        ['depth3', requestBody(context.workload('depth3'))],
        ['distinct', distinctBody(context.seeds)],
      ] as const;
      for (const [name, body] of bodies) {
        context.log(`jit: ${name}, compiled and graphql-js side by side`);
        const rounds = await compare(
          [
            { name: 'jit', url: on.url, warmupSeconds: context.settings.warmupSeconds, cpuMicros: on.cpuMicros },
            { name: 'graphqlJs', url: off.url, warmupSeconds: context.settings.warmupSeconds, cpuMicros: off.cpuMicros },
          ],
          body,
          { connections: context.settings.connections, slices: context.settings.slices, sliceSeconds: context.settings.sliceSeconds },
        );
        rows.push({ workload: name, jit: rounds.jit!, graphqlJs: rounds.graphqlJs! });
      }
    } finally {
      await Promise.all([on.stop(), off.stop()]);
    }
    const cpu = (r: Round) => (r.cpuUsPerRequest === undefined ? 'n/a' : r.cpuUsPerRequest.toFixed(0));
    const lines = [
      '| workload | compiled req/s | graphql-js req/s | ratio | CPU µs/req compiled · graphql-js | p99 ms compiled · graphql-js |',
      '|---|---:|---:|---:|---:|---:|',
      ...rows.map(
        (r) =>
          `| ${r.workload} | ${r.jit.rps.toFixed(0)} | ${r.graphqlJs.rps.toFixed(0)} | ${(r.jit.rps / r.graphqlJs.rps).toFixed(2)}× | ${cpu(r.jit)} · ${cpu(r.graphqlJs)} | ${r.jit.p99.toFixed(1)} · ${r.graphqlJs.p99.toFixed(1)} |`,
      ),
    ];
    const depth3 = rows.find((r) => r.workload === 'depth3');
    return {
      markdown: lines.join('\n'),
      data: rows,
      targets: depth3
        ? [
            {
              target: 'depth-3 ≥ 3× the req/s of graphql-js execution (compiled on vs off, both uncached)',
              measured: `${(depth3.jit.rps / depth3.graphqlJs.rps).toFixed(2)}× (${depth3.jit.rps.toFixed(0)} vs ${depth3.graphqlJs.rps.toFixed(0)} req/s; ${cpu(depth3.jit)} vs ${cpu(depth3.graphqlJs)} µs CPU)`,
              met: depth3.jit.rps / depth3.graphqlJs.rps >= 3,
            },
          ]
        : [],
    };
  },
};
