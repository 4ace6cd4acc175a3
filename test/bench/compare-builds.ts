/**
 * This build against another one (`--other`, e.g. main's `dist/test/bench/bench-server.js`), side by
 * side on the same workloads: both servers pinned to CPU 1, slices taken in turn, so that a shared
 * machine's load falls on both alike. Prints CPU µs per request and req/s for each, and their ratio:
 * the before → after figure of a change, steadier than two `npm run bench` runs minutes apart.
 * Not part of `npm run bench`.
 *
 *   npm run build && node dist/test/bench/compare-builds.js --other /work/main/dist/test/bench/bench-server.js \
 *     [--workloads lookup,distinct] [--env HTTP_CACHE_MAX_BYTES=0] [--other-env K=V] [--slices 5] [--slice-duration 2] [--warmup 3]
 *
 * `--env` sets a variable for both servers, `--other-env` for the other one only: with `--other` this
 * build's own bench-server.js, that measures one setting's cost (`--other-env HTTP_CACHE_MAX_BYTES=0`).
 *
 * `lookup` (and the other names of `workloads.ts`) repeat one request: with the response cache on
 * (the default) that is the cache-hit path. `distinct` is a new key every request (`legs/distinct-body.ts`).
 */
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { loadSeeds } from '../../src/seeds/load-seeds';
import { distinctBody } from './legs/distinct-body';
import { compare, post, type Body } from './measure';
import { CAN_PIN, spawnServer } from './spawn-server';
import { WORKLOADS } from './workloads';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      other: { type: 'string' },
      workloads: { type: 'string', default: 'lookup,distinct' },
      env: { type: 'string', multiple: true, default: [] },
      'other-env': { type: 'string', multiple: true, default: [] },
      slices: { type: 'string', default: '5' },
      'slice-duration': { type: 'string', default: '2' },
      connections: { type: 'string', default: '10' },
      // Long enough for V8 to have optimised the hot paths: a cold server's first seconds cost several times more CPU.
      warmup: { type: 'string', default: '3' },
    },
  });
  if (!values.other) throw new Error('--other <path of the other build’s bench-server.js> is required');
  const env = { LOG_LEVEL: 'warn', RATE_LIMIT_ANONYMOUS: '0', RATE_LIMIT_KEYED: '0', ...pairsOf(values.env) };
  if (CAN_PIN) spawnSync('taskset', ['-pc', '0', String(process.pid)], { stdio: 'ignore' });
  const pin = CAN_PIN ? { cpu: 1 } : {};
  const servers = {
    this: await spawnServer(path.join(__dirname, 'bench-server.js'), { env, ...pin }),
    other: await spawnServer(path.resolve(values.other), { env: { ...env, ...pairsOf(values['other-env']) }, ...pin }),
  };
  try {
    for (const name of values.workloads.split(',')) {
      const body = bodyOf(name);
      const first = typeof body === 'string' ? body : body();
      for (const [who, server] of Object.entries(servers)) {
        const answer = await post(server.url, first);
        if (answer.status !== 200 || answer.text.includes('"errors"')) throw new Error(`${who} answers ${name} with ${answer.status}: ${answer.text.slice(0, 300)}`);
      }
      const rounds = await compare(
        (['this', 'other'] as const).map((who) => ({ name: who, url: servers[who].url, warmupSeconds: Number(values.warmup), cpuMicros: servers[who].cpuMicros })),
        body,
        { connections: Number(values.connections), slices: Number(values.slices), sliceSeconds: Number(values['slice-duration']) },
      );
      for (const [who, round] of Object.entries(rounds)) {
        process.stdout.write(
          `${name}: ${who}: ${round.cpuUsPerRequest?.toFixed(0) ?? 'n/a'} µs CPU/request, ${round.rps.toFixed(0)} req/s, p50 ${round.p50.toFixed(2)} ms, p99 ${round.p99.toFixed(1)} ms (${round.requests} requests, ${round.failures} failed)\n`,
        );
      }
      const [a, b] = [rounds.this!, rounds.other!];
      process.stdout.write(`${name}: this/other: CPU ${((a.cpuUsPerRequest ?? NaN) / (b.cpuUsPerRequest ?? NaN)).toFixed(2)}×, req/s ${(a.rps / b.rps).toFixed(2)}×\n`);
    }
  } finally {
    await Promise.all(Object.values(servers).map((server) => server.stop()));
  }
}

function pairsOf(pairs: readonly string[]): Record<string, string> {
  return Object.fromEntries(pairs.map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]));
}

function bodyOf(name: string): Body {
  if (name === 'distinct') return distinctBody(loadSeeds());
  const workload = WORKLOADS.find((w) => w.name === name);
  if (!workload) throw new Error(`no workload "${name}" (workloads.ts has ${WORKLOADS.map((w) => w.name).join(', ')}, and distinct)`);
  return JSON.stringify({ query: workload.query, variables: workload.variables });
}

main().catch((error: unknown) => {
  process.stderr.write(`compare-builds failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
