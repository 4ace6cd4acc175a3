import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BenchLeg } from '../bench-leg';
import { answerOf, median, ROOT, warmClient } from '../bench-kit';
import type { Workload } from '../workloads';

const RUNS = 3;
const PHASES: [key: string, label: string][] = [
  ['nodeBootMs', 'node boot (`node -e 0`, spawn to exit)'],
  ['modulesMs', "loading the app's modules (the rest of boot-and-modules)"],
  ['configMs', 'config and logger'],
  ['seedsReadMs', 'seeds: read files'],
  ['seedsHashMs', 'seeds: sha256 (dataset version)'],
  ['seedsParseMs', 'seeds: JSON.parse'],
  ['seedsValidateMs', 'seeds: zod validation'],
  ['seedsOtherMs', 'seeds: name variants merged, the rest'],
  ['storeMs', 'embedded store built (records, type lists, text index)'],
  ['appMs', 'createApp + createServer (schema, yoga)'],
  ['listenMs', 'listen'],
  ['firstAnswerMs', 'first correct lookup over HTTP (after listening)'],
];

/**
 * Cold start split into its phases, at ×1: bench-server.ts times its own steps (the composition of
 * main.ts, seeds and store in separate steps) and prints them with its "listening" line; the runner adds
 * the time to the first correct answer, and node's own boot from a `node -e 0`. Median of 3 of each.
 */
export const coldStartPhasesLeg: BenchLeg = {
  name: 'startup',
  title: 'Cold start, phase by phase (×1)',
  async run(context) {
    const runs: Record<string, number>[] = [];
    await warmClient();
    for (let i = 0; i < RUNS; i++) {
      const bootStarted = performance.now();
      spawnSync(process.execPath, ['-e', '0']);
      const nodeBootMs = performance.now() - bootStarted;
      const started = performance.now();
      const server = await context.startServer({});
      try {
        const listened = performance.now();
        for (;;) {
          const answer = await answerOf(server.url, context.workload('lookup')).catch(() => null);
          if (typeof answer === 'string') break;
        }
        const phases = server.listening.phases as Record<string, number>;
        const seedParts = phases.seedsReadMs! + phases.seedsHashMs! + phases.seedsParseMs! + phases.seedsValidateMs!;
        runs.push({
          ...phases,
          nodeBootMs,
          modulesMs: phases.bootAndModulesMs! - nodeBootMs,
          seedsOtherMs: phases.seedsMs! - seedParts,
          firstAnswerMs: performance.now() - listened,
          totalMs: performance.now() - started,
        });
      } finally {
        await server.stop();
      }
    }
    const npmStart: number[] = [];
    for (let i = 0; i < RUNS; i++) npmStart.push(await npmStartReadyMs(context.workload('lookup')));
    const m = (key: string) => median(runs.map((run) => run[key] ?? NaN));
    const lines = [
      '| phase | ms (median of 3) |',
      '|---|---:|',
      ...PHASES.map(([key, label]) => `| ${label} | ${m(key).toFixed(0)} |`),
      `| **spawn → first correct answer** | **${m('totalMs').toFixed(0)}** |`,
    ];
    lines.push('', `\`npm start\` (an installed clone: \`node src/cli/start.mjs\`, build up to date) → first correct answer: ${npmStart.map((ms) => ms.toFixed(0)).join(', ')} ms.`);
    return {
      markdown: lines.join('\n'),
      data: { runs, npmStartMs: npmStart },
      targets: [{ target: '`npm start` ready ≤ 2 s (installed clone)', measured: `${median(npmStart).toFixed(0)} ms (median of ${RUNS})`, met: median(npmStart) <= 2000 }],
    };
  },
};

/** `npm start` as a user runs it, spawn → first correct lookup; the whole process group is stopped after. */
async function npmStartReadyMs(lookup: Workload): Promise<number> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'wsis-bench-start-'));
  const started = performance.now();
  const child = spawn('npm', ['start', '--silent'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  try {
    let output = '';
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`npm start did not listen within 60 s:\n${output.slice(-2000)}`)), 60_000);
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        const match = /"msg":"listening","url":"([^"]+)"/.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!.replace('//localhost:', '//127.0.0.1:'));
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.once('exit', (code) => reject(new Error(`npm start exited (${code}):\n${output.slice(-2000)}`)));
    });
    while (typeof (await answerOf(url, lookup).catch(() => null)) !== 'string');
    return performance.now() - started;
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    if (child.exitCode === null) process.kill(-child.pid!, 'SIGTERM');
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
}
