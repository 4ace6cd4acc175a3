import { hashApiKey } from '../../src/auth/api-key-authenticator';
import type { App } from '../../src/http/create-app';
import type { GraphStore } from '../../src/store/graph-store';
import { createTestApp, type GraphQLResponse } from './test-app';

const KEY = 'curator-key-import-0123456789';
let app: App;
let store: GraphStore;

beforeAll(() => {
  ({ app, store } = createTestApp({ API_KEYS: `cur:curator:${hashApiKey(KEY)}` }));
});
afterAll(async () => {
  await store.close();
});

async function post(query: string, variables?: Record<string, unknown>, key: string | null = KEY): Promise<GraphQLResponse> {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/graphql-response+json' };
  if (key) headers.authorization = `Bearer ${key}`;
  const response = await app.fetch('http://localhost/graphql', { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  return { status: response.status, body: (await response.json()) as GraphQLResponse['body'] };
}

// A Council contribution's proposals, in the layout of seed 001 (copied, not read from ../shared).
const TEXT = [
  '1)\t恳请国际电联积极参与全球数字契约（GDC）进程；',
  '2)\t责成国际电联秘书处将研究报告提交给理事会WSIS和SDG工作组审议，C7行动方面的电子卫生。',
].join('\n');
const INPUT = { code: 'C99/TEST/1', title: 'WSIS and the GDC (test)', lang: 'ZH', text: TEXT, sources: [{ document: 'Council contribution C99/TEST/1' }] };

const IMPORT = `mutation($input: ImportDocumentInput!) { importDocument(input: $input) {
  document { id code } paragraphs { id number text } pendingCount
  proposals { id type paragraph { id } node { id } surface method verb status } } }`;
const REVIEW = `mutation($input: ReviewDocumentLinksInput!) { reviewDocumentLinks(input: $input) {
  pendingCount proposals { id linkId status link { id confidence method source { document paragraph } notes } } } }`;

describe('importDocument: a pasted document under review', () => {
  it('stores the document, its paragraphs and pending proposals; only accepted proposals become links, with their paragraph as provenance', async () => {
    const imported = await post(IMPORT, { input: INPUT });
    expect(imported.body.errors).toBeUndefined();
    const result = imported.body.data!.importDocument as {
      document: { id: string };
      paragraphs: { id: string; number: string; text: string }[];
      pendingCount: number;
      proposals: { id: string; type: string; node: { id: string }; verb: string | null; status: string }[];
    };
    expect(result.document.id).toBe('Resolution:C99/TEST/1');
    expect(result.paragraphs.map((p) => [p.id, p.number])).toEqual([
      ['Paragraph:C99/TEST/1#1', '1'],
      ['Paragraph:C99/TEST/1#2', '2'],
    ]);
    expect(result.proposals.map((p) => [p.type, p.node.id, p.verb, p.status])).toEqual([
      ['ASKS', 'Entity:ITU', '恳请', 'PENDING'],
      ['NAMES', 'Initiative:global_digital_compact', null, 'PENDING'],
      ['MANDATES', 'Entity:ITU', '责成', 'PENDING'],
      ['NAMES', 'Entity:CWG_WSIS_SDG', null, 'PENDING'],
      ['NAMES', 'ActionLine:C7', null, 'PENDING'],
      ['NAMES', 'ActionLine:C7.e-health', null, 'PENDING'],
    ]);
    expect(result.pendingCount).toBe(6);
    const asks = 'ASKS|Paragraph:C99/TEST/1#1|Entity:ITU';
    expect((await store.getEdges([asks]))[0]).toBeNull();

    const reviewed = await post(REVIEW, {
      // A proposal is named by its link id (`linkId`) or by its own id (`LinkProposal:<link id>`).
      input: { document: 'Resolution:C99/TEST/1', accept: [asks], reject: ['LinkProposal:NAMES|Paragraph:C99/TEST/1#1|Initiative:global_digital_compact'] },
    });
    expect(reviewed.body.errors).toBeUndefined();
    const review = reviewed.body.data!.reviewDocumentLinks as { pendingCount: number; proposals: { id: string; linkId: string; status: string; link: unknown }[] };
    expect(review.pendingCount).toBe(4);
    expect(review.proposals.slice(0, 2)).toEqual([
      {
        id: `LinkProposal:${asks}`,
        linkId: asks,
        status: 'ACCEPTED',
        link: {
          id: asks,
          confidence: 'DERIVED',
          method: 'linkDocument/variant',
          source: { document: 'C99/TEST/1', paragraph: '1' },
          notes: ['found by linkDocument in paragraph 1 at 2-6: «国际电联» (confidence 0.88)', 'governing verb: 恳请'],
        },
      },
      {
        id: 'LinkProposal:NAMES|Paragraph:C99/TEST/1#1|Initiative:global_digital_compact',
        linkId: 'NAMES|Paragraph:C99/TEST/1#1|Initiative:global_digital_compact',
        status: 'REJECTED',
        link: null,
      },
    ]);
    expect((await store.getEdges(['NAMES|Paragraph:C99/TEST/1#1|Initiative:global_digital_compact']))[0]).toBeNull();

    const all = await post(REVIEW, { input: { document: 'Resolution:C99/TEST/1', acceptAllPending: true } });
    expect((all.body.data!.reviewDocumentLinks as { pendingCount: number }).pendingCount).toBe(0);
    expect((await store.getEdges(['NAMES|Paragraph:C99/TEST/1#2|ActionLine:C7.e-health']))[0]?.provenance.confidence).toBe('derived');
    const audit = await store.listAudit({ first: 1_000_000 });
    expect(audit.entries.slice(-3).map((e) => [e.actor?.keyId, e.action])).toEqual([
      ['cur', 'importDocument'],
      ['cur', 'reviewDocumentLinks'],
      ['cur', 'reviewDocumentLinks'],
    ]);
  });

  it('refuses an existing code with CONFLICT, an unknown proposal with NOT_FOUND, a bad code with BAD_USER_INPUT, and changes nothing', async () => {
    const before = (await store.listAudit({ first: 1_000_000 })).entries.length;
    await post(IMPORT, { input: { ...INPUT, code: 'C99/TEST/2' } });
    const again = await post(IMPORT, { input: { ...INPUT, code: 'C99/TEST/2' } });
    expect(again.body.errors?.map((e) => e.extensions?.code)).toEqual(['CONFLICT']);
    const unknown = await post(REVIEW, { input: { document: 'Resolution:C99/TEST/2', accept: ['NAMES|Paragraph:C99/TEST/2#1|Entity:WHO'] } });
    expect(unknown.body.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
    const bad = await post(IMPORT, { input: { ...INPUT, code: 'has space' } });
    expect(bad.body.errors?.map((e) => [e.extensions?.code, e.extensions?.argument])).toEqual([['BAD_USER_INPUT', 'input.code']]);
    const anonymous = await post(IMPORT, { input: { ...INPUT, code: 'C99/TEST/3' } }, null);
    expect(anonymous.body.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    expect((await store.listAudit({ first: 1_000_000 })).entries.length).toBe(before + 1);
  });
});
