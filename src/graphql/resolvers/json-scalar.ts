import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';

/**
 * `scalar JSON`: any JSON value, sent as itself. The service only sends it (records of the audit
 * log); as an input it takes JSON literals and variables, with no meaning beyond their shape.
 */
export const JSONScalar = new GraphQLScalarType({
  name: 'JSON',
  description: 'Any JSON value, sent as itself.',
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: literal,
});

function literal(node: ValueNode, variables?: Record<string, unknown> | null): unknown {
  switch (node.kind) {
    case Kind.STRING:
    case Kind.BOOLEAN:
      return node.value;
    case Kind.INT:
    case Kind.FLOAT:
      return Number(node.value);
    case Kind.NULL:
      return null;
    case Kind.LIST:
      return node.values.map((value) => literal(value, variables));
    case Kind.OBJECT:
      return Object.fromEntries(node.fields.map((field) => [field.name.value, literal(field.value, variables)]));
    case Kind.VARIABLE:
      return variables?.[node.name.value];
    default:
      throw new GraphQLError('Not a JSON value.', { nodes: [node], extensions: { code: 'BAD_USER_INPUT' } });
  }
}
