import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

/**
 * The Cypher the Neo4j adapter and db:seed run, read from `cypher/` (one
 * file per query, so queries are reviewed, linted and profiled as Cypher).
 * Each file declares its parameters in a header line `// @params: a, b`
 * (or `none`); `CypherFile.check` refuses a call whose parameters differ,
 * so a renamed parameter fails loudly instead of reading `null`.
 */
export interface CypherFile {
  /** Path relative to `cypher/`, e.g. `queries/get-nodes.cypher`. */
  name: string;
  text: string;
  params: readonly string[];
}

/** The project's `cypher/` folder, found upwards from this module (works from `src/` and `dist/src/`). */
export function findCypherDir(start: string = __dirname): string {
  for (let dir = start; ; ) {
    if (existsSync(path.join(dir, 'cypher', 'schema.cypher'))) return path.join(dir, 'cypher');
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no cypher/schema.cypher above ${start}`);
    dir = parent;
  }
}

/** Reads one file and its declared parameters. */
export function readCypherFile(cypherDir: string, name: string): CypherFile {
  const text = readFileSync(path.join(cypherDir, name), 'utf8');
  return { name, text, params: declaredParams(text, name) };
}

/** Every `.cypher` file of a sub-folder, by name without extension: `get-nodes` → its file. */
export function readCypherFolder(cypherDir: string, sub: string): Record<string, CypherFile> {
  const files: Record<string, CypherFile> = {};
  for (const entry of readdirSync(path.join(cypherDir, sub)).sort()) {
    if (entry.endsWith('.cypher')) files[entry.slice(0, -'.cypher'.length)] = readCypherFile(cypherDir, `${sub}/${entry}`);
  }
  return files;
}

/** The parameters of a `// @params:` header; throws when a file has none (every file must say). */
export function declaredParams(text: string, name: string): string[] {
  const header = /^\/\/\s*@params:\s*(.*)$/m.exec(text);
  if (!header) throw new Error(`cypher/${name} has no "// @params: …" header line.`);
  const list = header[1]!.trim();
  return list === 'none' ? [] : list.split(',').map((param) => param.trim().replace(/^\$/, ''));
}

/** Throws when `params` does not have exactly the file's declared keys: a programming error, caught by any test that runs the query. */
export function checkParams(file: CypherFile, params: Record<string, unknown>): void {
  const given = Object.keys(params).sort();
  const declared = [...file.params].sort();
  if (given.join(',') !== declared.join(',')) {
    throw new Error(`cypher/${file.name} takes parameters [${declared.join(', ')}], was given [${given.join(', ')}].`);
  }
}

/**
 * The statements of a multi-statement file (schema.cypher): split at a `;`
 * that ends a line, comment lines dropped. Enough for our own files, which
 * hold no `;` inside strings.
 */
export function splitStatements(text: string): string[] {
  return text
    .split('\n')
    .filter((line) => !line.trim().startsWith('//'))
    .join('\n')
    .split(/;\s*$/m)
    .map((statement) => statement.trim())
    .filter((statement) => statement.length > 0);
}
