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
}

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
export async function measure(url: string, body: string, options: LoadOptions): Promise<Round> {
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

function drive(url: string, body: string, connections: number, seconds: number, times: number[] | null): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
        body,
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
