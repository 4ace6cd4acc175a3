import { makeExecutableSchema } from '@graphql-tools/schema';
import {
  introspectionFromSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isScalarType,
  isUnionType,
  printSchema,
  type GraphQLSchema,
} from 'graphql';
import { createSchema, readTypeDefs } from '../../../src/graphql/schema';
import { resolvers } from '../../../src/graphql/resolvers';

/**
 * createSchema sets the resolvers on the schema it has just built (graphql-tools' updateResolversInPlace, and
 * the defaults read again) instead of on a copy, for a faster cold start. Clients and resolvers must see the
 * schema the copying build gave: the same SDL and introspection, the same resolvers on the same fields, enums
 * with the same internal values, every default (interface fields' arguments too) as the same internal value.
 */
function copyingBuild(): GraphQLSchema {
  return makeExecutableSchema({
    typeDefs: readTypeDefs(),
    resolvers,
    resolverValidationOptions: { requireResolversToMatchSchema: 'error' },
    assumeValidSDL: true,
  });
}

/** Everything of each type that executes: resolvers (by name: both builds bind them), defaults, enum values, scalar functions. */
function executableShape(schema: GraphQLSchema): Record<string, unknown> {
  const shape: Record<string, unknown> = {};
  for (const type of Object.values(schema.getTypeMap())) {
    if (isObjectType(type) || isInterfaceType(type)) {
      shape[type.name] = {
        fields: Object.values(type.getFields()).map((field) => ({
          name: field.name,
          type: String(field.type),
          resolve: field.resolve?.name,
          args: field.args.map((arg) => [arg.name, String(arg.type), arg.defaultValue]),
        })),
        resolveType: isInterfaceType(type) ? type.resolveType?.name : undefined,
        isTypeOf: isObjectType(type) ? type.isTypeOf?.name : undefined,
        interfaces: type.getInterfaces().map(String),
      };
    } else if (isUnionType(type)) {
      shape[type.name] = { resolveType: type.resolveType?.name, types: type.getTypes().map(String) };
    } else if (isEnumType(type)) {
      shape[type.name] = type.getValues().map((value) => [value.name, value.value]);
    } else if (isInputObjectType(type)) {
      shape[type.name] = Object.values(type.getFields()).map((field) => [field.name, String(field.type), field.defaultValue]);
    } else if (isScalarType(type)) {
      shape[type.name] = { serialize: type.serialize, parseValue: type.parseValue, parseLiteral: type.parseLiteral, specifiedByURL: type.specifiedByURL };
    }
  }
  shape['@directives'] = schema.getDirectives().map((directive) => [directive.name, directive.args.map((arg) => [arg.name, arg.defaultValue])]);
  return shape;
}

describe('schema build: in place, as the copying build', () => {
  const copied = copyingBuild();
  const built = createSchema();

  it('prints the same SDL and answers the same introspection', () => {
    expect(printSchema(built)).toBe(printSchema(copied));
    expect(introspectionFromSchema(built)).toEqual(introspectionFromSchema(copied));
  });

  it('has the same resolvers, enum values, defaults and scalars', () => {
    expect(executableShape(built)).toEqual(executableShape(copied));
  });

  it('holds enum defaults as internal values on interface fields too (what the in-place mode alone got wrong)', () => {
    const enumDefaults: unknown[] = [];
    for (const type of Object.values(built.getTypeMap())) {
      if (!isInterfaceType(type)) continue;
      for (const field of Object.values(type.getFields())) {
        for (const arg of field.args) {
          const named = 'ofType' in arg.type && arg.type.ofType ? arg.type.ofType : arg.type;
          if (isEnumType(named) && arg.defaultValue !== undefined) enumDefaults.push([named.name, arg.defaultValue]);
        }
      }
    }
    expect(enumDefaults.length).toBeGreaterThan(0);
    for (const [enumName, value] of enumDefaults as [string, unknown][]) {
      const type = built.getType(enumName);
      expect(isEnumType(type) && type.getValues().some((v) => v.value === value)).toBe(true);
    }
  });
});
