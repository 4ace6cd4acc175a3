import { makeExecutableSchema } from '@graphql-tools/schema';
import { mapSchema, MapperKind } from '@graphql-tools/utils';
import {
  defaultFieldResolver,
  introspectionFromSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isUnionType,
  printSchema,
  type GraphQLSchema,
} from 'graphql';
import { createSchema } from '../../../src/graphql/schema';
import { createTimeSlice, withTimeSlices } from '../../../src/graphql/time-slices';

/**
 * withTimeSlices wraps the served schema's resolvers in place (a copy through graphql-tools' mapSchema was
 * ~20 ms of the cold start). Clients must see what the copy served: the same SDL and introspection, resolvers
 * on the same fields (those mapSchema's OBJECT_FIELD wrapped), enums with the same internal values.
 */

/** Per type: which of its fields have a resolver of their own, its resolveType / isTypeOf, its enum values, input defaults. */
function resolverShape(schema: GraphQLSchema): Record<string, unknown> {
  const shape: Record<string, unknown> = {};
  for (const type of Object.values(schema.getTypeMap())) {
    if (isObjectType(type) || isInterfaceType(type)) {
      shape[type.name] = {
        resolved: Object.values(type.getFields())
          .filter((field) => field.resolve && field.resolve !== defaultFieldResolver)
          .map((field) => field.name),
        resolveType: isInterfaceType(type) ? typeof type.resolveType : undefined,
        isTypeOf: isObjectType(type) ? typeof type.isTypeOf : undefined,
      };
    } else if (isUnionType(type)) {
      shape[type.name] = { resolveType: typeof type.resolveType };
    } else if (isEnumType(type)) {
      shape[type.name] = type.getValues().map((value) => [value.name, value.value]);
    } else if (isInputObjectType(type)) {
      shape[type.name] = Object.values(type.getFields()).map((field) => [field.name, field.defaultValue]);
    }
  }
  return shape;
}

/** `Type.field` → its resolver, for the fields with one of their own. */
function resolversOf(schema: GraphQLSchema): Map<string, unknown> {
  const found = new Map<string, unknown>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type)) continue;
    for (const field of Object.values(type.getFields())) {
      if (field.resolve && field.resolve !== defaultFieldResolver) found.set(`${type.name}.${field.name}`, field.resolve);
    }
  }
  return found;
}

describe('time slices wrapped in place', () => {
  it('leave the SDL, the introspection, which fields resolve and the enum values as they were', () => {
    const plain = createSchema();
    const sliced = withTimeSlices(createSchema());
    expect(printSchema(sliced)).toBe(printSchema(plain));
    expect(introspectionFromSchema(sliced)).toEqual(introspectionFromSchema(plain));
    expect(resolverShape(sliced)).toEqual(resolverShape(plain));
  });

  it('wrap exactly the fields a mapSchema OBJECT_FIELD pass wrapped', () => {
    const mapped: string[] = [];
    mapSchema(createSchema(), {
      [MapperKind.OBJECT_FIELD]: (field, fieldName, typeName) => {
        if (field.resolve && field.resolve !== defaultFieldResolver) mapped.push(`${typeName}.${fieldName}`);
        return field;
      },
    });
    const schema = createSchema();
    const before = resolversOf(schema);
    expect(withTimeSlices(schema)).toBe(schema);
    const after = resolversOf(schema);
    const wrapped = [...after].filter(([name, resolve]) => before.has(name) && resolve !== before.get(name)).map(([name]) => name);
    expect(wrapped.sort()).toEqual(mapped.sort());
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
  });

  it('a wrapped resolver hands its arguments through and answers as the original, slicing off and on', async () => {
    const calls: unknown[][] = [];
    const schema = withTimeSlices(
      makeExecutableSchema({ typeDefs: 'type Query { one(n: Int): Int }', resolvers: { Query: { one: (...args: unknown[]) => (calls.push(args), 7) } } }),
    );
    const one = schema.getQueryType()!.getFields().one!.resolve!;
    const parent = { marker: 1 };
    const context = { timeSlice: createTimeSlice(5) };
    expect(one(parent, { n: 1 }, context, {} as never)).toBe(7);
    context.timeSlice.start();
    expect(await one(parent, { n: 2 }, context, {} as never)).toBe(7);
    expect(calls.map((args) => args.slice(0, 3))).toEqual([
      [parent, { n: 1 }, context],
      [parent, { n: 2 }, context],
    ]);
  });
});
