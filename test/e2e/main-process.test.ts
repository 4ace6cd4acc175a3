import { spawn, type ChildProcess } from 'node:child_process';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

// The composition root as users run it: a real process, real environment, real signals.
const root = path.join(__dirname, '../..');

// Each run gets its own journal folder: a developer's own server (and its lock on ./data) never interferes.
const dataDirs: string[] = [];
afterAll(() => {
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
});

function startServer(env: Record<string, string>): { child: ChildProcess; output: () => string; url: Promise<string> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', DATA_DIR: newDataDir(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /"msg":"listening","url":"([^"]+)"/.exec(output);
      if (match) resolve(match[1]!);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', () => reject(new Error(`server exited before listening:\n${output}`)));
  });
  url.catch(() => undefined);
  return { child, output: () => output, url };
}

function newDataDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'wsis-graph-main-'));
  dataDirs.push(dir);
  return dir;
}

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.on('exit', (code) => resolve(code)));
}

describe('main: the service process', () => {
  it('serves the embedded store, reports ready, and exits 0 on SIGTERM', async () => {
    const server = startServer({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' });
    const url = (await server.url).replace('localhost', '127.0.0.1');
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ entity(code: "ITU") { code } }' }),
    });
    expect(await response.json()).toEqual({ data: { entity: { code: 'ITU' } } });
    const ready = await fetch(url.replace('/graphql', '/readyz'));
    expect(ready.status).toBe(200);

    const exited = exitOf(server.child);
    server.child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(server.output()).toContain('"msg":"shutting down","signal":"SIGTERM"');
  }, 30_000);

  it('ends start-up with one line naming the port, and exit code 1, when the port is in use', async () => {
    const taken = createNetServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as AddressInfo;
    try {
      const server = startServer({ PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' });
      expect(await exitOf(server.child)).toBe(1);
      expect(server.output().trim().split('\n')).toEqual([
        `Cannot listen on 127.0.0.1:${port}: the port is already in use (set PORT to another port, or 0 for any free one).`,
      ]);
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  }, 30_000);

  it('refuses to start on a bad variable, naming it and the expected form', async () => {
    const server = startServer({ PORT: 'eighty' });
    expect(await exitOf(server.child)).toBe(1);
    expect(server.output()).toContain('PORT="eighty"');
  }, 30_000);
});
