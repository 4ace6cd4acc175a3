import { parse } from 'graphql';
import { CompiledQueryCache } from '../../../src/graphql/compiled-execution/compiled-query-cache';
import { useCompiledExecution } from '../../../src/graphql/compiled-execution/use-compiled-execution';
import { createSchema } from '../../../src/graphql/schema';
import { createEmbeddedGraphStore } from '../../../src/store/embedded/create-embedded-graph-store';
import { WORKLOADS } from '../../bench/workloads';
import { createTestApp, postGraphQL } from '../../e2e/test-app';

// graphql-jit's compiled queries, counted where they run, so a test can tell compiled execution from graphql-js.
const mockRuns = { compiled: 0 };
jest.mock('graphql-jit', () => {
  const actual = jest.requireActual<typeof import('graphql-jit')>('graphql-jit');
  return {
    ...actual,
    compileQuery: (...args: Parameters<typeof actual.compileQuery>) => {
      const compiled = actual.compileQuery(...args) as ReturnType<typeof actual.compileQuery<Record<string, unknown>, Record<string, unknown>>>;
      if (!actual.isCompiledQuery(compiled)) return compiled;
      const query = compiled.query.bind(compiled);
      return Object.assign(compiled, { query: (...queryArgs: Parameters<typeof query>) => (mockRuns.compiled++, query(...queryArgs)) });
    },
  };
});
const runs = mockRuns;

const store = createEmbeddedGraphStore();
// The response cache off: every request executes, so each answer is the engine's own.
const env = { HTTP_CACHE_MAX_BYTES: '0', RATE_LIMIT_ANONYMOUS: '0' };
// No query counts as expensive here, so every workload can run compiled (expensive ones stay on graphql-js).
const compiled = createTestApp({ ...env, COMPILED_QUERIES: '100', EXPENSIVE_COST: '100000000' }, store).app;
const graphqlJs = createTestApp({ ...env, COMPILED_QUERIES: '0', EXPENSIVE_COST: '100000000' }, store).app;
const everyQueryExpensive = createTestApp({ ...env, COMPILED_QUERIES: '100', EXPENSIVE_COST: '1' }, store).app;

/** The answer's bytes from both engines, the compiled one asked three times (compiled on the second). */
async function bothEngines(query: string, variables?: Record<string, unknown>) {
  const expected = await postGraphQL(graphqlJs, query, variables);
  const answers = [];
  for (let i = 0; i < 3; i++) answers.push(await postGraphQL(compiled, query, variables));
  return { expected, answers };
}

describe('compiled execution (graphql-jit) answers exactly as graphql-js', () => {
  beforeEach(() => {
    runs.compiled = 0;
  });

  it.each(WORKLOADS.map((w) => [w.name, w] as const))('the %s bench workload, run compiled', async (_name, workload) => {
    const { expected, answers } = await bothEngines(workload.query, workload.variables);
    expect(expected.body.errors).toBeUndefined();
    for (const answer of answers) expect(JSON.stringify(answer)).toBe(JSON.stringify(expected));
    expect(runs.compiled).toBe(2);
  });

  // Every row has its three values: jest would take a missing third for a `done` callback.
  const errorCases: [string, string, Record<string, unknown> | undefined][] = [
    ['a variable of the wrong type', 'query($c: String!) { actionLine(code: $c) { code } }', { c: 5 }],
    ['a missing required variable', 'query($c: String!) { actionLine(code: $c) { code } }', {}],
    ['an unknown enum value in a variable', 'query($l: Lang) { actionLine(code: "C2") { name(lang: $l) } }', { l: 'XX' }],
    ['a malformed global id', '{ node(id: "nope") { id } }', undefined],
    ['a page size out of range', '{ initiatives(first: 100000) { totalCount } }', undefined],
    ['an empty search', '{ search(query: "", first: 5) { score } }', undefined],
    ['one bad path end among good fields', '{ actionLine(code: "C2") { code } paths(from: "Entity:ITU", to: "nope", maxHops: 4, first: 5) { length } }', undefined],
    ['an admin field without a key', '{ auditLog(first: 2) { totalCount } }', undefined],
    ['two operations and no name', 'query A { actionLine(code: "C2") { code } } query B { actionLine(code: "C3") { code } }', undefined],
  ];

  it.each(errorCases)('%s: the same errors, with their locations', async (_why, query, variables) => {
    const { expected, answers } = await bothEngines(query, variables);
    expect(expected.body.errors?.length).toBeGreaterThan(0);
    for (const answer of answers) expect(JSON.stringify(answer)).toBe(JSON.stringify(expected));
  });

  it('keeps locations on field errors (the contract graphql-jit alone breaks)', async () => {
    const { answers } = await bothEngines('{\n  node(id: "nope") { id }\n}');
    expect(answers[2]!.body.errors![0]).toMatchObject({ locations: [{ line: 2, column: 3 }], path: ['node'], extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('runs variables graphql-js accepts through the compiled query, with their values', async () => {
    // A document no other test sends, so its first sighting is here.
    const query = 'query WithValues($c: String!) { actionLine(code: $c) { code } }';
    for (const code of ['C2', 'C3', 'C2', 'C7']) {
      const answer = await postGraphQL(compiled, query, { c: code });
      expect(answer.body).toEqual({ data: { actionLine: { code } } });
    }
    expect(runs.compiled).toBe(3);
  });

  it('leaves expensive queries to graphql-js, whose executor stops at the execution deadline', async () => {
    const depth3 = WORKLOADS.find((w) => w.name === 'depth3')!;
    for (let i = 0; i < 3; i++) expect((await postGraphQL(everyQueryExpensive, depth3.query)).body.errors).toBeUndefined();
    expect(runs.compiled).toBe(0);
  });

  it('never takes over a mutation: writes run once, on graphql-js', () => {
    const plugin = useCompiledExecution(10);
    const setExecuteFn = jest.fn();
    const args = { schema: createSchema(), document: parse('mutation { __typename }'), contextValue: {}, variableValues: {} };
    for (let i = 0; i < 3; i++) plugin.onExecute!({ args, executeFn: jest.fn(), setExecuteFn } as never);
    expect(setExecuteFn).not.toHaveBeenCalled();
    // The same document as a query is taken over from its second sighting on.
    const query = { ...args, document: parse('query { __typename }') };
    for (let i = 0; i < 3; i++) plugin.onExecute!({ args: query, executeFn: jest.fn(), setExecuteFn } as never);
    expect(setExecuteFn).toHaveBeenCalledTimes(2);
  });
});

describe('the compiled query cache', () => {
  const schema = createSchema();
  const document = (code: string) => parse(`{ actionLine(code: "${code}") { code } }`);

  it('compiles a document the second time it is seen, and keeps it', () => {
    const cache = new CompiledQueryCache(10);
    expect('query' in cache.get(schema, document('C1'), undefined)).toBe(false);
    const second = cache.get(schema, document('C1'), undefined);
    expect('query' in second).toBe(true);
    expect(cache.get(schema, document('C1'), undefined)).toBe(second);
  });

  it('keys by operation name as well as text', () => {
    const cache = new CompiledQueryCache(10);
    const text = parse('query A { actionLine(code: "C1") { code } } query B { actionLine(code: "C2") { code } }');
    cache.get(schema, text, 'A');
    cache.get(schema, text, 'B');
    const a = cache.get(schema, text, 'A');
    const b = cache.get(schema, text, 'B');
    expect('query' in a && 'query' in b && a.query !== b.query).toBe(true);
  });

  it('holds at most its bound, dropping the least recently used', () => {
    const cache = new CompiledQueryCache(3);
    for (const code of ['C1', 'C2', 'C3']) cache.get(schema, document(code), undefined);
    cache.get(schema, document('C1'), undefined); // C1 used again: C2 is now the oldest
    cache.get(schema, document('C4'), undefined);
    expect(cache.size).toBe(3);
    // C2 was dropped: seen anew, it is not compiled yet; C1 was kept and compiles on this second sight.
    expect('query' in cache.get(schema, document('C2'), undefined)).toBe(false);
  });

  it('remembers a document graphql-jit cannot compile as a fallback', () => {
    const cache = new CompiledQueryCache(10);
    // graphql-jit refuses an operation name the document does not have (graphql-js then says so).
    const unnamed = document('C1');
    cache.get(schema, unnamed, 'Missing');
    const outcome = cache.get(schema, unnamed, 'Missing');
    expect('fallback' in outcome && outcome.fallback).toMatch(/Missing/);
  });
});
