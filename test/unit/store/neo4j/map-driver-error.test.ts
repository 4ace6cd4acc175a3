import { Neo4jError } from 'neo4j-driver';
import { BadUserInputError, ConflictError, StoreUnavailableError } from '../../../../src/domain/errors';
import { mapDriverError } from '../../../../src/store/neo4j/map-driver-error';

const driverError = (code: string) => new Neo4jError('any text: mapping never reads it', code, 'N/A', 'N/A');

describe('neo4j store: driver errors mapped by code', () => {
  it.each([
    'ServiceUnavailable',
    'SessionExpired',
    'Neo.TransientError.General.DatabaseUnavailable',
    'Neo.TransientError.Transaction.DeadlockDetected',
    'Neo.ClientError.Security.Unauthorized',
    'Neo.ClientError.Database.DatabaseNotFound',
    'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration',
  ])('%s becomes STORE_UNAVAILABLE with the driver code as reason', (code) => {
    const mapped = mapDriverError(driverError(code));
    expect(mapped).toBeInstanceOf(StoreUnavailableError);
    expect(mapped).toMatchObject({ code: 'STORE_UNAVAILABLE', details: { reason: code } });
  });

  it('a uniqueness constraint violation becomes CONFLICT', () => {
    const mapped = mapDriverError(driverError('Neo.ClientError.Schema.ConstraintValidationFailed'));
    expect(mapped).toBeInstanceOf(ConflictError);
    expect(mapped).toMatchObject({ code: 'CONFLICT', details: { reason: 'Neo.ClientError.Schema.ConstraintValidationFailed' } });
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
