import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { graphEdgeSchema, graphNodeSchema } from '../../../src/domain/graph-records';
import { findSeedsDir } from '../../../src/seeds/load-seeds';
import { quickParseEdge, quickParseNode } from '../../../src/seeds/quick-parse-records';
import { RecordPool } from '../../../src/seeds/record-pool';
import { createRandom, type Random } from '../../support/create-random';

// The quick path must answer exactly as the schema for what it accepts (same output, same key order) and
// accept nothing the schema refuses: it stands in for zod at load, where zod's message is the contract.
const seedsDir = findSeedsDir();
const rawRecords = (kind: 'nodes' | 'edges'): unknown[] =>
  readdirSync(path.join(seedsDir, kind))
    .filter((name) => name.endsWith('.json'))
    .flatMap((name) => JSON.parse(readFileSync(path.join(seedsDir, kind, name), 'utf8')) as unknown[]);
const kinds = [
  { kind: 'nodes', records: rawRecords('nodes'), quick: quickParseNode, schema: graphNodeSchema },
  { kind: 'edges', records: rawRecords('edges'), quick: quickParseEdge, schema: graphEdgeSchema },
] as const;

describe('seeds: the quick record parse', () => {
  it.each(kinds)('accepts every real $kind record with the output zod gives it', ({ records, quick, schema }) => {
    expect(records.length).toBeGreaterThan(100);
    for (const record of records) {
      const parsed = schema.parse(record);
      expect(JSON.stringify(quick(record))).toBe(JSON.stringify(parsed));
    }
  });

  it.each(kinds.flatMap((kind) => [{ ...kind, pooled: false }, { ...kind, pooled: true }]))(
    'refuses every broken $kind record zod refuses and leaves it as it was, and gives zod’s output for the others (pool: $pooled)',
    ({ records, quick, schema, pooled }) => {
      const random = createRandom(records.length + (pooled ? 1 : 0));
      const pool = pooled ? new RecordPool() : undefined;
      let refused = 0;
      let accepted = 0;
      for (let i = 0; i < 6000; i++) {
        const record = mutate(random, structuredClone(records[random.below(records.length)]));
        const before = structuredClone(record);
        const expected = schema.safeParse(record);
        const got = quick(record, pool);
        if (!expected.success) {
          refused++;
          expect({ record, got }).toEqual({ record: before, got: undefined });
          expect(containersOf(record).some((held) => Object.isFrozen(held))).toBe(false);
        } else if (got !== undefined) {
          accepted++;
          expect(JSON.stringify(got)).toBe(JSON.stringify(expected.data));
          expect(containersOf(got).every((held) => Object.isFrozen(held))).toBe(true);
        }
      }
      expect(refused).toBeGreaterThan(1000);
      expect(accepted).toBeGreaterThan(100);
    },
  );

  it.each(kinds)('keeps a parsed $kind record already in the output’s form, frozen, rather than copying it', ({ records, quick, schema }) => {
    let kept = 0;
    for (const original of records) {
      const record = structuredClone(original) as Record<string, unknown>;
      const inForm = JSON.stringify(record) === JSON.stringify(schema.parse(record));
      const got = quick(record);
      if (inForm) {
        kept++;
        expect(got).toBe(record);
      }
      expect(Object.isFrozen(got)).toBe(true);
    }
    expect(kept).toBeGreaterThan(records.length / 2);
  });

  it('gives records from one pool the same strings and source lists where they are equal, with zod’s output', () => {
    const pool = new RecordPool();
    const nodes = kinds[0].records.map((record) => quickParseNode(structuredClone(record), pool)!);
    const edges = kinds[1].records.map((record) => quickParseEdge(structuredClone(record), pool)!);
    for (const [i, edge] of edges.entries()) expect(JSON.stringify(edge)).toBe(JSON.stringify(graphEdgeSchema.parse(kinds[1].records[i])));
    // The same string is not observable from JavaScript; the same source list is: one per distinct list.
    const lists = new Map<string, Set<unknown>>();
    for (const record of [...nodes, ...edges]) {
      const key = JSON.stringify(record.provenance.sources);
      lists.set(key, (lists.get(key) ?? new Set()).add(record.provenance.sources));
    }
    expect([...lists.values()].every((same) => same.size === 1)).toBe(true);
    expect(lists.size).toBeLessThan((nodes.length + edges.length) / 2);
    expect(Object.isFrozen(edges[0]!.provenance.sources[0])).toBe(true);
  });
});

const ODD_VALUES: unknown[] = [null, '', '  ', ' padded ', 'x', 0, -1, 1.5, 2 ** 31, true, [], {}, ['a', 1], [' a'], ['a'], [1, 2], 'Entity:ITU', 'derived', 'source', 'C7', 'BadKey', { en: 'x' }];

// One to three changes anywhere in the record: a key removed, a value replaced, an unknown key added.
function mutate(random: Random, record: unknown): unknown {
  for (let n = 1 + random.below(3); n > 0; n--) {
    const holders = containersOf(record);
    const holder = random.pick(holders);
    const keys = Object.keys(holder);
    const choice = random.below(4);
    if (choice === 0 && keys.length > 0) {
      const key = random.pick(keys);
      if (Array.isArray(holder)) holder.splice(Number(key), 1);
      else delete (holder as Record<string, unknown>)[key];
    } else if (choice === 3 && !Array.isArray(holder)) {
      (holder as Record<string, unknown>)[random.pick(['extra', 'Extra', 'zh', 'method', 'url', 'flags', 'props'])] = structuredClone(random.pick(ODD_VALUES));
    } else if (keys.length > 0) {
      (holder as Record<string, unknown>)[random.pick(keys)] = structuredClone(random.pick(ODD_VALUES));
    }
  }
  return record;
}

function containersOf(value: unknown, found: object[] = []): object[] {
  if (typeof value === 'object' && value !== null) {
    found.push(value);
    for (const child of Object.values(value)) containersOf(child, found);
  }
  return found;
}
