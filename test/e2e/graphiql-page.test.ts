import { createTestApp } from './test-app';

// A browser must be able to open GraphiQL, even where reading needs a key: the page holds no data.
describe('http: the GraphiQL page', () => {
  it('is served to a browser, from the package (no CDN), with the example query', async () => {
    const { app } = createTestApp();
    const response = await app.fetch('http://localhost/graphql', { headers: { accept: 'text/html' } });
    const html = await response.text();
    expect(response.status).toBe(200);
    expect(html).toContain('<title>wsis-graph</title>');
    expect(html).not.toContain('unpkg.com');
    expect(html).toContain('actionLine(code: \\"C2\\")');
  });

  it('opens without a key when anonymous reading is off, while queries and exports without a key are refused', async () => {
    const { app } = createTestApp({ ALLOW_ANONYMOUS_READ: 'false' });
    const page = await app.fetch('http://localhost/graphql', { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>wsis-graph</title>');

    const asGet = await app.fetch('http://localhost/graphql?query=%7B%20entity(code%3A%20%22ITU%22)%20%7B%20code%20%7D%20%7D', {
      headers: { accept: 'application/json' },
    });
    const asPost = await app.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/html, application/json' },
      body: JSON.stringify({ query: '{ entity(code: "ITU") { code } }' }),
    });
    const exportAsBrowser = await app.fetch('http://localhost/export/matrix.csv?rows=ACTION_LINES&columns=SDG_GOALS', {
      headers: { accept: 'text/html' },
    });
    for (const refused of [asGet, asPost, exportAsBrowser]) {
      expect(refused.status).toBe(401);
      expect(((await refused.json()) as { errors: { extensions: { code: string } }[] }).errors.map((e) => e.extensions.code)).toEqual([
        'UNAUTHENTICATED',
      ]);
    }
  });
});
