import type { GraphQLResolveInfo } from 'graphql';
import type { GraphQLContext } from '../context';
import { linkingMutations } from './linking-mutation';
import { Mutation } from './mutation';

type MutationResolver = (root: unknown, args: never, ctx: GraphQLContext, info: GraphQLResolveInfo) => Promise<unknown>;

/**
 * The payload form of a mutation: the same arguments, role check, validation, atomic write and
 * audit entry as `resolve` (the audit's action is this field's own name), its answer put under
 * the payload's fields by `toPayload`. Errors are not payload fields: a refused write is still a
 * coded GraphQL error (`extensions.code`) and writes nothing, as for every other mutation.
 */
function withPayload<T>(resolve: (root: unknown, args: never, ctx: GraphQLContext, info: GraphQLResolveInfo) => Promise<T>, toPayload: (answer: T) => object): MutationResolver {
  return async (root, args, ctx, info) => toPayload(await resolve(root, args, ctx, info));
}

// What the older mutations answer, as the payloads take it apart.
type Deleted = { id: string; removedLinkIds: string[] };
const node = (answer: unknown) => ({ node: answer });
const link = (answer: unknown) => ({ link: answer });
const study = (answer: unknown) => ({ study: answer });
const documentImport = (answer: unknown) => ({ documentImport: answer });
const deleted = (answer: Deleted) => ({ deletedId: answer.id, removedLinkIds: answer.removedLinkIds });

/**
 * Resolvers of the payload mutations (`nodeCreate`, …, `documentLinksReview`): one per older
 * mutation, which stays (deprecated) and answers as before.
 */
export const payloadMutations = {
  nodeCreate: withPayload(Mutation.createNode, node),
  nodeUpdate: withPayload(Mutation.updateNode, node),
  nodeDelete: withPayload(Mutation.deleteNode, deleted),
  linkCreate: withPayload(Mutation.createLink, link),
  linkUpdate: withPayload(Mutation.updateLink, link),
  linkDelete: withPayload(Mutation.deleteLink, (answer) => ({ deletedId: answer.id })),
  changesApply: withPayload(Mutation.applyChanges, (answer) => answer),
  mappingStudyCreate: withPayload(Mutation.createMappingStudy, study),
  mappingStudyUpdate: withPayload(Mutation.updateMappingStudy, study),
  mappingAssertionsAdd: withPayload(Mutation.addMappingAssertions, study),
  mappingAssertionsRemove: withPayload(Mutation.removeMappingAssertions, study),
  mappingStudyPublish: withPayload(Mutation.publishMappingStudy, study),
  mappingStudyRevise: withPayload(Mutation.reviseMappingStudy, study),
  mappingStudyDelete: withPayload(Mutation.deleteMappingStudy, deleted),
  documentImportCreate: withPayload(linkingMutations.importDocument, documentImport),
  documentLinksReview: withPayload(linkingMutations.reviewDocumentLinks, documentImport),
};
