import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, join, relative, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Plugin } from 'graphql-yoga';

/**
 * The web explorer (`src/web/`, built by `npm run build:web` into
 * `dist/web/`): its pages at `/`, `/matrix`, `/node/<id>`, `/overlap`,
 * `/paths`, `/coverage` (all the same `index.html`; the page script routes),
 * and its bundled files (`/assets/…`, hashed names, cached for a year).
 *
 * Only files found in the build folder at start-up are served, so no request
 * path can reach outside it. Files are read once and kept in memory, gzipped
 * where that helps on the first request that accepts gzip (gzipping them all at
 * start-up was about a tenth of the cold start, for pages an API client never asks for). Without a build, the pages answer 503 with the command to
 * run; the API is unaffected.
 */
export function useWebRoutes(webDir: string = findWebDir()): Plugin {
  const files = listFiles(webDir);
  return {
    onRequest({ request, url, endResponse, fetchAPI }) {
      const isPage = PAGE.test(url.pathname);
      const file = isPage ? files.get('/index.html') : files.get(url.pathname);
      if (!file && !isPage) return;
      if (request.method !== 'GET' && request.method !== 'HEAD') return;
      if (!file) {
        endResponse(
          new fetchAPI.Response(NOT_BUILT, { status: 503, headers: { 'content-type': 'text/html; charset=utf-8' } }),
        );
        return;
      }
      const gzip = file.compress && /\bgzip\b/.test(request.headers.get('accept-encoding') ?? '');
      const headers: Record<string, string> = {
        'content-type': file.contentType,
        'cache-control': url.pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
        'x-content-type-options': 'nosniff',
        vary: 'accept-encoding',
      };
      if (isPage) headers['content-security-policy'] = CSP;
      if (gzip) headers['content-encoding'] = 'gzip';
      const body = gzip ? (file.gzipped ??= gzipSync(file.body)) : file.body;
      endResponse(new fetchAPI.Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers }));
    },
  };
}

/** The explorer's page paths; `/graphql`, `/export/…` and the health routes are not among them. */
const PAGE = /^\/(?:matrix|overlap|paths|coverage|node\/.+)?\/?$/;

/** Everything from this origin, nothing from elsewhere: the explorer works offline and loads no CDN. */
const CSP =
  "default-src 'self'; script-src 'self'; connect-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'none'; frame-ancestors 'self'";

const NOT_BUILT =
  '<!doctype html><meta charset="utf-8"><title>wsis-graph</title><p>The web explorer is not built: run <code>npm run build:web</code>. The API is at <a href="/graphql">/graphql</a>.</p>';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

interface WebFile {
  body: Buffer;
  /** Whether it is served gzipped to clients that accept it; `gzipped` is made on the first such request. */
  compress: boolean;
  gzipped?: Buffer;
  contentType: string;
}

function listFiles(webDir: string): Map<string, WebFile> {
  const files = new Map<string, WebFile>();
  if (!existsSync(webDir)) return files;
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) {
        walk(path);
        continue;
      }
      const contentType = TYPES[extname(name)] ?? 'application/octet-stream';
      const body = readFileSync(path);
      // Text compresses well; PNGs are compressed already.
      const compress = !contentType.startsWith('image/png') && body.length >= 1024;
      files.set(`/${relative(webDir, path).split(sep).join('/')}`, { body, compress, contentType });
    }
  };
  walk(webDir);
  return files;
}

/** `dist/web` of the project, found from this file whether it runs from `src/` (tsx, jest) or `dist/src/`. */
function findWebDir(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return join(dir, 'dist', 'web');
}
