import { GraphQLError, type ValidationRule } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/**
 * `ALLOW_INTROSPECTION=false`: a query that selects `__schema` or `__type` is refused before it
 * runs with `INTROSPECTION_DISABLED` (naming the field); `__typename` stays, clients need it.
 * Returns no plugin when introspection is allowed (the default: GraphiQL and the explorer read the
 * schema by introspection).
 */
export function useIntrospectionSwitch(allowed: boolean): Plugin[] {
  if (allowed) return [];
  return [{ onValidate: ({ addValidationRule }) => addValidationRule(noIntrospection) }];
}

const noIntrospection: ValidationRule = (context) => ({
  Field(node) {
    const name = node.name.value;
    if (name !== '__schema' && name !== '__type') return;
    context.reportError(
      new GraphQLError(`Introspection is turned off on this service (ALLOW_INTROSPECTION=false): "${name}" cannot be queried.`, {
        nodes: [node],
        extensions: { code: 'INTROSPECTION_DISABLED', field: name },
      }),
    );
  },
});
