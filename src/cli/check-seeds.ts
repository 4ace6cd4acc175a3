/**
 * `npm run seeds:check`: loads `seeds/` (schemas), runs `checkSeeds`
 * (references, ids, codes), prints the dataset version and the counts per
 * type, and exits 1 listing every problem when there is any.
 *
 *   npm run seeds:check [-- path/to/seeds]
 */
import { checkSeeds } from '../seeds/check-seeds';
import { loadSeeds, SeedFormatError } from '../seeds/load-seeds';

function main(): number {
  let seeds;
  try {
    seeds = process.argv[2] ? loadSeeds(process.argv[2]) : loadSeeds();
  } catch (error) {
    if (error instanceof SeedFormatError) {
      console.error(`seeds:check failed: ${error.message}`);
      return 1;
    }
    throw error;
  }
  const { errors, counts } = checkSeeds(seeds);
  console.log(`dataset version ${seeds.version} (built ${seeds.manifest.builtAt})`);
  console.log(table('node type', counts.nodes));
  console.log(table('edge type', counts.edges));
  if (errors.length > 0) {
    console.error(`seeds:check failed with ${errors.length} error(s):`);
    for (const error of errors) console.error(`  - ${error}`);
    return 1;
  }
  console.log('seeds:check passed');
  return 0;
}

function table(heading: string, counts: Record<string, number>): string {
  const rows = Object.entries(counts).filter(([, n]) => n > 0);
  const width = Math.max(heading.length, ...rows.map(([k]) => k.length));
  const total = rows.reduce((sum, [, n]) => sum + n, 0);
  const lines = [`${heading.padEnd(width)}  count`, `${'-'.repeat(width)}  -----`];
  for (const [type, n] of rows) lines.push(`${type.padEnd(width)}  ${String(n).padStart(5)}`);
  lines.push(`${'total'.padEnd(width)}  ${String(total).padStart(5)}`);
  return lines.join('\n');
}

process.exitCode = main();
