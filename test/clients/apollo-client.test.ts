import { createHash } from 'node:crypto';
import { ApolloClient, HttpLink, InMemoryCache, gql } from '@apollo/client';
import { loadDevMessages, loadErrorMessages } from '@apollo/client/dev';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { relayStylePagination } from '@apollo/client/utilities';
import { recordingFetch } from './recording-fetch';
import { startService, type RunningService } from './service';

/**
 * Apollo Client 4 as an integrator sets it up against this service: `possibleTypes` from the
 * published route, `PersistedQueryLink` in front of `HttpLink`, Relay-style pagination for a
 * connection. Its development build (NODE_ENV is `test`) reports cache problems with
 * `console.warn` / `console.error`: the tests fail on any.
 */
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

const ACTION_LINE = gql`
  query ActionLineWithEvidence($code: String!) {
    actionLine(code: $code) {
      ...NodeHeader
      facilitators {
        id
        role
        ...EvidenceParts
        entity { ...NodeHeader }
      }
      linksConnection(types: [FACILITATES, MATRIX_LINK], first: 5) {
        totalCount
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
        edges { cursor node { direction node { ...NodeHeader } link { id type ...EvidenceParts } } }
      }
    }
    node(id: "SdgTarget:9.c") {
      ...NodeHeader
      ... on SdgTarget { actionLines { id code } }
    }
  }
  fragment NodeHeader on Node { id code name }
  fragment EvidenceParts on Evidence { confidence source { document paragraph } flags }
`;

/** The shape of ACTION_LINE's answer, as far as the tests read it. */
interface LinksPage {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  edges: { cursor: string; node: { direction: string; node: { id: string }; link: { id: string } & Record<string, unknown> } }[];
}
interface LineData {
  actionLine: { __typename: string; id: string; code: string; facilitators: Record<string, unknown>[]; linksConnection: LinksPage };
  node: Record<string, unknown> | null;
}

describe('clients: Apollo Client with possibleTypes and PersistedQueryLink, over a socket', () => {
  let service: RunningService;
  let possibleTypes: Record<string, string[]>;
  const problems: unknown[][] = [];
  const spies: jest.SpyInstance[] = [];

  beforeAll(async () => {
    loadDevMessages();
    loadErrorMessages();
    service = await startService();
    possibleTypes = (await (await fetch(`${service.origin}/graphql/possible-types.json`)).json()) as Record<string, string[]>;
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

  const client = (recorded: ReturnType<typeof recordingFetch>, options: { get?: boolean } = {}) =>
    new ApolloClient({
      link: new PersistedQueryLink({ sha256, useGETForHashedQueries: options.get ?? false }).concat(
        new HttpLink({ uri: service.url, fetch: recorded.fetch }),
      ),
      cache: new InMemoryCache({
        possibleTypes,
        typePolicies: { ActionLine: { fields: { linksConnection: relayStylePagination(['types', 'direction']) } } },
      }),
    });

  it('gets complete data for fragments on Node and Evidence, hash first, then text and hash, with no cache warning', async () => {
    const recorded = recordingFetch();
    const apollo = client(recorded);
    const result = await apollo.query<LineData>({ query: ACTION_LINE, variables: { code: 'C2' } });
    expect(result.error).toBeUndefined();
    const line = result.data!.actionLine;
    expect(line).toMatchObject({ __typename: 'ActionLine', id: 'ActionLine:C2', code: 'C2', name: 'Information and communication infrastructure' });
    // The Evidence fragment's fields are there on both of its types: possibleTypes let the cache match them.
    expect(line.facilitators).toEqual([
      expect.objectContaining({ __typename: 'Facilitation', id: 'Facilitation:FACILITATES|Entity:ITU|ActionLine:C2', role: 'LEAD_FACILITATOR', confidence: 'SOURCE', flags: [] }),
    ]);
    for (const edge of line.linksConnection.edges) expect(edge.node.link).toEqual(expect.objectContaining({ confidence: expect.any(String), source: expect.any(Object) }));
    expect(result.data!.node).toMatchObject({ __typename: 'SdgTarget', code: '9.c', actionLines: expect.arrayContaining([expect.objectContaining({ code: 'C2' })]) });
    // What the link sent: the hash alone, refused with PersistedQueryNotFound, then text and hash.
    const bodies = recorded.sent.map((request) => JSON.parse(request.body!) as { query?: string; extensions?: { persistedQuery?: { sha256Hash: string } } });
    expect(bodies.map((body) => [typeof body.query, body.extensions?.persistedQuery?.sha256Hash.length])).toEqual([
      ['undefined', 64],
      ['string', 64],
    ]);
    expect(problems).toEqual([]);
  });

  it('runs a registered query by its hash alone, by GET, in a fresh client', async () => {
    const recorded = recordingFetch();
    const result = await client(recorded, { get: true }).query<LineData>({ query: ACTION_LINE, variables: { code: 'C2' } });
    expect(result.data!.actionLine.code).toBe('C2');
    expect(recorded.sent.map((request) => [request.method, new URL(request.url).searchParams.has('query')])).toEqual([['GET', false]]);
    expect(problems).toEqual([]);
  });

  it('pages a connection with fetchMore and relayStylePagination, merging by cursor', async () => {
    const apollo = client(recordingFetch());
    const first = await apollo.query<LineData>({ query: ACTION_LINE, variables: { code: 'C5' } });
    const page = first.data!.actionLine.linksConnection;
    expect(page.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const watched = apollo.watchQuery<LineData>({ query: ACTION_LINE, variables: { code: 'C5' } });
    await watched.fetchMore({
      query: gql`
        query MoreLinks($code: String!, $after: String) {
          actionLine(code: $code) {
            id
            linksConnection(types: [FACILITATES, MATRIX_LINK], first: 5, after: $after) {
              totalCount
              pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
              edges { cursor node { direction node { id code name } link { id type confidence source { document paragraph } flags } } }
            }
          }
        }
      `,
      variables: { code: 'C5', after: page.pageInfo.endCursor },
    });
    // getCurrentResult's data may be partial by its type; here the cache holds the whole answer.
    const merged = (watched.getCurrentResult().data as LineData).actionLine.linksConnection;
    expect(merged.edges.length).toBe(Math.min(10, page.totalCount));
    const ids = merged.edges.map((edge) => edge.node.link.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(problems).toEqual([]);
  });
});
