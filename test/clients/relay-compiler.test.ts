import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Kind, parse, print, type NameNode, type OperationDefinitionNode } from 'graphql';
import {
  commitLocalUpdate,
  ConnectionHandler,
  Environment,
  fetchQuery,
  Network,
  RecordSource,
  Store,
  type GraphQLTaggedNode,
  type RecordProxy,
} from 'relay-runtime';
import { GRAPHIQL_TABS } from '../../src/http/graphiql-tabs';
import { startService, type RunningService } from './service';

/**
 * Relay as an integrator uses it: relay-compiler 21 compiles the project's own example operations
 * (the GraphiQL tabs, renamed to Relay's `<Module><Name>Query` rule) and a module that uses
 * `@connection` forwards and backwards and `@refetchable` (which needs the Node interface and
 * `node(id:)`), against the SDL the running service publishes; relay-runtime then runs the compiled
 * queries against it over a socket. relay-runtime's development build reports records whose types
 * conflict (one id, two types) and missing fields with `console.error` / `console.warn`: the tests
 * fail on any.
 */
const EXAMPLES = `
const { graphql } = require('relay-runtime');

graphql\`
  query ExamplesLineQuery {
    actionLine(code: "C2") {
      id code name
      facilitators { id role confidence link { id type } entity { id code } }
      linksConnection(types: [FACILITATES], first: 10) { edges { node { direction node { id code } link { id type confidence } } } }
    }
  }
\`;

graphql\`
  fragment Examples_entityLinks on Entity
    @refetchable(queryName: "ExamplesEntityLinksPaginationQuery")
    @argumentDefinitions(count: { type: "Int", defaultValue: 5 }, cursor: { type: "String" }) {
    code
    linksConnection(first: $count, after: $cursor) @connection(key: "Examples_entityLinks_linksConnection") {
      totalCount
      edges { node { direction node { id code } link { id type from { id } to { id } } } }
    }
  }
\`;

graphql\`
  query ExamplesEntityQuery {
    entity(code: "ITU") { ...Examples_entityLinks }
  }
\`;

graphql\`
  query ExamplesLastTargetsQuery($count: Int!, $before: String) {
    sdgTargets(last: $count, before: $before) @connection(key: "ExamplesLastTargetsQuery_sdgTargets") {
      edges { node { id code } }
    }
  }
\`;

graphql\`
  query ExamplesSearchQuery($text: String!) {
    searchConnection(query: $text, first: 5) @connection(key: "ExamplesSearchQuery_searchConnection", filters: ["query"]) {
      edges { node { score node { id code } } }
    }
  }
\`;
`;

/** The GraphiQL tabs as one Relay module: each anonymous query named `GraphiqlTabs<n>Query`. */
function graphiqlTabsModule(): string {
  const named = GRAPHIQL_TABS.map(({ query }, index) => {
    const document = parse(query);
    const operation = document.definitions[0] as OperationDefinitionNode;
    const name: NameNode = { kind: Kind.NAME, value: `GraphiqlTabs${index + 1}Query` };
    const renamed: OperationDefinitionNode = { ...operation, name };
    return print({ ...document, definitions: [renamed] });
  });
  return `const { graphql } = require('relay-runtime');\n${named.map((text) => `graphql\`\n${text}\n\`;\n`).join('\n')}`;
}

describe('clients: relay-compiler and relay-runtime, over a socket', () => {
  let service: RunningService;
  let dir: string;
  let compile: { status: number | null; output: string };
  const problems: unknown[][] = [];
  const spies: jest.SpyInstance[] = [];

  beforeAll(async () => {
    service = await startService();
    dir = mkdtempSync(path.join(tmpdir(), 'wsis-relay-'));
    mkdirSync(path.join(dir, 'src'));
    writeFileSync(path.join(dir, 'schema.graphql'), await (await fetch(`${service.origin}/graphql/schema.graphql`)).text());
    writeFileSync(path.join(dir, 'src', 'Examples.js'), EXAMPLES);
    writeFileSync(path.join(dir, 'src', 'GraphiqlTabs.js'), graphiqlTabsModule());
    writeFileSync(
      path.join(dir, 'relay.config.json'),
      JSON.stringify({ src: './src', schema: './schema.graphql', language: 'javascript', eagerEsModules: false }),
    );
    const run = spawnSync(process.execPath, [require.resolve('relay-compiler/cli.js')], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
    compile = { status: run.status, output: `${run.stdout}\n${run.stderr}` };
  }, 180_000);
  beforeEach(() => {
    problems.length = 0;
    for (const method of ['warn', 'error'] as const) {
      spies.push(jest.spyOn(console, method).mockImplementation((...args: unknown[]) => void problems.push([method, ...args])));
    }
  });
  afterEach(() => {
    for (const spy of spies.splice(0)) spy.mockRestore();
  });
  afterAll(async () => {
    await service.close();
    rmSync(dir, { recursive: true, force: true });
  });

  // The compiled artifacts are CommonJS modules written at run time: loaded as Relay's babel plugin would load them.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const artifact = (name: string) => require(path.join(dir, 'src', '__generated__', `${name}.graphql.js`)) as GraphQLTaggedNode;
  const environment = () =>
    new Environment({
      network: Network.create(async (params, variables) => {
        const response = await fetch(service.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
          body: JSON.stringify({ query: params.text, operationName: params.name, variables }),
        });
        return response.json();
      }),
      store: new Store(new RecordSource()),
    });

  it('compiles the GraphiQL example operations and the @connection / @refetchable module with no error', () => {
    expect({ status: compile.status, errors: compile.output.split('\n').filter((line) => /error/i.test(line)) }).toEqual({ status: 0, errors: [] });
    const generated = readdirSync(path.join(dir, 'src', '__generated__')).sort();
    expect(generated).toEqual(
      expect.arrayContaining([
        'ExamplesEntityLinksPaginationQuery.graphql.js',
        'ExamplesLastTargetsQuery.graphql.js',
        'Examples_entityLinks.graphql.js',
        ...GRAPHIQL_TABS.map((_tab, i) => `GraphiqlTabs${i + 1}Query.graphql.js`),
      ]),
    );
    // The refetch query Relay wrote goes through the Node interface.
    expect(readFileSync(path.join(dir, 'src', '__generated__', 'ExamplesEntityLinksPaginationQuery.graphql.js'), 'utf8')).toContain('node(id: $id)');
  });

  it('runs every compiled example against the service with no error and no store warning', async () => {
    const env = environment();
    for (const name of [...GRAPHIQL_TABS.map((_tab, i) => `GraphiqlTabs${i + 1}Query`), 'ExamplesLineQuery', 'ExamplesEntityQuery']) {
      const data = await fetchQuery(env, artifact(name), {}).toPromise();
      expect({ name, data: data !== undefined && data !== null }).toEqual({ name, data: true });
    }
    expect(await fetchQuery(env, artifact('ExamplesSearchQuery'), { text: '国际电信联盟' }).toPromise()).toBeTruthy();
    // A Facilitation and the Link it reads were both normalised: two records, two types, one link each.
    const source = env.getStore().getSource();
    expect(source.get('Facilitation:FACILITATES|Entity:ITU|ActionLine:C2')?.__typename).toBe('Facilitation');
    expect(source.get('FACILITATES|Entity:ITU|ActionLine:C2')?.__typename).toBe('Link');
    expect(problems).toEqual([]);
  });

  it('merges pages into a @connection forwards (through node(id:)) and backwards (last/before)', async () => {
    const env = environment();
    await fetchQuery(env, artifact('ExamplesEntityQuery'), {}).toPromise();
    // What the store holds for a connection: its edges and page info, read as a component would.
    const edgesOf = (find: (store: { get(id: string): RecordProxy | null | undefined; getRoot(): RecordProxy }) => RecordProxy | null | undefined) => {
      const read = { count: -1, startCursor: null as unknown, endCursor: null as unknown, hasPrevious: null as unknown };
      commitLocalUpdate(env, (store) => {
        const connection = find(store);
        const pageInfo = connection?.getLinkedRecord('pageInfo');
        read.count = connection?.getLinkedRecords('edges')?.length ?? -1;
        read.startCursor = pageInfo?.getValue('startCursor') ?? null;
        read.endCursor = pageInfo?.getValue('endCursor') ?? null;
        read.hasPrevious = pageInfo?.getValue('hasPreviousPage') ?? null;
      });
      return read;
    };
    const links = (store: { get(id: string): RecordProxy | null | undefined }) =>
      ConnectionHandler.getConnection(store.get('Entity:ITU')!, 'Examples_entityLinks_linksConnection');
    const first = edgesOf(links);
    expect(first.count).toBe(5);
    await fetchQuery(env, artifact('ExamplesEntityLinksPaginationQuery'), { id: 'Entity:ITU', count: 5, cursor: first.endCursor }).toPromise();
    expect(edgesOf(links).count).toBe(10);

    const targets = (store: { getRoot(): RecordProxy }) => ConnectionHandler.getConnection(store.getRoot(), 'ExamplesLastTargetsQuery_sdgTargets');
    await fetchQuery(env, artifact('ExamplesLastTargetsQuery'), { count: 4 }).toPromise();
    const last = edgesOf(targets);
    expect([last.count, last.hasPrevious]).toEqual([4, true]);
    await fetchQuery(env, artifact('ExamplesLastTargetsQuery'), { count: 4, before: last.startCursor }).toPromise();
    expect(edgesOf(targets).count).toBe(8);
    expect(problems).toEqual([]);
  });
});
