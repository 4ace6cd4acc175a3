import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { createYoga } from 'graphql-yoga';
import { useWebRoutes } from '../../src/http/use-web-routes';

/** A yoga app with only the web routes, over a build folder made for the test. */
function appOver(webDir: string) {
  return createYoga({ plugins: [useWebRoutes(webDir)], landingPage: false, graphiql: false, logging: false });
}

describe('http: the explorer routes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'web-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>explorer</title>');
  const script = `console.log(${JSON.stringify('x'.repeat(5000))});`;
  writeFileSync(join(dir, 'assets', 'index-abc.js'), script);
  const app = appOver(dir);

  it('answers every page path with index.html, no-cache and a same-origin CSP', async () => {
    for (const path of ['/', '/matrix', '/overlap', '/paths', '/coverage', '/node/Resolution%3AA%2FRES%2F70%2F125', '/node/Entity:ITU']) {
      const response = await app.fetch(`http://localhost${path}?ui=zh`);
      expect({ path, status: response.status, type: response.headers.get('content-type'), body: await response.text() }).toEqual({
        path,
        status: 200,
        type: 'text/html; charset=utf-8',
        body: '<!doctype html><title>explorer</title>',
      });
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    }
  });

  it('serves bundled files gzipped to clients that accept it, cached as immutable', async () => {
    const response = await app.fetch('http://localhost/assets/index-abc.js', { headers: { 'accept-encoding': 'gzip' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(response.headers.get('content-encoding')).toBe('gzip');
    const body = Buffer.from(await response.arrayBuffer());
    // The fetch API may have decoded it already; either way the bytes are the script.
    const text = body[0] === 0x1f && body[1] === 0x8b ? gunzipSync(body).toString() : body.toString();
    expect(text).toBe(script);
  });

  it('leaves every other path to the rest of the app: unknown files, paths out of the folder, other routes', async () => {
    for (const path of ['/assets/missing.js', '/assets/../index.html/../../package.json', '/%2e%2e/package.json', '/export/matrix.csv', '/nodes', '/matrix/x']) {
      const response = await app.fetch(`http://localhost${path}`);
      expect({ path, status: response.status }).toEqual({ path, status: 404 });
    }
  });

  it('answers pages with 503 and the build command when the explorer is not built', async () => {
    const response = await appOver(join(dir, 'absent')).fetch('http://localhost/matrix');
    expect(response.status).toBe(503);
    expect(await response.text()).toContain('npm run build:web');
  });
});
