/**
 * Runs curation work for one store one piece at a time, in arrival order.
 * A mutation reads records, builds a batch and applies it, with awaits in
 * between; two mutations interleaved there could each build on a state the
 * other is changing (a lost update). The store applies each batch atomically;
 * this queue makes read-build-apply atomic too, within one process.
 */
const queues = new WeakMap<object, Promise<unknown>>();

export function runExclusive<T>(key: object, work: () => Promise<T>): Promise<T> {
  const previous = queues.get(key) ?? Promise.resolve();
  const result = previous.then(work, work);
  // The queue continues whether this piece succeeds or fails.
  queues.set(
    key,
    result.then(
      () => undefined,
      () => undefined,
    ),
  );
  return result;
}
