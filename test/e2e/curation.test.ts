import { createHash } from 'node:crypto';
import { buildSchema, isObjectType } from 'graphql';
import { listAllNodes } from '../../src/analytics/list-all-nodes';
import { hashApiKey } from '../../src/auth/api-key-authenticator';
import { loadConfig } from '../../src/config';
import { EDGE_TYPES } from '../../src/domain/edge-types';
import { NODE_TYPES } from '../../src/domain/node-types';
import { readTypeDefs } from '../../src/graphql/schema';
import { createApp, type App } from '../../src/http/create-app';
import type { Logger } from '../../src/logger';
import { createEmbeddedGraphStore } from '../../src/store/embedded/create-embedded-graph-store';
import type { GraphStore } from '../../src/store/graph-store';
import { createTestApp, type GraphQLResponse } from './test-app';

// One key per role; the test knows the keys, the app only their hashes.
const KEYS = { reader: 'reader-key-0123456789', curator: 'curator-key-0123456789', admin: 'admin-key-0123456789' } as const;
type Caller = 'anonymous' | keyof typeof KEYS;
const API_KEYS = `ro:reader:${hashApiKey(KEYS.reader)},cur:curator:${hashApiKey(KEYS.curator)},adm:admin:${hashApiKey(KEYS.admin)}`;

let app: App;
let store: GraphStore;

beforeAll(() => {
  ({ app, store } = createTestApp({ API_KEYS }));
});
afterAll(async () => {
  await store.close();
});

async function post(caller: Caller, query: string, variables?: Record<string, unknown>, target: App = app): Promise<GraphQLResponse> {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/graphql-response+json' };
  if (caller !== 'anonymous') headers.authorization = `Bearer ${KEYS[caller]}`;
  const response = await target.fetch('http://localhost/graphql', { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  return { status: response.status, body: (await response.json()) as GraphQLResponse['body'] };
}

/** Posts as admin and fails the test on any error: for setting up a case. */
async function setup(query: string, variables?: Record<string, unknown>): Promise<Record<string, unknown>> {
  const { body } = await post('admin', query, variables);
  expect(body.errors).toBeUndefined();
  return body.data!;
}

/** A digest of every node, every link and the audit log's length: equal digests mean nothing changed. */
async function fingerprint(): Promise<string> {
  const nodes = await Promise.all(NODE_TYPES.map((type) => listAllNodes(store, type)));
  const edges = await store.listEdges({ types: EDGE_TYPES });
  const audit = await store.listAudit({ first: 1_000_000 });
  return createHash('sha256').update(JSON.stringify([nodes, edges, audit.entries.length])).digest('hex');
}

const PROV = { sources: [{ document: 'Curation test', url: 'https://example.org/test' }], confidence: 'SOURCE' };
const initiative = (code: string) => ({ type: 'Initiative', code, name: { en: `Initiative ${code}` }, provenance: PROV });
const addresses = (code: string) => ({ type: 'ADDRESSES', from: `Initiative:${code}`, to: 'ActionLine:C2', provenance: PROV });
const linkId = (code: string) => `ADDRESSES|Initiative:${code}|ActionLine:C2`;
const study = (slug: string) => ({ slug, title: { en: `Study ${slug}` }, authors: ['WG member'], sources: [{ document: `Study ${slug} draft` }] });

const CREATE_NODE = 'mutation($input: NodeInput!) { createNode(input: $input) { id } }';
const CREATE_LINK = 'mutation($input: LinkInput!) { createLink(input: $input) { id } }';
const IMPORT_DOCUMENT = 'mutation($input: ImportDocumentInput!) { importDocument(input: $input) { pendingCount } }';
const importedDocument = (code: string) => ({ code, title: `Document ${code}`, lang: 'ZH', text: '1.\t请国际电联理事会将本报告记录在案。', sources: [{ document: `Document ${code}` }] });
const CREATE_STUDY = 'mutation($input: MappingStudyInput!) { createMappingStudy(input: $input) { id } }';
const ADD_ASSERTIONS =
  'mutation($study: ID!, $a: [MappingAssertionInput!]!) { addMappingAssertions(study: $study, assertions: $a) { id } }';
const ASSERT_C2_9C = [{ actionLine: 'C2', target: '9.c', rationale: 'Broadband infrastructure' }];

/**
 * Every mutation, as a request that succeeds for a curator, built for a tag
 * so each run has its own records; `prepare` makes what it needs first.
 */
const MUTATION_CASES: Record<string, (tag: string) => { prepare?: () => Promise<unknown>; query: string; variables: Record<string, unknown> }> = {
  createNode: (tag) => ({ query: CREATE_NODE, variables: { input: initiative(tag) } }),
  updateNode: (tag) => ({
    prepare: () => setup(CREATE_NODE, { input: initiative(tag) }),
    query: 'mutation($input: NodeUpdateInput!) { updateNode(input: $input) { id } }',
    variables: { input: { id: `Initiative:${tag}`, name: { en: 'Renamed' } } },
  }),
  deleteNode: (tag) => ({
    prepare: () => setup(CREATE_NODE, { input: initiative(tag) }),
    query: 'mutation($id: ID!) { deleteNode(id: $id) { id } }',
    variables: { id: `Initiative:${tag}` },
  }),
  createLink: (tag) => ({
    prepare: () => setup(CREATE_NODE, { input: initiative(tag) }),
    query: CREATE_LINK,
    variables: { input: addresses(tag) },
  }),
  updateLink: (tag) => ({
    prepare: async () => {
      await setup(CREATE_NODE, { input: initiative(tag) });
      await setup(CREATE_LINK, { input: addresses(tag) });
    },
    query: 'mutation($input: LinkUpdateInput!) { updateLink(input: $input) { id } }',
    variables: { input: { id: linkId(tag), props: [{ key: 'relation', string: 'works_under' }] } },
  }),
  deleteLink: (tag) => ({
    prepare: async () => {
      await setup(CREATE_NODE, { input: initiative(tag) });
      await setup(CREATE_LINK, { input: addresses(tag) });
    },
    query: 'mutation($id: ID!) { deleteLink(id: $id) { id } }',
    variables: { id: linkId(tag) },
  }),
  applyChanges: (tag) => ({
    query: 'mutation($changes: [ChangeInput!]!) { applyChanges(changes: $changes) { applied } }',
    variables: { changes: [{ createNode: initiative(tag) }, { createLink: addresses(tag) }] },
  }),
  createMappingStudy: (tag) => ({ query: CREATE_STUDY, variables: { input: study(tag) } }),
  updateMappingStudy: (tag) => ({
    prepare: () => setup(CREATE_STUDY, { input: study(tag) }),
    query: 'mutation($input: MappingStudyUpdateInput!) { updateMappingStudy(input: $input) { id } }',
    variables: { input: { id: `MappingStudy:${tag}/v1`, authors: ['Another member'] } },
  }),
  addMappingAssertions: (tag) => ({
    prepare: () => setup(CREATE_STUDY, { input: study(tag) }),
    query: ADD_ASSERTIONS,
    variables: { study: `MappingStudy:${tag}/v1`, a: ASSERT_C2_9C },
  }),
  removeMappingAssertions: (tag) => ({
    prepare: async () => {
      await setup(CREATE_STUDY, { input: study(tag) });
      await setup(ADD_ASSERTIONS, { study: `MappingStudy:${tag}/v1`, a: ASSERT_C2_9C });
    },
    query: 'mutation($study: ID!) { removeMappingAssertions(study: $study, pairs: [{ actionLine: "C2", target: "9.c" }]) { id } }',
    variables: { study: `MappingStudy:${tag}/v1` },
  }),
  publishMappingStudy: (tag) => ({
    prepare: () => setup(CREATE_STUDY, { input: study(tag) }),
    query: 'mutation($id: ID!) { publishMappingStudy(id: $id) { id } }',
    variables: { id: `MappingStudy:${tag}/v1` },
  }),
  reviseMappingStudy: (tag) => ({
    prepare: async () => {
      await setup(CREATE_STUDY, { input: study(tag) });
      await setup('mutation($id: ID!) { publishMappingStudy(id: $id) { id } }', { id: `MappingStudy:${tag}/v1` });
    },
    query: 'mutation($id: ID!) { reviseMappingStudy(id: $id) { id } }',
    variables: { id: `MappingStudy:${tag}/v1` },
  }),
  deleteMappingStudy: (tag) => ({
    prepare: () => setup(CREATE_STUDY, { input: study(tag) }),
    query: 'mutation($id: ID!) { deleteMappingStudy(id: $id) { id } }',
    variables: { id: `MappingStudy:${tag}/v1` },
  }),
  importDocument: (tag) => ({ query: IMPORT_DOCUMENT, variables: { input: importedDocument(tag) } }),
  reviewDocumentLinks: (tag) => ({
    prepare: () => setup(IMPORT_DOCUMENT, { input: importedDocument(tag) }),
    query: 'mutation($input: ReviewDocumentLinksInput!) { reviewDocumentLinks(input: $input) { pendingCount } }',
    variables: { input: { document: `Resolution:${tag}`, acceptAllPending: true } },
  }),
};

// The payload mutations (`nodeCreate`, …): each older case under the new name, selecting a payload field.
const PAYLOAD_FORMS: Record<string, [older: string, selection: string]> = {
  nodeCreate: ['createNode', 'node { id }'],
  nodeUpdate: ['updateNode', 'node { id }'],
  nodeDelete: ['deleteNode', 'deletedId'],
  linkCreate: ['createLink', 'link { id }'],
  linkUpdate: ['updateLink', 'link { id }'],
  linkDelete: ['deleteLink', 'deletedId'],
  changesApply: ['applyChanges', 'applied'],
  mappingStudyCreate: ['createMappingStudy', 'study { id }'],
  mappingStudyUpdate: ['updateMappingStudy', 'study { id }'],
  mappingAssertionsAdd: ['addMappingAssertions', 'study { id }'],
  mappingAssertionsRemove: ['removeMappingAssertions', 'study { id }'],
  mappingStudyPublish: ['publishMappingStudy', 'study { id }'],
  mappingStudyRevise: ['reviseMappingStudy', 'study { id }'],
  mappingStudyDelete: ['deleteMappingStudy', 'deletedId'],
  documentImportCreate: ['importDocument', 'documentImport { pendingCount }'],
  documentLinksReview: ['reviewDocumentLinks', 'documentImport { pendingCount }'],
};
for (const [name, [older, selection]] of Object.entries(PAYLOAD_FORMS)) {
  MUTATION_CASES[name] = (tag) => {
    const request = MUTATION_CASES[older]!(tag);
    const query = request.query.replace(`{ ${older}(`, `{ ${name}(`).replace(/\{ [^{}]+ \} \}$/, `{ ${selection} } }`);
    return { ...request, query };
  };
}

describe('curation: every mutation needs a curator or admin key', () => {
  it('has a case for every field of Mutation in the schema', () => {
    const mutation = buildSchema(readTypeDefs().join('\n')).getMutationType();
    expect(isObjectType(mutation) && Object.keys(mutation.getFields()).sort()).toEqual(Object.keys(MUTATION_CASES).sort());
  });

  describe.each(Object.keys(MUTATION_CASES))('%s', (name) => {
    it.each([
      ['anonymous', 'UNAUTHENTICATED'],
      ['reader', 'FORBIDDEN'],
    ] as const)('refuses %s with %s and changes nothing', async (caller, code) => {
      const { prepare, query, variables } = MUTATION_CASES[name]!(`auth-${name.toLowerCase()}-${caller}`);
      await prepare?.();
      const before = await fingerprint();
      const { status, body } = await post(caller, query, variables);
      expect(status).toBe(200);
      expect(body).toEqual({
        data: null,
        errors: [
          expect.objectContaining({ path: [name], extensions: { code, required: 'curator' } }),
        ],
      });
      expect(await fingerprint()).toBe(before);
    });

    it.each(['curator', 'admin'] as const)('applies it for %s and records who did it in the audit log', async (caller) => {
      const { prepare, query, variables } = MUTATION_CASES[name]!(`auth-${name.toLowerCase()}-${caller}`);
      await prepare?.();
      const { body } = await post(caller, query, variables);
      expect(body.errors).toBeUndefined();
      expect(body.data?.[name]).toEqual(expect.anything());
      const last = await store.listAudit({ first: 1, afterSeq: (await store.listAudit({ first: 1_000_000 })).entries.length - 1 });
      expect(last.entries.map((e) => [e.actor, e.action])).toEqual([[{ keyId: caller === 'admin' ? 'adm' : 'cur', role: caller }, name]]);
    });
  });

  it('answers 401 UNAUTHENTICATED to an unknown key, before running anything', async () => {
    const before = await fingerprint();
    const response = await app.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer not-a-key' },
      body: JSON.stringify({ query: CREATE_NODE, variables: { input: initiative('auth-unknown-key') } }),
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ errors: [{ message: 'The API key is not valid.', extensions: { code: 'UNAUTHENTICATED' } }] });
    expect(await fingerprint()).toBe(before);
  });

  it('accepts the key in X-API-Key too', async () => {
    const response = await app.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': KEYS.curator },
      body: JSON.stringify({ query: CREATE_NODE, variables: { input: initiative('auth-x-api-key') } }),
    });
    expect(await response.json()).toEqual({ data: { createNode: { id: 'Initiative:auth-x-api-key' } } });
  });
});

describe('curation: reading', () => {
  const READ = '{ entity(code: "ITU") { code } }';

  it('serves anonymous reads by default, and refuses them with 401 when ALLOW_ANONYMOUS_READ=false', async () => {
    expect((await post('anonymous', READ)).body).toEqual({ data: { entity: { code: 'ITU' } } });
    const closed = createTestApp({ API_KEYS, ALLOW_ANONYMOUS_READ: 'false' }, store).app;
    expect(await post('anonymous', READ, undefined, closed)).toEqual({
      status: 401,
      body: { errors: [{ message: 'This service needs an API key: send "Authorization: Bearer <key>".', extensions: { code: 'UNAUTHENTICATED' } }] },
    });
    expect(await post('reader', READ, undefined, closed)).toEqual({ status: 200, body: { data: { entity: { code: 'ITU' } } } });
  });

  it.each([
    ['anonymous', 'UNAUTHENTICATED'],
    ['reader', 'FORBIDDEN'],
    ['curator', 'FORBIDDEN'],
  ] as const)('refuses the audit log to %s with %s', async (caller, code) => {
    const { body } = await post(caller, '{ auditLog { entries { seq } } }');
    expect(body).toEqual({ data: null, errors: [expect.objectContaining({ path: ['auditLog'], extensions: { code, required: 'admin' } })] });
  });
});

describe('curation: refused writes are coded and change nothing', () => {
  beforeAll(async () => {
    await setup(CREATE_NODE, { input: initiative('refuse-base') });
    await setup(CREATE_LINK, { input: addresses('refuse-base') });
    await setup(CREATE_STUDY, { input: study('refuse-published') });
    await setup(ADD_ASSERTIONS, { study: 'MappingStudy:refuse-published/v1', a: ASSERT_C2_9C });
    await setup('mutation { publishMappingStudy(id: "MappingStudy:refuse-published/v1") { id } }');
  });

  const cases: [string, string, Record<string, unknown>, { code: string } & Record<string, unknown>][] = [
    ['a duplicate node id', CREATE_NODE, { input: initiative('refuse-base') }, { code: 'CONFLICT', id: 'Initiative:refuse-base', argument: 'input.code' }],
    ['a duplicate link id', CREATE_LINK, { input: addresses('refuse-base') }, { code: 'CONFLICT', id: linkId('refuse-base'), argument: 'input' }],
    [
      'a link to a missing node',
      CREATE_LINK,
      { input: { ...addresses('refuse-base'), to: 'ActionLine:C99' } },
      { code: 'NOT_FOUND', id: 'ActionLine:C99', argument: 'input.to' },
    ],
    [
      'a link from a missing node',
      CREATE_LINK,
      { input: addresses('refuse-missing') },
      { code: 'NOT_FOUND', id: 'Initiative:refuse-missing', argument: 'input.from' },
    ],
    [
      'an update of a missing node',
      'mutation { updateNode(input: { id: "Initiative:refuse-missing", name: { en: "x" } }) { id } }',
      {},
      { code: 'NOT_FOUND', id: 'Initiative:refuse-missing', argument: 'input.id' },
    ],
    ['a deletion of a missing link', 'mutation { deleteLink(id: "ADDRESSES|x|y") { id } }', {}, { code: 'NOT_FOUND', id: 'ADDRESSES|x|y', argument: 'id' }],
    [
      'a link whose ends its type does not join',
      CREATE_LINK,
      { input: { ...addresses('refuse-base'), to: 'SdgGoal:9' } },
      { code: 'BAD_USER_INPUT', argument: 'input.type', expected: 'ADDRESSES does not join Initiative to SdgGoal' },
    ],
    [
      'a link without a source',
      CREATE_LINK,
      { input: { ...addresses('refuse-base'), provenance: { sources: [], confidence: 'SOURCE' } } },
      { code: 'BAD_USER_INPUT', argument: 'input.provenance.sources', expected: 'at least one source' },
    ],
    [
      'a DERIVED fact without its method',
      CREATE_NODE,
      { input: { ...initiative('refuse-derived'), provenance: { sources: [{ document: 'x' }], confidence: 'DERIVED' } } },
      { code: 'BAD_USER_INPUT', argument: 'input.provenance.method', expected: 'a method for a DERIVED fact' },
    ],
    [
      'a property with two values',
      CREATE_NODE,
      { input: { ...initiative('refuse-prop'), props: [{ key: 'kind', string: 'a', number: 1 }] } },
      { code: 'BAD_USER_INPUT', argument: 'input.props.0', expected: 'exactly one of string, number, boolean, strings, numbers, booleans' },
    ],
    [
      'a code with a control character',
      CREATE_NODE,
      { input: initiative('refuse\u0000nul') },
      { code: 'BAD_USER_INPUT', argument: 'input.code', expected: 'a text without control characters' },
    ],
    [
      'a mapping study made as a plain node',
      CREATE_NODE,
      { input: { ...initiative('x/v1'), type: 'MappingStudy' } },
      { code: 'BAD_USER_INPUT', argument: 'input.type', expected: 'a node type other than MappingStudy (use the mapping-study mutations)' },
    ],
    [
      'a change of a published study',
      ADD_ASSERTIONS,
      { study: 'MappingStudy:refuse-published/v1', a: [{ actionLine: 'C1', goal: '1', rationale: 'late' }] },
      { code: 'CONFLICT', id: 'MappingStudy:refuse-published/v1', argument: 'study' },
    ],
    [
      'a deletion of a node a published study asserts',
      'mutation { deleteNode(id: "SdgTarget:9.c") { id } }',
      {},
      { code: 'CONFLICT', id: 'SdgTarget:9.c', study: 'MappingStudy:refuse-published/v1', argument: 'id' },
    ],
    // Writes that used to be accepted and then broke reads (issue #11).
    [
      'a FACILITATES link without a role (FacilitatorRole is non-null)',
      CREATE_LINK,
      { input: { type: 'FACILITATES', from: 'Entity:UNESCO', to: 'ActionLine:C2', provenance: PROV } },
      { code: 'BAD_USER_INPUT', argument: 'input.props.role', value: null, expected: 'a required one of lead_facilitator, co_facilitator, facilitator, contributor, former_lead' },
    ],
    [
      'an action line kind outside ActionLineKind',
      'mutation { updateNode(input: { id: "ActionLine:C3", props: [{ key: "kind", string: "pillar" }] }) { id } }',
      {},
      { code: 'BAD_USER_INPUT', argument: 'input.props.kind', value: 'pillar', expected: 'one of action_line, sub_line' },
    ],
    [
      'a target without its TARGET_OF link (SdgTarget.goal is non-null)',
      CREATE_NODE,
      { input: { type: 'SdgTarget', code: '9.z', name: { en: 'A test target' }, props: [{ key: 'goal', string: '9' }], provenance: PROV } },
      { code: 'BAD_USER_INPUT', argument: 'input', field: 'SdgTarget.goal', value: 0, expected: 'exactly 1 TARGET_OF link from it' },
    ],
    [
      'a deletion of a goal its targets need',
      'mutation { deleteNode(id: "SdgGoal:4") { id } }',
      {},
      { code: 'BAD_USER_INPUT', argument: 'id', field: 'SdgTarget.goal', value: 0, expected: 'exactly 1 TARGET_OF link from it' },
    ],
    [
      'a GDC objective whose code is not a number (GdcObjective.number is Int!)',
      CREATE_NODE,
      { input: { type: 'GdcObjective', code: 'six', name: { en: 'x' }, provenance: PROV } },
      { code: 'BAD_USER_INPUT', argument: 'input.code', value: 'six', expected: 'a GdcObjective code matching /^[1-9]\\d*$/' },
    ],
    [
      'a GDC commitment status outside GdcStatus',
      'mutation { updateNode(input: { id: "GdcCommitment:29(a)", props: [{ key: "status", string: "final" }] }) { id } }',
      {},
      { code: 'BAD_USER_INPUT', argument: 'input.props.status', value: 'final', expected: 'one of adopted, draft' },
    ],
    [
      'a resolution year that is not an integer',
      'mutation { updateNode(input: { id: "Resolution:A/RES/70/125", props: [{ key: "year", string: "2015" }] }) { id } }',
      {},
      { code: 'BAD_USER_INPUT', argument: 'input.props.year', value: '2015', expected: 'integer' },
    ],
    [
      'a second study with a taken slug',
      CREATE_STUDY,
      { input: study('refuse-published') },
      { code: 'CONFLICT', id: 'MappingStudy:refuse-published/v1', argument: 'input.slug' },
    ],
    [
      'a batch whose third change fails: nothing of it is applied',
      'mutation($c: [ChangeInput!]!) { applyChanges(changes: $c) { applied } }',
      {
        c: [
          { createNode: initiative('refuse-batch') },
          { createLink: addresses('refuse-batch') },
          { updateNode: { id: 'Initiative:refuse-nothing', name: { en: 'x' } } },
        ],
      },
      { code: 'NOT_FOUND', id: 'Initiative:refuse-nothing', argument: 'changes.2.updateNode.id' },
    ],
    [
      'a batch change with two operations',
      'mutation($c: [ChangeInput!]!) { applyChanges(changes: $c) { applied } }',
      { c: [{ createNode: initiative('refuse-two'), deleteLink: linkId('refuse-base') }] },
      {
        code: 'BAD_USER_INPUT',
        argument: 'changes.0',
        expected: 'exactly one of createNode, updateNode, deleteNode, createLink, updateLink, deleteLink',
      },
    ],
  ];

  it.each(cases)('refuses %s', async (_title, query, variables, extensions) => {
    const before = await fingerprint();
    const { body } = await post('curator', query, variables);
    expect(body.data).toBeNull();
    expect(body.errors).toHaveLength(1);
    expect(body.errors![0]!.extensions).toEqual(extensions);
    expect(await fingerprint()).toBe(before);
  });

  it('refuses an assertion about a target that does not exist, naming it', async () => {
    await setup(CREATE_STUDY, { input: study('refuse-draft') });
    const before = await fingerprint();
    const { body } = await post('curator', ADD_ASSERTIONS, {
      study: 'MappingStudy:refuse-draft/v1',
      a: [...ASSERT_C2_9C, { actionLine: 'C2', target: '99.z', rationale: 'none' }],
    });
    expect(body.errors?.map((e) => e.extensions)).toEqual([{ code: 'NOT_FOUND', id: 'SdgTarget:99.z', argument: 'assertions.1.target' }]);
    expect(await fingerprint()).toBe(before);
  });
});

describe('curation: writes and what they return', () => {
  it('creates, updates and deletes a node with its links, returning each record', async () => {
    const created = await post('curator', 'mutation($i: NodeInput!) { createNode(input: $i) { id code name ... on Initiative { kind } } }', {
      i: { ...initiative('write-node'), props: [{ key: 'kind', string: 'programme' }] },
    });
    expect(created.body).toEqual({ data: { createNode: { id: 'Initiative:write-node', code: 'write-node', name: 'Initiative write-node', kind: 'programme' } } });
    await setup(CREATE_LINK, { input: addresses('write-node') });

    const updated = await post('curator', 'mutation($i: NodeUpdateInput!) { updateNode(input: $i) { name(lang: FR) ... on Initiative { kind status actionLines { code } } } }', {
      i: { id: 'Initiative:write-node', name: { en: 'Renamed', fr: 'Renommé' }, props: [{ key: 'status', string: 'active' }], removeProps: ['kind'] },
    });
    expect(updated.body).toEqual({ data: { updateNode: { name: 'Renommé', kind: null, status: 'active', actionLines: [{ code: 'C2' }] } } });

    const deleted = await post('curator', 'mutation { deleteNode(id: "Initiative:write-node") { id deletedId removedLinkIds } }');
    expect(deleted.body).toEqual({
      data: { deleteNode: { id: expect.stringMatching(/^DeleteResult:\d+\|Initiative:write-node$/), deletedId: 'Initiative:write-node', removedLinkIds: [linkId('write-node')] } },
    });
    expect((await post('anonymous', '{ initiative(id: "write-node") { id } }')).body).toEqual({ data: { initiative: null } });
  });

  it('applies a batch in order, a later change seeing an earlier one, and returns each outcome', async () => {
    const { body } = await post(
      'curator',
      'mutation($c: [ChangeInput!]!) { applyChanges(changes: $c) { applied outcomes { op recordId node { id } link { id from { id } } } } }',
      {
        c: [
          { createNode: initiative('write-batch') },
          { createLink: addresses('write-batch') },
          { updateLink: { id: linkId('write-batch'), props: [{ key: 'relation', string: 'works_under' }] } },
          { deleteLink: linkId('write-batch') },
        ],
      },
    );
    expect(body).toEqual({
      data: {
        applyChanges: {
          applied: 4,
          outcomes: [
            { op: 'createNode', recordId: 'Initiative:write-batch', node: { id: 'Initiative:write-batch' }, link: null },
            { op: 'createLink', recordId: linkId('write-batch'), node: null, link: { id: linkId('write-batch'), from: { id: 'Initiative:write-batch' } } },
            { op: 'updateLink', recordId: linkId('write-batch'), node: null, link: { id: linkId('write-batch'), from: { id: 'Initiative:write-batch' } } },
            { op: 'deleteLink', recordId: linkId('write-batch'), node: null, link: null },
          ],
        },
      },
    });
    expect(await store.getEdges([linkId('write-batch')])).toEqual([null]);
  });

  it('applies a batch that deletes a node, re-creates it and one of its links (no false CONFLICT)', async () => {
    await setup(CREATE_NODE, { input: initiative('write-recreate') });
    await setup(CREATE_LINK, { input: addresses('write-recreate') });
    const { body } = await post('curator', 'mutation($c: [ChangeInput!]!) { applyChanges(changes: $c) { applied } }', {
      c: [{ deleteNode: 'Initiative:write-recreate' }, { createNode: initiative('write-recreate') }, { createLink: addresses('write-recreate') }],
    });
    expect(body).toEqual({ data: { applyChanges: { applied: 3 } } });
    expect((await store.getEdges([linkId('write-recreate')]))[0]?.from).toBe('Initiative:write-recreate');
  });

  it('applies a new target with its TARGET_OF link in one batch, and its goal then reads', async () => {
    const target = { type: 'SdgTarget', code: '4.z', name: { en: 'A curated target' }, props: [{ key: 'goal', string: '4' }], provenance: PROV };
    const { body } = await post('curator', 'mutation($c: [ChangeInput!]!) { applyChanges(changes: $c) { applied } }', {
      c: [{ createNode: target }, { createLink: { type: 'TARGET_OF', from: 'SdgTarget:4.z', to: 'SdgGoal:4', provenance: PROV } }],
    });
    expect(body).toEqual({ data: { applyChanges: { applied: 2 } } });
    expect((await post('anonymous', '{ sdgTarget(code: "4.z") { goal { code } } }')).body).toEqual({ data: { sdgTarget: { goal: { code: '4' } } } });
    await setup('mutation { deleteNode(id: "SdgTarget:4.z") { id } }');
  });

  it('serves the seeded LED_BY roles as leadRole without an error, and no FACILITATES role on them', async () => {
    const { body } = await post('anonymous', '{ processes(first: 50) { nodes { links(types: [LED_BY]) { role leadRole } } } }');
    expect(body.errors).toBeUndefined();
    const roles = (body.data!.processes as { nodes: { links: { role: unknown; leadRole: string | null }[] }[] }).nodes.flatMap((n) => n.links);
    expect(roles.every((l) => l.role === null)).toBe(true);
    expect(roles.map((l) => l.leadRole)).toEqual(expect.arrayContaining(['co_chair', 'convener', 'secretariat']));
  });

  it('records before and after of every change in the audit log, readable and filterable by admins', async () => {
    await setup(CREATE_NODE, { input: initiative('write-audit') });
    await post('curator', 'mutation { updateNode(input: { id: "Initiative:write-audit", name: { en: "Audited" } }) { id } }');
    const { body } = await post(
      'admin',
      'query($f: AuditFilter) { auditLog(first: 10, filter: $f) { entries { seq at actor { keyId role } action operations changes { kind recordId before after } } pageInfo { hasNextPage } } }',
      { f: { recordId: 'Initiative:write-audit' } },
    );
    const page = body.data!.auditLog as {
      entries: { seq: number; at: string; actor: unknown; action: string; operations: string[]; changes: { kind: string; recordId: string; before: string | null; after: string | null }[] }[];
      pageInfo: unknown;
    };
    expect(page.pageInfo).toEqual({ hasNextPage: false });
    expect(page.entries.map((e) => [e.actor, e.action, e.changes.map((c) => [c.kind, c.recordId])])).toEqual([
      [{ keyId: 'adm', role: 'admin' }, 'createNode', [['NODE', 'Initiative:write-audit']]],
      [{ keyId: 'cur', role: 'curator' }, 'updateNode', [['NODE', 'Initiative:write-audit']]],
    ]);
    const [create, update] = page.entries;
    expect(create!.changes[0]!.before).toBeNull();
    expect(JSON.parse(update!.changes[0]!.before!).name).toEqual({ en: 'Initiative write-audit' });
    expect(JSON.parse(update!.changes[0]!.after!).name).toEqual({ en: 'Audited' });
    expect(JSON.parse(update!.operations[0]!)).toEqual({ op: 'updateNode', node: JSON.parse(update!.changes[0]!.after!) });
    expect(update!.seq).toBeGreaterThan(create!.seq);
    expect(new Date(update!.at).toISOString()).toBe(update!.at);

    // Pages continue after the last seq seen.
    const first = await post('admin', '{ auditLog(first: 1) { entries { seq } pageInfo { endCursor hasNextPage } } }');
    const next = await post('admin', `{ auditLog(first: 1, after: "${(first.body.data!.auditLog as { pageInfo: { endCursor: string } }).pageInfo.endCursor}") { entries { seq } } }`);
    expect([first.body.data, next.body.data]).toEqual([
      { auditLog: { entries: [{ seq: 1 }], pageInfo: { endCursor: '1', hasNextPage: true } } },
      { auditLog: { entries: [{ seq: 2 }] } },
    ]);
  });

  it('never writes a key to the log, even at debug level and for refused keys', async () => {
    const lines: string[] = [];
    const capture = (level: string) => (message: string, fields?: Record<string, unknown>) => lines.push(JSON.stringify({ level, message, fields }));
    const logger: Logger = { debug: capture('debug'), info: capture('info'), warn: capture('warn'), error: capture('error') };
    const logged = createApp({ store, config: loadConfig({ API_KEYS, LOG_LEVEL: 'debug' }), logger });
    await post('curator', CREATE_NODE, { input: initiative('log-check') }, logged);
    await post('reader', CREATE_NODE, { input: initiative('log-check-2') }, logged);
    await post('curator', CREATE_NODE, { input: initiative('log-check') }, logged); // CONFLICT
    await logged.fetch('http://localhost/graphql', { method: 'POST', headers: { authorization: 'Bearer wrong-key-abcdef' }, body: '{' });
    const all = lines.join('\n');
    for (const key of [...Object.values(KEYS), 'wrong-key-abcdef']) expect(all).not.toContain(key);
  });
});

describe('curation: mapping studies', () => {
  const STUDY_FIELDS = 'id version status authors publishedAt revisionOf { id } assertions { actionLine { code } sdg { code } level rationale }';

  it('takes a study from draft to published to its next version, and compares versions and the matrix', async () => {
    const created = await post('curator', `mutation($i: MappingStudyInput!) { createMappingStudy(input: $i) { ${STUDY_FIELDS} } }`, {
      i: study('wg-flow'),
    });
    expect(created.body).toEqual({
      data: { createMappingStudy: { id: 'MappingStudy:wg-flow/v1', version: 1, status: 'DRAFT', authors: ['WG member'], publishedAt: null, revisionOf: null, assertions: [] } },
    });
    await setup(ADD_ASSERTIONS, {
      study: 'MappingStudy:wg-flow/v1',
      a: [
        { actionLine: 'C2', target: '9.c', rationale: 'Broadband infrastructure' },
        { actionLine: 'C2', goal: '17', rationale: 'Partnerships for infrastructure' },
      ],
    });
    const published = await post('curator', `mutation { publishMappingStudy(id: "MappingStudy:wg-flow/v1") { status publishedAt } }`);
    expect(published.body.data).toEqual({ publishMappingStudy: { status: 'PUBLISHED', publishedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) } });

    const revised = await post('curator', `mutation { reviseMappingStudy(id: "MappingStudy:wg-flow/v1") { ${STUDY_FIELDS} versions { id } } }`);
    expect(revised.body.data).toEqual({
      reviseMappingStudy: {
        id: 'MappingStudy:wg-flow/v2',
        version: 2,
        status: 'DRAFT',
        authors: ['WG member'],
        publishedAt: null,
        revisionOf: { id: 'MappingStudy:wg-flow/v1' },
        assertions: [
          // Code order, like every list of the API: target 9.c before goal 17 (id order had put SdgGoal:17 first).
          { actionLine: { code: 'C2' }, sdg: { code: '9.c' }, level: 'TARGET', rationale: 'Broadband infrastructure' },
          { actionLine: { code: 'C2' }, sdg: { code: '17' }, level: 'GOAL', rationale: 'Partnerships for infrastructure' },
        ],
        versions: [{ id: 'MappingStudy:wg-flow/v1' }, { id: 'MappingStudy:wg-flow/v2' }],
      },
    });
    await setup('mutation { removeMappingAssertions(study: "MappingStudy:wg-flow/v2", pairs: [{ actionLine: "C2", goal: "17" }]) { id } }');
    await setup(ADD_ASSERTIONS, { study: 'MappingStudy:wg-flow/v2', a: [{ actionLine: 'C3', target: '4.4', rationale: 'Skills' }] });

    const PAIR = '{ actionLine { code } sdg { code } baseRationale otherRationale }';
    const compared = await post(
      'reader',
      `{ compareStudies(a: "MappingStudy:wg-flow/v1", b: "MappingStudy:wg-flow/v2") { base other agreementRate agreement ${PAIR} additions ${PAIR} removals ${PAIR} } }`,
    );
    expect(compared.body).toEqual({
      data: {
        compareStudies: {
          base: 'MappingStudy:wg-flow/v1',
          other: 'MappingStudy:wg-flow/v2',
          agreementRate: 1 / 3,
          agreement: [{ actionLine: { code: 'C2' }, sdg: { code: '9.c' }, baseRationale: 'Broadband infrastructure', otherRationale: 'Broadband infrastructure' }],
          additions: [{ actionLine: { code: 'C3' }, sdg: { code: '4.4' }, baseRationale: null, otherRationale: 'Skills' }],
          removals: [{ actionLine: { code: 'C2' }, sdg: { code: '17' }, baseRationale: 'Partnerships for infrastructure', otherRationale: null }],
        },
      },
    });

    // Against the matrix: the study's pairs split by whether the seeded matrix has them; the matrix's other pairs are removals.
    const matrix = await store.listEdges({ types: ['MATRIX_LINK'] });
    const inMatrix = (from: string, to: string) => matrix.some((e) => e.from === from && e.to === to);
    const withMatrix = await post('reader', `{ compareWithMatrix(study: "MappingStudy:wg-flow/v2") { base agreementRate agreement { sdg { id } } additions { sdg { id } } removals { sdg { id } } } }`);
    const result = withMatrix.body.data!.compareWithMatrix as { base: string; agreementRate: number; agreement: unknown[]; additions: unknown[]; removals: unknown[] };
    const studyPairs = [
      ['ActionLine:C2', 'SdgTarget:9.c'],
      ['ActionLine:C3', 'SdgTarget:4.4'],
    ];
    const agreeing = studyPairs.filter(([from, to]) => inMatrix(from!, to!));
    expect(result.base).toBe('WSIS-SDG Matrix');
    expect(result.agreement).toHaveLength(agreeing.length);
    expect(result.additions).toHaveLength(studyPairs.length - agreeing.length);
    expect(result.removals).toHaveLength(matrix.length - agreeing.length);
    expect(result.agreementRate).toBeCloseTo(agreeing.length / (matrix.length + studyPairs.length - agreeing.length), 12);
  });

  it('lists studies by status and refuses to revise a draft or an older version', async () => {
    await setup(CREATE_STUDY, { input: study('wg-list') });
    await setup('mutation { publishMappingStudy(id: "MappingStudy:wg-list/v1") { id } }');
    await setup('mutation { reviseMappingStudy(id: "MappingStudy:wg-list/v1") { id } }');
    const again = await post('curator', 'mutation { reviseMappingStudy(id: "MappingStudy:wg-list/v1") { id } }');
    expect(again.body.errors?.map((e) => e.extensions)).toEqual([{ code: 'CONFLICT', id: 'MappingStudy:wg-list/v1', argument: 'id' }]);
    const draft = await post('curator', 'mutation { reviseMappingStudy(id: "MappingStudy:wg-list/v2") { id } }');
    expect(draft.body.errors?.map((e) => e.extensions)).toEqual([{ code: 'CONFLICT', id: 'MappingStudy:wg-list/v2', argument: 'id' }]);

    const { body } = await post('anonymous', '{ drafts: mappingStudies(status: DRAFT) { id } published: mappingStudies(status: PUBLISHED) { id } }');
    const ids = (list: unknown) => (list as { id: string }[]).map((s) => s.id).filter((id) => id.startsWith('MappingStudy:wg-list/'));
    expect([ids(body.data!.drafts), ids(body.data!.published)]).toEqual([['MappingStudy:wg-list/v2'], ['MappingStudy:wg-list/v1']]);
  });
});

describe('curation: writes survive a restart (embedded store with a journal)', () => {
  it('serves after a restart every write, study and audit entry acknowledged before', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const dataDir = mkdtempSync(path.join(tmpdir(), 'curation-journal-'));
    try {
      const first = createTestApp({ API_KEYS }, createEmbeddedGraphStore({ dataDir }));
      const run = (q: string, v?: Record<string, unknown>) => post('curator', q, v, first.app);
      await run(CREATE_NODE, { input: initiative('durable') });
      await run(CREATE_LINK, { input: addresses('durable') });
      await run(CREATE_STUDY, { input: study('wg-durable') });
      await run(ADD_ASSERTIONS, { study: 'MappingStudy:wg-durable/v1', a: ASSERT_C2_9C });
      const auditBefore = await first.store.listAudit({ first: 100 });
      await first.store.close();

      const second = createTestApp({ API_KEYS }, createEmbeddedGraphStore({ dataDir }));
      const { body } = await post(
        'admin',
        '{ initiative(id: "durable") { actionLines { code } } mappingStudy(id: "MappingStudy:wg-durable/v1") { assertions { sdg { code } } } }',
        undefined,
        second.app,
      );
      expect(body).toEqual({ data: { initiative: { actionLines: [{ code: 'C2' }] }, mappingStudy: { assertions: [{ sdg: { code: '9.c' } }] } } });
      expect(await second.store.listAudit({ first: 100 })).toEqual(auditBefore);
      await second.store.close();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
