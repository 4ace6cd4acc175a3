import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';

/**
 * Sub-millisecond idle waits, for the simulated store round trip: Node's
 * timers have a 1 ms grain, too coarse for a 0.3 ms round trip. One worker
 * thread keeps the deadlines of every wait in flight and sleeps in
 * `Atomics.wait` (fractional milliseconds) until the next one is due or a new
 * one arrives; the main thread only posts a deadline and gets a message back,
 * so a wait costs it a few µs of CPU and no spinning.
 */
export interface PreciseDelay {
  wait(micros: number): Promise<void>;
  close(): Promise<void>;
}

// Runs in the worker: requests come over `requests` (read synchronously after each wake), replies go back on `replies`.
const WORKER_SOURCE = `
const { workerData, receiveMessageOnPort } = require('node:worker_threads');
const { flag, requests, replies } = workerData;
const now = () => performance.timeOrigin + performance.now();
let due = [];
for (;;) {
  for (let m = receiveMessageOnPort(requests); m; m = receiveMessageOnPort(requests)) {
    if (m.message === 'close') process.exit(0);
    due.push(m.message);
  }
  const t = now();
  const ready = due.filter((d) => d.at <= t);
  if (ready.length > 0) {
    due = due.filter((d) => d.at > t);
    replies.postMessage(ready.map((d) => d.id));
  }
  const next = due.reduce((min, d) => Math.min(min, d.at), Infinity);
  Atomics.wait(flag, 0, 0, next === Infinity ? undefined : Math.max(0, next - now()));
  Atomics.store(flag, 0, 0);
}
`;

export function createPreciseDelay(): PreciseDelay {
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const toWorker = new MessageChannel();
  const fromWorker = new MessageChannel();
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { flag, requests: toWorker.port2, replies: fromWorker.port2 },
    transferList: [toWorker.port2, fromWorker.port2] as unknown as MessagePort[],
  });
  worker.unref();
  const pending = new Map<number, () => void>();
  let next = 0;
  // The reply port keeps the process alive only while a wait is pending.
  fromWorker.port1.on('message', (ids: number[]) => {
    for (const id of ids) {
      pending.get(id)?.();
      pending.delete(id);
    }
    if (pending.size === 0) fromWorker.port1.unref();
  });
  fromWorker.port1.unref();
  const wake = () => {
    Atomics.store(flag, 0, 1);
    Atomics.notify(flag, 0);
  };
  return {
    wait(micros) {
      const id = next++;
      return new Promise<void>((resolve) => {
        pending.set(id, resolve);
        if (pending.size === 1) fromWorker.port1.ref();
        toWorker.port1.postMessage({ id, at: performance.timeOrigin + performance.now() + micros / 1000 });
        wake();
      });
    },
    async close() {
      toWorker.port1.postMessage('close');
      wake();
      await worker.terminate();
      fromWorker.port1.close();
    },
  };
}

