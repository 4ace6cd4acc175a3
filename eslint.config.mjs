// @ts-check
import graphqlPlugin from '@graphql-eslint/eslint-plugin';
import tseslint from 'typescript-eslint';

/**
 * Layer boundaries (see README "Layout"): each folder may import only from
 * the layers below it. domain ← store ← loaders/analytics ← graphql ← http ← main.
 */
const layer = (files, forbidden, why) => ({
  files,
  rules: {
    'no-restricted-imports': [
      'error',
      { patterns: forbidden.map((group) => ({ group: [group], message: why })) },
    ],
  },
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'bench-results/**', 'data/**', 'schema/released/**'] },
  {
    files: ['**/*.ts', '**/*.tsx'],
    extends: [...tseslint.configs.recommended],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  layer(
    ['src/domain/**/*.ts'],
    ['**/store/**', '**/graphql/**', '**/http/**', '**/loaders/**', '**/analytics/**', '**/config', 'graphql', 'graphql-yoga', 'neo4j-driver', 'graphology'],
    'src/domain holds pure types and rules: it imports nothing from the layers above it.',
  ),
  layer(
    ['src/store/**/*.ts'],
    ['**/graphql/**', '**/http/**', '**/loaders/**', '**/analytics/**', 'graphql', 'graphql-yoga'],
    'A store knows the domain, not the API above it.',
  ),
  layer(
    ['src/analytics/**/*.ts', 'src/loaders/**/*.ts'],
    ['**/http/**', '**/graphql/**', '**/store/embedded/**', '**/store/neo4j/**', 'graphql-yoga'],
    'Analytics and loaders work over the store port, never over one adapter or the API.',
  ),
  layer(
    ['src/graphql/**/*.ts'],
    ['**/http/**', '**/store/embedded/**', '**/store/neo4j/**', 'neo4j-driver', 'graphology'],
    'Resolvers reach data only through the store port and loaders.',
  ),
  layer(
    ['src/web/**/*.ts', 'src/web/**/*.tsx'],
    ['**/domain/**', '**/store/**', '**/graphql/**', '**/http/**', '**/loaders/**', '**/analytics/**', '**/config', 'graphql-yoga', 'neo4j-driver', 'node:*'],
    'The explorer is a client of the public GraphQL API: it imports no server code.',
  ),
  {
    files: ['schema/**/*.graphql'],
    languageOptions: {
      parser: graphqlPlugin.parser,
      parserOptions: { graphQLConfig: { schema: 'schema/*.graphql' } },
    },
    plugins: { '@graphql-eslint': graphqlPlugin },
    rules: {
      ...graphqlPlugin.configs['flat/schema-recommended'].rules,
      // Short descriptions are inline "…", long ones block """…""": both read well in GraphiQL.
      '@graphql-eslint/description-style': 'off',
      // Value types (Source, LocalizedText, pages) have no identity of their own; nodes and links do.
      '@graphql-eslint/strict-id-in-types': 'off',
      // The SDL is the reference documentation: every type, field, argument and input field says what it is.
      '@graphql-eslint/require-description': [
        'error',
        { types: true, rootField: true, FieldDefinition: true, InputValueDefinition: true, DirectiveDefinition: true },
      ],
    },
  },
);
