import { NgramIndex, normaliseText, scoreMatch } from '../../../src/store/text-index';

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

  it('narrows candidates with the n-gram index, for one-character queries too', () => {
    const index = new NgramIndex();
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
    const index = new NgramIndex();
    index.add('forum', ['WSIS-Forum', '信息社会世界峰会论坛']);
    index.add('other', ['X', '数字经济']);
    expect(index.candidates('2023 年信息社会世界峰会论坛')).toEqual(['forum']);
  });
});
