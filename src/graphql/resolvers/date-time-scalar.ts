import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

/**
 * `scalar DateTime`: an ISO 8601 date-time with its offset, as `Date.prototype.toISOString` writes
 * it (`2026-12-01T21:23:21.183Z`). The fields that use it read times the service itself wrote or
 * checked as ISO date-times (the seeds' manifest and releases, the audit log), so a value that is not
 * one is a bug, reported as one, never a caller's mistake.
 */
export const DateTimeScalar = new GraphQLScalarType({
  name: 'DateTime',
  description: 'An ISO 8601 date-time with offset, e.g. `2026-12-01T21:23:21.183Z`.',
  serialize: (value) => {
    if (typeof value === 'string' && ISO_DATE_TIME.test(value)) return value;
    throw new GraphQLError(`DateTime cannot represent ${JSON.stringify(value)}.`);
  },
  parseValue: (value) => parse(value),
  parseLiteral: (node) => (node.kind === Kind.STRING ? parse(node.value) : parse(undefined)),
});

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

function parse(value: unknown): string {
  if (typeof value === 'string' && ISO_DATE_TIME.test(value) && !Number.isNaN(Date.parse(value))) return value;
  throw new GraphQLError(`Expected an ISO 8601 date-time with offset (e.g. "2026-12-01T00:00:00Z"), got ${JSON.stringify(value)}.`, {
    extensions: { code: 'BAD_USER_INPUT', expected: 'an ISO 8601 date-time with offset' },
  });
}
