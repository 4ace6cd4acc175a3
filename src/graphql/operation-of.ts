import { Kind, type DocumentNode, type OperationDefinitionNode } from 'graphql';

/** The operation a request runs: the one named `operationName`, else the document's only one. */
export function operationOf(document: DocumentNode, operationName?: string | null): OperationDefinitionNode | undefined {
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    if (!operationName || definition.name?.value === operationName) return definition;
  }
  return undefined;
}
