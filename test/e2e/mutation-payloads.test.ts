import { hashApiKey } from '../../src/auth/api-key-authenticator';
import type { App } from '../../src/http/create-app';
import type { GraphStore } from '../../src/store/graph-store';
import { createTestApp, type GraphQLResponse } from './test-app';

/**
 * The payload mutations over HTTP on the embedded store: each answers a `<Name>Payload` holding
 * what it wrote (the same records its older, deprecated twin answers bare), a refused write is
 * still a coded error that changes nothing, and the audit log names the mutation that wrote.
 */
const CURATOR_KEY = 'curator-key-0123456789';
let app: App;
let store: GraphStore;

beforeAll(() => {
  ({ app, store } = createTestApp({ API_KEYS: `cur:curator:${hashApiKey(CURATOR_KEY)}` }));
});
afterAll(async () => {
  await store.close();
});

async function curate(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse['body']> {
  const response = await app.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', authorization: `Bearer ${CURATOR_KEY}` },
    body: JSON.stringify({ query, variables }),
  });
  return ((await response.json()) as GraphQLResponse['body']);
}

const PROV = { sources: [{ document: 'Payload test', url: 'https://example.org/test' }], confidence: 'SOURCE' };
const initiative = (code: string) => ({ type: 'Initiative', code, name: { en: `Initiative ${code}` }, provenance: PROV });
const addresses = (code: string) => ({ type: 'ADDRESSES', from: `Initiative:${code}`, to: 'ActionLine:C2', provenance: PROV });
const linkId = (code: string) => `ADDRESSES|Initiative:${code}|ActionLine:C2`;
const lastAction = async () => {
  const all = await store.listAudit({ first: 1_000_000 });
  return all.entries.at(-1)?.action;
};

describe('mutation payloads: nodes and links', () => {
  it('creates, updates and deletes a node and a link, each answer a payload with the record written', async () => {
    expect(await curate('mutation($i: NodeInput!) { nodeCreate(input: $i) { node { id code name } } }', { i: initiative('payload-a') })).toEqual({
      data: { nodeCreate: { node: { id: 'Initiative:payload-a', code: 'payload-a', name: 'Initiative payload-a' } } },
    });
    expect(await lastAction()).toBe('nodeCreate');
    expect(await curate('mutation($i: LinkInput!) { linkCreate(input: $i) { link { id type to { id } } } }', { i: addresses('payload-a') })).toEqual({
      data: { linkCreate: { link: { id: linkId('payload-a'), type: 'ADDRESSES', to: { id: 'ActionLine:C2' } } } },
    });
    expect(
      await curate('mutation($i: LinkUpdateInput!) { linkUpdate(input: $i) { link { id relation } } }', {
        i: { id: linkId('payload-a'), props: [{ key: 'relation', string: 'works_under' }] },
      }),
    ).toEqual({ data: { linkUpdate: { link: { id: linkId('payload-a'), relation: 'works_under' } } } });
    expect(
      await curate('mutation($i: NodeUpdateInput!) { nodeUpdate(input: $i) { node { name(lang: FR) } } }', {
        i: { id: 'Initiative:payload-a', name: { en: 'Renamed', fr: 'Renommé' } },
      }),
    ).toEqual({ data: { nodeUpdate: { node: { name: 'Renommé' } } } });
    expect(await curate('mutation { nodeDelete(id: "Initiative:payload-a") { deletedId removedLinkIds } }')).toEqual({
      data: { nodeDelete: { deletedId: 'Initiative:payload-a', removedLinkIds: [linkId('payload-a')] } },
    });
    expect(await lastAction()).toBe('nodeDelete');
    expect(await store.getNodes(['Initiative:payload-a'])).toEqual([null]);
  });

  it('deletes a link with linkDelete and applies a batch with changesApply', async () => {
    expect(
      await curate('mutation($c: [ChangeInput!]!) { changesApply(changes: $c) { applied outcomes { operation recordId } } }', {
        c: [{ createNode: initiative('payload-b') }, { createLink: addresses('payload-b') }],
      }),
    ).toEqual({
      data: {
        changesApply: {
          applied: 2,
          outcomes: [
            { operation: 'CREATE_NODE', recordId: 'Initiative:payload-b' },
            { operation: 'CREATE_LINK', recordId: linkId('payload-b') },
          ],
        },
      },
    });
    expect(await curate('mutation($id: ID!) { linkDelete(id: $id) { deletedId } }', { id: linkId('payload-b') })).toEqual({
      data: { linkDelete: { deletedId: linkId('payload-b') } },
    });
    expect(await store.getEdges([linkId('payload-b')])).toEqual([null]);
  });

  it('refuses bad input with the coded error of the older mutation, writing nothing', async () => {
    const before = (await store.listAudit({ first: 1_000_000 })).entries.length;
    const body = await curate('mutation($i: LinkInput!) { linkCreate(input: $i) { link { id } } }', { i: { ...addresses('payload-missing') } });
    expect(body).toEqual({
      data: null,
      errors: [expect.objectContaining({ path: ['linkCreate'], extensions: { code: 'NOT_FOUND', id: 'Initiative:payload-missing', argument: 'input.from' } })],
    });
    expect((await store.listAudit({ first: 1_000_000 })).entries).toHaveLength(before);
  });
});

describe('mutation payloads: mapping studies and document imports', () => {
  it('takes a study from draft to published to its next version and deletes the draft, each answer a payload', async () => {
    const input = { slug: 'payload-study', title: { en: 'Payload study' }, authors: ['WG member'], sources: [{ document: 'Payload study draft' }] };
    const id = 'MappingStudy:payload-study/v1';
    expect(await curate('mutation($i: MappingStudyInput!) { mappingStudyCreate(input: $i) { study { id status } } }', { i: input })).toEqual({
      data: { mappingStudyCreate: { study: { id, status: 'DRAFT' } } },
    });
    expect(await curate('mutation($i: MappingStudyUpdateInput!) { mappingStudyUpdate(input: $i) { study { authors } } }', { i: { id, authors: ['Another'] } })).toEqual({
      data: { mappingStudyUpdate: { study: { authors: ['Another'] } } },
    });
    const pairs = 'assertions { actionLine { code } sdg { id } }';
    expect(
      await curate(`mutation($a: [MappingAssertionInput!]!) { mappingAssertionsAdd(study: "${id}", assertions: $a) { study { ${pairs} } } }`, {
        a: [
          { actionLine: 'C2', target: '9.c', rationale: 'Broadband infrastructure' },
          { actionLine: 'C3', goal: '4', rationale: 'Access to knowledge' },
        ],
      }),
    ).toEqual({
      data: {
        mappingAssertionsAdd: {
          study: {
            assertions: [
              { actionLine: { code: 'C2' }, sdg: { id: 'SdgTarget:9.c' } },
              { actionLine: { code: 'C3' }, sdg: { id: 'SdgGoal:4' } },
            ],
          },
        },
      },
    });
    expect(await curate(`mutation { mappingAssertionsRemove(study: "${id}", pairs: [{ actionLine: "C3", goal: "4" }]) { study { ${pairs} } } }`)).toEqual({
      data: { mappingAssertionsRemove: { study: { assertions: [{ actionLine: { code: 'C2' }, sdg: { id: 'SdgTarget:9.c' } }] } } },
    });
    expect(await curate(`mutation { mappingStudyPublish(id: "${id}") { study { id status } } }`)).toEqual({
      data: { mappingStudyPublish: { study: { id, status: 'PUBLISHED' } } },
    });
    expect(await curate(`mutation { mappingStudyRevise(id: "${id}") { study { id status version } } }`)).toEqual({
      data: { mappingStudyRevise: { study: { id: 'MappingStudy:payload-study/v2', status: 'DRAFT', version: 2 } } },
    });
    expect(await curate('mutation { mappingStudyDelete(id: "MappingStudy:payload-study/v2") { deletedId removedLinkIds } }')).toEqual({
      data: {
        mappingStudyDelete: {
          deletedId: 'MappingStudy:payload-study/v2',
          removedLinkIds: [expect.stringMatching(/^STUDY_LINK\|ActionLine:C2\|SdgTarget:9\.c/)],
        },
      },
    });
    expect(await lastAction()).toBe('mappingStudyDelete');
  });

  it('imports a document and reviews its proposals, each answer a payload with the import', async () => {
    const input = { code: 'PAYLOAD/1', title: 'Payload document', lang: 'EN', text: '1.\tThe ITU is invited to report on action line C2.', sources: [{ document: 'PAYLOAD/1' }] };
    const created = await curate('mutation($i: ImportDocumentInput!) { documentImportCreate(input: $i) { documentImport { document { id } pendingCount } } }', { i: input });
    expect(created).toEqual({ data: { documentImportCreate: { documentImport: { document: { id: 'Resolution:PAYLOAD/1' }, pendingCount: expect.any(Number) } } } });
    expect(
      await curate('mutation { documentLinksReview(input: { document: "Resolution:PAYLOAD/1", rejectAllPending: true }) { documentImport { pendingCount } } }'),
    ).toEqual({ data: { documentLinksReview: { documentImport: { pendingCount: 0 } } } });
    expect(await lastAction()).toBe('documentLinksReview');
  });
});
