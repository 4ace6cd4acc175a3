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
