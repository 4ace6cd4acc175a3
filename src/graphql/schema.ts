import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { makeExecutableSchema } from '@graphql-tools/schema';
import type { GraphQLSchema } from 'graphql';
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
  return makeExecutableSchema({
    typeDefs: readTypeDefs(schemaDir),
    resolvers,
    resolverValidationOptions: { requireResolversToMatchSchema: 'error' },
    // The SDL is fixed files, validated by test/unit/schema-changes.test.ts (graphql's buildSchema over the
    // served schema); validating it again on every start was about 25 ms of the cold start (issue #12).
    assumeValidSDL: true,
    // Nor is the built schema checked again by graphql-js on the first request (validateSchema, ~5-10 ms of the
    // first answer after a start): schema-changes.test.ts runs that check on the served schema.
    assumeValid: true,
  });
}

// schema/ sits beside seeds/ at the project root, from src/ and from dist/src/ alike.
function defaultSchemaDir(): string {
  return path.join(path.dirname(findSeedsDir()), 'schema');
}
