/**
 * The bench's Neo4j leg (`npm run bench -- --store neo4j`): the same
 * workloads over `STORE=neo4j` against a live Neo4j, ours (DataLoader
 * batching) against the naive build of the same schema (one store call per
 * field), both without the HTTP response cache, so every request reaches the
 * database. Here a store call is a real network round trip, which is what the
 * depth-3 target ("10× the naive build") was written for.
 *
 * The database is the one `NEO4J_URI` names (**it is wiped and seeded**), or
 * else the test Neo4j of test/neo4j/, started for the run (`npm run
 * neo4j:start`, Java 17 and Maven) and stopped at the end.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { loadConfig } from '../../src/config';
import { loadSeeds } from '../../src/seeds/load-seeds';
import { createNeo4jDriver } from '../../src/store/neo4j/create-neo4j-graph-store';
import { findCypherDir } from '../../src/store/neo4j/cypher-files';
import { seedNeo4j } from '../../src/store/neo4j/seed-neo4j';
import { compare, post, type Round } from './measure';
import { CAN_PIN, spawnServer } from './spawn-server';
import { requestBody, WORKLOADS } from './workloads';

export interface Neo4jLegOptions {
  root: string;
  benchServerJs: string;
  resultsDir: string;
  /** Workload names to run; all when null. */
  only: ReadonlySet<string> | null;
  connections: number;
  warmupSeconds: number;
  slices: number;
  sliceSeconds: number;
  log: (message: string) => void;
}

interface Neo4jWorkloadResult {
  name: string;
  title: string;
  skipped?: string;
  sameAnswer?: boolean;
  storeCalls?: { ours: number; naive: number };
  ours?: Round;
  naive?: Round;
}

const QUIET = { LOG_LEVEL: 'warn', RATE_LIMIT_ANONYMOUS: '0', RATE_LIMIT_KEYED: '0', HTTP_CACHE_MAX_BYTES: '0' };

/** Runs the leg, prints its Markdown table and writes bench-results/neo4j-<date>.{json,md} and neo4j-latest.*. */
export async function runNeo4jLeg(options: Neo4jLegOptions): Promise<void> {
  const { log } = options;
  const database = process.env.NEO4J_URI ? null : await startTestNeo4j(options.root, log);
  const env = database?.env ?? {
    NEO4J_URI: process.env.NEO4J_URI!,
    NEO4J_USER: process.env.NEO4J_USER ?? 'neo4j',
    NEO4J_PASSWORD: process.env.NEO4J_PASSWORD ?? '',
  };
  try {
    const config = loadConfig({ ...process.env, ...env, STORE: 'neo4j' });
    log(`neo4j: seeding ${config.NEO4J_URI} (wipe)`);
    const driver = createNeo4jDriver(config);
    try {
      await seedNeo4j({ driver, database: config.NEO4J_DATABASE, cypherDir: findCypherDir(), seeds: loadSeeds(config.SEEDS_DIR), wipe: true, timeoutMs: 120_000 });
    } finally {
      await driver.close();
    }
    const pin = CAN_PIN ? { cpu: 1 } : {};
    const serverEnv = { ...QUIET, ...env, STORE: 'neo4j' };
    const ours = await spawnServer(options.benchServerJs, { env: serverEnv, ...pin });
    const naive = await spawnServer(options.benchServerJs, { env: { ...serverEnv, BENCH_NAIVE: '1' }, ...pin });
    const results: Neo4jWorkloadResult[] = [];
    try {
      for (const workload of WORKLOADS.filter((w) => !options.only || options.only.has(w.name))) {
        const result: Neo4jWorkloadResult = { name: workload.name, title: workload.title };
        results.push(result);
        const body = requestBody(workload);
        const answer = await post(ours.url, body);
        const parsed = JSON.parse(answer.text) as { data?: Record<string, unknown> | null; errors?: { message: string }[] };
        const wrong = answer.status !== 200 ? `HTTP ${answer.status}` : parsed.errors?.length ? parsed.errors[0]!.message : parsed.data ? workload.check(parsed.data) : 'no data';
        if (wrong) {
          result.skipped = `failed: ${String(wrong).slice(0, 200)}`;
          log(`neo4j: ${workload.name}: FAILED ${result.skipped}`);
          continue;
        }
        result.sameAnswer = (await post(naive.url, body)).text === answer.text;
        result.storeCalls = { ours: await storeCallsOfOne(ours.url, body), naive: await storeCallsOfOne(naive.url, body) };
        log(`neo4j: ${workload.name}: ours and naive side by side`);
        const rounds = await compare(
          [
            { name: 'ours', url: ours.url, warmupSeconds: options.warmupSeconds, cpuMicros: ours.cpuMicros },
            { name: 'naive', url: naive.url, warmupSeconds: options.warmupSeconds, cpuMicros: naive.cpuMicros },
          ],
          body,
          { connections: options.connections, slices: options.slices, sliceSeconds: options.sliceSeconds },
        );
        [result.ours, result.naive] = [rounds.ours!, rounds.naive!];
      }
    } finally {
      await Promise.all([ours.stop(), naive.stop()]);
    }
    const markdown = neo4jMarkdown(results, options);
    mkdirSync(options.resultsDir, { recursive: true });
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    for (const name of [`neo4j-${stamp}`, 'neo4j-latest']) {
      writeFileSync(path.join(options.resultsDir, `${name}.json`), `${JSON.stringify({ date: new Date().toISOString(), options: { ...options, only: options.only && [...options.only], log: undefined }, results }, null, 2)}\n`);
      writeFileSync(path.join(options.resultsDir, `${name}.md`), `${markdown}\n`);
    }
    process.stdout.write(`${markdown}\n`);
    if (results.some((r) => r.skipped)) process.exitCode = 1;
  } finally {
    await database?.stop();
  }
}

function neo4jMarkdown(results: readonly Neo4jWorkloadResult[], options: Neo4jLegOptions): string {
  const f = (n: number | undefined, digits = 0) => (n === undefined || Number.isNaN(n) ? 'n/a' : n.toFixed(digits));
  const lines = [
    '## Neo4j leg (STORE=neo4j, live database, response cache off)',
    '',
    `${options.connections} connections, ${options.slices} × ${options.sliceSeconds} s slices taken in turn, ${options.warmupSeconds} s warm-up each.`,
    '',
    '| workload | ours req/s | naive req/s | ours ÷ naive | ours p50 / p99 ms | naive p50 / p99 ms | CPU µs/req ours / naive | store calls ours / naive | same answer |',
    '|---|---:|---:|---:|---:|---:|---:|---:|:---:|',
  ];
  for (const r of results) {
    if (r.skipped || !r.ours || !r.naive) {
      lines.push(`| ${r.name} | ${r.skipped ?? 'n/a'} | | | | | | | |`);
      continue;
    }
    lines.push(
      `| ${r.name} | ${f(r.ours.rps, 1)} | ${f(r.naive.rps, 1)} | ${r.naive.rps > 0 ? `${f(r.ours.rps / r.naive.rps, 2)}×` : 'n/a (naive finished none)'} | ${f(r.ours.p50, 1)} / ${f(r.ours.p99, 1)} | ${f(r.naive.p50, 1)} / ${f(r.naive.p99, 1)} | ${f(r.ours.cpuUsPerRequest)} / ${f(r.naive.cpuUsPerRequest)} | ${r.storeCalls!.ours} / ${r.storeCalls!.naive} | ${r.sameAnswer ? 'yes' : 'NO'} |`,
    );
  }
  return lines.join('\n');
}

async function storeCallsOfOne(url: string, body: string): Promise<number> {
  const statsUrl = url.replace(/\/graphql$/, '/__bench/stats');
  await fetch(`${statsUrl}?reset=1`);
  await post(url, body);
  const stats = (await (await fetch(`${statsUrl}?reset=1`)).json()) as { storeCalls: { total: number } };
  return stats.storeCalls.total;
}

// `npm run neo4j:start` as a child: resolves on its JSON line; stop() closes its stdin, which stops the server.
async function startTestNeo4j(root: string, log: (message: string) => void): Promise<{ env: Record<string, string>; stop: () => Promise<void> }> {
  log('neo4j: starting the test Neo4j (test/neo4j, needs Java 17 and Maven)');
  const child: ChildProcess = spawn(path.join(root, 'node_modules', '.bin', 'tsx'), [path.join(root, 'test', 'neo4j', 'neo4j-start.ts')], {
    cwd: root,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`the test Neo4j exited (${code}) before it was ready`)));
  });
  const { uri, user, password } = JSON.parse(line) as { uri: string; user: string; password: string };
  return {
    env: { NEO4J_URI: uri, NEO4J_USER: user, NEO4J_PASSWORD: password },
    stop: async () => {
      child.stdin!.end();
      await exited;
    },
  };
}
