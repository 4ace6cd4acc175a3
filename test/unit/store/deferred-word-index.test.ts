import { DeferredWordIndex } from '../../../src/store/deferred-word-index';
import { WordIndex } from '../../../src/store/word-index';

const matches = (index: WordIndex, query: string) => {
  const hits: [string, number][] = [];
  index.match(query, (id, score) => hits.push([id, score]));
  return hits.sort((a, b) => a[0].localeCompare(b[0]));
};

/** The same changes to an eager index and a deferred one: adds, a re-add, a removal, importances. */
function bothWith(count: number): { eager: WordIndex; deferred: DeferredWordIndex } {
  const eager = new WordIndex();
  const deferred = new DeferredWordIndex();
  for (let i = 0; i < count; i++) {
    const texts = [`C${i}`, `Digital health ${i}`, i % 3 === 0 ? '数字经济' : 'e-agriculture'];
    eager.add(`n${i}`, texts, `k${i}`);
    deferred.add(`n${i}`, () => texts, `k${i}`);
  }
  eager.add('n1', ['C1', 'Renamed']);
  deferred.add('n1', () => ['C1', 'Renamed']);
  eager.remove('n2');
  deferred.remove('n2');
  for (let i = 0; i < count; i += 5) {
    eager.setImportance(`n${i}`, i / count);
    deferred.setImportance(`n${i}`, i / count);
  }
  return { eager, deferred };
}

describe('store: the word index built after start-up', () => {
  it.each(['health', '数字', 'digital health 7', 'renamed', 'c2'])('answers %s as an eager index when searched before it is built', (query) => {
    const { eager, deferred } = bothWith(3000);
    expect(matches(deferred.current(), query)).toEqual(matches(eager, query));
  });

  it('answers as an eager index once built in the background', async () => {
    const { eager, deferred } = bothWith(3000);
    // Enough turns of the event loop for every slice.
    for (let i = 0; i < 200; i++) await new Promise((resolve) => setImmediate(resolve));
    for (const query of ['health', '数字', 'digital health 7', 'renamed']) expect(matches(deferred.current(), query)).toEqual(matches(eager, query));
  });

  it('lets a search wait for the build without holding the event loop, and answers as an eager index', async () => {
    const { eager, deferred } = bothWith(3000);
    let turns = 0;
    const counting = setInterval(() => turns++, 0);
    try {
      const built = await deferred.built();
      expect(deferred.backlog).toBe(0);
      // The build's slices left room for timers: each ran between two slices of about a millisecond.
      expect(turns).toBeGreaterThan(1);
      for (const query of ['health', '数字', 'digital health 7', 'renamed', 'c2']) expect(matches(built, query)).toEqual(matches(eager, query));
    } finally {
      clearInterval(counting);
    }
  });

  it('waits also for changes queued while it waits (a write during the build), and for nothing once built', async () => {
    const { deferred } = bothWith(500);
    const waiting = deferred.built();
    deferred.add('late', () => ['Late arrival']);
    const built = await waiting;
    expect(matches(built, 'arrival').map(([id]) => id)).toEqual(['late']);
    expect(deferred.backlog).toBe(0);
    expect(await deferred.built()).toBe(built);
  });

  it('stops waiting when the store discards the rest (it was closed)', async () => {
    const { deferred } = bothWith(3000);
    const waiting = deferred.built();
    deferred.discard();
    await expect(waiting).resolves.toBeInstanceOf(WordIndex);
    expect(deferred.backlog).toBe(0);
  });
});
