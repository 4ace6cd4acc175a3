import { normaliseText, scoreMatch, textScore } from '../../../src/store/text-index';
import { WordIndex } from '../../../src/store/word-index';
import { createRandom } from '../../support/create-random';

describe('store: text matching for search', () => {
  it('normalises case, accents, width and punctuation', () => {
    expect(normaliseText('  É-Health, ＩＣＴ  ')).toBe('e health ict');
  });

  it('finds Chinese text by substring, without word boundaries', () => {
    expect(scoreMatch('数字', 'X', ['数字经济'])).toBeGreaterThan(0);
    expect(scoreMatch('经济', 'X', ['数字经济'])).toBeGreaterThan(0);
    expect(scoreMatch('教育', 'X', ['数字经济'])).toBe(0);
  });

  it('requires every word of a Latin query, in any order', () => {
    expect(scoreMatch('health e', 'C7.e-health', ['E-health'])).toBeGreaterThan(0);
    expect(scoreMatch('health agriculture', 'C7.e-health', ['E-health'])).toBe(0);
  });

  it('ranks an exact code above an exact name above a prefix above a substring', () => {
    const code = scoreMatch('c2', 'C2', ['Information infrastructure']);
    const exact = scoreMatch('e-health', 'C7.e-health', ['E-health']);
    const prefix = scoreMatch('e-health', 'X', ['E-health services']);
    const inside = scoreMatch('e-health', 'X', ['Digital e-health services']);
    expect(code).toBeGreaterThan(exact);
    expect(exact).toBeGreaterThan(prefix);
    expect(prefix).toBeGreaterThan(inside);
  });

  it('narrows candidates with the word index, for one-character queries too', () => {
    const index = new WordIndex();
    index.add('a', ['数字经济']);
    index.add('b', ['教育']);
    index.add('c', ['E-health']);
    expect(index.candidates('数').sort()).toEqual(['a']);
    expect(index.candidates('health').sort()).toEqual(['c']);
    expect(index.candidates('zzz')).toEqual([]);
    index.remove('a');
    expect(index.candidates('数')).toEqual([]);
  });
});

describe('store: search knows names both ways', () => {
  it('finds a name the query contains, at word boundaries in Latin script', () => {
    expect(scoreMatch('2023 年信息社会世界峰会论坛', 'WSIS-Forum', ['信息社会世界峰会论坛'])).toBeGreaterThan(0);
    expect(scoreMatch('ITU-D study groups', 'ITU', ['International Telecommunication Union'])).toBeGreaterThan(0);
    expect(scoreMatch('the situation', 'ITU', ['International Telecommunication Union'])).toBe(0);
    expect(scoreMatch('第26届', '26', [])).toBe(0);
  });

  it('ranks an exact variant above a longer name that contains it, and a fuller cover of the query above a partial one', () => {
    const variant = scoreMatch('国际电联', 'ITU', ['International Telecommunication Union', '国际电联']);
    const council = scoreMatch('国际电联', 'ITU_COUNCIL', ['ITU Council', '国际电联理事会']);
    expect(variant).toBeGreaterThan(council);
    const wholeName = scoreMatch('科学和技术促进发展委员会第二十六届会议', 'CSTD', ['科学和技术促进发展委员会']);
    const part = scoreMatch('科学和技术促进发展委员会第二十六届会议', 'X', ['委员会']);
    expect(wholeName).toBeGreaterThan(part);
  });

  it('breaks ties between equal matches by degree, never across match kinds', () => {
    expect(scoreMatch('health', 'A', ['e-health'], 50)).toBeGreaterThan(scoreMatch('health', 'B', ['e-health'], 1));
    expect(scoreMatch('e-health', 'A', ['e-health'], 0)).toBeGreaterThan(scoreMatch('e-health', 'B', ['e-health services'], 10_000));
  });

  it('indexes the names a query contains as candidates', () => {
    const index = new WordIndex();
    index.add('forum', ['WSIS-Forum', '信息社会世界峰会论坛']);
    index.add('other', ['X', '数字经济']);
    expect(index.candidates('2023 年信息社会世界峰会论坛')).toEqual(['forum']);
  });

  it('gives the same matches and text scores as a scan of every entry, through re-adds, removals and compactions', () => {
    const random = createRandom(7);
    const words = ['数字', '经济', 'health', 'e-health', 'data', 'itu', '教育', 'digital', 'dig', 'c7'];
    const index = new WordIndex(2);
    const entries = new Map<string, string[]>();
    const queries = ['数字', '数', 'health', 'e-health', 'dig', 'digital', 'itu 数', 'c7', '数字经济', 'health data', 'zz', 'c7 itu health'];
    for (let step = 0; step < 400; step++) {
      const id = `n${random.below(30)}`;
      if (random.below(3) === 0) {
        index.remove(id);
        entries.delete(id);
      } else {
        // A code, then names of one to three words, joined by a space or not (Chinese has no spaces).
        const name = () => Array.from({ length: 1 + random.below(3) }, () => random.pick(words)).join(random.pick([' ', '']));
        const texts = [random.below(4) === 0 ? random.pick(words) : id, name(), ...(random.below(2) ? [name()] : [])];
        index.add(id, texts);
        entries.set(id, texts.map(normaliseText));
      }
      for (const query of queries) {
        const tokens = normaliseText(query).split(' ');
        const scanned = new Map([...entries].map(([key, texts]) => [key, textScore(tokens, texts)] as const).filter(([, score]) => score > 0));
        const visited = new Map<string, number>();
        index.match(query, (key, score) => {
          expect(visited.has(key)).toBe(false);
          visited.set(key, score);
        });
        expect(visited).toEqual(scanned);
        const candidates = index.candidates(query);
        for (const key of scanned.keys()) expect(candidates).toContain(key);
        for (const key of candidates) expect(index.textsOf(key)).toEqual(entries.get(key));
      }
    }
  });
});

describe('store: normalised text for ASCII, without the Unicode passes', () => {
  // normaliseText skips NFKD, the marks and NFKC for ASCII text: it must answer as the full pipeline does.
  const reference = (text: string) =>
    text
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      .normalize('NFKC')
      .toLowerCase()
      .replace(/[\s\p{P}\p{S}]+/gu, ' ')
      .trim();
  const ALPHABET = ['a', 'Z', '0', ' ', '-', '.', '\t', '\u0001', '~', 'É', 'é', '\u0301', 'ﬁ', 'Ⅻ', '数', 'ＩＣＴ', '\u00a0', '²'];

  it('gives the same text as NFKD, no marks, NFKC, lower case and folding, for random texts ASCII or not', () => {
    const random = createRandom(7);
    for (let i = 0; i < 5000; i++) {
      const ascii = random.below(2) === 0;
      const letters = ascii ? ALPHABET.slice(0, 9) : ALPHABET;
      const text = Array.from({ length: random.below(12) }, () => random.pick(letters)).join('');
      expect(normaliseText(text)).toBe(reference(text));
    }
    for (let code = 0; code < 128; code++) expect(normaliseText(`A${String.fromCharCode(code)}b`)).toBe(reference(`A${String.fromCharCode(code)}b`));
  });
});
