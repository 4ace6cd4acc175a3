import { readdirSync } from 'node:fs';
import path from 'node:path';
import { lintCypherQuery } from '@neo4j-cypher/language-support';
import { EDGE_TYPES } from '../domain/edge-types';
import { NODE_TYPES } from '../domain/node-types';
import { findCypherDir, readCypherFile, type CypherFile } from '../store/neo4j/cypher-files';

/**
 * `npm run cypher:lint`: lints every `.cypher` file under `cypher/` with
 * Neo4j's own language support (the parser and semantic checks of the
 * Cypher editor), declaring the graph's labels and relationship types and
 * each file's `// @params:` parameters, so what remains are real errors:
 * syntax, an undeclared parameter, a misused variable. Errors fail the run
 * (exit 1); warnings (e.g. a deprecation) are printed.
 */
export interface CypherProblem {
  file: string;
  line: number;
  column: number;
  severity: 'error' | 'warning';
  message: string;
}

/** Labels and relationship types the database holds: the domain vocabulary plus the adapter's bookkeeping nodes. */
export const GRAPH_LABELS = ['Node', ...NODE_TYPES, 'Dataset', 'AuditLog', 'AuditEntry'];

/** The problems of one file (a parse of its whole text, every statement). */
export function lintCypherFile(file: CypherFile): CypherProblem[] {
  const { diagnostics } = lintCypherQuery(file.text, {
    labels: GRAPH_LABELS,
    relationshipTypes: [...EDGE_TYPES],
    parameters: Object.fromEntries(file.params.map((param) => [param, null])),
  });
  return diagnostics.map((d) => ({
    file: file.name,
    line: d.range.start.line + 1,
    column: d.range.start.character + 1,
    // LSP severities: 1 error, 2 warning, 3 information, 4 hint.
    severity: d.severity === 1 || d.severity === undefined ? 'error' : 'warning',
    message: typeof d.message === 'string' ? d.message : d.message.value,
  }));
}

/** Every `.cypher` file under `cypherDir`, relative paths, sorted. */
export function listCypherFiles(cypherDir: string, sub = ''): string[] {
  return readdirSync(path.join(cypherDir, sub), { withFileTypes: true })
    .flatMap((entry) => {
      const relative = sub ? `${sub}/${entry.name}` : entry.name;
      if (entry.isDirectory()) return listCypherFiles(cypherDir, relative);
      return entry.name.endsWith('.cypher') ? [relative] : [];
    })
    .sort();
}

// `tsx src/cli/lint-cypher.ts [folder]`: the project's cypher/ by default.
function main(): void {
  const cypherDir = process.argv[2] ?? findCypherDir();
  const files = listCypherFiles(cypherDir);
  const problems = files.flatMap((name) => lintCypherFile(readCypherFile(cypherDir, name)));
  for (const p of problems) process.stdout.write(`cypher/${p.file}:${p.line}:${p.column} ${p.severity}: ${p.message}\n`);
  const errors = problems.filter((p) => p.severity === 'error').length;
  process.stdout.write(`cypher:lint: ${files.length} files, ${errors} errors, ${problems.length - errors} warnings\n`);
  if (errors > 0) process.exit(1);
}

if (require.main === module) main();
