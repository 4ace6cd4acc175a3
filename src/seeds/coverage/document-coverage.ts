import { readFileSync } from 'node:fs';
import path from 'node:path';

/** One core item a domain document names, and the node it must resolve to (`null`: not identifiable). */
export interface CoreItem {
  document: string;
  where: string;
  name: string;
  id: string | null;
  kind: 'body' | 'text' | 'process' | 'meeting' | 'initiative';
}

export function readCoreItems(seedsDir: string): CoreItem[] {
  const file = path.join(seedsDir, 'curated', 'document-core-items.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { items: CoreItem[] }).items;
}

export interface Coverage {
  covered: number;
  total: number;
  /** Items whose node is missing, or that no source identifies. */
  missing: CoreItem[];
  byDocument: Record<string, { covered: number; total: number }>;
  byKind: Record<string, { covered: number; total: number }>;
}

/**
 * How many of the core items are nodes: an item counts when its id is a node
 * id or an alias in `known`. An unidentified item (id null) never counts, so
 * the figure is honest about what the sources cannot name.
 */
export function measureCoverage(items: readonly CoreItem[], known: ReadonlySet<string>): Coverage {
  const result: Coverage = { covered: 0, total: items.length, missing: [], byDocument: {}, byKind: {} };
  for (const item of items) {
    const ok = item.id !== null && known.has(item.id);
    if (ok) result.covered++;
    else result.missing.push(item);
    for (const [bucket, key] of [
      [result.byDocument, item.document],
      [result.byKind, item.kind],
    ] as const) {
      const tally = (bucket[key] ??= { covered: 0, total: 0 });
      tally.total++;
      if (ok) tally.covered++;
    }
  }
  return result;
}
