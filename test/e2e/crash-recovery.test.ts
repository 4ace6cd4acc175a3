import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { hashApiKey } from '../../src/auth/api-key-authenticator';

/**
 * The durability guarantee, tested as users meet it: the real service
 * process with a data folder, a stream of multi-operation write batches from
 * several clients, `kill -9` at a random moment, a restart on the same
 * folder. Every acknowledged batch must be there whole; a batch in flight at
 * the kill may be there or not, but never in part. Seeded (CRASH_SEED) so a
 * failure reproduces.
 */
const root = path.join(__dirname, '../..');
const SEED = Number(process.env.CRASH_SEED ?? 7);
const ROUNDS = 3;
const WRITERS = 4;
const KEY = 'crash-test-curator-key-0123456789';
const ADMIN_KEY = 'crash-test-admin-key-0123456789';
const API_KEYS = `crash:curator:${hashApiKey(KEY)},crash-admin:admin:${hashApiKey(ADMIN_KEY)}`;

function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Service {
  child: ChildProcess;
  url: string;
  output: () => string;
}

async function startService(dataDir: string): Promise<Service> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, API_KEYS, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /"msg":"listening","url":"([^"]+)"/.exec(output);
      if (match) resolve(match[1]!.replace('localhost', '127.0.0.1'));
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`service exited (${code}) before listening:\n${output}`)));
  });
  return { child, url, output: () => output };
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.on('exit', () => resolve())));
}

async function graphql(url: string, key: string, query: string, variables?: Record<string, unknown>) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: Record<string, unknown> | null; errors?: { extensions?: { code?: string } }[] };
}

const PROV = { sources: [{ document: 'crash test' }], confidence: 'SOURCE' };
const BATCH = 'mutation($c: [ChangeInput!]!) { applyChanges(changes: $c) { applied } }';

/** One batch of three operations: an initiative, its link to C2 and its link to ITU. Half of it applied would show. */
const batchFor = (code: string) => [
  { createNode: { type: 'Initiative', code, name: { en: `Crash ${code}` }, provenance: PROV } },
  { createLink: { type: 'ADDRESSES', from: `Initiative:${code}`, to: 'ActionLine:C2', provenance: PROV } },
  { createLink: { type: 'LED_BY', from: `Initiative:${code}`, to: 'Entity:ITU', provenance: PROV } },
];

/** How much of each batch the service holds: 'whole', 'none', or 'partial'. */
async function presence(url: string, codes: readonly string[]): Promise<Map<string, 'whole' | 'none' | 'partial'>> {
  const result = new Map<string, 'whole' | 'none' | 'partial'>();
  for (let i = 0; i < codes.length; i += 200) {
    const chunk = codes.slice(i, i + 200);
    const { data, errors } = await graphql(url, KEY, 'query($ids: [ID!]!) { nodes(ids: $ids) { ... on Initiative { code actionLines { code } ledBy { code } } } }', {
      ids: chunk.map((code) => `Initiative:${code}`),
    });
    expect(errors).toBeUndefined();
    (data!.nodes as ({ code: string; actionLines: { code: string }[]; ledBy: { code: string }[] } | null)[]).forEach((node, index) => {
      const code = chunk[index]!;
      if (!node) result.set(code, 'none');
      else {
        const whole = node.actionLines.some((a) => a.code === 'C2') && node.ledBy.some((e) => e.code === 'ITU');
        result.set(code, whole ? 'whole' : 'partial');
      }
    });
  }
  return result;
}

/** How many entries the audit log holds, paging through it as an admin. */
async function auditLength(url: string): Promise<number> {
  let count = 0;
  let after: string | null = null;
  for (;;) {
    const { data, errors } = await graphql(url, ADMIN_KEY, 'query($after: String) { auditLog(first: 500, after: $after) { entries { seq } pageInfo { hasNextPage endCursor } } }', {
      after,
    });
    expect(errors).toBeUndefined();
    const page = data!.auditLog as { entries: unknown[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
    count += page.entries.length;
    if (!page.pageInfo.hasNextPage) return count;
    after = page.pageInfo.endCursor;
  }
}

describe('store/embedded: a crash loses no acknowledged write and leaves none half-applied', () => {
  let dataDir: string;
  let service: Service | null = null;

  beforeAll(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'crash-'));
  });
  afterAll(async () => {
    if (service && service.child.exitCode === null) {
      service.child.kill('SIGKILL');
      await exited(service.child);
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it(`survives ${ROUNDS} rounds of kill -9 during a stream of write batches`, async () => {
    const random = createRandom(SEED);
    const acknowledged: string[] = [];
    const inFlightAtKill: string[] = [];
    const figures = { attempted: 0, acknowledged: 0, recovered: 0, inFlightRecovered: 0, inFlightAbsent: 0, tornTails: 0 };

    for (let round = 0; round < ROUNDS; round++) {
      service = await startService(dataDir);
      const { url, child } = service;
      if (round > 0) {
        // Everything acknowledged in earlier rounds is back, whole.
        const held = await presence(url, [...acknowledged, ...inFlightAtKill]);
        expect([...held].filter(([code, state]) => state === 'partial' || (acknowledged.includes(code) && state !== 'whole'))).toEqual([]);
      }

      let killed = false;
      const inFlight = new Set<string>();
      // The kill timer starts at this round's first acknowledgement, so that a loaded machine (slow
      // start, slow first write) cannot kill the service before it acknowledged anything.
      let firstAck!: () => void;
      const acknowledgedOnce = new Promise<void>((resolve) => (firstAck = resolve));
      const writer = async (w: number) => {
        for (let i = 0; !killed; i++) {
          const code = `r${round}-w${w}-${i}`;
          inFlight.add(code);
          figures.attempted++;
          try {
            const { data, errors } = await graphql(url, KEY, BATCH, { c: batchFor(code) });
            expect(errors).toBeUndefined();
            expect(data).toEqual({ applyChanges: { applied: 3 } });
            acknowledged.push(code);
            figures.acknowledged++;
            firstAck();
            inFlight.delete(code);
          } catch (error) {
            if (!killed) throw error;
            return; // the connection died with the service: this batch's fate is unknown
          }
        }
      };
      const writers = Array.from({ length: WRITERS }, (_, w) => writer(w));
      await Promise.race([acknowledgedOnce, Promise.all(writers)]); // a writer that fails before any ack fails the test
      await new Promise((resolve) => setTimeout(resolve, 300 + Math.floor(random() * 1200)));
      killed = true;
      child.kill('SIGKILL');
      await exited(child);
      await Promise.all(writers);
      inFlightAtKill.push(...inFlight);
      expect(acknowledged.length).toBeGreaterThan(0);
    }

    // A last start: check everything, then the audit log holds one entry per batch applied.
    service = await startService(dataDir);
    const held = await presence(service.url, [...acknowledged, ...inFlightAtKill]);
    expect([...held].filter(([, state]) => state === 'partial')).toEqual([]);
    expect(acknowledged.filter((code) => held.get(code) !== 'whole')).toEqual([]);
    const wholeBatches = [...held.values()].filter((state) => state === 'whole').length;
    expect(await auditLength(service.url)).toBe(wholeBatches);

    figures.recovered = acknowledged.filter((code) => held.get(code) === 'whole').length;
    figures.inFlightRecovered = inFlightAtKill.filter((code) => held.get(code) === 'whole').length;
    figures.inFlightAbsent = inFlightAtKill.filter((code) => held.get(code) === 'none').length;
    figures.tornTails = (service.output().match(/cut off a torn last line/g) ?? []).length;
    service.child.kill('SIGTERM');
    await exited(service.child);
    process.stdout.write(`crash-recovery: seed ${SEED}, ${ROUNDS} kills, ${JSON.stringify(figures)}\n`);
  }, 120_000);
});
