import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, truncateSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT, auditLength, BATCH, batchFor, CURATOR_KEY, exited, graphql, killHard, presence, readiness, startService, type Service } from './service-process';

/**
 * A full disk, for real: the data folder is a 1 MiB tmpfs mounted in a
 * mount namespace of its own (`unshare -r -m`, no privilege on the host
 * needed), and the service runs inside it (`nsenter`). The test fills the
 * tmpfs through `/proc/<pid>/root` until only a few pages are left, then
 * writes until the disk refuses one. A refused write must answer a coded
 * error and change nothing; `/readyz` must report it; reads must go on; once
 * space is freed the next write must be taken (no restart); and a restart on
 * the same tmpfs must hold every acknowledged batch. Skipped, saying why,
 * where the kernel or the container forbids the namespaces.
 */
const TMPFS_BYTES = 1024 * 1024;
const LEFT_FREE = 24 * 1024;

function namespacesWork(): string | null {
  const probe = mkdtempSync(path.join(tmpdir(), 'tmpfs-probe-'));
  try {
    const run = spawnSync('unshare', ['-r', '-m', 'sh', '-c', 'mount -t tmpfs -o size=64k tmpfs "$0"', probe], { encoding: 'utf8' });
    if (run.error) return `unshare is not available (${run.error.message})`;
    if (run.status !== 0) return `unshare -r -m cannot mount a tmpfs here: ${run.stderr.trim()}`;
    if (spawnSync('nsenter', ['--version']).error) return 'nsenter is not available';
    return null;
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
}

const cannot = namespacesWork();
if (cannot) process.stdout.write(`disk-full: skipped: ${cannot}\n`);

describe('store/embedded: a full disk refuses the write with a coded error and loses nothing', () => {
  let mountPoint: string;
  let holder: ChildProcess | null = null;
  let service: Service | null = null;

  beforeAll(async () => {
    if (cannot) return;
    mountPoint = mkdtempSync(path.join(tmpdir(), 'disk-full-'));
    // Holds the namespace (and so the tmpfs) for the whole test; the service is started inside it, twice.
    const child = spawn('unshare', ['-r', '-m', 'sh', '-c', `mount -t tmpfs -o size=${TMPFS_BYTES} tmpfs "$0" && echo mounted && exec sleep 600`, mountPoint], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    holder = child;
    await new Promise<void>((resolve, reject) => {
      let output = '';
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('mounted')) resolve();
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.on('exit', (code) => reject(new Error(`the namespace holder exited (${code}): ${output}`)));
    });
  });
  afterAll(async () => {
    await killHard(service);
    if (holder && holder.exitCode === null) {
      holder.kill('SIGKILL');
      await exited(holder);
    }
    if (mountPoint) rmSync(mountPoint, { recursive: true, force: true });
  });

  (cannot ? it.skip : it)('refuses with STORE_UNAVAILABLE (disk_full), reports on /readyz, takes writes again once there is room, restarts whole', async () => {
    const inside = (file: string) => `/proc/${holder!.pid}/root${path.join(mountPoint, file)}`;
    // nsenter would start in the namespace's `/`: the service needs the project folder as its working directory.
    const prefix = ['nsenter', '-t', String(holder!.pid), '-U', '-m', '--preserve-credentials', `--wd=${ROOT}`];
    const dataDir = path.join(mountPoint, 'data');
    service = await startService(dataDir, { prefix });

    // Fill the tmpfs, then give back a few pages: room for a few batches, not many.
    try {
      writeFileSync(inside('filler'), Buffer.alloc(TMPFS_BYTES));
    } catch (error) {
      expect((error as NodeJS.ErrnoException).code).toBe('ENOSPC');
    }
    const { size } = statSync(inside('filler'));
    truncateSync(inside('filler'), size - LEFT_FREE);

    const acknowledged: string[] = [];
    let refused: { code: string; errors: unknown } | null = null;
    for (let i = 0; refused === null; i++) {
      expect(i).toBeLessThan(1000); // 24 KiB holds a dozen batches, never a thousand
      const code = `full-${i}`;
      const { data, errors } = await graphql(service.url, CURATOR_KEY, BATCH, { c: batchFor(code) });
      if (errors) refused = { code, errors };
      else {
        expect(data).toEqual({ applyChanges: { applied: 3 } });
        acknowledged.push(code);
      }
    }
    expect(acknowledged.length).toBeGreaterThan(0);
    expect(refused.errors).toEqual([
      {
        message: 'The write could not be made durable: the disk is full. Nothing was changed.',
        path: ['applyChanges'],
        locations: [{ line: 1, column: 33 }],
        extensions: { code: 'STORE_UNAVAILABLE', reason: 'disk_full' },
      },
    ]);
    // Nothing of the refused batch; every acknowledged one whole; reads go on; readiness says why.
    const held = await presence(service.url, [...acknowledged, refused.code]);
    expect(held.get(refused.code)).toBe('none');
    expect(acknowledged.filter((code) => held.get(code) !== 'whole')).toEqual([]);
    expect(await auditLength(service.url)).toBe(acknowledged.length);
    expect(await readiness(service.url)).toEqual({
      status: 503,
      body: {
        status: 'unavailable',
        store: 'embedded',
        code: 'STORE_UNAVAILABLE',
        reason: 'journal',
        errors: [{ message: 'The store does not answer; retry later.', extensions: { code: 'STORE_UNAVAILABLE' } }],
      },
    });

    // Room again: the next write is taken without a restart, and the service is ready again.
    unlinkSync(inside('filler'));
    const again = await graphql(service.url, CURATOR_KEY, BATCH, { c: batchFor('after-room') });
    expect(again).toEqual({ data: { applyChanges: { applied: 3 } } });
    acknowledged.push('after-room');
    expect(await readiness(service.url)).toMatchObject({ status: 200, body: { status: 'ready' } });

    // kill -9 and a restart on the same tmpfs: every acknowledged batch is there, whole, and nothing else.
    await killHard(service);
    service = await startService(dataDir, { prefix });
    const after = await presence(service.url, [...acknowledged, refused.code]);
    expect(acknowledged.filter((code) => after.get(code) !== 'whole')).toEqual([]);
    expect(after.get(refused.code)).toBe('none');
    expect(await auditLength(service.url)).toBe(acknowledged.length);
    expect(service.output()).not.toMatch(/cut off a torn last line/);
    process.stdout.write(`disk-full: ${acknowledged.length - 1} batches fitted, the next refused (disk_full), one more after freeing space; all recovered\n`);
  }, 120_000);
});
