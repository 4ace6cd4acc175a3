import { z } from 'zod';
import { compareMappings, type PairComparison } from '../../curation/compare-mappings';
import { matrixAssertions, requireStudy, slugText, studyAssertions, studyLinks } from '../../curation/mapping-studies';
import type { GraphEdge, GraphNode } from '../../domain/graph-records';
import type { GraphQLContext } from '../context';
import { listAllNodes } from '../../store/list-all-nodes';
import { parseArgs } from '../parse-args';
import { nodeFields } from './node-fields';
import { listProp, prop } from './relations';

const studyIdArg = z.string().max(300, 'a mapping study id of at most 300 characters');
const levelOf = (sdgId: string) => (sdgId.startsWith('SdgTarget:') ? 'target' : 'goal');
const MATRIX = 'WSIS-SDG Matrix';

// Reads go through the request's loaders, so a node looked up twice costs one store call.
const studyReader = (ctx: GraphQLContext) => ({ node: (id: string) => ctx.loaders.node.load(id) });

/** Resolvers of `MappingStudy`. */
export const MappingStudy = {
  ...nodeFields,
  slug: prop('slug'),
  version: prop('version'),
  status: prop('status'),
  authors: listProp('authors'),
  description: prop('description'),
  publishedAt: prop('publishedAt'),
  revisionOf: (study: GraphNode, _args: unknown, ctx: GraphQLContext) =>
    typeof study.props.revisionOf === 'string' ? ctx.loaders.node.load(study.props.revisionOf) : null,
  versions: async (study: GraphNode, _args: unknown, ctx: GraphQLContext) =>
    (await listAllNodes(ctx.store, { type: 'MappingStudy', filter: { props: { slug: slugText.parse(study.props.slug) } } })).sort(
      (a, b) => Number(a.props.version) - Number(b.props.version),
    ),
  assertions: (study: GraphNode, _args: unknown, ctx: GraphQLContext) => studyLinks(ctx.store, study.id),
};

/** Resolvers of `StudyAssertion`: a STUDY_LINK edge. */
export const StudyAssertion = {
  actionLine: (edge: GraphEdge, _args: unknown, ctx: GraphQLContext) => ctx.loaders.node.load(edge.from),
  sdg: (edge: GraphEdge, _args: unknown, ctx: GraphQLContext) => ctx.loaders.node.load(edge.to),
  level: (edge: GraphEdge) => levelOf(edge.to),
  rationale: prop('rationale'),
  link: (edge: GraphEdge) => ({ edge }),
};

/** Resolvers of `MappingPair`. */
export const MappingPair = {
  actionLine: (pair: PairComparison, _args: unknown, ctx: GraphQLContext) => ctx.loaders.node.load(pair.actionLine),
  sdg: (pair: PairComparison, _args: unknown, ctx: GraphQLContext) => ctx.loaders.node.load(pair.sdg),
  level: (pair: PairComparison) => levelOf(pair.sdg),
};

/** Root query fields of mapping studies and their comparisons. */
export const mappingStudyQueries = {
  mappingStudy: async (_root: unknown, args: unknown, ctx: GraphQLContext) => {
    const { id } = parseArgs(z.object({ id: studyIdArg }), args);
    return id.startsWith('MappingStudy:') ? ctx.loaders.node.load(id) : null;
  },
  mappingStudies: async (_root: unknown, args: unknown, ctx: GraphQLContext) => {
    const { status } = parseArgs(z.object({ status: z.enum(['draft', 'published']).nullish() }), args);
    return listAllNodes(ctx.store, { type: 'MappingStudy', filter: status ? { props: { status } } : undefined });
  },
  compareStudies: async (_root: unknown, args: unknown, ctx: GraphQLContext) => {
    const { a, b } = parseArgs(z.object({ a: studyIdArg, b: studyIdArg }), args);
    await requireStudy(studyReader(ctx), a, 'a');
    await requireStudy(studyReader(ctx), b, 'b');
    const [base, other] = await Promise.all([studyAssertions(ctx.store, a), studyAssertions(ctx.store, b)]);
    return { base: a, other: b, ...compareMappings(base, other) };
  },
  compareWithMatrix: async (_root: unknown, args: unknown, ctx: GraphQLContext) => {
    const { study } = parseArgs(z.object({ study: studyIdArg }), args);
    await requireStudy(studyReader(ctx), study, 'study');
    const [base, other] = await Promise.all([matrixAssertions(ctx.store), studyAssertions(ctx.store, study)]);
    return { base: MATRIX, other: study, ...compareMappings(base, other) };
  },
};
