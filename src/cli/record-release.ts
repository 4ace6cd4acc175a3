/**
 * `npm run seeds:release [-- path/to/seeds] [-- --note "…"]`: records the
 * seeds as the release of their manifest version in `seeds/releases/`
 * (index and snapshot). The importer does the same after every import; run
 * this after a hand edit. A release older than the latest is frozen.
 */
import { loadSeeds } from '../seeds/load-seeds';
import { releaseOf } from '../seeds/releases/release-of';
import { writeRelease } from '../seeds/releases/release-history';
import { findSeedsDir } from '../seeds/load-seeds';

function main(): void {
  const args = process.argv.slice(2);
  const noteAt = args.indexOf('--note');
  const note = noteAt >= 0 ? args[noteAt + 1] : undefined;
  const dirArg = args.find((a, i) => !a.startsWith('--') && (noteAt < 0 || i !== noteAt + 1));
  const seedsDir = dirArg ?? findSeedsDir();
  const { release, snapshot } = releaseOf(loadSeeds(seedsDir), note);
  writeRelease(seedsDir, release, snapshot);
  console.log(`release ${release.version} (${release.date}) recorded in ${seedsDir}/releases`);
}

main();
