import type { GraphQLResolveInfo } from 'graphql';
import { z } from 'zod';
import { requireRole } from '../../auth/principal';
import { ChangePlanner, type PlannedOutcome } from '../../curation/change-planner';
import {
  changeInput,
  globalIdText,
  LIMITS,
  linkInput,
  linkUpdateInput,
  lineText,
  nodeInput,
  nodeUpdateInput,
  parseInput,
} from '../../curation/curation-inputs';
import { runExclusive } from '../../curation/run-exclusive';
import type { WriteResult } from '../../store/graph-store';
import type { GraphQLContext } from '../context';
import { mappingStudyMutations } from './mapping-study-mutation';

/**
 * Runs one curation mutation: checks the caller's role first (so a caller
 * without it learns nothing about its input), then plans the writes over the
 * reads of the store's `writeWith` and applies them as one atomic batch with
 * the caller and action for the audit log (no other write, from this copy
 * or another over the same database, lands between the plan's reads and the
 * batch), and forgets this request's cached reads so the answer shows the
 * new state. `runExclusive` still queues this copy's mutations, so they wait
 * for each other here rather than on the database's locks.
 */
export async function curate<T>(
  ctx: GraphQLContext,
  action: string,
  plan: (planner: ChangePlanner) => Promise<(written: WriteResult) => T>,
): Promise<T> {
  const actor = requireRole(ctx.principal, 'curator', action);
  return runExclusive(ctx.store, async () => {
    const { value: answer, written } = await ctx.store.writeWith(
      async (reads) => {
        const planner = new ChangePlanner(reads);
        const answer = await plan(planner);
        await planner.checkLinks();
        return { ops: planner.ops, value: answer };
      },
      { actor: { keyId: actor.keyId, role: actor.role }, action },
    );
    ctx.loaders.node.clearAll();
    ctx.loaders.edge.clearAll();
    ctx.loaders.neighbours.clearAll();
    return answer(written);
  });
}

/** The links a write removed (a deleted node's links), in id order. */
export function removedLinkIds(written: WriteResult, except?: string): string[] {
  return written.audit.changes
    .filter((change) => change.kind === 'edge' && change.after === null && change.id !== except)
    .map((change) => change.id)
    .sort();
}

const linkIdInput = lineText(1000);
const changesInput = z.array(changeInput).min(1, 'at least one change').max(LIMITS.changes, `at most ${LIMITS.changes} changes`);
const outcome = (planner: ChangePlanner) => planner.outcomes[0]!;
const recordOf = (o: PlannedOutcome) => ('node' in o ? o.node : 'edge' in o ? { edge: o.edge } : null);

/**
 * Resolvers of the root `Mutation` type: generic node and link writes, batches, and mapping studies.
 * Each records the field it was called as (`info.fieldName`) as the audit action, so the payload
 * forms (`mutation-payloads.ts`), which run these, are audited under their own names.
 */
export const Mutation = {
  createNode: (_root: unknown, args: { input: unknown }, ctx: GraphQLContext, info: GraphQLResolveInfo) =>
    curate(ctx, info.fieldName, async (planner) => {
      await planner.createNode(parseInput(nodeInput, args.input, 'input'), 'input');
      return () => recordOf(outcome(planner));
    }),
  updateNode: (_root: unknown, args: { input: unknown }, ctx: GraphQLContext, info: GraphQLResolveInfo) =>
    curate(ctx, info.fieldName, async (planner) => {
      await planner.updateNode(parseInput(nodeUpdateInput, args.input, 'input'), 'input');
      return () => recordOf(outcome(planner));
    }),
  deleteNode: (_root: unknown, args: { id: unknown }, ctx: GraphQLContext, info: GraphQLResolveInfo) =>
    curate(ctx, info.fieldName, async (planner) => {
      const id = parseInput(globalIdText, args.id, 'id');
      await planner.deleteNode(id, 'id');
      return (written) => ({ id, seq: written.audit.seq, removedLinkIds: removedLinkIds(written) });
    }),
  createLink: (_root: unknown, args: { input: unknown }, ctx: GraphQLContext, info: GraphQLResolveInfo) =>
    curate(ctx, info.fieldName, async (planner) => {
      await planner.createLink(parseInput(linkInput, args.input, 'input'), 'input');
      return () => recordOf(outcome(planner));
    }),
  updateLink: (_root: unknown, args: { input: unknown }, ctx: GraphQLContext, info: GraphQLResolveInfo) =>
    curate(ctx, info.fieldName, async (planner) => {
      await planner.updateLink(parseInput(linkUpdateInput, args.input, 'input'), 'input');
      return () => recordOf(outcome(planner));
    }),
  deleteLink: (_root: unknown, args: { id: unknown }, ctx: GraphQLContext, info: GraphQLResolveInfo) =>
    curate(ctx, info.fieldName, async (planner) => {
      const id = parseInput(linkIdInput, args.id, 'id');
      await planner.deleteLink(id, 'id');
      return (written) => ({ id, seq: written.audit.seq, removedLinkIds: [] });
    }),
  applyChanges: (_root: unknown, args: { changes: unknown }, ctx: GraphQLContext, info: GraphQLResolveInfo) =>
    curate(ctx, info.fieldName, async (planner) => {
      const changes = parseInput(changesInput, args.changes, 'changes');
      await planner.prefetchChanges(changes);
      for (const [index, change] of changes.entries()) await planner.change(change, `changes.${index}`);
      return (written) => ({
        applied: written.applied,
        outcomes: planner.outcomes.map((o, index) => ({
          op: o.op,
          operation: o.op,
          // Unique across types and writes (the record's own id is `recordId`): the batch's audit seq and the change's place in it.
          id: `ChangeOutcome:${written.audit.seq}|${index}`,
          recordId: o.id,
          node: 'node' in o ? o.node : null,
          link: 'edge' in o ? { edge: o.edge } : null,
        })),
      });
    }),
  ...mappingStudyMutations,
};


/**
 * Resolvers of `DeleteResult`: an id of its own, unique across types and writes (the batch's audit
 * seq and the deleted id), and the deleted record's id as `deletedId`.
 */
export const DeleteResult = {
  id: (result: { id: string; seq: number }) => `DeleteResult:${result.seq}|${result.id}`,
  deletedId: (result: { id: string }) => result.id,
};
