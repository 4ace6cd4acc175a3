/**
 * What validating a new document costs the server, in CPU µs per request:
 * a lookup whose text is new on every request (a counter in a comment), so
 * yoga's parse and validation caches never help, sent to an uncached copy of
 * this build and, side by side, of another build (`--other`, e.g. main's),
 * each pinned to the same CPU. Used to compare two ways of checking the query
 * limits; not part of `npm run bench`.
 *
 *   npm run build && node dist/test/bench/validation-cost.js --other /tmp/main/dist/test/bench/bench-server.js
 *
 * Also, in this process: µs per `validate()` of that lookup with graphql-js's
 * rules and the service's own (no HTTP, no execution).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { spawnSync } from 'node:child_process';
import { parse, specifiedRules, validate } from 'graphql';
import { createSchema } from '../../src/graphql/schema';
import { queryShapeRule } from '../../src/graphql/query-shape-rule';
import { compare, post } from './measure';
import { CAN_PIN, spawnServer } from './spawn-server';
import { WORKLOADS } from './workloads';

const LOOKUP = WORKLOADS.find((w) => w.name === 'lookup')!.query;
const ENV = { LOG_LEVEL: 'warn', RATE_LIMIT_ANONYMOUS: '0', RATE_LIMIT_KEYED: '0', HTTP_CACHE_MAX_BYTES: '0' };

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      other: { type: 'string' },
      slices: { type: 'string', default: '5' },
      'slice-duration': { type: 'string', default: '2' },
    },
  });
  inProcess();
  if (!values.other) return;
  if (CAN_PIN) spawnSync('taskset', ['-pc', '0', String(process.pid)], { stdio: 'ignore' });
  const pin = CAN_PIN ? { cpu: 1 } : {};
  const servers = {
    this: await spawnServer(path.join(__dirname, 'bench-server.js'), { env: ENV, ...pin }),
    other: await spawnServer(path.resolve(values.other), { env: ENV, ...pin }),
  };
  try {
    for (const [name, server] of Object.entries(servers)) {
      const answer = await post(server.url, JSON.stringify({ query: LOOKUP }));
      if (answer.status !== 200 || answer.text.includes('"errors"')) throw new Error(`${name} answers the lookup with ${answer.status}: ${answer.text.slice(0, 300)}`);
    }
    let n = 0;
    const fresh = () => JSON.stringify({ query: `${LOOKUP}\n# ${++n}` });
    const same = JSON.stringify({ query: LOOKUP });
    for (const [label, body] of [['new document each request', fresh], ['the same document', same]] as const) {
      const rounds = await compare(
        (['this', 'other'] as const).map((name) => ({ name, url: servers[name].url, warmupSeconds: 1, cpuMicros: servers[name].cpuMicros })),
        body,
        { connections: 10, slices: Number(values.slices), sliceSeconds: Number(values['slice-duration']) },
      );
      for (const [name, round] of Object.entries(rounds)) {
        process.stdout.write(
          `${label}: ${name}: ${round.cpuUsPerRequest?.toFixed(0) ?? 'n/a'} µs CPU/request, ${round.rps.toFixed(0)} req/s, p99 ${round.p99.toFixed(1)} ms (${round.requests} requests, ${round.failures} failed)\n`,
        );
      }
    }
  } finally {
    await Promise.all(Object.values(servers).map((server) => server.stop()));
  }
}

// µs per validate() of the lookup, graphql-js's rules alone and with the shape rule.
function inProcess(): void {
  const schema = createSchema();
  const document = parse(LOOKUP);
  const time = (label: string, rules: typeof specifiedRules) => {
    for (let i = 0; i < 2000; i++) validate(schema, document, rules);
    const runs = 20_000;
    const started = process.cpuUsage();
    for (let i = 0; i < runs; i++) validate(schema, document, rules);
    const used = process.cpuUsage(started);
    process.stdout.write(`in process: validate() ${label}: ${((used.user + used.system) / runs).toFixed(1)} µs\n`);
  };
  time("graphql-js's rules", specifiedRules);
  time("graphql-js's rules + the shape rule", [...specifiedRules, queryShapeRule({ maxDepth: 12, maxAliases: 30 })]);
}

main().catch((error: unknown) => {
  process.stderr.write(`validation-cost failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
