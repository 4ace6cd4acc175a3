/**
 * `npm run seeds:check`: loads `seeds/` (schemas), runs `checkSeeds`
 * (references, ids, codes), prints the dataset version, the counts per
 * type and what changed since the previous release (`seeds/releases/`), and
 * exits 1 listing every problem when there is any.
 *
 *   npm run seeds:check [-- path/to/seeds]
 */
import { checkSeeds } from '../seeds/check-seeds';
import { findSeedsDir, loadSeeds, SeedFormatError, type SeedSet } from '../seeds/load-seeds';
import { diffSnapshots } from '../seeds/releases/diff-snapshots';
import { formatDiff } from '../seeds/releases/format-diff';
import { previousRelease } from '../seeds/releases/previous-release';
import { readReleaseHistory } from '../seeds/releases/release-history';
import { releaseOf } from '../seeds/releases/release-of';

function main(): number {
  let seeds;
  const seedsDir = process.argv[2] ?? findSeedsDir();
  try {
    seeds = loadSeeds(seedsDir);
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
  console.log(releaseReport(seedsDir, seeds));
  if (errors.length > 0) {
    console.error(`seeds:check failed with ${errors.length} error(s):`);
    for (const error of errors) console.error(`  - ${error}`);
    return 1;
  }
  console.log('seeds:check passed');
  return 0;
}

// What changed since the previous release, and whether the current version is recorded as it is.
function releaseReport(seedsDir: string, seeds: SeedSet): string {
  const history = readReleaseHistory(seedsDir);
  const current = releaseOf(seeds);
  const lines: string[] = [];
  const recorded = history.releases.find((r) => r.version === current.release.version);
  if (!recorded) lines.push(`release ${current.release.version} is not recorded yet (npm run seeds:release)`);
  else if (recorded.contentSha256 !== current.release.contentSha256) {
    lines.push(`warning: the seeds differ from recorded release ${recorded.version}; re-run the import or npm run seeds:release`);
  }
  const previous = previousRelease(history, current.release.version);
  const before = previous && history.snapshot(previous.version);
  if (!previous || !before) lines.push('no earlier release to compare with');
  else lines.push(formatDiff(previous.version, current.release.version, diffSnapshots(before, current.snapshot)));
  return lines.join('\n');
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
