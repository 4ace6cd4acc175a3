import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { isPartialDate, PARTIAL_DATE_FORM } from '../../domain/partial-date';

/**
 * `scalar PartialDate`: a date as precise as its source, `YYYY`, `YYYY-MM` or `YYYY-MM-DD`
 * (`src/domain/partial-date.ts`). The fields that use it read props the vocabulary declares as
 * partial dates, checked on every seed and every write, so a stored value that is not one is a bug,
 * reported as one; a value sent by a caller that is not one is BAD_USER_INPUT.
 */
export const PartialDateScalar = new GraphQLScalarType({
  name: 'PartialDate',
  description: 'An ISO 8601 calendar date as precise as its source: `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (`2015`, `2008-05`, `2024-03-11`).',
  serialize: (value) => {
    if (isPartialDate(value)) return value;
    throw new GraphQLError(`PartialDate cannot represent ${JSON.stringify(value)}.`);
  },
  parseValue: (value) => parse(value),
  parseLiteral: (node) => parse(node.kind === Kind.STRING ? node.value : undefined),
});

function parse(value: unknown): string {
  if (isPartialDate(value)) return value;
  throw new GraphQLError(`Expected ${PARTIAL_DATE_FORM} (e.g. "2008-05"), got ${JSON.stringify(value)}.`, {
    extensions: { code: 'BAD_USER_INPUT', expected: PARTIAL_DATE_FORM },
  });
}
