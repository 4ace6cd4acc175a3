import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

// The guide fixes the repository's top level; new tools go inside src/ or test/, never beside them.
// package-lock.json (npm ci), eslint.config.mjs (ESLint looks for it at the root) and .gitignore are the
// tool files that were already there when the rule was written.
const ALLOWED_TOP_LEVEL = [
  '.ci', 'README.md', 'cypher', 'package.json', 'schema', 'seeds', 'src', 'test', 'tsconfig.json',
  '.gitignore', 'eslint.config.mjs', 'package-lock.json',
];
const root = path.join(__dirname, '../..');

describe('layout: the fixed top level', () => {
  it('tracks nothing at the top level beyond the fixed entries', () => {
    const tracked = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8' });
    const topLevel = [...new Set(tracked.split('\n').filter(Boolean).map((file) => file.split('/')[0]!))].sort();
    expect(topLevel.filter((entry) => !ALLOWED_TOP_LEVEL.includes(entry))).toEqual([]);
  });

  it('npm start runs a plain JavaScript file under src/cli (it must work before anything is compiled)', () => {
    const scripts = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    const match = /^node (src\/cli\/[\w-]+\.mjs)$/.exec(scripts.start ?? '');
    expect(match).not.toBeNull();
    expect(existsSync(path.join(root, match![1]!))).toBe(true);
  });
});
