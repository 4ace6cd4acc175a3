import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Kind, parse, print, type NameNode, type OperationDefinitionNode } from 'graphql';
import ts from 'typescript';
import { GRAPHIQL_TABS } from '../../src/http/graphiql-tabs';
import { startService, type RunningService } from './service';

/**
 * GraphQL Code Generator's client preset, as an integrator runs it: the schema by introspection of
 * the running service over a socket, the project's example operations (the GraphiQL tabs, named)
 * and a paginated one as documents. It must generate without an error or a warning, and the typed
 * documents it writes must type-check under `strict` in a program that uses their result types.
 */
const PAGED = `query LinksPage($code: String!, $after: String) {
  entity(code: $code) {
    id
    linksConnection(first: 5, after: $after) {
      pageInfo { hasNextPage endCursor }
      nodes { direction node { id code } link { id type confidence } }
    }
  }
}`;

const USAGE = `import type { ResultOf, VariablesOf } from '@graphql-typed-document-node/core';
import { LinksPageDocument, Tab1Document } from './gql/graphql';

type Page = ResultOf<typeof LinksPageDocument>;
const variables: VariablesOf<typeof LinksPageDocument> = { code: 'ITU', after: null };
export function firstLinkType(page: Page): string | undefined {
  return page.entity?.linksConnection.nodes[0]?.link.type;
}
export function facilitatorRoles(tab: ResultOf<typeof Tab1Document>): string[] {
  return tab.actionLine?.facilitators.map((f) => f.role) ?? [];
}
export const asked = variables;
`;

describe('clients: GraphQL Code Generator client preset, over a socket', () => {
  let service: RunningService;
  let dir: string;

  beforeAll(async () => {
    service = await startService();
    dir = mkdtempSync(path.join(tmpdir(), 'wsis-codegen-'));
  }, 120_000);
  afterAll(async () => {
    await service.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('generates typed documents for the example operations with no error or warning, and they type-check', async () => {
    const tabs = GRAPHIQL_TABS.map(({ query }, index) => {
      const document = parse(query);
      const name: NameNode = { kind: Kind.NAME, value: `Tab${index + 1}` };
      return print({ ...document, definitions: [{ ...(document.definitions[0] as OperationDefinitionNode), name }] });
    });
    writeFileSync(path.join(dir, 'operations.graphql'), [...tabs, PAGED].join('\n\n'));
    // Run as an integrator runs it: the CLI with a config file, the schema read from the service.
    // The preset is handed over as a module: the CLI would look it up from this temporary folder.
    const preset = require.resolve('@graphql-codegen/client-preset');
    const config = `module.exports = ${JSON.stringify({
      schema: service.url,
      documents: [path.join(dir, 'operations.graphql')],
      generates: { [path.join(dir, 'gql') + path.sep]: { preset: '__PRESET__' } },
    })};`.replace('"__PRESET__"', `require(${JSON.stringify(preset)}).preset`);
    writeFileSync(path.join(dir, 'codegen.cjs'), config);
    const bin = path.join(path.dirname(require.resolve('@graphql-codegen/cli/package.json')), 'esm', 'bin.js');
    // Asynchronously: the service answering the CLI's introspection runs in this process.
    const run = await promisify(execFile)(process.execPath, [bin, '--config', 'codegen.cjs', '--silent'], { cwd: dir, encoding: 'utf8', timeout: 120_000 }).then(
      ({ stdout, stderr }) => ({ status: 0, stdout, stderr }),
      (error: { code?: number; stdout?: string; stderr?: string }) => ({ status: error.code ?? -1, stdout: error.stdout ?? '', stderr: error.stderr ?? '' }),
    );
    expect({ status: run.status, stderr: run.stderr.trim(), stdout: run.stdout.trim() }).toEqual({ status: 0, stderr: '', stdout: '' });
    const generated = readFileSync(path.join(dir, 'gql', 'graphql.ts'), 'utf8');
    expect(generated).toContain('export const LinksPageDocument');
    expect(generated).toContain('export const Tab1Document');

    writeFileSync(path.join(dir, 'usage.ts'), USAGE);
    const program = ts.createProgram([path.join(dir, 'usage.ts')], {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.CommonJS,
      moduleResolution: ts.ModuleResolutionKind.Node10,
      skipLibCheck: true,
      typeRoots: [],
      baseUrl: dir,
      paths: { '*': [path.join(process.cwd(), 'node_modules', '*')] },
    });
    const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(diagnostics).toEqual([]);
  }, 120_000);
});
