/** Helpers shared by run-bench.ts and the legs in legs/: paths, server settings, checked requests, stats. */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { findSeedsDir, type SeedSet } from '../../src/seeds/load-seeds';
import { post } from './measure';
import { spawnServer } from './spawn-server';
import { requestBody, WORKLOADS, type Workload } from './workloads';

export const ROOT = path.dirname(findSeedsDir());
export const MAIN_JS = path.join(ROOT, 'dist', 'src', 'main.js');
export const BENCH_SERVER_JS = path.join(__dirname, 'bench-server.js');
export const CEILING_JS = path.join(__dirname, 'ceiling-server.js');
export const RESULTS_DIR = path.join(ROOT, 'bench-results');
// Bench children log only warnings; the "listening" line is their own.
// The throughput runs measure the service, not its per-client rate limit (one load generator, one address).
export const QUIET = { LOG_LEVEL: 'warn', RATE_LIMIT_ANONYMOUS: '0', RATE_LIMIT_KEYED: '0' };
export const NO_CACHE = { HTTP_CACHE_MAX_BYTES: '0' };
/** The naive build: batching, the response cache and compiled execution all off. */
export const NAIVE = { ...NO_CACHE, COMPILED_QUERIES: '0', BENCH_NAIVE: '1' };

/** The answer's text when it is right, or why it is not. */
export async function answerOf(url: string, workload: Workload): Promise<string | { failure: string }> {
  const { status, text } = await post(url, requestBody(workload));
  if (status !== 200) return { failure: `HTTP ${status}: ${text.slice(0, 300)}` };
  const parsed = JSON.parse(text) as { data?: Record<string, unknown> | null; errors?: { message: string }[] };
  if (parsed.errors?.length) return { failure: parsed.errors.map((e) => e.message).join('; ').slice(0, 300) };
  const wrong = parsed.data ? workload.check(parsed.data) : 'no data';
  return wrong ? { failure: `wrong answer: expected ${wrong}` } : text;
}

export async function rootFields(url: string): Promise<Set<string>> {
  const { text } = await post(url, JSON.stringify({ query: '{ __schema { queryType { fields(includeDeprecated: true) { name } } } }' }));
  const parsed = JSON.parse(text) as { data: { __schema: { queryType: { fields: { name: string }[] } } } };
  return new Set(parsed.data.__schema.queryType.fields.map((f) => f.name));
}

export interface Stats {
  requests: number;
  storeCalls: { total: number; byMethod: Record<string, number> };
  rss: number;
  memory: NodeJS.MemoryUsage;
}

/** bench-server's counters (GraphQL requests, store calls, memory); `reset` zeroes them after reading. */
export async function stats(graphqlUrl: string, reset: boolean): Promise<Stats> {
  const response = await fetch(graphqlUrl.replace(/\/graphql$/, `/__bench/stats${reset ? '?reset=1' : ''}`));
  return (await response.json()) as Stats;
}

/** Store calls of one request made alone, under a new cache key so that it is executed. */
export async function storeCallsOfOne(url: string, body: string): Promise<Stats['storeCalls']> {
  await stats(url, true);
  await post(url, bustCache(body));
  return (await stats(url, true)).storeCalls;
}

/** The same request under another cache key (a comment line in the query): it is executed, never a hit. */
export function bustCache(body: string): string {
  const parsed = JSON.parse(body) as { query: string };
  return JSON.stringify({ ...parsed, query: `${parsed.query}\n# ${process.hrtime.bigint()}` });
}

/**
 * This process's own HTTP client made ready: its first fetch loads and compiles undici (~40 ms, ~10 ms more for
 * the second), which a cold start timed right after would count as the server's. Posts to a throwaway local server.
 */
export async function warmClient(): Promise<void> {
  const server = createServer((request, response) => request.resume().on('end', () => response.end('{}')));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
    for (let i = 0; i < 3; i++) await post(url, '{}');
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

/** Spawn `main.js` → "listening" → poll the lookup until it answers correctly; the time and the RSS then. */
export async function coldStart(env: Record<string, string>, nodeArgs: string[] = [], timeoutMs = 30_000): Promise<{ ms: number; listeningMs: number; rss: number | null }> {
  const lookup = WORKLOADS.find((w) => w.name === 'lookup')!;
  // A data folder of its own, empty, as a fresh install's first start: not the ./data of the directory the bench
  // runs in, whose journal (replayed at start) and lock (held by a server running there) are not the service's.
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'wsis-bench-cold-'));
  const started = performance.now();
  const server = await spawnServer(MAIN_JS, { env: { DATA_DIR: dataDir, ...env, LOG_LEVEL: 'info' }, nodeArgs, timeoutMs }).catch((error: unknown) => {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  });
  try {
    for (;;) {
      const answer = await answerOf(server.url, lookup).catch(() => ({ failure: 'no answer yet' }));
      if (typeof answer === 'string') break;
      if (performance.now() - started > timeoutMs) throw new Error(`no correct answer ${timeoutMs} ms after spawn: ${answer.failure}`);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    return { ms: performance.now() - started, listeningMs: server.listeningAfterMs, rss: server.memory()?.rss ?? null };
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export function sizeOf(seeds: SeedSet): { nodes: number; edges: number } {
  return {
    nodes: seeds.nodeFiles.reduce((sum, f) => sum + f.records.length, 0),
    edges: seeds.edgeFiles.reduce((sum, f) => sum + f.records.length, 0),
  };
}

export function median(values: readonly number[]): number {
  const sorted = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
