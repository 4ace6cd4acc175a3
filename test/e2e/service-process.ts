import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { hashApiKey } from '../../src/auth/api-key-authenticator';

/**
 * The real service as a child process on a data folder, and the requests the
 * crash tests make of it (crash-recovery, crash-during-compaction, disk-full):
 * write batches whose half would show, and a check of how much of each the
 * service holds.
 */
export const ROOT = path.join(__dirname, '../..');
export const CURATOR_KEY = 'crash-test-curator-key-0123456789';
export const ADMIN_KEY = 'crash-test-admin-key-0123456789';
const API_KEYS = `crash:curator:${hashApiKey(CURATOR_KEY)},crash-admin:admin:${hashApiKey(ADMIN_KEY)}`;

export interface Service {
  child: ChildProcess;
  url: string;
  output: () => string;
}

export interface StartOptions {
  /** More environment (e.g. JOURNAL_COMPACT_EVERY). */
  env?: Record<string, string>;
  /** A command to run the service under (e.g. `nsenter -t <pid> -U -m`). */
  prefix?: string[];
}

/** Starts `src/main.ts` on `dataDir` and resolves once it listens (its log says so). */
export async function startService(dataDir: string, options: StartOptions = {}): Promise<Service> {
  const command = [...(options.prefix ?? []), process.execPath, '--import', 'tsx', 'src/main.ts'];
  const child = spawn(command[0]!, command.slice(1), {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, API_KEYS, LOG_LEVEL: 'info', ...options.env },
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

export function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.on('exit', () => resolve())));
}

export async function killHard(service: Service | null): Promise<void> {
  if (!service || service.child.exitCode !== null || service.child.signalCode !== null) return;
  service.child.kill('SIGKILL');
  await exited(service.child);
}

export interface GraphQLAnswer {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

export async function graphql(url: string, key: string, query: string, variables?: Record<string, unknown>): Promise<GraphQLAnswer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as GraphQLAnswer;
}

const PROV = { sources: [{ document: 'crash test' }], confidence: 'SOURCE' };
export const BATCH = 'mutation($c: [ChangeInput!]!) { applyChanges(changes: $c) { applied } }';

/** One batch of three operations: an initiative, its link to C2 and its link to ITU. Half of it applied would show. */
export const batchFor = (code: string) => [
  { createNode: { type: 'Initiative', code, name: { en: `Crash ${code}` }, provenance: PROV } },
  { createLink: { type: 'ADDRESSES', from: `Initiative:${code}`, to: 'ActionLine:C2', provenance: PROV } },
  { createLink: { type: 'LED_BY', from: `Initiative:${code}`, to: 'Entity:ITU', provenance: PROV } },
];

/** How much of each batch the service holds: 'whole', 'none', or 'partial'. */
export async function presence(url: string, codes: readonly string[]): Promise<Map<string, 'whole' | 'none' | 'partial'>> {
  const result = new Map<string, 'whole' | 'none' | 'partial'>();
  for (let i = 0; i < codes.length; i += 200) {
    const chunk = codes.slice(i, i + 200);
    const { data, errors } = await graphql(url, CURATOR_KEY, 'query($ids: [ID!]!) { nodes(ids: $ids) { ... on Initiative { code actionLines { code } ledBy { code } } } }', {
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
export async function auditLength(url: string): Promise<number> {
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

/** `/readyz` as a load balancer reads it. */
export async function readiness(url: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(new URL('/readyz', url));
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}
