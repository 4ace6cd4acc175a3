import { WordIndex } from './word-index';

type Change =
  | { kind: 'add'; id: string; texts: () => readonly string[]; sortKey: string }
  | { kind: 'remove'; id: string }
  | { kind: 'importance'; id: string; importance: number };

/**
 * Time one background slice may hold the event loop: a request waits at most about this long behind it.
 * At 4 ms, every lookup made while a ×1000 index was being built waited for a slice (p50 alone 5.5 ms
 * against 0.1 ms at ×1, bench scale leg, 2026-12-02).
 */
const SLICE_MS = 1;
/**
 * A slice's time while the index holds up readiness (`holdReadiness`): nothing is routed here yet, so a
 * longer slice costs no user a wait, and the build spends less of its time handing the loop back
 * (`/healthz` and `/readyz` still answer within about this long).
 */
const READINESS_SLICE_MS = 25;
/** Changes applied between two reads of the clock: a change costs ~15 µs at ×1000 (a clock read ~0.1 µs). */
const CHANGES_PER_CLOCK_READ = 16;

/**
 * A `WordIndex` whose changes are queued and applied later, in order: in
 * slices of a few ms on the event loop from the next turn on, and all at once
 * before any search. Building the index was the largest part of the
 * embedded store's start-up (issue #12) and nothing but search reads it, so a
 * service listens and answers lookups while it is built; a search made
 * before it is done applies the rest first and so answers exactly as if it
 * had been built eagerly (the same changes in the same order).
 */
export class DeferredWordIndex {
  private readonly index: WordIndex;
  private pending: Change[] = [];
  private next = 0;
  private scheduled = false;
  private sliceMs = SLICE_MS;
  /** Resolves the searches waiting for the backlog to be applied (see `built`). */
  private drained: (() => void)[] = [];

  constructor(compactAfter?: number) {
    this.index = new WordIndex(compactAfter);
  }

  /** As `WordIndex.add`; `texts` is called when the change is applied. */
  add(id: string, texts: () => readonly string[], sortKey = ''): void {
    this.queue({ kind: 'add', id, texts, sortKey });
  }

  remove(id: string): void {
    this.queue({ kind: 'remove', id });
  }

  setImportance(id: string, importance: number): void {
    this.queue({ kind: 'importance', id, importance });
  }

  /**
   * Builds in longer slices until nothing is pending, then in the short ones again: for a store that
   * reports itself warming up until its index is built (large graphs), where no request waits behind
   * a slice and the build should end soon.
   */
  holdReadiness(): void {
    if (this.backlog > 0) this.sliceMs = READINESS_SLICE_MS;
  }

  /** Changes queued and not applied yet. */
  get backlog(): number {
    return this.pending.length - this.next;
  }

  /** The index with every change so far applied. */
  current(): WordIndex {
    this.applyUntil(Infinity);
    return this.index;
  }

  private queue(change: Change): void {
    this.pending.push(change);
    this.applySoon();
  }

  /** Drops what is not applied yet: the store is closed and answers nothing more (its build stops). */
  discard(): void {
    this.pending = [];
    this.next = 0;
    this.wake();
  }

  /**
   * The index once every change queued so far (and any queued meanwhile) is applied, by the background
   * slices: a search made during start-up's build waits for it without holding the event loop. With
   * `current()` a search at a million nodes applied the rest itself, and `/healthz` and every other
   * request waited behind it (32 s, bench ≈1M point, 2026-12-02).
   */
  async built(): Promise<WordIndex> {
    while (this.backlog > 0) await new Promise<void>((resolve) => this.drained.push(resolve));
    return this.index;
  }

  /**
   * Applies the queued changes in the background, a slice per turn of the event loop. The immediate is
   * kept referenced: an unreferenced one does not stop the loop from sleeping in its poll phase until
   * the next timer or socket event, so an idle service built its index only as requests came (a few
   * dozen changes per 50 ms at ×1; at a million nodes the first search then built the rest itself,
   * holding the loop 32 s). A process that means to exit closes its store (`discard`).
   */
  private applySoon(): void {
    if (this.scheduled || this.next === this.pending.length) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.applyUntil(performance.now() + this.sliceMs);
      this.applySoon();
    });
  }

  private applyUntil(deadline: number): void {
    const pending = this.pending;
    while (this.next < pending.length && (this.next % CHANGES_PER_CLOCK_READ !== 0 || performance.now() < deadline)) {
      const change = pending[this.next++]!;
      if (change.kind === 'add') this.index.add(change.id, change.texts(), change.sortKey);
      else if (change.kind === 'remove') this.index.remove(change.id);
      else this.index.setImportance(change.id, change.importance);
    }
    if (this.next === pending.length) {
      this.pending = [];
      this.next = 0;
      this.sliceMs = SLICE_MS;
      this.wake();
    }
  }

  private wake(): void {
    const waiting = this.drained;
    if (waiting.length === 0) return;
    this.drained = [];
    for (const resolve of waiting) resolve();
  }
}
