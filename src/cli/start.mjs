// `npm start`: serve the compiled build, compiling only when it is missing or older than its sources.
// The build runs once at install (`prepare`), so an installed clone starts in well under 2 s instead of
// paying a 24 s TypeScript compile on every start. Plain JavaScript on purpose: it runs before any build.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// This file sits in src/cli/: the project root is two folders up.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const entry = path.join(root, 'dist/src/main.js');
const webSrc = path.join(root, 'src', 'web');

if (isStale()) {
  process.stderr.write('dist/ is missing or older than src/: building once (npm run build)\n');
  const built = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (built.status !== 0) process.exit(built.status ?? 1);
}
// Same process: no second Node start-up, and signals reach the server directly.
await import(pathToFileURL(entry).href);

/** True when a `src/**.ts` file has no compiled `.js` or is newer than it (a checkout or an edit since the build). */
function isStale() {
  if (!existsSync(entry) || isWebStale()) return true;
  const stack = [path.join(root, 'src')];
  while (stack.length > 0) {
    const dir = stack.pop();
    for (const item of readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, item.name);
      // src/web is the explorer, built by Vite into dist/web, not by tsc (isWebStale).
      if (item.isDirectory() && file === webSrc) continue;
      if (item.isDirectory()) stack.push(file);
      else if (item.name.endsWith('.ts')) {
        const compiled = path.join(root, 'dist', path.relative(root, file)).replace(/\.ts$/, '.js');
        if (!existsSync(compiled) || statSync(compiled).mtimeMs < statSync(file).mtimeMs) return true;
      }
    }
  }
  return false;
}


/** True when the explorer's build (dist/web/index.html) is missing or older than a file of src/web. */
function isWebStale() {
  const built = path.join(root, 'dist', 'web', 'index.html');
  if (!existsSync(built)) return true;
  const builtAt = statSync(built).mtimeMs;
  const stack = [webSrc];
  while (stack.length > 0) {
    const dir = stack.pop();
    for (const item of readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, item.name);
      if (item.isDirectory()) {
        if (item.name !== 'screenshots') stack.push(file);
      } else if (statSync(file).mtimeMs > builtAt) return true;
    }
  }
  return false;
}
