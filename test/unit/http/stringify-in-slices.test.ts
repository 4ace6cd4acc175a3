import { stringifyInSlices } from '../../../src/http/stringify-in-slices';

// A result shaped as graphql-js builds them: prototype-less objects, lists of them.
function resultOf(items: number): unknown {
  const node = (i: number) => Object.assign(Object.create(null) as object, { code: `9.${i}`, name: `Target "${i}" – 目标 ${i}`, n: i, ok: i % 2 === 0, none: null });
  return { data: Object.assign(Object.create(null) as object, { a: Array.from({ length: items }, (_, i) => ({ ...node(i), children: [node(i), node(i + 1)] })) }) };
}

describe('stringifyInSlices: JSON.stringify that yields to the event loop', () => {
  it.each([
    ['a small result', resultOf(2)],
    ['a large result', resultOf(5000)],
    ['values JSON leaves out or turns to null', { a: undefined, b: () => 1, c: [undefined, () => 1, null], d: { toJSON: () => ({ e: 1 }) }, f: new Date(0) }],
    ['scalars', 'text'],
    ['an empty object and list', { a: {}, b: [] }],
  ])('writes exactly what JSON.stringify writes for %s', async (_name, value) => {
    expect(await stringifyInSlices(value, { sliceMs: 1 })).toEqual({ text: JSON.stringify(value), length: JSON.stringify(value).length });
  });

  it('lets timers run while it writes a large result', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    try {
      const { text } = await stringifyInSlices(resultOf(50_000), { sliceMs: 1 });
      expect(text?.length).toBeGreaterThan(1_000_000);
      expect(ticks).toBeGreaterThan(0);
    } finally {
      clearInterval(timer);
    }
  });

  it('stops once the text passes maxLength, with the length reached', async () => {
    const full = JSON.stringify(resultOf(5000));
    const { text, length } = await stringifyInSlices(resultOf(5000), { sliceMs: 5, maxLength: 10_000 });
    expect(text).toBeNull();
    expect(length).toBeGreaterThan(10_000);
    expect(length).toBeLessThan(full.length);
    expect(await stringifyInSlices(resultOf(2), { sliceMs: 5, maxLength: 10_000 })).toEqual({ text: JSON.stringify(resultOf(2)), length: JSON.stringify(resultOf(2)).length });
  });
});
