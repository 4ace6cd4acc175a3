import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CriticalityLevel, diff, type Change } from '@graphql-inspector/core';
import { buildSchema, GraphQLSchema, printSchema, validateSchema } from 'graphql';
import { createSchema } from '../../src/graphql/schema';

/**
 * The public contract changes only by adding, or by removing what was deprecated first: the
 * served schema is compared with the last released SDL (`schema/released/`) by
 * @graphql-inspector/core, and every change it rates BREAKING must be the removal of something
 * the released schema had already marked `@deprecated`. (Dangerous and safe changes pass; they
 * belong in schema/CHANGELOG.md.)
 */
const RELEASED = path.join(__dirname, '../../schema/released/0.1.0.graphql');

/** The BREAKING changes from `before` to `after` that were not deprecated in `before` first. */
async function undeprecatedBreakingChanges(before: GraphQLSchema, after: GraphQLSchema): Promise<string[]> {
  const changes = await diff(before, after);
  return changes.filter((change) => change.criticality.level === CriticalityLevel.Breaking && !wasDeprecated(before, change)).map((change) => change.message);
}

// A removal is allowed when what it removes carried @deprecated in the released schema.
function wasDeprecated(before: GraphQLSchema, change: Change): boolean {
  const [typeName, member, argument] = (change.path ?? '').split('.');
  const type = typeName ? before.getType(typeName) : undefined;
  if (!type || !member) return false;
  if ('getValues' in type) return Boolean(type.getValues().find((value) => value.name === member)?.deprecationReason);
  if (!('getFields' in type)) return false;
  const field = (type.getFields() as Record<string, { deprecationReason?: string | null; args?: readonly { name: string; deprecationReason?: string | null }[] }>)[member];
  if (!field) return false;
  if (argument) return Boolean(field.args?.find((arg) => arg.name === argument)?.deprecationReason ?? field.deprecationReason);
  return Boolean(field.deprecationReason);
}

describe('schema: the served schema', () => {
  it("is valid by graphql-js's schema check, which the service skips at start-up (assumeValid)", () => {
    const served = createSchema();
    expect(validateSchema(new GraphQLSchema({ ...served.toConfig(), assumeValid: false })).map(String)).toEqual([]);
  });

  it('the check finds a broken schema (it can fail)', () => {
    const broken = new GraphQLSchema({ ...buildSchema('type Query { a: Int } interface I { b: Int } type T implements I { c: Int }').toConfig(), assumeValid: false });
    expect(validateSchema(broken).length).toBeGreaterThan(0);
  });
});

describe('schema: changes against the last released SDL', () => {
  it('makes no breaking change that was not deprecated first', async () => {
    const released = buildSchema(readFileSync(RELEASED, 'utf8'));
    // As published (GET /graphql/schema.graphql): enum defaults as their names, not the values the resolvers map them to.
    const served = buildSchema(printSchema(createSchema()));
    expect(await undeprecatedBreakingChanges(released, served)).toEqual([]);
  });

  it('tells a removal of a deprecated field from a breaking one (the check can fail)', async () => {
    const before = buildSchema(`type Query { kept: Int old: Int @deprecated(reason: "use kept") plain: Int list(first: Int): [Int] }`);
    expect(await undeprecatedBreakingChanges(before, buildSchema(`type Query { kept: Int plain: Int list(first: Int): [Int] }`))).toEqual([]);
    expect(await undeprecatedBreakingChanges(before, buildSchema(`type Query { kept: Int old: Int @deprecated(reason: "use kept") list(first: Int): [Int] }`))).toEqual([
      "Field 'plain' was removed from object type 'Query'",
    ]);
    expect(await undeprecatedBreakingChanges(before, buildSchema(`type Query { kept: String old: Int plain: Int list(first: Int): [Int] }`))).toHaveLength(1);
  });
});
