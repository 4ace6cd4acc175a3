import autocannon from 'autocannon';

/** One measured round of one workload against one server. */
export interface Round {
  /** Completed 2xx requests per second over the round. */
  rps: number;
  /** Latency percentiles in milliseconds (fractional, from each response's own timing). */
  p50: number;
  p99: number;
  requests: number;
  /** Socket errors, timeouts and non-2xx answers: any of them spoils the round. */
  failures: number;
  /** The server's CPU time (all threads, from /proc) per request answered; absent where not read. */
  cpuUsPerRequest?: number;
}

/** A fixed request body, or one made for each request (a workload no cache can help). */
export type Body = string | (() => string);

export interface LoadOptions {
  connections: number;
  warmupSeconds: number;
  seconds: number;
}

/**
 * Drives `url` with autocannon (POST of `body`, `connections` connections,
 * pipelining 1): a warm-up round whose figures are dropped, then the measured
 * round. Latencies are collected per response rather than read from
 * autocannon's histogram, which keeps whole milliseconds only: too coarse for
 * sub-millisecond lookups.
 */
export async function measure(url: string, body: Body, options: LoadOptions): Promise<Round> {
  if (options.warmupSeconds > 0) await drive(url, body, options.connections, options.warmupSeconds, null);
  const times: number[] = [];
  const result = await drive(url, body, options.connections, options.seconds, times);
  times.sort((a, b) => a - b);
  const ok = result.requests.total - result.non2xx;
  return {
    rps: ok / options.seconds,
    p50: percentile(times, 0.5),
    p99: percentile(times, 0.99),
    requests: result.requests.total,
    failures: result.errors + result.timeouts + result.non2xx,
  };
}

/** A server in a side-by-side comparison. */
export interface Contender {
  name: string;
  url: string;
  warmupSeconds: number;
  /** The server's CPU time so far in µs (`ChildServer.cpuMicros`), for CPU per request. */
  cpuMicros?: () => number | null;
}

/**
 * Measures several servers on the same request side by side: each is warmed
 * up, then the measured time is cut into `slices` short rounds taken in turn
 * (A, B, C, A, B, C …), so that a burst of load from elsewhere on a shared
 * machine falls on all of them alike rather than on whichever ran then.
 * Throughput is over all of a server's slices; latency percentiles over all
 * its responses.
 */
export async function compare(
  contenders: readonly Contender[],
  body: Body,
  options: { connections: number; slices: number; sliceSeconds: number },
): Promise<Record<string, Round>> {
  for (const c of contenders) if (c.warmupSeconds > 0) await drive(c.url, body, options.connections, c.warmupSeconds, null);
  const times = new Map<string, number[]>(contenders.map((c) => [c.name, []]));
  const totals = new Map<string, { requests: number; ok: number; failures: number; cpu: number | null }>(
    contenders.map((c) => [c.name, { requests: 0, ok: 0, failures: 0, cpu: 0 }]),
  );
  for (let slice = 0; slice < options.slices; slice++) {
    for (const c of contenders) {
      const cpuBefore = c.cpuMicros?.() ?? null;
      const result = await drive(c.url, body, options.connections, options.sliceSeconds, times.get(c.name)!);
      const cpuAfter = c.cpuMicros?.() ?? null;
      const total = totals.get(c.name)!;
      total.cpu = total.cpu === null || cpuBefore === null || cpuAfter === null ? null : total.cpu + (cpuAfter - cpuBefore);
      total.requests += result.requests.total;
      total.ok += result.requests.total - result.non2xx;
      total.failures += result.errors + result.timeouts + result.non2xx;
    }
  }
  const seconds = options.slices * options.sliceSeconds;
  return Object.fromEntries(
    contenders.map((c) => {
      const sorted = times.get(c.name)!.sort((a, b) => a - b);
      const total = totals.get(c.name)!;
      const round: Round = { rps: total.ok / seconds, p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99), requests: total.requests, failures: total.failures };
      if (c.cpuMicros && total.cpu !== null && total.requests > 0) round.cpuUsPerRequest = total.cpu / total.requests;
      return [c.name, round];
    }),
  );
}

function drive(url: string, body: Body, connections: number, seconds: number, times: number[] | null): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
        ...(typeof body === 'string' ? { body } : { requests: [{ setupRequest: (request: autocannon.Request) => ({ ...request, body: body() }) }] }),
        connections,
        pipelining: 1,
        duration: seconds,
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
    if (times) instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode >= 200 && statusCode < 300) times.push(responseTime);
    });
  });
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
}

/** One POST of a GraphQL request body; the answer's status and text. */
export async function post(url: string, body: string): Promise<{ status: number; text: string }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body,
  });
  return { status: response.status, text: await response.text() };
}
