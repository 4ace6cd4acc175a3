import { GraphQLError } from 'graphql';
import { createGraphQLError, maskError as yogaMaskError } from 'graphql-yoga';
import { DomainError } from '../domain/errors';

/**
 * The one place where domain errors become GraphQL errors: a `DomainError`
 * thrown by a resolver or the store keeps its message and gets its code (and
 * details such as the argument at fault) in `extensions`; anything else is
 * left to yoga's default masking ("Unexpected error."), so internals never
 * leak.
 */
export function maskError(error: unknown, message: string, isDev?: boolean): Error {
  const domain = findDomainError(error);
  if (domain) {
    const at = error instanceof GraphQLError ? error : undefined;
    return createGraphQLError(domain.message, {
      nodes: at?.nodes,
      source: at?.source,
      positions: at?.positions,
      path: at?.path,
      extensions: { code: domain.code, ...domain.details },
    });
  }
  return yogaMaskError(error, message, isDev);
}

function findDomainError(error: unknown): DomainError | null {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    if (current instanceof DomainError) return current;
    current = (current as { originalError?: unknown }).originalError;
  }
  return null;
}
