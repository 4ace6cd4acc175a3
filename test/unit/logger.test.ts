import { spawnSync } from 'node:child_process';
import path from 'node:path';

// The logger writes to file descriptor 1 itself (pino's sonic-boom), so each format is tried in a child process.
function logOneLine(format: 'json' | 'pretty'): string {
  const root = path.resolve(__dirname, '../..');
  const script = `require('./src/logger').createLogger('info', '${format}').info('listening', { url: 'http://localhost:4000/graphql' });`;
  const run = spawnSync(process.execPath, ['--require', 'tsx/cjs', '-e', script], { cwd: root, encoding: 'utf8' });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return run.stdout;
}

describe('logger formats', () => {
  it('json: one JSON object per line, msg before the fields', () => {
    const line = JSON.parse(logOneLine('json').trim()) as Record<string, unknown>;
    expect(line).toMatchObject({ level: 'info', msg: 'listening', url: 'http://localhost:4000/graphql' });
    expect(Object.keys(line).indexOf('msg')).toBeLessThan(Object.keys(line).indexOf('url'));
  });

  it('pretty (LOG_FORMAT=pretty, loaded only then): a readable line with the level word and the fields', () => {
    const out = logOneLine('pretty');
    expect(out).toMatch(/INFO.*listening/);
    expect(out).toContain('url: "http://localhost:4000/graphql"');
    expect(() => JSON.parse(out)).toThrow();
  });
});
