import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { ReleaseSnapshot } from './release-snapshot';

/**
 * The seeds' release history: `seeds/releases/index.json` lists every
 * release (version, date, content hash, counts), oldest first, and
 * `seeds/releases/<version>.json` holds each release's snapshot (record ids
 * and content hashes). A release, once a later one exists, is never
 * rewritten: that is what lets a working group cite "dataset 1.0.0" and
 * later ask what changed since.
 */
export const releaseSchema = z
  .object({
    version: z.string().regex(/^\d+\.\d+\.\d+$/),
    date: z.iso.datetime(),
    contentSha256: z.string().regex(/^[0-9a-f]{64}$/),
    counts: z.object({ nodes: z.record(z.string(), z.number().int()), edges: z.record(z.string(), z.number().int()) }),
    note: z.string().optional(),
  })
  .strict();
export type Release = z.infer<typeof releaseSchema>;

const snapshotSchema = z.object({ nodes: z.record(z.string(), z.string()), edges: z.record(z.string(), z.string()) }).strict();

export interface ReleaseHistory {
  releases: Release[];
  snapshot(version: string): ReleaseSnapshot | undefined;
}

export function readReleaseHistory(seedsDir: string): ReleaseHistory {
  const dir = path.join(seedsDir, 'releases');
  const indexPath = path.join(dir, 'index.json');
  const releases = existsSync(indexPath) ? z.array(releaseSchema).parse(JSON.parse(readFileSync(indexPath, 'utf8'))) : [];
  const cache = new Map<string, ReleaseSnapshot>();
  return {
    releases,
    snapshot(version) {
      if (!releases.some((r) => r.version === version)) return undefined;
      let snap = cache.get(version);
      if (!snap) {
        snap = snapshotSchema.parse(JSON.parse(readFileSync(path.join(dir, `${version}.json`), 'utf8')));
        cache.set(version, snap);
      }
      return snap;
    },
  };
}

/**
 * Records `release` with its snapshot: appends it, or replaces the entry of
 * the same version when that is the latest release (a release is rewritten
 * only while it is the newest). Throws when the version is older than the
 * latest one.
 */
export function writeRelease(seedsDir: string, release: Release, snapshot: ReleaseSnapshot): void {
  const dir = path.join(seedsDir, 'releases');
  mkdirSync(dir, { recursive: true });
  const { releases } = readReleaseHistory(seedsDir);
  const at = releases.findIndex((r) => r.version === release.version);
  if (at >= 0 && at !== releases.length - 1) {
    throw new Error(`release ${release.version} is older than ${releases.at(-1)!.version} and is frozen; bump the version`);
  }
  if (at < 0 && releases.length > 0 && compareSemver(release.version, releases.at(-1)!.version) <= 0) {
    throw new Error(`release ${release.version} is not newer than ${releases.at(-1)!.version}`);
  }
  const next = at >= 0 ? [...releases.slice(0, at), release] : [...releases, release];
  writeFileSync(path.join(dir, 'index.json'), `${JSON.stringify(next, null, 2)}\n`);
  writeFileSync(path.join(dir, `${release.version}.json`), `${JSON.stringify(snapshot, null, 1)}\n`);
}

export function compareSemver(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
}
