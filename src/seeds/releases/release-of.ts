import { createHash } from 'node:crypto';
import type { SeedSet } from '../load-seeds';
import type { Release } from './release-history';
import { snapshotOf, type ReleaseSnapshot } from './release-snapshot';

/** The release the loaded seeds make: manifest version and build date, counts per type, snapshot and its hash. */
export function releaseOf(seeds: SeedSet, note?: string): { release: Release; snapshot: ReleaseSnapshot } {
  const nodes = seeds.nodeFiles.flatMap((f) => f.records);
  const edges = seeds.edgeFiles.flatMap((f) => f.records);
  const snapshot = snapshotOf(nodes, edges);
  const release: Release = {
    version: seeds.manifest.version,
    date: seeds.manifest.builtAt,
    contentSha256: createHash('sha256').update(JSON.stringify(snapshot)).digest('hex'),
    counts: { nodes: tally(nodes.map((n) => n.type)), edges: tally(edges.map((e) => e.type)) },
  };
  if (note) release.note = note;
  return { release, snapshot };
}

function tally(types: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const t of [...types].sort()) out[t] = (out[t] ?? 0) + 1;
  return out;
}
