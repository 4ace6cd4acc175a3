import type { GraphEdge } from '../../../src/domain/graph-records';
import { computeFanOut } from '../../../src/graphql/cost/fan-out-bounds';
import type { RelationSpec } from '../../../src/graphql/resolvers/relations';
import type { GraphStore } from '../../../src/store/graph-store';
import { testEdge } from '../../support/graph-records';
import { plainFanOuts } from '../../support/plain-fan-out';

/**
 * computeFanOut groups the links by type once, counts each kind of walk once and takes the `links` fields
 * from the nodes' degrees. Its bounds must be those of the plain walk, one pass over every link per field
 * (`test/support/plain-fan-out.ts`), for random graphs and fields: self-links, both directions, far-type filters,
 * every link type (fan-out-bounds.test.ts compares them over the seeds).
 */
/** Only what computeFanOut reads: the links, the counts, and no nodes (their sources are not under test here). */
function linksOnly(edges: GraphEdge[]): GraphStore {
  return {
    listEdges: async () => edges,
    counts: async () => ({ nodes: [], edges: [] }),
    listNodes: async () => ({ nodes: [], cursors: [], hasNextPage: false, totalCount: 0 }),
  } as unknown as GraphStore;
}

// A small deterministic generator (mulberry32): the same cases on every run.
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NODE_TYPES = ['ActionLine', 'SdgTarget', 'SdgGoal', 'Entity'] as const;
const LINK_TYPES = ['MATRIX_LINK', 'TARGET_OF', 'LED_BY', 'PARTNER'] as const;

describe('fan-out bounds as one walk per field', () => {
  it('match one walk per field over random graphs and fields', async () => {
    const next = random(12);
    const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!;
    const subset = <T>(items: readonly T[]) => items.filter(() => next() < 0.4);
    for (let round = 0; round < 200; round++) {
      const ids = Array.from({ length: 1 + Math.floor(next() * 12) }, (_, i) => `${pick(NODE_TYPES)}:${i}`);
      const edges = Array.from({ length: Math.floor(next() * 40) }, (_, i) => {
        const from = pick(ids);
        const to = next() < 0.1 ? from : pick(ids);
        return { ...testEdge(pick(LINK_TYPES), from, to), id: `e${i}` };
      });
      const specs = new Map<string, RelationSpec>();
      for (let i = 0; i < 12; i++) {
        const nodeTypes = next() < 0.5 ? undefined : subset(NODE_TYPES);
        specs.set(`${pick(NODE_TYPES)}.f${i}`, { direction: pick(['out', 'in', 'both'] as const), types: subset(LINK_TYPES), nodeTypes });
      }
      const table = await computeFanOut(linksOnly(edges), specs, 6);
      expect({ round, fields: table.fields }).toEqual({ round, fields: plainFanOuts(edges, specs) });
    }
  });
});
