import { createTimeSlice } from '../../../src/graphql/time-slices';

// Calls `pause` as resolvers would, working (spinning) between calls, until it answers a promise or `limit` calls pass.
function callUntilPaused(slice: ReturnType<typeof createTimeSlice>, limit = 1_000_000): Promise<void> | null {
  for (let i = 0; i < limit; i++) {
    const pause = slice.pause();
    if (pause) return pause;
    const until = performance.now() + 0.001;
    while (performance.now() < until);
  }
  return null;
}

describe('time slices: a query the estimate let run unsliced is watched', () => {
  it('never pauses a query neither started nor watched', () => {
    const slice = createTimeSlice(5);
    expect(callUntilPaused(slice, 20_000)).toBeNull();
    expect(slice.started).toBe(false);
  });

  it('asks once to become expensive after working the watched time, then waits for it before going on', async () => {
    const slice = createTimeSlice(5);
    const asked: string[] = [];
    let grant!: () => void;
    slice.watch(2, () => {
      asked.push('slot');
      return new Promise<void>((resolve) => (grant = resolve));
    });
    const pause = callUntilPaused(slice);
    expect(pause).not.toBeNull();
    expect([asked, slice.started]).toEqual([['slot'], true]);
    // Every resolver call meanwhile waits for the same slot; none asks again.
    expect(slice.pause()).toBe(pause);
    let resumed = false;
    void pause!.then(() => (resumed = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(resumed).toBe(false);
    grant();
    await pause;
    expect([resumed, asked]).toEqual([true, ['slot']]);
  });

  it('does not count a wait (a remote store, other requests) as work', async () => {
    const slice = createTimeSlice(5);
    let asked = 0;
    slice.watch(2, async () => void asked++);
    for (let i = 0; i < 63; i++) expect(slice.pause()).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(slice.pause()).toBeNull(); // the 64th call checks the clock: 20 ms since the last check, a wait
    expect([asked, slice.started]).toEqual([0, false]);
  });

  it('goes on sliced when becoming expensive fails (no slot to be had)', async () => {
    const slice = createTimeSlice(5);
    slice.watch(1, () => Promise.reject(new Error('queue full')));
    await expect(callUntilPaused(slice)).resolves.toBeUndefined();
    expect(slice.started).toBe(true);
  });
});
