import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createEmbeddedGraphStore } from '../../src/store/embedded/create-embedded-graph-store';
import { loadSeeds } from '../../src/seeds/load-seeds';
import { legacySearch } from './legacy-search';

/**
 * `npm run eval:search [-- --misses]`: the share of real surface forms (names as
 * the four domain documents print them, `search-surface-forms.json`, each with
 * the node or nodes it means) whose node search ranks first and in the top 5,
 * for the search before name variants and for today's. `--misses` lists the
 * forms the new search does not rank first.
 */
interface SurfaceForm {
  surface: string;
  expected: string[];
  document: string;
}

async function main(): Promise<void> {
  const forms = JSON.parse(readFileSync(path.join(__dirname, 'search-surface-forms.json'), 'utf8')) as SurfaceForm[];
  const store = createEmbeddedGraphStore();
  const nodes = loadSeeds().nodeFiles.flatMap((file) => file.records);
  const tally = { old: { top1: 0, top5: 0 }, new: { top1: 0, top5: 0 } };
  const misses: string[] = [];
  for (const form of forms) {
    const oldIds = legacySearch(nodes, form.surface, 5).map((node) => node.id);
    const newIds = (await store.search({ text: form.surface, first: 5 })).map((hit) => hit.node.id);
    for (const [key, ids] of [['old', oldIds], ['new', newIds]] as const) {
      const rank = ids.findIndex((id) => form.expected.includes(id));
      if (rank === 0) tally[key].top1++;
      if (rank >= 0) tally[key].top5++;
    }
    if (!form.expected.includes(newIds[0] ?? '')) misses.push(`  ${form.surface} → ${newIds.slice(0, 3).join(', ') || '(nothing)'} (expected ${form.expected.join(' | ')})`);
  }
  const share = (n: number) => `${((100 * n) / forms.length).toFixed(1)} %`;
  process.stdout.write(`search on ${forms.length} surface forms from the four domain documents\n`);
  process.stdout.write(`  old search: rank 1 ${share(tally.old.top1)}, top 5 ${share(tally.old.top5)}\n`);
  process.stdout.write(`  new search: rank 1 ${share(tally.new.top1)}, top 5 ${share(tally.new.top5)}\n`);
  if (process.argv.includes('--misses')) process.stdout.write(`not first (${misses.length}):\n${misses.join('\n')}\n`);
  await store.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`eval:search failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
