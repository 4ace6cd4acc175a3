import { z } from 'zod';
import { requireRole } from '../../auth/principal';
import type { AuditEntry as StoredAuditEntry, RecordChange } from '../../store/graph-store';
import type { GraphQLContext } from '../context';
import { firstArg, parseArgs, perLimit } from '../parse-args';

const isoDateTime = z.iso
  .datetime({ offset: true, message: 'an ISO date-time such as 2025-06-01T00:00:00Z' })
  .transform((text) => new Date(text).toISOString());

const auditLogArgs = perLimit((max) =>
  z.object({
    first: firstArg(max),
    after: z.string().regex(/^(0|[1-9]\d{0,14})$/, 'a cursor from a previous page').nullish(),
    filter: z
      .object({
        keyId: z.string().max(200).nullish(),
        action: z.string().max(200).nullish(),
        recordId: z.string().max(1000).nullish(),
        since: isoDateTime.nullish(),
        until: isoDateTime.nullish(),
      })
      .nullish(),
  }),
);

/** Root query field `auditLog`: admins only. */
export const auditQueries = {
  auditLog: async (_root: unknown, args: unknown, ctx: GraphQLContext) => {
    requireRole(ctx.principal, 'admin', 'auditLog');
    const parsed = parseArgs(auditLogArgs(ctx.limits.MAX_PAGE_SIZE), args);
    const filter = Object.fromEntries(Object.entries(parsed.filter ?? {}).filter(([, value]) => value != null));
    const page = await ctx.store.listAudit({
      first: parsed.first,
      afterSeq: parsed.after == null ? undefined : Number(parsed.after),
      filter,
    });
    return {
      entries: page.entries,
      pageInfo: {
        hasNextPage: page.hasNextPage,
        hasPreviousPage: parsed.after != null,
        startCursor: page.entries.length > 0 ? String(page.entries[0]!.seq) : null,
        endCursor: page.entries.length > 0 ? String(page.entries.at(-1)!.seq) : null,
      },
    };
  },
};

/** Resolvers of `AuditEntry`. */
export const AuditEntry = {
  operations: (entry: StoredAuditEntry) => entry.ops.map((op) => JSON.stringify(op)),
  operationRecords: (entry: StoredAuditEntry) => entry.ops,
  atTime: (entry: StoredAuditEntry) => entry.at,
  // Each change carries its batch's seq, for an id of its own.
  changes: (entry: StoredAuditEntry) => entry.changes.map((change) => ({ ...change, seq: entry.seq })),
};

/** Resolvers of `AuditChange`. */
export const AuditChange = {
  // Unique across types (the record's own id is `recordId`): one batch changes a record once.
  id: (change: RecordChange & { seq: number }) => `AuditChange:${change.seq}|${change.id}`,
  recordId: (change: RecordChange) => change.id,
  before: (change: RecordChange) => (change.before === null ? null : JSON.stringify(change.before)),
  after: (change: RecordChange) => (change.after === null ? null : JSON.stringify(change.after)),
  // The same records as JSON values (the JSON scalar), not as text to parse again.
  beforeRecord: (change: RecordChange) => change.before,
  afterRecord: (change: RecordChange) => change.after,
};

/** `RecordKind` values as stored. */
export const RecordKind = { NODE: 'node', LINK: 'edge' };
