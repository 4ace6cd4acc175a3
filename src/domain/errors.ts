/**
 * Errors a user can act on. Each carries a stable code, published as the
 * GraphQL `extensions.code`; `src/graphql/mask-error.ts` is the one place that
 * turns them into GraphQL errors. Anything else is an internal error and is
 * masked.
 */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'STORE_UNAVAILABLE'
  | 'QUERY_TOO_COMPLEX';

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
