/**
 * `npm run seeds:coverage [-- --release <version>]`: of the core items the four
 * domain documents name (`seeds/curated/document-core-items.json`), how many
 * are nodes of the current seeds (node ids and aliases) or, with `--release`,
 * of that recorded release (its snapshot's node ids). Prints the share per
 * document and kind, and the items not covered.
 */
import { findSeedsDir, loadSeeds } from '../seeds/load-seeds';
import { measureCoverage, readCoreItems } from '../seeds/coverage/document-coverage';
import { readReleaseHistory } from '../seeds/releases/release-history';

function main(): number {
  const seedsDir = findSeedsDir();
  const at = process.argv.indexOf('--release');
  const version = at >= 0 ? process.argv[at + 1] : undefined;
  let known: Set<string>;
  let label: string;
  if (version) {
    const snapshot = readReleaseHistory(seedsDir).snapshot(version);
    if (!snapshot) {
      console.error(`no recorded release ${version}`);
      return 1;
    }
    known = new Set(Object.keys(snapshot.nodes));
    label = `release ${version}`;
  } else {
    const seeds = loadSeeds(seedsDir);
    const nodes = seeds.nodeFiles.flatMap((f) => f.records);
    known = new Set([...nodes.map((n) => n.id), ...nodes.flatMap((n) => (Array.isArray(n.props.aliases) ? n.props.aliases.map(String) : []))]);
    label = `seeds ${seeds.version}`;
  }
  const c = measureCoverage(readCoreItems(seedsDir), known);
  const pct = (n: number, d: number) => `${((100 * n) / d).toFixed(1)} %`;
  console.log(`${label}: ${c.covered} of ${c.total} core items are nodes (${pct(c.covered, c.total)})`);
  for (const [name, t] of Object.entries(c.byDocument)) console.log(`  ${name}: ${t.covered}/${t.total} (${pct(t.covered, t.total)})`);
  for (const [name, t] of Object.entries(c.byKind)) console.log(`  ${name}: ${t.covered}/${t.total} (${pct(t.covered, t.total)})`);
  console.log('not covered:');
  for (const m of c.missing) console.log(`  ${m.document} ${m.where}: ${m.name}${m.id ? ` (${m.id})` : ' (not identifiable)'}`);
  return 0;
}

process.exitCode = main();
