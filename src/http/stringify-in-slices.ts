/**
 * `JSON.stringify` that shares the process: it writes the value piece by
 * piece and, once it has worked `sliceMs` without a pause, waits for the next
 * turn of the event loop (`setImmediate`) before going on, so that a
 * megabytes-long answer never holds the loop for the whole of its
 * serialisation (`/healthz`, timers and other requests run in between).
 *
 * Pieces of about `BATCH` values (a run of list items, or a whole small
 * object) are written by the native `JSON.stringify` in one call, so a large
 * answer costs little more than its native serialisation. The output is the same string
 * `JSON.stringify(value)` gives for the plain data of a GraphQL result
 * (objects, arrays, strings, numbers, booleans, null; `toJSON` is honoured,
 * `undefined` and functions are left out as JSON does).
 *
 * With `maxLength`, it stops as soon as the text is longer (in UTF-16 code
 * units, which never exceed UTF-8 bytes) and resolves with `text: null` and
 * the length reached: an answer that will not be sent is not finished.
 */
export async function stringifyInSlices(
  value: unknown,
  options: { sliceMs: number; maxLength?: number },
): Promise<{ text: string | null; length: number }> {
  const maxLength = options.maxLength ?? Infinity;
  const parts: string[] = [];
  let length = 0;
  let since = performance.now();
  const emit = (text: string) => {
    parts.push(text);
    length += text.length;
  };

  // The arrays and objects being written, innermost last.
  const stack: Frame[] = [];
  const open = (item: unknown): void => {
    const data = toData(item);
    if (data === undefined) return emit('null'); // only reached for array items, as JSON writes them
    if (typeof data !== 'object' || data === null || weigh(data, BATCH) <= BATCH) return emit(JSON.stringify(data));
    if (Array.isArray(data)) {
      emit('[');
      stack.push({ array: data, index: 0 });
    } else {
      emit('{');
      stack.push({ object: data as Record<string, unknown>, keys: Object.keys(data), index: 0, written: 0 });
    }
  };

  open(value);
  while (stack.length > 0) {
    if (length > maxLength) return { text: null, length };
    if (performance.now() - since >= options.sliceMs) {
      await new Promise((resolve) => setImmediate(resolve));
      since = performance.now();
    }
    const frame = stack[stack.length - 1]!;
    if ('array' in frame) {
      const { array } = frame;
      if (frame.index === array.length) {
        stack.pop();
        emit(']');
        continue;
      }
      if (frame.index > 0) emit(',');
      // Items are written in runs, one native call each, as many as BATCH values would allow if each
      // weighed as much as the first (a GraphQL list's items share one selection, so they are alike);
      // an item heavier than a whole batch is opened instead.
      const weight = weigh(array[frame.index], BATCH);
      if (weight > BATCH) {
        open(array[frame.index++]);
        continue;
      }
      const end = Math.min(array.length, frame.index + Math.max(1, Math.floor(BATCH / weight)));
      emit(JSON.stringify(frame.index === 0 && end === array.length ? array : array.slice(frame.index, end)).slice(1, -1));
      frame.index = end;
      continue;
    }
    if (frame.index === frame.keys.length) {
      stack.pop();
      emit('}');
      continue;
    }
    const key = frame.keys[frame.index++]!;
    const item = toData(frame.object[key]);
    if (item === undefined) continue; // JSON leaves such keys out
    emit(`${frame.written++ > 0 ? ',' : ''}${JSON.stringify(key)}:`);
    open(item);
  }
  return { text: length > maxLength ? null : parts.join(''), length };
}

type Frame = { array: readonly unknown[]; index: number } | { object: Record<string, unknown>; keys: string[]; index: number; written: number };

/** Values one native call writes at most (about 100 kB of JSON, a millisecond or so). */
const BATCH = 4096;

// What JSON.stringify would write for `value`, before looking inside it: toJSON applied,
// undefined for what it leaves out (undefined, functions, symbols).
function toData(value: unknown): unknown {
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return (value as { toJSON: () => unknown }).toJSON();
  }
  if (value === undefined || typeof value === 'function' || typeof value === 'symbol') return undefined;
  return value;
}

// How many values `value` holds (itself, and objects and arrays with their contents), counted up
// to `budget`: past it, budget + 1.
function weigh(value: unknown, budget: number): number {
  let count = 0;
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const next = pending.pop();
    if (++count > budget) return budget + 1;
    if (next === null || typeof next !== 'object') continue;
    if (Array.isArray(next)) {
      if (count + next.length > budget) return budget + 1;
      for (const item of next) pending.push(item);
    } else {
      for (const key in next) pending.push((next as Record<string, unknown>)[key]);
    }
  }
  return count;
}
