import { z } from 'zod';
import { LIMITS, parseInput } from '../../curation/curation-inputs';
import {
  assertionInput,
  pairInput,
  planAddAssertions,
  planCreateStudy,
  planDeleteStudy,
  planPublishStudy,
  planRemoveAssertions,
  planReviseStudy,
  planUpdateStudy,
  studyInput,
  studyUpdateInput,
} from '../../curation/mapping-studies';
import type { GraphNode } from '../../domain/graph-records';
import type { GraphQLResolveInfo } from 'graphql';
import type { GraphQLContext } from '../context';
import { curate } from './mutation';

const studyIdArg = z.string().max(300, 'a mapping study id of at most 300 characters');
const assertionsInput = z
  .array(assertionInput)
  .min(1, 'at least one assertion')
  .max(LIMITS.assertions, `at most ${LIMITS.assertions} assertions`);
const pairsInput = z.array(pairInput).min(1, 'at least one pair').max(LIMITS.assertions, `at most ${LIMITS.assertions} pairs`);

// The study as the batch left it: the store's record, read after the write.
const reread = (ctx: GraphQLContext, node: GraphNode) => async () => (await ctx.store.getNodes([node.id]))[0];

/** Resolvers of the mapping-study mutations (see `src/curation/mapping-studies.ts` for their rules). */
export const mappingStudyMutations = {
  createMappingStudy: (_root: unknown, args: { input: unknown }, ctx: GraphQLContext, info: GraphQLResolveInfo) =>
    curate(ctx, info.fieldName, async (planner) => {
      const node = await planCreateStudy(planner, parseInput(studyInput, args.input, 'input'));
      return reread(ctx, node);
    }),
  updateMappingStudy: (_root: unknown, args: { input: unknown }, ctx: GraphQLContext, info: GraphQLResolveInfo) =>
    curate(ctx, info.fieldName, async (planner) => {
      const node = await planUpdateStudy(planner, parseInput(studyUpdateInput, args.input, 'input'));
      return reread(ctx, node);
    }),
  addMappingAssertions: (_root: unknown, args: { study: unknown; assertions: unknown }, ctx: GraphQLContext, info: GraphQLResolveInfo) =>
    curate(ctx, info.fieldName, async (planner) => {
      const study = parseInput(studyIdArg, args.study, 'study');
      const assertions = parseInput(assertionsInput, args.assertions, 'assertions');
      return reread(ctx, await planAddAssertions(planner, study, assertions));
    }),
  removeMappingAssertions: (_root: unknown, args: { study: unknown; pairs: unknown }, ctx: GraphQLContext, info: GraphQLResolveInfo) =>
    curate(ctx, info.fieldName, async (planner) => {
      const study = parseInput(studyIdArg, args.study, 'study');
      const pairs = parseInput(pairsInput, args.pairs, 'pairs');
      return reread(ctx, await planRemoveAssertions(planner, study, pairs));
    }),
  publishMappingStudy: (_root: unknown, args: { id: unknown }, ctx: GraphQLContext, info: GraphQLResolveInfo) =>
    curate(ctx, info.fieldName, async (planner) =>
      reread(ctx, await planPublishStudy(planner, parseInput(studyIdArg, args.id, 'id'), new Date())),
    ),
  reviseMappingStudy: (_root: unknown, args: { id: unknown }, ctx: GraphQLContext, info: GraphQLResolveInfo) =>
    curate(ctx, info.fieldName, async (planner) =>
      reread(ctx, await planReviseStudy(planner, planner.reads, parseInput(studyIdArg, args.id, 'id'))),
    ),
  deleteMappingStudy: (_root: unknown, args: { id: unknown }, ctx: GraphQLContext, info: GraphQLResolveInfo) =>
    curate(ctx, info.fieldName, async (planner) => {
      const id = parseInput(studyIdArg, args.id, 'id');
      const removedLinkIds = await planDeleteStudy(planner, planner.reads, id);
      return (written) => ({ id, seq: written.audit.seq, removedLinkIds });
    }),
};
