import { Neo4jError } from 'neo4j-driver';
import { BadUserInputError, ConflictError, StoreUnavailableError } from '../../../../src/domain/errors';
import { mapDriverError } from '../../../../src/store/neo4j/map-driver-error';

const driverError = (code: string) => new Neo4jError('any text: mapping never reads it', code, 'N/A', 'N/A');

describe('neo4j store: driver errors mapped by code', () => {
  it.each([
    ['ServiceUnavailable', 'unavailable'],
    ['SessionExpired', 'unavailable'],
    ['Neo.TransientError.General.DatabaseUnavailable', 'unavailable'],
    ['Neo.TransientError.Transaction.DeadlockDetected', 'unavailable'],
    ['Neo.ClientError.Security.Unauthorized', 'unavailable'],
    ['Neo.ClientError.Database.DatabaseNotFound', 'unavailable'],
    ['Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration', 'timeout'],
  ])('%s becomes STORE_UNAVAILABLE with reason "%s", not the driver code', (code, reason) => {
    const error = driverError(code);
    const mapped = mapDriverError(error) as StoreUnavailableError;
    expect(mapped).toBeInstanceOf(StoreUnavailableError);
    expect({ code: mapped.code, message: mapped.message, details: mapped.details }).toEqual({
      code: 'STORE_UNAVAILABLE',
      message: reason === 'timeout' ? 'The Neo4j database did not answer in time; try again later.' : 'The Neo4j database cannot be reached; try again later.',
      details: { reason },
    });
    // The driver error is kept for logs, not in what a caller sees.
    expect(mapped.cause).toBe(error);
  });

  it('refused credentials look exactly like an unreachable database to a caller', () => {
    const refused = mapDriverError(driverError('Neo.ClientError.Security.Unauthorized')) as StoreUnavailableError;
    const down = mapDriverError(driverError('ServiceUnavailable')) as StoreUnavailableError;
    expect({ message: refused.message, details: refused.details }).toEqual({ message: down.message, details: down.details });
  });

  it('a uniqueness constraint violation becomes CONFLICT, with no Neo4j code in it', () => {
    const mapped = mapDriverError(driverError('Neo.ClientError.Schema.ConstraintValidationFailed')) as ConflictError;
    expect(mapped).toBeInstanceOf(ConflictError);
    expect({ code: mapped.code, details: mapped.details }).toEqual({ code: 'CONFLICT', details: {} });
  });

  it('leaves domain errors and every other error as they are (other driver errors are internal, masked by the API)', () => {
    const domain = new BadUserInputError('bad', { argument: 'after' });
    const syntax = driverError('Neo.ClientError.Statement.SyntaxError');
    const plain = new Error('boom');
    expect([mapDriverError(domain), mapDriverError(syntax), mapDriverError(plain), mapDriverError('text')]).toEqual([
      domain,
      syntax,
      plain,
      'text',
    ]);
    expect(mapDriverError(syntax)).toBe(syntax);
  });

  it('matches by code, not message: the same message with another code is not mapped', () => {
    const error = new Neo4jError('ServiceUnavailable', 'Neo.ClientError.Statement.SyntaxError', 'N/A', 'N/A');
    expect(mapDriverError(error)).toBe(error);
  });
});
