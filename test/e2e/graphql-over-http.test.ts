import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { serverAudits } from 'graphql-http';
import { createServer, edgeLimitsOf } from '../../src/http/create-server';
import { createTestApp } from './test-app';

// The GraphQL-over-HTTP spec's audits, run against the app once in-process and once over a real socket.
const { app, config } = createTestApp();

describe('http: GraphQL over HTTP audits (in-process)', () => {
  const audits = serverAudits({
    url: 'http://localhost/graphql',
    fetchFn: app.fetch,
  });

  it('has the 13 MUST audits', () => {
    expect(audits.filter((audit) => audit.name.startsWith('MUST'))).toHaveLength(13);
  });

  for (const audit of audits.filter((a) => a.name.startsWith('MUST'))) {
    it(audit.name, async () => {
      const result = await audit.fn();
      expect({ name: audit.name, status: result.status, reason: 'reason' in result ? result.reason : undefined }).toEqual({
        name: audit.name,
        status: 'ok',
        reason: undefined,
      });
    });
  }
});

describe('http: GraphQL over HTTP audits (real socket on port 0)', () => {
  let server: Server;
  let url: string;

  beforeAll(async () => {
    server = createServer(app, edgeLimitsOf(config));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('passes every MUST audit over TCP', async () => {
    const audits = serverAudits({ url: () => url }).filter((a) => a.name.startsWith('MUST'));
    const results = await Promise.all(audits.map(async (audit) => ({ name: audit.name, status: (await audit.fn()).status })));
    expect(results).toEqual(audits.map((audit) => ({ name: audit.name, status: 'ok' })));
  });

  it('answers the README example query over TCP', async () => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ actionLine(code: "C2") { code facilitators { role entity { code } } } }' }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      data: { actionLine: { code: 'C2', facilitators: [{ role: 'LEAD_FACILITATOR', entity: { code: 'ITU' } }] } },
    });
  });

  it('refuses a chunked body larger than the limit with 413 and a coded error', async () => {
    const big = 'x'.repeat(config.MAX_BODY_BYTES + 10);
    const response = await postChunked(url, { query: `{ search(query: "${big}") { score } }` });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({
      errors: [
        {
          message: `Request body is larger than ${config.MAX_BODY_BYTES} bytes.`,
          extensions: { code: 'PAYLOAD_TOO_LARGE', limit: 'body', max: config.MAX_BODY_BYTES },
        },
      ],
    });
  });

  it('answers a chunked body within the limit', async () => {
    const response = await postChunked(url, { query: '{ sdgGoal(code: "4") { code } }' });
    expect(await response.json()).toEqual({ data: { sdgGoal: { code: '4' } } });
  });
});

// A POST whose body is a stream, so it is sent chunked, without Content-Length.
function postChunked(url: string, body: unknown): Promise<Response> {
  const stream = new ReadableStream({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(JSON.stringify(body)));
      controller.close();
    },
  });
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: stream,
    duplex: 'half',
  } as RequestInit);
}
