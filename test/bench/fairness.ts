/**
 * The fairness measurement of `npm run bench` on its own, against a fresh
 * bench server (`bench-server.ts`, pinned to CPU 1 as in the bench), with,
 * on `--profile`, the longest stretches in which the server's event loop
 * was held and what ran in them (`long-tasks.ts`):
 *
 *   npm run build && node dist/test/bench/fairness.js [--seconds 10] [--only "largest answer,names under the gate"] [--profile] [--node-args=--trace-gc] [--server <another build's bench-server.js>]
 *
 * `--node-args` takes its value after `=` (node's parseArgs refuses a value starting with a dash
 * as the next word). The Markdown goes to stdout.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { EXPENSIVE_CLIENTS, EXPENSIVE_REQUESTS, fairnessMarkdown, measureFairness } from './expensive-workloads';
import { longTasks, longTasksMarkdown } from './long-tasks';
import { CAN_PIN, spawnServer } from './spawn-server';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      seconds: { type: 'string', default: '10' },
      only: { type: 'string' },
      profile: { type: 'boolean', default: false },
      'node-args': { type: 'string', default: '' },
      // Another build's bench-server.js, to measure it the same way (before/after a change).
      server: { type: 'string' },
    },
  });
  const requests = EXPENSIVE_REQUESTS.filter((r) => !values.only || values.only.split(',').includes(r.name));
  const profileDir = mkdtempSync(path.join(os.tmpdir(), 'wsis-fairness-'));
  if (CAN_PIN) spawnSync('taskset', ['-pc', '0', String(process.pid)], { stdio: 'ignore' });
  const server = await spawnServer(values.server ? path.resolve(values.server) : path.join(__dirname, 'bench-server.js'), {
    env: { LOG_LEVEL: 'warn', RATE_LIMIT_ANONYMOUS: '0', RATE_LIMIT_KEYED: '0', BENCH_PROFILE_DIR: profileDir },
    ...(CAN_PIN ? { cpu: 1 } : {}),
    nodeArgs: values['node-args'].split(' ').filter(Boolean),
  });
  const profile = (action: 'start' | 'stop', name: string) =>
    fetch(server.url.replace(/\/graphql$/, `/__bench/profile?action=${action}&name=${encodeURIComponent(name)}`), { method: 'POST' }).then(
      async (response) => ((await response.json()) as { file: string | null }).file,
    );
  try {
    const sections: string[] = [];
    const results = [];
    for (const request of requests) {
      if (values.profile) await profile('start', request.name.replace(/\W+/g, '-'));
      const result = await measureFairness(server.url, Number(values.seconds), [request]);
      results.push(...result.requests);
      if (values.profile) {
        const file = await profile('stop', request.name.replace(/\W+/g, '-'));
        if (file) sections.push(`### Longest stretches without idle, ${request.name} (${file})\n\n${longTasksMarkdown(longTasks(file))}`);
      }
    }
    process.stdout.write(`${fairnessMarkdown({ seconds: Number(values.seconds), clients: EXPENSIVE_CLIENTS, requests: results })}\n\n${sections.join('\n\n')}\n`);
  } finally {
    await server.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`fairness failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
