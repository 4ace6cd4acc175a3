import { isAbstractType, type GraphQLSchema } from 'graphql';

/**
 * For every interface and union of the schema, the object types that implement or belong to it,
 * in name order: Apollo Client's `possibleTypes` option (`new InMemoryCache({ possibleTypes })`),
 * without which a fragment on an interface (`... on Node`, `... on Evidence`) matches nothing in
 * its cache. The same map `@graphql-codegen/fragment-matcher` generates, computed from the served
 * schema so it cannot fall behind it. Interfaces that other interfaces implement list only object
 * types (what a `__typename` can be).
 */
export function possibleTypesOf(schema: GraphQLSchema): Record<string, string[]> {
  const map: Record<string, string[]> = {};
  const abstract = Object.values(schema.getTypeMap())
    .filter(isAbstractType)
    .filter((type) => !type.name.startsWith('__'))
    .sort((a, b) => a.name.localeCompare(b.name));
  for (const type of abstract) {
    map[type.name] = schema
      .getPossibleTypes(type)
      .map((object) => object.name)
      .sort();
  }
  return map;
}
