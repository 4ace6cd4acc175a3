import { z } from 'zod';
import type { GraphNode } from '../../domain/graph-records';
import { NODE_TYPES, parseGlobalId, toGlobalId, type NodeType } from '../../domain/node-types';
import { listAllNodes } from '../../store/list-all-nodes';
import type { GraphQLContext } from '../context';
import { codeArg, firstArg, parseArgs, perLimit } from '../parse-args';
import { connectionOf, definedProps } from './connection';
import { isBackwards, pageArgsOf } from '../connection-args';
import { cursorKey, rankKey, sliceConnection } from '../slice-connection';
import { BadUserInputError } from '../../domain/errors';

const lookup = (type: NodeType, argument: string) => {
  const schema = z.object({ [argument]: codeArg });
  return async (_root: unknown, args: Record<string, unknown>, ctx: GraphQLContext) => {
    const code = parseArgs(schema, args)[argument] as string;
    return ctx.loaders.node.load(toGlobalId(type, code));
  };
};

// Looks a code up as the node's own code first, then as the value of a property
// (a resolution's official symbol, an indicator's other listing codes).
const lookupWithAlias = (type: NodeType, argument: string, aliasProp: string) => {
  const byCode = lookup(type, argument);
  return async (root: unknown, args: Record<string, unknown>, ctx: GraphQLContext): Promise<GraphNode | null> => {
    const direct = await byCode(root, args, ctx);
    if (direct) return direct;
    const code = String(args[argument]).trim();
    const page = await ctx.store.listNodes({ type, filter: { props: { [aliasProp]: code } }, first: 1 });
    return page.nodes[0] ?? null;
  };
};

const globalId = z
  .string()
  .max(300, 'a global id of at most 300 characters')
  .refine((id) => parseGlobalId(id) !== null, `a global id "<Type>:<code>" with Type one of ${NODE_TYPES.join(', ')}`);

const nodeArgs = z.object({ id: globalId });
const nodesArgs = perLimit((max) => z.object({ ids: z.array(globalId).max(max, `at most ${max} ids`) }));
const searchArgs = perLimit((max) =>
  z.object({
    query: z.string().trim().min(1, 'a non-empty query').max(200, 'a query of at most 200 characters'),
    types: z.array(z.enum(NODE_TYPES)).nullish(),
    first: firstArg(max),
  }),
);
const searchConnectionArgs = z.object({
  query: z.string().trim().min(1, 'a non-empty query').max(200, 'a query of at most 200 characters'),
  types: z.array(z.enum(NODE_TYPES)).nullish(),
});
/** How deep into a ranking a cursor may point: a search is for the best hits, not a way to list the graph. */
const MAX_SEARCH_DEPTH = 10_000;
const SEARCH_PAGE_SIZE = 20;

const objectiveArgs = z.object({ number: z.number().int().min(1, 'an objective number from 1 to 5').max(99) });

function rankOf(cursor: string, argument: 'after' | 'before'): number {
  const rank = Number(cursorKey(cursor, 'hit', argument));
  if (!Number.isInteger(rank) || rank < 0 || rank >= MAX_SEARCH_DEPTH) {
    throw new BadUserInputError(`Cursor "${cursor.slice(0, 64)}" is not one this search returned.`, {
      argument,
      expected: `a cursor from a previous page of the same search, within its first ${MAX_SEARCH_DEPTH} hits`,
    });
  }
  return rank;
}

/** Resolvers of the root `Query` type's lookups, lists and search. */
export const Query = {
  // An id may be an alias of a merged record (see resolveNodeIds): the surviving node answers.
  node: async (_root: unknown, args: unknown, ctx: GraphQLContext) => ctx.loaders.nodeOrAlias.load(parseArgs(nodeArgs, args).id),
  nodes: async (_root: unknown, args: unknown, ctx: GraphQLContext) => {
    const { ids } = parseArgs(nodesArgs(ctx.limits.MAX_PAGE_SIZE), args);
    return ctx.loaders.nodeOrAlias.loadMany(ids);
  },
  search: async (_root: unknown, args: unknown, ctx: GraphQLContext) => {
    const parsed = parseArgs(searchArgs(ctx.limits.MAX_PAGE_SIZE), args);
    return ctx.store.search({ text: parsed.query, types: parsed.types ?? undefined, first: parsed.first });
  },
  // A page of the ranking: the hits up to the page's end (plus one, to learn whether more follow) are
  // asked of the store, and the page cut from them by rank. Cursors are ranks: a repeated search
  // ranks the same way until the graph changes.
  searchConnection: async (_root: unknown, args: Record<string, unknown>, ctx: GraphQLContext) => {
    const { query, types } = parseArgs(searchConnectionArgs, { query: args.query, types: args.types });
    const given = { ...args, first: args.first ?? (args.last == null && args.before == null ? SEARCH_PAGE_SIZE : undefined) };
    const page = pageArgsOf(given, ctx.limits.MAX_PAGE_SIZE);
    let end: number;
    if (isBackwards(page)) {
      if (page.before === undefined) {
        throw new BadUserInputError('A search is ranked best first: page backwards from a cursor (`before`), or forwards with `first`.', {
          argument: 'last',
          expected: '`before` with `last`',
        });
      }
      // The hit at the cursor too: it says that hits follow the page.
      end = rankOf(page.before, 'before') + 1;
    } else {
      end = (page.after === undefined ? 0 : rankOf(page.after, 'after') + 1) + page.first + 1;
    }
    const hits = await ctx.store.search({ text: query, types: types ?? undefined, first: end });
    const ranked = hits.map((hit, rank) => ({ hit, rank }));
    const connection = sliceConnection(ranked, (item) => rankKey(item.rank), page, 'hit');
    return { ...connection, nodes: connection.nodes.map((item) => item.hit), edges: connection.edges.map((e) => ({ cursor: e.cursor, node: e.node.hit })) };
  },
  dataset: async (_root: unknown, _args: unknown, ctx: GraphQLContext) => {
    const [info, counts] = await Promise.all([ctx.store.datasetInfo(), ctx.store.counts()]);
    return { ...info, counts: counts.nodes, linkCounts: counts.edges };
  },

  actionLine: lookup('ActionLine', 'code'),
  theme: lookup('Theme', 'code'),
  entity: lookup('Entity', 'code'),
  process: lookup('Process', 'code'),
  meeting: lookup('Meeting', 'code'),
  sdgGoal: lookup('SdgGoal', 'code'),
  sdgTarget: lookup('SdgTarget', 'code'),
  sdgIndicator: lookupWithAlias('SdgIndicator', 'code', 'listedAs'),
  resolution: lookupWithAlias('Resolution', 'symbol', 'symbol'),
  paragraph: lookup('Paragraph', 'code'),
  initiative: lookup('Initiative', 'id'),
  gdcCommitment: lookup('GdcCommitment', 'code'),
  gdcObjective: async (_root: unknown, args: unknown, ctx: GraphQLContext) => {
    const { number } = parseArgs(objectiveArgs, args);
    return ctx.loaders.node.load(toGlobalId('GdcObjective', String(number)));
  },
  gdcObjectives: async (_root: unknown, _args: unknown, ctx: GraphQLContext) => listAllNodes(ctx.store, { type: 'GdcObjective' }),
  gdcPrinciples: async (_root: unknown, _args: unknown, ctx: GraphQLContext) => listAllNodes(ctx.store, { type: 'GdcPrinciple' }),

  actionLines: connectionOf(
    'ActionLine',
    z.object({ kind: z.enum(['action_line', 'sub_line']).nullish(), parent: codeArg.nullish() }),
    (f) => definedProps({ kind: f?.kind, parent: f?.parent }),
  ),
  entities: connectionOf('Entity', z.object({ kind: codeArg.nullish() }), (f) => definedProps({ kind: f?.kind })),
  processes: connectionOf('Process', z.undefined()),
  meetings: connectionOf('Meeting', z.undefined()),
  sdgGoals: connectionOf('SdgGoal', z.undefined()),
  sdgTargets: connectionOf(
    'SdgTarget',
    z.object({
      goal: z.string().regex(/^(1[0-7]|[1-9])$/, 'a goal number from 1 to 17').nullish(),
      kind: z.enum(['outcome', 'means_of_implementation']).nullish(),
    }),
    (f) => definedProps({ goal: f?.goal, kind: f?.kind }),
  ),
  sdgIndicators: connectionOf('SdgIndicator', z.undefined()),
  resolutions: connectionOf(
    'Resolution',
    z.object({ body: codeArg.nullish(), instrument: codeArg.nullish(), year: z.number().int().min(1800).max(2200).nullish() }),
    (f) => definedProps({ body: f?.body, instrument: f?.instrument, year: f?.year }),
  ),
  initiatives: connectionOf('Initiative', z.object({ kind: codeArg.nullish() }), (f) => definedProps({ kind: f?.kind })),
  gdcCommitments: connectionOf(
    'GdcCommitment',
    z.object({ status: z.enum(['adopted', 'draft']).nullish() }),
    (f) => definedProps({ status: f?.status }),
  ),
};
