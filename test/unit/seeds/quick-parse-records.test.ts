import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { graphEdgeSchema, graphNodeSchema } from '../../../src/domain/graph-records';
import { findSeedsDir } from '../../../src/seeds/load-seeds';
import { quickParseEdge, quickParseNode } from '../../../src/seeds/quick-parse-records';
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

  it.each(kinds)('refuses every broken $kind record zod refuses, and gives zod’s output for the others', ({ records, quick, schema }) => {
    const random = createRandom(records.length);
    let refused = 0;
    let accepted = 0;
    for (let i = 0; i < 6000; i++) {
      const record = mutate(random, structuredClone(records[random.below(records.length)]));
      const expected = schema.safeParse(record);
      const got = quick(record);
      if (!expected.success) {
        refused++;
        expect({ record, got }).toEqual({ record, got: undefined });
      } else if (got !== undefined) {
        accepted++;
        expect(JSON.stringify(got)).toBe(JSON.stringify(expected.data));
      }
    }
    expect(refused).toBeGreaterThan(1000);
    expect(accepted).toBeGreaterThan(100);
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
      (holder as Record<string, unknown>)[random.pick(['extra', 'Extra', 'zh', 'method', 'url', 'flags', 'props'])] = random.pick(ODD_VALUES);
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
