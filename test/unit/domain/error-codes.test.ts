import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { ERROR_CODES } from '../../../src/domain/errors';

/**
 * Every error code the service can answer with is one of `ERROR_CODES` (the
 * `ErrorCode` type) and has its row in the README's error table, and neither
 * lists a code nothing emits. The emitted codes are collected from the
 * source, wherever a code is written down: `extensions: { code: … }`,
 * `errorCode: …` (the request log), the HTTP error writers' code argument,
 * the edge's table of client errors, and `DomainError` subclasses.
 */
const ROOT = path.join(__dirname, '../../..');
const SRC = path.join(ROOT, 'src');

// The explorer (src/web) is a client of the API: it reads codes, it emits none.
function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return file === path.join(SRC, 'web') ? [] : sourceFiles(file);
    return file.endsWith('.ts') ? [file] : [];
  });
}

const CODE = "'([A-Z][A-Z_]+[A-Z])'";
const EMITTING = [
  new RegExp(`\\bcode: ${CODE}`, 'g'),
  new RegExp(`\\berrorCode: ${CODE}`, 'g'),
  new RegExp(`\\b(?:errorResponse|error)\\(\\s*\\d{3},\\s*${CODE}`, 'g'),
  new RegExp(`\\b(?:sendError|writeSocketError)\\(\\s*\\w+,\\s*\\d{3},\\s*(?:'[^']*',\\s*)?${CODE}`, 'g'),
  new RegExp(`\\bwithCode\\([^,]+,\\s*${CODE}`, 'g'),
  new RegExp(`\\[\\d{3}, '[^']*', ${CODE}`, 'g'),
  new RegExp(`\\bsuper\\(${CODE}`, 'g'),
  new RegExp(`\\bapqError\\([^,]+,\\s*${CODE}`, 'g'),
];

function emittedCodes(): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const file of sourceFiles(SRC)) {
    const text = readFileSync(file, 'utf8');
    for (const pattern of EMITTING) {
      for (const match of text.matchAll(pattern)) {
        const where = path.relative(ROOT, file);
        found.set(match[1]!, [...new Set([...(found.get(match[1]!) ?? []), where])]);
      }
    }
  }
  return found;
}

function readmeCodes(): string[] {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('\n## Errors\n'), readme.indexOf('\n## ', readme.indexOf('\n## Errors\n') + 1));
  return section
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .flatMap((line) => [...line.split('|')[1]!.matchAll(/`([A-Z_]+)`/g)].map((m) => m[1]!));
}

const sorted = (codes: Iterable<string>) => [...codes].sort();

describe('domain/errors: every emitted error code is typed and documented', () => {
  it('finds the codes the service writes down (the collection itself works)', () => {
    const emitted = emittedCodes();
    for (const code of ['BAD_USER_INPUT', 'STORE_UNAVAILABLE', 'RATE_LIMITED', 'HEADERS_TOO_LARGE', 'GRAPHQL_PARSE_FAILED', 'UNAUTHENTICATED']) {
      expect(emitted.has(code)).toBe(true);
    }
  });

  it('has every emitted code in the ErrorCode type, and no code there that nothing emits', () => {
    const emitted = emittedCodes();
    const untyped = [...emitted].filter(([code]) => !(ERROR_CODES as readonly string[]).includes(code));
    expect(untyped).toEqual([]);
    expect(sorted(ERROR_CODES)).toEqual(sorted(emitted.keys()));
  });

  it("has exactly the ErrorCode type's codes in the README's error table, each once", () => {
    const documented = readmeCodes();
    expect(sorted(documented)).toEqual(sorted(new Set(documented)));
    expect(sorted(documented)).toEqual(sorted(ERROR_CODES));
  });
});
