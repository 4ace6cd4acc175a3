import type { CaseGroup } from '../harness';
import type { SearchHit } from '../../../src/store/graph-store';

// Scores are floats computed by one shared function; compare them to a few
// places so a store may compute them in its own arithmetic order.
const rounded = (hits: SearchHit[]) => hits.map((hit) => ({ id: hit.node.id, node: hit.node, score: Math.round(hit.score * 1e6) }));

/** `search`: substring matching on normalised names in every language, through the port and the API. */
export const search: CaseGroup = {
  area: 'search',
  cases: [
    {
      name: 'finds English names by substring, every word required, best first',
      async run({ store, seeds }) {
        for (const text of ['health', 'Digital Economy', 'C7', 'capacity building', 'zzzz-nothing']) {
          const expected = seeds.search(text, [], 25);
          expect(rounded(await store().search({ text, first: 25 }))).toEqual(rounded(expected));
        }
        expect(seeds.search('health').length).toBeGreaterThan(1);
      },
    },
    {
      name: 'finds Chinese names without word boundaries, one character or several',
      async run({ store, seeds }) {
        for (const text of ['数字', '教育', '信息社会', '网']) {
          const expected = seeds.search(text, [], 50);
          expect(expected.length).toBeGreaterThan(0);
          expect(rounded(await store().search({ text, first: 50 }))).toEqual(rounded(expected));
        }
      },
    },
    {
      name: 'limits to node types and to first; an exact code ranks first',
      async run({ store, seeds }) {
        const text = 'information';
        const types = ['ActionLine', 'SdgTarget'] as const;
        expect(rounded(await store().search({ text, types, first: 7 }))).toEqual(rounded(seeds.search(text, types, 7)));
        const [top] = await store().search({ text: 'c2', first: 3 });
        expect(top?.node.id).toBe(seeds.search('c2', [], 1)[0]!.node.id);
        expect(await store().search({ text: '  ,  ', first: 5 })).toEqual([]);
      },
    },
    {
      name: 'a name variant, a name inside the query and a cited symbol rank their node first',
      async run({ store, seeds }) {
        const firstOf = async (text: string) => (await store().search({ text, first: 5 }))[0]?.node.id;
        const cases: [string, string][] = [
          ['国际电联', 'Entity:ITU'],
          ['开发署', 'Entity:UNDP'],
          ['贸发会议', 'Entity:UNCTAD'],
          ['教科文组织', 'Entity:UNESCO'],
          ['秘书长技术问题特使办公室', 'Entity:OSET'],
          ['2023 年信息社会世界峰会论坛', 'Process:WSIS-Forum'],
          ['科学和技术促进发展委员会第二十六届会议', 'Entity:CSTD'],
          ['经社理事会第2006/46号决议', 'Resolution:E/RES/2006/46'],
          ['第140号决议（2022年，布加勒斯特，修订版）', 'Resolution:ITU-PP-RES-140'],
        ];
        for (const [text, id] of cases) {
          expect({ text, first: await firstOf(text) }).toEqual({ text, first: id });
          expect(rounded(await store().search({ text, first: 10 }))).toEqual(rounded(seeds.search(text, [], 10)));
        }
      },
    },
    {
      name: 'the search root field answers the same hits over GraphQL',
      async run({ graphql, seeds }) {
        const response = await graphql(
          `query ($q: String!, $types: [NodeType!]) { search(query: $q, types: $types, first: 10) { node { id code } score } }`,
          { q: '教育', types: ['SdgGoal', 'SdgIndicator'] },
        );
        const expected = seeds.search('教育', ['SdgGoal', 'SdgIndicator'], 10);
        expect(expected.length).toBeGreaterThan(0);
        const hits = (response.body.data?.search ?? []) as { node: { id: string; code: string }; score: number }[];
        expect({ status: response.status, errors: response.body.errors, hits: hits.map((h) => ({ ...h, score: Math.round(h.score * 1e6) })) }).toEqual({
          status: 200,
          errors: undefined,
          hits: expected.map((h) => ({ node: { id: h.node.id, code: h.node.code }, score: Math.round(h.score * 1e6) })),
        });
      },
    },
    {
      name: 'an empty search query is BAD_USER_INPUT naming the argument',
      async run({ graphql }) {
        const response = await graphql(`{ search(query: "   ") { score } }`);
        expect(response.body).toEqual({
          data: null,
          errors: [
            {
              message: 'Argument "query" is invalid: a non-empty query.',
              path: ['search'],
              locations: [{ line: 1, column: 3 }],
              extensions: { code: 'BAD_USER_INPUT', argument: 'query', expected: 'a non-empty query' },
            },
          ],
        });
      },
    },
  ],
};
