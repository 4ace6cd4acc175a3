import type { GraphNode } from '../../domain/graph-records';
import { parseInput } from '../../curation/curation-inputs';
import {
  importDocumentInput,
  importedParagraphs,
  planDocumentImport,
  planReview,
  proposalsOf,
  reviewInput,
  type StoredProposal,
} from '../../linking/document-imports';
import { NotFoundError } from '../../domain/errors';
import { linkDocument } from '../../linking/link-document';
import type { GraphQLResolveInfo } from 'graphql';
import type { GraphQLContext } from '../context';
import { curate } from './mutation';

const PROPOSAL_PREFIX = 'LinkProposal:';

function linkIdOfProposal(id: string): string {
  return id.startsWith(PROPOSAL_PREFIX) ? id.slice(PROPOSAL_PREFIX.length) : id;
}

/** The `DocumentImport` view: the document id, read afresh by its field resolvers. */
interface ImportView {
  documentId: string;
}

export const linkingMutations = {
  importDocument: (_root: unknown, args: { input: unknown }, ctx: GraphQLContext, info: GraphQLResolveInfo) =>
    curate(ctx, info.fieldName, async (planner) => {
      const input = parseInput(importDocumentInput, args.input, 'input');
      const documentId = await planDocumentImport(planner, input, await linkDocument(ctx.store, input.text));
      return (): ImportView => ({ documentId });
    }),
  reviewDocumentLinks: (_root: unknown, args: { input: unknown }, ctx: GraphQLContext, info: GraphQLResolveInfo) =>
    curate(ctx, info.fieldName, async (planner) => {
      const parsed = parseInput(reviewInput, args.input, 'input');
      // A proposal is named by its `id` (`LinkProposal:<link id>`) or by its `linkId`.
      const input = { ...parsed, accept: parsed.accept?.map(linkIdOfProposal), reject: parsed.reject?.map(linkIdOfProposal) };
      await planReview(planner, planner.reads, input);
      return (): ImportView => ({ documentId: input.document });
    }),
};

export const linkingImportQuery = {
  documentImport: async (_root: unknown, args: { document: string }, ctx: GraphQLContext): Promise<ImportView | null> => {
    try {
      await importedParagraphs(ctx.store, args.document, 'document');
      return { documentId: args.document };
    } catch (error) {
      if (error instanceof NotFoundError) return null;
      throw error;
    }
  },
};

const proposalsOfAll = async (view: ImportView, ctx: GraphQLContext) =>
  (await importedParagraphs(ctx.store, view.documentId, 'document')).flatMap(proposalsOf);

export const linkingImportTypes = {
  DocumentImport: {
    document: (view: ImportView, _args: unknown, ctx: GraphQLContext) => ctx.loaders.node.load(view.documentId),
    paragraphs: (view: ImportView, _args: unknown, ctx: GraphQLContext) => importedParagraphs(ctx.store, view.documentId, 'document'),
    proposals: (view: ImportView, _args: unknown, ctx: GraphQLContext) => proposalsOfAll(view, ctx),
    pendingCount: async (view: ImportView, _args: unknown, ctx: GraphQLContext) =>
      (await proposalsOfAll(view, ctx)).filter((p) => p.status === 'pending').length,
  },
  LinkProposal: {
    // Unique across types: the link it becomes has the bare id (`linkId`).
    id: (p: StoredProposal) => `${PROPOSAL_PREFIX}${p.id}`,
    linkId: (p: StoredProposal) => p.id,
    paragraph: (p: StoredProposal, _args: unknown, ctx: GraphQLContext) => ctx.loaders.node.load(p.from),
    node: (p: StoredProposal, _args: unknown, ctx: GraphQLContext) => ctx.loaders.node.load(p.to),
    status: (p: StoredProposal) => p.status.toUpperCase(),
    link: async (p: StoredProposal, _args: unknown, ctx: GraphQLContext) => {
      if (p.status !== 'accepted') return null;
      const edge = await ctx.loaders.edge.load(p.id);
      return edge ? { edge } : null;
    },
  },
  ParagraphImport: {
    text: (paragraph: GraphNode) => (typeof paragraph.props.text === 'string' ? paragraph.props.text : null),
    proposals: (paragraph: GraphNode) => proposalsOf(paragraph),
  },
};
