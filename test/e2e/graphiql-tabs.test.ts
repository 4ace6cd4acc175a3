import { GRAPHIQL_TABS } from '../../src/http/graphiql-tabs';
import { createTestApp, postGraphQL } from './test-app';

describe('http: GraphiQL example tabs', () => {
  it('opens with one tab per main question, each answering without an error', async () => {
    const { app } = createTestApp();
    const html = await (await app.fetch('http://localhost/graphql', { headers: { accept: 'text/html' } })).text();
    expect(html).toContain('defaultTabs');
    const answers = await Promise.all(GRAPHIQL_TABS.map(({ query }) => postGraphQL(app, query)));
    expect(answers.map(({ status, body }) => ({ status, errors: body.errors }))).toEqual(GRAPHIQL_TABS.map(() => ({ status: 200, errors: undefined })));
    expect(GRAPHIQL_TABS.length).toBeGreaterThanOrEqual(6);
    // Builds a store, renders the 9 MB GraphiQL page and runs every tab: about 4 s on a loaded 2-core machine,
    // too close to jest's 5 s default. A bound on a hang, not a speed target.
  }, 30_000);
});
