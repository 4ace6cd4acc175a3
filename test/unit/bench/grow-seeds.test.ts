import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { GraphEdge, GraphNode } from '../../../src/domain/graph-records';
import { checkSeeds } from '../../../src/seeds/check-seeds';
import { findSeedsDir, loadSeeds, type SeedSet } from '../../../src/seeds/load-seeds';
import { GROWN_TYPES, growSeeds, writeSeedsDir } from '../../bench/grow-seeds';

// The benchmark's scale runs depend on this generator; these tests keep it in step with the seeds and their checker.
const real = loadSeeds();
const nodesOf = (seeds: SeedSet): GraphNode[] => seeds.nodeFiles.flatMap((f) => f.records);
const edgesOf = (seeds: SeedSet): GraphEdge[] => seeds.edgeFiles.flatMap((f) => f.records);
const count = <T>(items: T[], keep: (item: T) => boolean) => items.filter(keep).length;
const isGrown = (id: string) => GROWN_TYPES.has(id.slice(0, id.indexOf(':')) as never);

describe('bench: growSeeds', () => {
  const grown = growSeeds(real, 10);

  it('passes the seeds checker at ×10', () => {
    expect(checkSeeds(grown).errors).toEqual([]);
  });

  it('has ten times the initiatives, resolutions, paragraphs and the links they start at ×10', () => {
    for (const type of ['Initiative', 'Resolution', 'Paragraph']) {
      expect(count(nodesOf(grown), (n) => n.type === type)).toBe(10 * count(nodesOf(real), (n) => n.type === type));
    }
    expect(count(edgesOf(grown), (e) => isGrown(e.from))).toBe(10 * count(edgesOf(real), (e) => isGrown(e.from)));
  });

  it('keeps the closed frameworks and entities as they are', () => {
    for (const type of ['SdgGoal', 'SdgTarget', 'ActionLine', 'Entity', 'GdcCommitment']) {
      expect(count(nodesOf(grown), (n) => n.type === type)).toBe(count(nodesOf(real), (n) => n.type === type));
    }
  });

  it('marks every added record as synthetic and leaves the real ones unchanged', () => {
    const added = nodesOf(grown).slice(nodesOf(real).length);
    expect(added.length).toBeGreaterThan(0);
    expect(added.every((n) => /^(synthetic_\d{4}_|SYNTHETIC-\d{4}\/)/.test(n.code) && n.provenance.method?.includes('not a fact'))).toBe(true);
    expect(edgesOf(grown).slice(edgesOf(real).length).every((e) => e.provenance.method?.includes('synthetic copy'))).toBe(true);
    expect(grown.nodeFiles.slice(0, real.nodeFiles.length)).toEqual(real.nodeFiles);
    expect(grown.edgeFiles.slice(0, real.edgeFiles.length)).toEqual(real.edgeFiles);
  });

  it('returns the seeds themselves at ×1 and refuses a factor below 1', () => {
    expect(growSeeds(real, 1)).toBe(real);
    expect(() => growSeeds(real, 0)).toThrow('factor must be an integer of at least 1, got 0');
  });

  it('writes a seeds folder that loads back to the same records', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'wsis-bench-seeds-'));
    try {
      writeSeedsDir(growSeeds(real, 3), findSeedsDir(), dir);
      const loaded = loadSeeds(dir);
      expect(checkSeeds(loaded).errors).toEqual([]);
      expect(new Set(nodesOf(loaded).map((n) => n.id))).toEqual(new Set(nodesOf(growSeeds(real, 3)).map((n) => n.id)));
      expect(edgesOf(loaded).length).toBe(edgesOf(growSeeds(real, 3)).length);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
