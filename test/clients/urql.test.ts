import { Client, fetchExchange, gql } from '@urql/core';
import { cacheExchange, type KeyingConfig } from '@urql/exchange-graphcache';
import { relayPagination } from '@urql/exchange-graphcache/extras';
import { getIntrospectionQuery, type IntrospectionQuery } from 'graphql';
import { recordingFetch } from './recording-fetch';
import { startService, type RunningService } from './service';

/**
 * urql with Graphcache, its normalised cache, as an integrator sets it up here: the schema by
 * introspection (so fragments on interfaces match), the types without an id declared embedded, and
 * relayPagination for a connection. In development Graphcache reports what it cannot normalise with
 * `console.warn`: the tests fail on any.
 */
const LINE = gql`
  query UrqlActionLine($code: String!, $after: String) {
    actionLine(code: $code) {
      ...Header
      facilitators { id role entity { ...Header } ...Evidence }
      linksConnection(first: 4, after: $after) {
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
        edges { cursor node { direction node { ...Header } link { id type ...Evidence } } }
      }
    }
  }
  fragment Header on Node { id code name }
  fragment Evidence on Evidence { confidence source { document paragraph } }
`;

describe('clients: urql with Graphcache, over a socket', () => {
  let service: RunningService;
  let schema: IntrospectionQuery;
  const problems: unknown[][] = [];
  const spies: jest.SpyInstance[] = [];

  beforeAll(async () => {
    service = await startService();
    const response = await fetch(service.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: getIntrospectionQuery() }),
    });
    schema = ((await response.json()) as { data: IntrospectionQuery }).data;
  }, 120_000);
  beforeEach(() => {
    problems.length = 0;
    for (const method of ['warn', 'error'] as const) {
      spies.push(jest.spyOn(console, method).mockImplementation((...args: unknown[]) => void problems.push([method, ...args])));
    }
  });
  afterEach(() => {
    for (const spy of spies.splice(0)) spy.mockRestore();
  });
  afterAll(() => service.close());

  // Value types (pages, sources, a link seen from one end) have no id: embedded in their parent.
  const embedded = (): KeyingConfig =>
    Object.fromEntries(
      schema.__schema.types
        .filter((type) => type.kind === 'OBJECT' && !type.name.startsWith('__') && !type.fields.some((field) => field.name === 'id'))
        .map((type) => [type.name, () => null]),
    );

  const client = (recorded: ReturnType<typeof recordingFetch>) =>
    new Client({
      url: service.url,
      fetch: recorded.fetch,
      exchanges: [cacheExchange({ schema, keys: embedded(), resolvers: { ActionLine: { linksConnection: relayPagination() } } }), fetchExchange],
    });

  it('normalises an answer with fragments on Node and Evidence without a warning, one record per id', async () => {
    const urql = client(recordingFetch());
    const result = await urql.query(LINE, { code: 'C2' }).toPromise();
    expect(result.error).toBeUndefined();
    expect(result.data.actionLine).toMatchObject({
      id: 'ActionLine:C2',
      facilitators: [expect.objectContaining({ id: 'Facilitation:FACILITATES|Entity:ITU|ActionLine:C2', confidence: 'SOURCE', source: expect.any(Object) })],
    });
    expect(result.data.actionLine.linksConnection.edges).toHaveLength(4);
    expect(problems).toEqual([]);
  });

  it('merges the next page into the connection with relayPagination', async () => {
    const urql = client(recordingFetch());
    const one = await urql.query(LINE, { code: 'C5' }).toPromise();
    const page = one.data.actionLine.linksConnection;
    expect(page.pageInfo.hasNextPage).toBe(true);
    const two = await urql.query(LINE, { code: 'C5', after: page.pageInfo.endCursor }).toPromise();
    const merged = two.data.actionLine.linksConnection.edges.map((edge: { node: { link: { id: string } } }) => edge.node.link.id);
    expect(merged.slice(0, 4)).toEqual(page.edges.map((edge: { node: { link: { id: string } } }) => edge.node.link.id));
    expect(merged).toHaveLength(8);
    expect(new Set(merged).size).toBe(8);
    expect(problems).toEqual([]);
  });
});
