import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { makeExecutableSchema } from '@graphql-tools/schema';
import {
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  valueFromAST,
  type GraphQLArgument,
  type GraphQLInputField,
  type GraphQLSchema,
} from 'graphql';
import { findSeedsDir } from '../seeds/load-seeds';
import { resolvers } from './resolvers';

/** The SDL files in `schema/`, in name order: the public contract, documented by their descriptions. */
export function readTypeDefs(schemaDir: string = defaultSchemaDir()): string[] {
  return readdirSync(schemaDir)
    .filter((name) => name.endsWith('.graphql'))
    .sort()
    .map((name) => readFileSync(path.join(schemaDir, name), 'utf8'));
}

/** The executable schema: SDL from `schema/` joined with the resolvers. */
export function createSchema(schemaDir?: string): GraphQLSchema {
  const schema = makeExecutableSchema({
    typeDefs: readTypeDefs(schemaDir),
    resolvers,
    resolverValidationOptions: { requireResolversToMatchSchema: 'error' },
    // The SDL is fixed files, validated by test/unit/schema-changes.test.ts (graphql's buildSchema over the
    // served schema); validating it again on every start was about 25 ms of the cold start (issue #12).
    assumeValidSDL: true,
    // Nor is the built schema checked again by graphql-js on the first request (validateSchema, ~5-10 ms of the
    // first answer after a start): schema-changes.test.ts runs that check on the served schema.
    assumeValid: true,
    // The resolvers are set on the schema just built, not on a copy of it (graphql-tools' mapSchema rebuilds
    // every type: 64-97 against 10-17 ms, issue #12); test/unit/graphql/schema-build.test.ts holds the two
    // builds to the same schema.
    updateResolversInPlace: true,
  });
  readDefaultsAgain(schema);
  return schema;
}

/**
 * Every argument's and input field's default read again from its SDL against the schema's final types. The
 * in-place build gives enums their internal values (`Lang: { EN: 'en' }` in the resolvers) through new enum
 * types and re-reads the defaults of object fields' arguments and of input fields, but not those of interface
 * fields' arguments, which would keep the name (`EN`) where the copying build holds the value (`'en'`).
 */
function readDefaultsAgain(schema: GraphQLSchema): void {
  const readAgain = (input: GraphQLArgument | GraphQLInputField) => {
    const node = input.astNode?.defaultValue;
    if (node) input.defaultValue = valueFromAST(node, input.type);
  };
  for (const type of Object.values(schema.getTypeMap())) {
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) field.args.forEach(readAgain);
    } else if (isInputObjectType(type)) {
      Object.values(type.getFields()).forEach(readAgain);
    }
  }
  for (const directive of schema.getDirectives()) directive.args.forEach(readAgain);
}

// schema/ sits beside seeds/ at the project root, from src/ and from dist/src/ alike.
function defaultSchemaDir(): string {
  return path.join(path.dirname(findSeedsDir()), 'schema');
}
