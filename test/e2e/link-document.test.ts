import type { App } from '../../src/http/create-app';
import type { GraphStore } from '../../src/store/graph-store';
import { createTestApp, postGraphQL } from './test-app';

let app: App;
let store: GraphStore;

beforeAll(() => {
  ({ app, store } = createTestApp());
});
afterAll(async () => {
  await store.close();
});

// Two paragraphs in the layout of an ITU Council contribution (after seed 001's proposals and seed 002's references).
const TEXT = [
  '1)\t恳请国际电联作为联合国信息通信技术专门机构，积极参与全球数字契约（GDC）进程和2024年的未来峰会；',
  '2)\t根据联合国经社理事会第2006/46号决议和第140号决议（2022年，布加勒斯特，修订版），C7行动方面的电子卫生取得进展。',
].join('\n');

const QUERY = `query ($text: String!) {
  linkDocument(text: $text, lang: ZH, title: "WSIS and the GDC") {
    title lang
    paragraphs {
      number
      mentions { node { id } surface start end method }
      proposedLinks { type node { id } evidence { verb } }
    }
    unresolved { surface kind }
  }
}`;

describe('linkDocument: a Chinese contribution, paragraph by paragraph', () => {
  it('finds the bodies, processes, resolutions and action lines each paragraph names, with offsets into its text', async () => {
    const response = await postGraphQL(app, QUERY, { text: TEXT });
    expect(response.body.errors).toBeUndefined();
    const result = response.body.data!.linkDocument as {
      title: string;
      lang: string;
      paragraphs: { number: string; mentions: { node: { id: string }; surface: string; start: number; end: number; method: string }[]; proposedLinks: { type: string; node: { id: string }; evidence: { verb: string } | null }[] }[];
    };
    expect({ title: result.title, lang: result.lang, numbers: result.paragraphs.map((p) => p.number) }).toEqual({
      title: 'WSIS and the GDC',
      lang: 'ZH',
      numbers: ['1', '2'],
    });
    expect(result.paragraphs[0]!.mentions.map((m) => [m.node.id, m.surface, m.method])).toEqual([
      ['Entity:ITU', '国际电联', 'variant'],
      ['Initiative:global_digital_compact', '全球数字契约', 'name'],
      ['Initiative:global_digital_compact', 'GDC', 'variant'],
      ['Process:Summit-of-the-Future', '未来峰会', 'name'],
    ]);
    expect(result.paragraphs[0]!.proposedLinks).toEqual([
      { type: 'ASKS', node: { id: 'Entity:ITU' }, evidence: { verb: '恳请' } },
      { type: 'NAMES', node: { id: 'Initiative:global_digital_compact' }, evidence: null },
      { type: 'NAMES', node: { id: 'Process:Summit-of-the-Future' }, evidence: null },
    ]);
    expect(result.paragraphs[1]!.mentions.map((m) => [m.node.id, m.surface, m.method])).toEqual([
      ['Resolution:E/RES/2006/46', '联合国经社理事会第2006/46号决议', 'symbol'],
      ['Resolution:ITU-PP-RES-140', '第140号决议（2022年，布加勒斯特，修订版）', 'symbol'],
      ['ActionLine:C7', 'C7', 'code'],
      ['ActionLine:C7.e-health', '电子卫生', 'context'],
    ]);
    const paragraph2 = TEXT.split('\n')[1]!.slice(3);
    for (const m of result.paragraphs[1]!.mentions) expect(paragraph2.slice(m.start, m.end)).toBe(m.surface);
  });

  it('lists the symbols it cannot resolve', async () => {
    const response = await postGraphQL(app, QUERY, { text: '1.\t联大第A/RES/99/999号决议。' });
    expect(response.body.data!.linkDocument).toMatchObject({ unresolved: [{ surface: 'A/RES/99/999', kind: 'symbol' }] });
  });

  it('answers BAD_USER_INPUT naming the argument for an empty text', async () => {
    const response = await postGraphQL(app, QUERY, { text: '  \n ' });
    expect(response.body.errors?.map((e) => ({ code: e.extensions?.code, argument: e.extensions?.argument }))).toEqual([
      { code: 'BAD_USER_INPUT', argument: 'text' },
    ]);
  });
});
