import { Neo4jError } from 'neo4j-driver';
import { DomainError, ConflictError, StoreUnavailableError } from '../../domain/errors';

/**
 * Why the store could not answer, in the project's own words: the value of
 * `extensions.reason` on `STORE_UNAVAILABLE`.
 * - `unavailable`: the database cannot answer now (unreachable, restarting,
 *   refused the service's credentials, a transient failure). One word for all
 *   of them on purpose: a caller must not learn whether the database
 *   credentials are wrong.
 * - `timeout`: it did not answer in time (a transaction timed out, or no
 *   pooled connection came within the wait).
 */
export type StoreUnavailableReason = 'unavailable' | 'timeout';

/**
 * The one place where Neo4j driver errors become domain errors, by their
 * `code` (never by message text, which changes between versions):
 *
 * - the database cannot be reached or answer now → `StoreUnavailableError`
 *   with reason `unavailable` (`ServiceUnavailable`, `SessionExpired`, any
 *   `Neo.TransientError.*`, an unknown database, refused credentials);
 * - it did not answer in time → reason `timeout` (a transaction timeout, no
 *   pooled connection within `connectionAcquisitionTimeout`);
 * - a uniqueness constraint refused a write → `ConflictError` (two writers
 *   created the same id at once); the adapter adds the `id` where it knows it;
 * - domain errors pass through; anything else is returned unchanged (an
 *   internal error, masked by the API).
 *
 * Neo4j's own code never reaches a caller: the mapped error keeps the driver
 * error as its `cause`, for logs only.
 */
export function mapDriverError(error: unknown): unknown {
  if (error instanceof DomainError) return error;
  if (isAcquisitionTimeout(error)) return unavailable('timeout', error);
  const code = codeOf(error);
  if (code === undefined) return error;
  if (UNAVAILABLE_CODES.has(code) || code.startsWith('Neo.TransientError.') || code.startsWith('Neo.ClientError.Security.')) {
    return unavailable('unavailable', error);
  }
  if (code.startsWith('Neo.ClientError.Transaction.TransactionTimedOut')) return unavailable('timeout', error);
  if (code === CONSTRAINT_FAILED) {
    return withCause(new ConflictError('The write conflicts with a record that exists (a uniqueness constraint refused it).'), error);
  }
  return error;
}

/** True for the driver error of a uniqueness constraint refusing a write (before mapping). */
export function isConstraintFailure(error: unknown): boolean {
  return codeOf(error) === CONSTRAINT_FAILED;
}

const CONSTRAINT_FAILED = 'Neo.ClientError.Schema.ConstraintValidationFailed';

const UNAVAILABLE_CODES = new Set([
  'ServiceUnavailable',
  'SessionExpired',
  'Neo.ClientError.Database.DatabaseNotFound',
]);

const MESSAGES: Record<StoreUnavailableReason, string> = {
  unavailable: 'The Neo4j database cannot be reached; try again later.',
  timeout: 'The Neo4j database did not answer in time; try again later.',
};

function unavailable(reason: StoreUnavailableReason, cause: unknown): StoreUnavailableError {
  return withCause(new StoreUnavailableError(MESSAGES[reason], { reason }), cause);
}

// The driver error stays reachable for logs (error.cause), never in the error's details.
function withCause<E extends Error>(mapped: E, cause: unknown): E {
  Object.defineProperty(mapped, 'cause', { value: cause, enumerable: false, configurable: true, writable: true });
  return mapped;
}

function codeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

// The one exception to "by code": the driver raises its connection acquisition timeout (pool
// exhausted, or a server that accepts TCP but never completes the Bolt handshake) with no code
// ("N/A", general GQL status 50N42), so only its message tells it apart. It is the driver's own
// text, not the server's, fixed by the pinned neo4j-driver version; the unavailable-database test
// runs the real driver against a silent listener and fails if an upgrade changes it.
function isAcquisitionTimeout(error: unknown): boolean {
  return (
    error instanceof Neo4jError && error.code === 'N/A' && error.message.startsWith('Connection acquisition timed out')
  );
}
