/** What a client library handed to `fetch`: method, URL, headers and body of each request, in order. */
export interface SentRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string | null;
}

/**
 * Node's own `fetch` (undici), recording each request a client library makes through it, so a
 * test can assert what the library really sent (a persisted-query hash without the text, a GET…).
 */
export function recordingFetch(): { fetch: typeof fetch; sent: SentRequest[] } {
  const sent: SentRequest[] = [];
  const wrapped: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    const body = request.method === 'GET' || request.method === 'HEAD' ? null : await request.clone().text();
    sent.push({ method: request.method, url: request.url, headers: Object.fromEntries(request.headers), body });
    return fetch(request);
  };
  return { fetch: wrapped, sent };
}
