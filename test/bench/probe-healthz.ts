/**
 * A `/healthz` prober in a process of its own, so that what it measures is
 * the server's answer time and not the event loop of a load generator busy
 * reading megabytes: `node probe-healthz.js <healthz url> <interval ms>`
 * sends one GET every interval (one at a time, on one kept-alive
 * connection) until its stdin closes, then prints one JSON line:
 * `{ count, failures, p50, p99, max }` in milliseconds.
 */
import http from 'node:http';

function main(): void {
  const [url, interval = '10'] = process.argv.slice(2);
  if (!url) throw new Error('usage: probe-healthz.js <url> [interval ms]');
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const times: number[] = [];
  let failures = 0;
  let running = true;
  process.stdin.on('end', () => (running = false)).resume();

  const once = () =>
    new Promise<void>((resolve) => {
      const started = performance.now();
      http
        .get(url, { agent }, (response) => {
          response.resume().on('end', () => {
            if (response.statusCode === 200) times.push(performance.now() - started);
            else failures++;
            resolve();
          });
        })
        .on('error', () => {
          failures++;
          resolve();
        });
    });

  void (async () => {
    while (running) {
      await once();
      await new Promise((resolve) => setTimeout(resolve, Number(interval)));
    }
    const sorted = times.sort((a, b) => a - b);
    const at = (q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]! : NaN);
    process.stdout.write(`${JSON.stringify({ count: sorted.length, failures, p50: at(0.5), p99: at(0.99), max: sorted[sorted.length - 1] ?? NaN })}\n`);
    agent.destroy();
  })();
}

main();
