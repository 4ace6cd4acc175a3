import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { readmeSnippets, snippetWith } from './readme-snippets';
import { startService, type RunningService } from './service';

/**
 * The README's Clients snippets, run as they are written: each against the real service on a free
 * port (the README's `http://localhost:4000` replaced by its origin, nothing else). The Apollo and
 * urql programs run in their own Node process through tsx, as an integrator would run them, and
 * must exit 0 with nothing on stderr (the clients' development builds warn there); relay-compiler
 * compiles the Relay module with the README's relay.config.json, and relay-runtime runs the compiled
 * query and the refetch query it generated.
 */
const ROOT = path.join(__dirname, '../..');
const README_ORIGIN = 'http://localhost:4000';
const run = promisify(execFile);

/** What an app does with the compiled module: the query, then the refetch query for the next page. */
const RELAY_PROGRAM = `
import { commitLocalUpdate, ConnectionHandler, Environment, fetchQuery, Network, RecordSource, Store } from 'relay-runtime';
import entityQuery from './src/__generated__/EntityLinksQuery.graphql.js';
import pagination from './src/__generated__/EntityLinksPaginationQuery.graphql.js';

const environment = new Environment({
  network: Network.create(async (params, variables) => {
    const response = await fetch('SERVICE_URL', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: params.text, operationName: params.name, variables }),
    });
    return response.json();
  }),
  store: new Store(new RecordSource()),
});
// What a paginated component reads: the connection's edges and end cursor in the store.
const connection = () => {
  const read = { edges: 0, endCursor: null };
  commitLocalUpdate(environment, (store) => {
    const links = ConnectionHandler.getConnection(store.get('Entity:ITU'), 'EntityLinks_entity_linksConnection');
    read.edges = links?.getLinkedRecords('edges')?.length ?? 0;
    read.endCursor = links?.getLinkedRecord('pageInfo')?.getValue('endCursor') ?? null;
  });
  return read;
};
const first = await fetchQuery(environment, entityQuery, {}).toPromise();
const firstPage = connection();
await fetchQuery(environment, pagination, { id: 'Entity:ITU', count: 2, cursor: firstPage.endCursor }).toPromise();
console.log(JSON.stringify({ entity: first.entity.id, edges: [firstPage.edges, connection().edges] }));
`;

describe('clients: the README snippets run against the service', () => {
  const snippets = readmeSnippets('Clients');
  let service: RunningService;
  let dir: string;

  beforeAll(async () => {
    service = await startService();
    dir = mkdtempSync(path.join(tmpdir(), 'wsis-readme-'));
    // The snippets import the clients by package name, as in a project that installed them.
    symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  }, 120_000);
  afterAll(async () => {
    await service.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const pointed = (code: string) => {
    expect(code).toContain(README_ORIGIN);
    return code.replaceAll(README_ORIGIN, service.origin);
  };

  // Asynchronous on purpose: the service answers from this process while the program runs.
  async function runProgram(name: string, code: string): Promise<unknown> {
    const file = path.join(dir, `${name}.mts`);
    writeFileSync(file, pointed(code));
    const { stdout, stderr } = await run(path.join(ROOT, 'node_modules/.bin/tsx'), [file], {
      cwd: dir,
      env: { ...process.env, NODE_ENV: 'development' },
      timeout: 120_000,
    });
    expect(stderr).toBe('');
    return JSON.parse(stdout);
  }

  it('runs the Apollo Client program: possibleTypes, PersistedQueryLink and the query, no warning', async () => {
    const data = await runProgram('apollo', snippetWith(snippets, 'ts', '@apollo/client'));
    expect(data).toMatchObject({
      actionLine: {
        __typename: 'ActionLine',
        id: 'ActionLine:C2',
        facilitators: expect.arrayContaining([
          expect.objectContaining({ id: 'Facilitation:FACILITATES|Entity:ITU|ActionLine:C2', entity: expect.objectContaining({ code: 'ITU' }), confidence: 'SOURCE' }),
        ]),
        linksConnection: { edges: [expect.anything(), expect.anything(), expect.anything()] },
      },
    });
  }, 180_000);

  it('runs the urql program: Graphcache with the schema, keys and relayPagination, no warning', async () => {
    const data = await runProgram('urql', snippetWith(snippets, 'ts', '@urql/core'));
    expect(data).toMatchObject({
      actionLine: {
        id: 'ActionLine:C2',
        linksConnection: { pageInfo: { hasNextPage: true }, edges: [expect.anything(), expect.anything(), expect.anything()] },
      },
    });
  }, 180_000);

  it('compiles the Relay module with the README relay.config.json and runs its query and refetch query, no warning', async () => {
    const project = path.join(dir, 'relay');
    mkdirSync(path.join(project, 'src'), { recursive: true });
    writeFileSync(path.join(project, 'relay.config.json'), snippetWith(snippets, 'json', '"schema"'));
    writeFileSync(path.join(project, 'schema.graphql'), await (await fetch(`${service.origin}/graphql/schema.graphql`)).text());
    const module = snippetWith(snippets, 'js', 'graphql`');
    const file = /^\/\/ (src\/\S+\.js)$/m.exec(module)?.[1];
    expect(file).toBe('src/EntityLinks.js');
    writeFileSync(path.join(project, file!), module);
    const compiled = await run(process.execPath, [require.resolve('relay-compiler/cli.js')], { cwd: project, timeout: 120_000 });
    expect(`${compiled.stdout}${compiled.stderr}`).not.toMatch(/error/i);

    // relay-runtime runs the artifacts (ES modules, as the compiler writes them for this module) in a
    // program of its own, as an app would import them; its development build warns on stderr.
    writeFileSync(path.join(project, 'run.mts'), RELAY_PROGRAM.replaceAll('SERVICE_URL', service.url));
    const { stdout, stderr } = await run(path.join(ROOT, 'node_modules/.bin/tsx'), ['run.mts'], {
      cwd: project,
      env: { ...process.env, NODE_ENV: 'development' },
      timeout: 120_000,
    });
    expect(stderr).toBe('');
    // The query's 5 links (the fragment's default count), then 2 more merged in through node(id:).
    expect(JSON.parse(stdout)).toEqual({ entity: 'Entity:ITU', edges: [5, 7] });
  }, 180_000);
});
