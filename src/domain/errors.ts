/**
 * Every error code the service answers with, in `extensions.code` of a
 * GraphQL error or of the coded body every HTTP route fails with
 * (`src/http/send-error.ts`). Stable once published; the README's error table
 * lists exactly these (test/unit/domain/error-codes.test.ts checks both that
 * and that the source emits no other).
 */
export const ERROR_CODES = [
  // Raised as DomainErrors (below), turned into GraphQL errors by src/graphql/mask-error.ts.
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'STORE_UNAVAILABLE',
  // Request limits (src/graphql/use-query-limits.ts, use-execution-deadline.ts, src/http/).
  'QUERY_TOO_COMPLEX',
  'EXECUTION_TIMEOUT',
  'EXECUTION_FAILED',
  'RESPONSE_TOO_LARGE',
  'SERVER_BUSY',
  'RATE_LIMITED',
  'PAYLOAD_TOO_LARGE',
  // GraphQL over HTTP (src/graphql/use-error-codes.ts).
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'UNSUPPORTED_MEDIA_TYPE',
  // The HTTP edge (src/http/create-server.ts, the routes besides /graphql).
  'BAD_REQUEST',
  'METHOD_NOT_ALLOWED',
  'NOT_ACCEPTABLE',
  'SERVICE_UNAVAILABLE',
  'HEADERS_TOO_LARGE',
  'REQUEST_TIMEOUT',
  'INTERNAL_SERVER_ERROR',
  // Manners for other clients (src/http/use-cors.ts, use-schema-routes.ts, src/graphql/use-introspection-switch.ts).
  'CORS_ORIGIN_NOT_ALLOWED',
  'INTROSPECTION_DISABLED',
  // Automatic persisted queries (src/graphql/persisted-queries/).
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_HASH_MISMATCH',
  'PERSISTED_QUERY_NOT_SUPPORTED',
] as const;

/**
 * A code of {@link ERROR_CODES}. Errors a user can act on carry one: a
 * `DomainError`'s code is published as the GraphQL `extensions.code`;
 * `src/graphql/mask-error.ts` is the one place that turns them into GraphQL
 * errors. Anything else is an internal error and is masked.
 */
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Whether `code` is one of {@link ERROR_CODES} (a code read off an unknown error). */
export function isErrorCode(code: string): code is ErrorCode {
  return (ERROR_CODES as readonly string[]).includes(code);
}

export class DomainError extends Error {
  readonly code: ErrorCode;
  /** Extra, machine-readable detail (the argument at fault, what was expected). */
  readonly details: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.details = details;
  }
}

/** Input that does not have the expected form; `argument` names the field at fault. */
export class BadUserInputError extends DomainError {
  constructor(message: string, details: { argument: string; expected?: string } & Record<string, unknown>) {
    super('BAD_USER_INPUT', message, details);
  }
}

export class NotFoundError extends DomainError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('NOT_FOUND', message, details);
  }
}

export class ConflictError extends DomainError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('CONFLICT', message, details);
  }
}

/** The backing database cannot be reached; the request may succeed later. */
export class StoreUnavailableError extends DomainError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('STORE_UNAVAILABLE', message, details);
  }
}

/** The request carries no valid credentials where they are needed (no API key, or an unknown one). */
export class UnauthenticatedError extends DomainError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('UNAUTHENTICATED', message, details);
  }
}

/** The caller is known but its role does not allow the action; `required` names the role needed. */
export class ForbiddenError extends DomainError {
  constructor(message: string, details: { required: string } & Record<string, unknown>) {
    super('FORBIDDEN', message, details);
  }
}
