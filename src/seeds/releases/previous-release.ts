import type { Release, ReleaseHistory } from './release-history';
import { compareSemver } from './release-history';

/**
 * The release to compare the current seeds with: the newest release older
 * than `version` (the seeds' manifest version). When `version` is not yet
 * recorded, that is simply the newest release.
 */
export function previousRelease(history: ReleaseHistory, version: string): Release | undefined {
  return history.releases.filter((r) => compareSemver(r.version, version) < 0).at(-1);
}
