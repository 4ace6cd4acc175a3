import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { createInterface } from 'node:readline';

/** A server running in its own child process, so its CPU and memory are its own. */
export interface ChildServer {
  /** `http://127.0.0.1:<port>/graphql`. */
  url: string;
  pid: number;
  /** Milliseconds from spawn to the "listening" line. */
  listeningAfterMs: number;
  /** The "listening" line itself (bench-server adds its start-up `phases`). */
  listening: Record<string, unknown>;
  /** Resident memory now and at its peak (bytes, from /proc), or null where /proc is not there. */
  memory(): { rss: number; peakRss: number } | null;
  /** CPU time the process has used so far, all threads, user + system, in µs (from /proc); null without /proc. */
  cpuMicros(): number | null;
  /** SIGTERM, then SIGKILL after 10 s; resolves when the process has exited. */
  stop(): Promise<void>;
}

export interface SpawnOptions {
  env?: Record<string, string>;
  /** Flags for node itself, e.g. `--cpu-prof`. */
  nodeArgs?: string[];
  args?: string[];
  /** Pin the process to this CPU with `taskset` (ignored where taskset is missing). */
  cpu?: number;
  /** How long to wait for "listening" (30 s); a ×1000 store takes longer to load. */
  timeoutMs?: number;
}

/** Whether `taskset` can pin processes here (Linux with util-linux, at least 2 CPUs). */
export const CAN_PIN = os.availableParallelism() >= 2 && spawnSync('taskset', ['-p', String(process.pid)], { stdio: 'ignore' }).status === 0;

/**
 * Starts `node <script>` and resolves once it prints a JSON line with
 * `"msg":"listening"` and a `url` (as `src/main.ts` and the bench servers
 * do). Rejects with the child's stderr if it exits or stays silent for 30 s.
 * Its stdout is read to the end so that a chatty child never blocks on a
 * full pipe.
 */
export function spawnServer(script: string, options: SpawnOptions = {}): Promise<ChildServer> {
  const started = performance.now();
  const argv = [...(options.nodeArgs ?? []), script, ...(options.args ?? [])];
  // taskset execs node in place: the pid stays the server's own.
  const [command, args] = options.cpu !== undefined && CAN_PIN ? ['taskset', ['-c', String(options.cpu), process.execPath, ...argv]] : [process.execPath, argv];
  const child = spawn(command, args, {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  return new Promise<ChildServer>((resolve, reject) => {
    const timeoutMs = options.timeoutMs ?? 30_000;
    const timer = setTimeout(() => fail(new Error(`${script} did not report listening within ${timeoutMs / 1000} s`)), timeoutMs);
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${error.message}\n${stderr}`));
    };
    const onEarlyExit = (code: number | null) => fail(new Error(`${script} exited with code ${code} before listening`));
    child.once('exit', onEarlyExit);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const listening = listeningLine(line);
      if (!listening) return;
      const url = listening.url as string;
      clearTimeout(timer);
      child.off('exit', onEarlyExit);
      resolve({
        url: url.replace('//localhost:', '//127.0.0.1:'),
        pid: child.pid!,
        listeningAfterMs: performance.now() - started,
        listening,
        memory: () => readMemory(child.pid!),
        cpuMicros: () => readCpuMicros(child.pid!),
        stop: () => stopChild(child, exited),
      });
    });
  });
}

function listeningLine(line: string): Record<string, unknown> | null {
  if (!line.startsWith('{')) return null;
  try {
    const parsed = JSON.parse(line) as { msg?: unknown; url?: unknown };
    return parsed.msg === 'listening' && typeof parsed.url === 'string' ? parsed : null;
  } catch {
    return null;
  }
}

async function stopChild(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

// VmRSS is resident memory now, VmHWM its peak ("high water mark"); both in kB.
function readMemory(pid: number): { rss: number; peakRss: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
    return { rss: kb('VmRSS'), peakRss: kb('VmHWM') };
  } catch {
    return null;
  }
}

// Fields 14 and 15 of /proc/<pid>/stat (after the parenthesised name) are utime and stime in clock
// ticks of the process and all its threads; Linux's USER_HZ is 100 on every mainstream architecture.
function readCpuMicros(pid: number): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * (1_000_000 / USER_HZ);
  } catch {
    return null;
  }
}

const USER_HZ = 100;
