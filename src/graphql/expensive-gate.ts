/**
 * A bound on how many expensive queries execute at once. Node runs one
 * thing at a time, so expensive queries executing together only interleave
 * their work with cheap requests' and multiply the memory held; letting
 * `maxRunning` run and queueing the rest (in arrival order) keeps a cheap
 * lookup's wait short under a flood of them. Past `maxQueued` waiting, a
 * newcomer is refused at once (the caller answers `SERVER_BUSY`).
 */
export class ExpensiveGate {
  private running = 0;
  private readonly queue: (() => void)[] = [];

  constructor(
    readonly maxRunning: number,
    readonly maxQueued: number,
  ) {}

  /** Resolves with an idempotent release once a slot is free; null when the queue is full. */
  acquire(): Promise<() => void> | null {
    if (this.running < this.maxRunning) {
      this.running++;
      return Promise.resolve(this.releaser());
    }
    if (this.queue.length >= this.maxQueued) return null;
    return new Promise((resolve) => this.queue.push(() => resolve(this.releaser())));
  }

  /** Queries executing and waiting now (for the request log and tests). */
  load(): { running: number; queued: number } {
    return { running: this.running, queued: this.queue.length };
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.queue.shift();
      if (next) next(); // the slot passes on: running stays the same
      else this.running--;
    };
  }
}
