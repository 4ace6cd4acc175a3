import { z } from 'zod';
import { BadUserInputError } from '../../domain/errors';
import { diffSnapshots, type ChangeKind } from '../../seeds/releases/diff-snapshots';
import { compareSemver, type Release, type ReleaseHistory } from '../../seeds/releases/release-history';
import type { AuditEntry, GraphStore } from '../../store/graph-store';
import type { GraphQLContext } from '../context';
import { isBackwards, pageArgsOf } from '../connection-args';
import { parseArgs } from '../parse-args';

/**
 * `dataset.releases` and `dataset.changes(since:)`: what moved in the data
 * between two points a working group can name, a release version or a time.
 *
 * Two histories make the answer, in time order: the seed releases (each
 * release compared with the one before it, from `seeds/releases/`) and the
 * curated writes of the audit log (each batch's record changes). `since` is a
 * recorded release version (`1.0.0`: every release after it, then every
 * write, since all writes are made on top of the seeds the service loaded)
 * or an ISO date-time (releases dated after it, writes at or after it).
 */
export interface DatasetChange {
  kind: 'node' | 'edge';
  id: string;
  change: ChangeKind;
  /** When: the release date, or the audit entry's time. */
  at: string;
  /** `release 1.1.0` or `audit 12` (the batch's seq). */
  via: string;
}

const changesArgs = z.object({
  since: z.string().trim().min(1, 'a release version or an ISO date-time').max(100, 'a release version or an ISO date-time'),
  after: z.string().regex(/^\d{1,9}$/, 'a cursor from a previous page').nullish(),
  before: z.string().regex(/^\d{1,9}$/, 'a cursor from a previous page').nullish(),
});

const isoDateTime = z.iso.datetime({ offset: true });

/** The releases of the history that the loaded dataset includes (up to its version), oldest first. */
export function releasesUpTo(history: ReleaseHistory, datasetVersion: string): Release[] {
  const semver = datasetVersion.split('+')[0] ?? datasetVersion;
  return history.releases.filter((r) => compareSemver(r.version, semver) <= 0);
}

export async function listChanges(store: GraphStore, history: ReleaseHistory, since: string): Promise<DatasetChange[]> {
  const dataset = await store.datasetInfo();
  const releases = releasesUpTo(history, dataset.version);
  let fromRelease: number;
  let auditSince: string | undefined;
  if (/^\d+\.\d+\.\d+$/.test(since)) {
    fromRelease = releases.findIndex((r) => r.version === since);
    if (fromRelease < 0) {
      throw new BadUserInputError(`No recorded release ${since}.`, {
        argument: 'since',
        expected: `a recorded release (${releases.map((r) => r.version).join(', ')}) or an ISO date-time`,
      });
    }
  } else if (isoDateTime.safeParse(since).success) {
    auditSince = new Date(since).toISOString();
    const after = releases.findIndex((r) => new Date(r.date).getTime() > new Date(since).getTime());
    fromRelease = after < 0 ? releases.length - 1 : after - 1;
  } else {
    throw new BadUserInputError('since is neither a release version nor an ISO date-time.', {
      argument: 'since',
      expected: 'a release version such as 1.0.0 or an ISO date-time such as 2026-12-01T00:00:00Z',
    });
  }
  const changes: DatasetChange[] = [];
  for (let i = Math.max(fromRelease, 0) + 1; i < releases.length; i++) {
    const before = history.snapshot(releases[i - 1]!.version);
    const after = history.snapshot(releases[i]!.version);
    if (!before || !after) continue;
    for (const d of diffSnapshots(before, after)) changes.push({ ...d, at: releases[i]!.date, via: `release ${releases[i]!.version}` });
  }
  // A time before the first release: its records were all added by it.
  if (fromRelease < 0 && releases[0]) {
    const first = history.snapshot(releases[0].version);
    if (first) {
      for (const d of diffSnapshots({ nodes: {}, edges: {} }, first)) changes.unshift({ ...d, at: releases[0].date, via: `release ${releases[0].version}` });
    }
  }
  for (const entry of await readAudit(store, auditSince)) {
    for (const c of entry.changes) {
      const change: ChangeKind = c.before === null ? 'added' : c.after === null ? 'removed' : 'changed';
      changes.push({ kind: c.kind, id: c.id, change, at: entry.at, via: `audit ${entry.seq}` });
    }
  }
  return changes;
}

// The whole audit log after `since`, page by page (oldest first).
async function readAudit(store: GraphStore, since: string | undefined): Promise<AuditEntry[]> {
  const entries: AuditEntry[] = [];
  let afterSeq: number | undefined;
  for (;;) {
    const page = await store.listAudit({ first: 500, afterSeq, filter: since ? { since } : {} });
    entries.push(...page.entries);
    if (!page.hasNextPage || page.entries.length === 0) return entries;
    afterSeq = page.entries.at(-1)!.seq;
  }
}

/** Resolvers of the `Dataset` fields that read the release history. */
export const datasetHistoryFields = {
  builtAtTime: (dataset: { builtAt: string }) => dataset.builtAt,
  releases: (_dataset: unknown, _args: unknown, ctx: GraphQLContext) =>
    (ctx.releases?.releases ?? []).map((r) => ({
      ...r,
      counts: Object.entries(r.counts.nodes).map(([type, count]) => ({ type, count })),
      linkCounts: Object.entries(r.counts.edges).map(([type, count]) => ({ type, count })),
    })),
  changes: async (_dataset: unknown, args: Record<string, unknown>, ctx: GraphQLContext) => {
    const { since } = parseArgs(changesArgs, args);
    const page = pageArgsOf(args, ctx.limits.MAX_PAGE_SIZE);
    const all = await listChanges(ctx.store, ctx.releases ?? { releases: [], snapshot: () => undefined }, since);
    // Cursors are positions in the time-ordered list (the list only grows at its end).
    let start: number;
    let end: number;
    if (isBackwards(page)) {
      end = page.before === undefined ? all.length : Math.min(all.length, Number(page.before));
      start = Math.max(0, end - page.last);
    } else {
      start = page.after === undefined ? 0 : Number(page.after) + 1;
      end = Math.min(all.length, start + page.first);
    }
    const nodes = all.slice(start, end);
    const edges = nodes.map((change, i) => ({ cursor: String(start + i), node: change }));
    return {
      edges,
      nodes,
      totalCount: all.length,
      pageInfo: {
        hasNextPage: end < all.length,
        hasPreviousPage: start > 0 && all.length > 0,
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges.at(-1)?.cursor ?? null,
      },
    };
  },
};

/** Resolvers of `DatasetChange`: the current record, when it still exists. */
export const DatasetChangeType = {
  atTime: (c: DatasetChange) => c.at,
  // Unique across types (a normalised cache keys records by id): the record's own id is `recordId`.
  id: (c: DatasetChange) => `DatasetChange:${c.via}|${c.id}`,
  recordId: (c: DatasetChange) => c.id,
  change: (c: DatasetChange) => c.change.toUpperCase(),
  node: (c: DatasetChange, _args: unknown, ctx: GraphQLContext) => (c.kind === 'node' && c.change !== 'removed' ? ctx.loaders.node.load(c.id) : null),
};
