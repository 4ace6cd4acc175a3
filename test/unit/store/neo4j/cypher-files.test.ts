import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { lintCypherFile, listCypherFiles } from '../../../../src/cli/lint-cypher';
import { EDGE_TYPES } from '../../../../src/domain/edge-types';
import { NODE_TYPES } from '../../../../src/domain/node-types';
import { checkParams, declaredParams, findCypherDir, readCypherFile, splitStatements } from '../../../../src/store/neo4j/cypher-files';

const cypherDir = findCypherDir();
const file = (text: string, name = 'queries/probe.cypher') => ({ name, text, params: declaredParams(text, name) });

describe('cypher: files, parameters and lint', () => {
  it('lints every file of cypher/ without errors or warnings', () => {
    const problems = listCypherFiles(cypherDir).flatMap((name) => lintCypherFile(readCypherFile(cypherDir, name)));
    expect(problems).toEqual([]);
  });

  it('reports a syntax error in a broken query as an error, with its position', () => {
    const problems = lintCypherFile(file('// @params: ids\nMATCH (n:Node)\nWHERE n.id IN $ids\nRETURN n LIMT 1\n'));
    expect(problems.map(({ file: name, line, column, severity }) => ({ name, line, column, severity }))).toEqual([
      { name: 'queries/probe.cypher', line: 4, column: 10, severity: 'error' },
    ]);
  });

  it('reports a parameter the header does not declare as an error', () => {
    const problems = lintCypherFile(file('// @params: ids\nMATCH (n:Node)\nWHERE n.id IN $ids AND n.code = $code\nRETURN n\n'));
    expect(problems.map((p) => ({ severity: p.severity, message: p.message }))).toEqual([
      { severity: 'error', message: 'Parameter $code is not defined.' },
    ]);
  });

  it('reports a label outside the vocabulary as a warning only', () => {
    const problems = lintCypherFile(file('// @params: none\nMATCH (n:ActionLnie)\nRETURN n\n'));
    expect(problems.map((p) => p.severity)).toEqual(['warning']);
  });

  it('exits 1 from the command line when a file has an error', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cypher-lint-'));
    try {
      mkdirSync(path.join(dir, 'queries'));
      writeFileSync(path.join(dir, 'queries', 'broken.cypher'), '// @params: none\nMATCH (n:Node RETURN n\n');
      let status = 0;
      let output = '';
      try {
        execFileSync(process.execPath, [require.resolve('tsx/cli'), 'src/cli/lint-cypher.ts', dir], { encoding: 'utf8' });
      } catch (error) {
        status = (error as { status: number }).status;
        output = (error as { stdout: string }).stdout;
      }
      expect(status).toBe(1);
      expect(output).toMatch(/^cypher\/queries\/broken\.cypher:2:\d+ error: /m);
      expect(output.trim().split('\n').at(-1)).toMatch(/^cypher:lint: 1 files, [1-9]\d* errors, 0 warnings$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);

  it('refuses a call whose parameters differ from the header', () => {
    const probe = file('// @params: ids, first\nRETURN $ids, $first\n');
    expect(() => checkParams(probe, { ids: [], first: 1 })).not.toThrow();
    expect(() => checkParams(probe, { ids: [] })).toThrow('cypher/queries/probe.cypher takes parameters [first, ids], was given [ids].');
    expect(() => declaredParams('RETURN 1', 'queries/x.cypher')).toThrow('cypher/queries/x.cypher has no "// @params: …" header line.');
  });

  it('schema.cypher constrains the id of every node type and every relationship type', () => {
    const schema = readFileSync(path.join(cypherDir, 'schema.cypher'), 'utf8');
    const missing = [
      ...NODE_TYPES.filter((type) => !new RegExp(`FOR \\(n:${type}\\) REQUIRE n\\.id IS UNIQUE`).test(schema)),
      ...EDGE_TYPES.filter((type) => !new RegExp(`FOR \\(\\)-\\[r:${type}\\]-\\(\\) REQUIRE r\\.id IS UNIQUE`).test(schema)),
    ];
    expect(missing).toEqual([]);
    expect(splitStatements(schema).every((statement) => /^CREATE (CONSTRAINT|INDEX|TEXT INDEX|FULLTEXT INDEX) \w+ IF NOT EXISTS/.test(statement))).toBe(true);
  });
});
