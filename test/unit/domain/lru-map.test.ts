import { LruMap } from '../../../src/domain/lru-map';

describe('domain: LruMap, a bounded memory of what clients sent', () => {
  it('drops the least recently used entry first, a read counting as a use', () => {
    const map = new LruMap<string, number>(2);
    map.set('a', 1);
    map.set('b', 2);
    expect(map.get('a')).toBe(1); // a is now the most recent
    map.set('c', 3);
    expect([map.get('a'), map.get('b'), map.get('c'), map.size]).toEqual([1, undefined, 3, 2]);
  });

  it('replaces a value under the same key without growing', () => {
    const map = new LruMap<string, number>(2);
    map.set('a', 1);
    map.set('a', 2);
    expect([map.get('a'), map.size]).toEqual([2, 1]);
  });

  it('refuses a bound that holds nothing, naming the value', () => {
    expect(() => new LruMap(0)).toThrow('LruMap needs at least one entry, got 0.');
    expect(() => new LruMap(1.5)).toThrow('got 1.5');
  });
});
