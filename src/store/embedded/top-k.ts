/**
 * The `k` smallest items offered, under `compare`, without sorting them all:
 * a sorted array of at most `k`, where an item no better than the current
 * k-th is turned away with one comparison. Offering n items costs
 * O(n + m·k) where m items get in (few, once the array is full of good ones),
 * against O(n log n) to sort everything and keep k.
 */
export class TopK<T> {
  private readonly items: T[] = [];

  constructor(
    private readonly k: number,
    private readonly compare: (a: T, b: T) => number,
  ) {}

  offer(item: T): void {
    if (this.k <= 0) return;
    const items = this.items;
    if (items.length === this.k && this.compare(item, items[items.length - 1]!) >= 0) return;
    // Binary search for the first item that sorts after `item`: equal items keep their offering order.
    let low = 0;
    let high = items.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.compare(items[mid]!, item) <= 0) low = mid + 1;
      else high = mid;
    }
    items.splice(low, 0, item);
    if (items.length > this.k) items.pop();
  }

  /** The worst item kept once `k` are kept (an item must beat it to get in), else undefined. */
  worst(): T | undefined {
    return this.items.length === this.k && this.k > 0 ? this.items[this.k - 1] : undefined;
  }

  /** The kept items, best first. */
  sorted(): T[] {
    return [...this.items];
  }
}
