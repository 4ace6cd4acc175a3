import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createServer, edgeLimitsOf } from '../../src/http/create-server';
import { createEmbeddedGraphStore } from '../../src/store/embedded/create-embedded-graph-store';
import type { GraphStore } from '../../src/store/graph-store';
import { jsonBodies, rawExchange, type RawAnswer } from '../support/raw-http';
import { createTestApp } from './test-app';

/**
 * The HTTP edge over a real socket: each hostile framing an outside user can
 * send gets a coded 4xx (or a closed socket), and the process still serves a
 * real query afterwards. Limits are small so each can be crossed quickly.
 */
const MAX_BODY = 2048;
const env = { MAX_BODY_BYTES: String(MAX_BODY), HTTP_HEADERS_TIMEOUT_MS: '1000', HTTP_REQUEST_TIMEOUT_MS: '2000', HTTP_MAX_HEADER_BYTES: '8192' };

const QUERY = '{"query":"{ dataset { version } }"}';
const chunk = (text: string) => `${Buffer.byteLength(text).toString(16)}\r\n${text}\r\n`;
const post = (head: string, body = QUERY) => `POST /graphql HTTP/1.1\r\n${head}Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
const chunked = (head: string) => `POST /graphql HTTP/1.1\r\n${head}Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`;

type Expected = { status: number; code: string } | 'closed';
interface EdgeCase {
  name: string;
  parts: (string | Buffer)[];
  options?: Parameters<typeof rawExchange>[2];
  expected: Expected;
}

const BAD_REQUEST = { status: 400, code: 'BAD_REQUEST' };
const CASES: EdgeCase[] = [
  { name: 'a chunked POST with an invalid Host', parts: [`${chunked('Host: exa mple\r\n')}${chunk(QUERY)}0\r\n\r\n`], expected: BAD_REQUEST },
  { name: 'a Content-Length POST with an invalid Host', parts: [post('Host: exa mple\r\n')], expected: BAD_REQUEST },
  { name: 'a Host with userinfo', parts: ['GET /healthz HTTP/1.1\r\nHost: user@evil\r\n\r\n'], expected: BAD_REQUEST },
  { name: 'a Host with an out-of-range port', parts: ['GET /healthz HTTP/1.1\r\nHost: x:99999\r\n\r\n'], expected: BAD_REQUEST },
  { name: 'no Host at all', parts: [post('')], expected: BAD_REQUEST },
  { name: 'an absolute-form target', parts: [`POST http://evil.example/graphql HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n`], expected: BAD_REQUEST },
  { name: 'an asterisk-form target', parts: ['OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n'], expected: BAD_REQUEST },
  { name: 'bad percent-encoding in the path', parts: ['GET /graph%ZZql HTTP/1.1\r\nHost: x\r\n\r\n'], expected: BAD_REQUEST },
  { name: 'percent-encoded bytes that are not UTF-8', parts: ['GET /%C0%AF HTTP/1.1\r\nHost: x\r\n\r\n'], expected: BAD_REQUEST },
  {
    name: 'both Content-Length and Transfer-Encoding',
    parts: [`POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n${chunk(QUERY)}0\r\n\r\n`],
    expected: BAD_REQUEST,
  },
  { name: 'two different Content-Lengths', parts: [`POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nContent-Length: 35\r\n\r\n${QUERY}`], expected: BAD_REQUEST },
  { name: 'a negative Content-Length', parts: [`POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n${QUERY}`], expected: BAD_REQUEST },
  { name: 'a chunk size that is not hex', parts: [`${chunked('Host: x\r\n')}zz\r\nabc\r\n0\r\n\r\n`], expected: BAD_REQUEST },
  { name: 'a chunk longer than its size', parts: [`${chunked('Host: x\r\n')}3\r\nabcdef\r\n0\r\n\r\n`], expected: BAD_REQUEST },
  { name: 'a transfer coding other than chunked', parts: [`POST /graphql HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\nabc`], expected: BAD_REQUEST },
  { name: 'a chunked body aborted mid-way', parts: [chunked('Host: x\r\n'), '5\r\n{"que\r\n'], options: { pauseMs: 50, abort: true }, expected: 'closed' },
  { name: 'a Content-Length body aborted mid-way', parts: [post('Host: x\r\n').replace(/Content-Length: \d+/, 'Content-Length: 500')], options: { abort: true }, expected: 'closed' },
  {
    name: 'a chunked body over MAX_BODY_BYTES',
    parts: [chunked('Host: x\r\n'), chunk('x'.repeat(1500)), chunk('x'.repeat(1500))],
    options: { pauseMs: 30 },
    expected: { status: 413, code: 'PAYLOAD_TOO_LARGE' },
  },
  { name: 'a declared body over MAX_BODY_BYTES', parts: [`POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Length: ${MAX_BODY + 1}\r\n\r\n`], expected: { status: 413, code: 'PAYLOAD_TOO_LARGE' } },
  { name: 'a header bomb', parts: [`GET /healthz HTTP/1.1\r\nHost: x\r\nX-Bomb: ${'a'.repeat(10_000)}\r\n\r\n`], expected: { status: 431, code: 'HEADERS_TOO_LARGE' } },
  {
    name: 'many small headers past the head limit',
    parts: [`GET /healthz HTTP/1.1\r\nHost: x\r\n${Array.from({ length: 1500 }, (_, i) => `X-${i}: y`).join('\r\n')}\r\n\r\n`],
    expected: { status: 431, code: 'HEADERS_TOO_LARGE' },
  },
  {
    name: 'headers sent too slowly (slowloris)',
    parts: ['GET /healthz HTTP/1.1\r\nHost: x\r\n', 'X-A: 1\r\n', 'X-B: 1\r\n', 'X-C: 1\r\n', 'X-D: 1\r\n'],
    options: { pauseMs: 400, waitMs: 6000 },
    expected: { status: 408, code: 'REQUEST_TIMEOUT' },
  },
  {
    name: 'a body sent too slowly',
    parts: [post('Host: x\r\n', '').replace('Content-Length: 0', 'Content-Length: 100'), 'a', 'b', 'c', 'd', 'e', 'f', 'g'],
    options: { pauseMs: 450, waitMs: 8000 },
    expected: { status: 408, code: 'REQUEST_TIMEOUT' },
  },
  { name: 'a NUL byte in a header value', parts: ['GET /healthz HTTP/1.1\r\nHost: x\r\nX-A: a\u0000b\r\n\r\n'], expected: BAD_REQUEST },
  { name: 'bare LF line ends', parts: ['GET /healthz HTTP/1.1\nHost: x\n\n'], expected: BAD_REQUEST },
  { name: 'a method with a forbidden character', parts: ['G@T /healthz HTTP/1.1\r\nHost: x\r\n\r\n'], expected: BAD_REQUEST },
  { name: 'a TLS ClientHello on the plain port', parts: [Buffer.from([0x16, 0x03, 0x01, 0x00, 0xff, 0x01, 0x00, 0x00])], expected: BAD_REQUEST },
  { name: 'the HTTP/2 connection preface', parts: ['PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n'], expected: BAD_REQUEST },
];

describe('http edge: every hostile framing gets a coded 4xx or a closed socket, and the process still serves', () => {
  let server: Server;
  let port: number;
  let version: string;

  beforeAll(async () => {
    const { app, config, store } = createTestApp(env);
    version = (await store.datasetInfo()).version;
    server = createServer(app, edgeLimitsOf(config));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  async function expectStillServing(): Promise<void> {
    const response = await fetch(`http://127.0.0.1:${port}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: QUERY });
    expect([response.status, await response.json()]).toEqual([200, { data: { dataset: { version } } }]);
  }

  function expectAnswer(answer: RawAnswer, expected: Expected): void {
    expect(answer.closed).toBe(true);
    if (expected === 'closed') {
      expect(answer.statuses).toEqual([]);
      return;
    }
    expect(answer.statuses).toEqual([expected.status]);
    const [body] = jsonBodies(answer) as { errors: { message: string; extensions: { code: string } }[] }[];
    expect(body?.errors).toHaveLength(1);
    expect(body!.errors[0]!.extensions.code).toBe(expected.code);
    expect(typeof body!.errors[0]!.message).toBe('string');
  }

  it.each(CASES)('answers $name, then still serves', async ({ parts, options, expected }) => {
    expectAnswer(await rawExchange(port, parts, options), expected);
    await expectStillServing();
  }, 15_000);

  it('answers a well-formed chunked POST as the same request with Content-Length', async () => {
    const answer = await rawExchange(port, [`${chunked('Host: localhost\r\nConnection: close\r\n')}${chunk(QUERY.slice(0, 10))}${chunk(QUERY.slice(10))}0\r\n\r\n`]);
    expect(answer.statuses).toEqual([200]);
    expect(jsonBodies(answer)).toEqual([{ data: { dataset: { version } } }]);
  });

  it('answers pipelined requests in order on a socket the client half-closes', async () => {
    const get = 'GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n';
    const answer = await rawExchange(port, [`${get}${get}${post('Host: x\r\n')}`], { halfClose: true });
    expect(answer.statuses).toEqual([200, 200, 200]);
    expect(jsonBodies(answer)).toEqual([{ status: 'ok' }, { status: 'ok' }, { data: { dataset: { version } } }]);
    await expectStillServing();
  });

  it('answers pipelined requests the client abandons mid-way, then still serves', async () => {
    const get = 'GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n';
    const answer = await rawExchange(port, [`${get}${post('Host: x\r\n').slice(0, 60)}`], { abort: true, waitMs: 500 });
    expect(answer.closed).toBe(true);
    await expectStillServing();
  });
});

describe('http edge: internal errors of any route leave the process masked and coded', () => {
  // A store whose reads fail as an unmapped driver error would: the message names a file path.
  function failingStore(): GraphStore {
    const inner = createEmbeddedGraphStore();
    const fail = async () => {
      throw new TypeError('secret internal detail: /srv/data/x');
    };
    return new Proxy(inner, {
      get(target, property, receiver) {
        if (property === 'listEdges' || property === 'getNeighbours' || property === 'getNodes' || property === 'listNodes') return fail;
        const value = Reflect.get(target, property, receiver) as unknown;
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    });
  }

  let server: Server;
  let base: string;
  beforeAll(async () => {
    const { app, config } = createTestApp({}, failingStore());
    server = createServer(app, edgeLimitsOf(config));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it.each(['/export/graph.json', '/export/graph.graphml', '/export/matrix.csv?rows=ACTION_LINES&columns=SDG_GOALS', '/export/matrix.json?rows=ACTION_LINES&columns=SDG_GOALS'])(
    'answers %s with the masked coded 500, no message or path',
    async (route) => {
      const response = await fetch(base + route);
      const text = await response.text();
      expect([response.status, JSON.parse(text)]).toEqual([500, { errors: [{ message: 'Unexpected error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] }]);
      expect(text).not.toMatch(/secret|\/srv\/|at .*\.ts/);
    },
  );

  it('masks the same failure on /graphql', async () => {
    const response = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ coverage { entities { mandateCount } } }' }),
    });
    const text = await response.text();
    expect(text).not.toMatch(/secret|\/srv\//);
    expect((JSON.parse(text) as { errors: { message: string }[] }).errors.map((e) => e.message)).toContain('Unexpected error.');
  });
});

describe('http edge: the app fails after the request body was read', () => {
  // What a throwing yoga plugin does (as the cache key did on variables nested 20,000 deep): the body
  // has been read to its end (by the cache front, or by whatwg-node) when the failure comes, and the
  // request stream is then destroyed by Node itself, which is not the client leaving.
  let server: Server;
  let base: string;
  beforeAll(async () => {
    const { app, config } = createTestApp();
    const failing = new Proxy(app, {
      get(target, property) {
        if (property !== 'handleNodeRequestAndResponse') return Reflect.get(target, property) as unknown;
        return async (req: IncomingMessage) => {
          if (!req.readableEnded) await new Promise((resolve) => req.resume().on('end', resolve));
          throw new RangeError('Maximum call stack size exceeded');
        };
      },
    });
    server = createServer(failing, edgeLimitsOf(config));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it.each(['application/json', 'text/plain'])('answers a %s POST with the masked coded 500, not with silence', async (contentType) => {
    const response = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': contentType },
      body: JSON.stringify({ query: '{ __typename }' }),
      signal: AbortSignal.timeout(10_000),
    });
    expect([response.status, await response.json()]).toEqual([500, { errors: [{ message: 'Unexpected error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] }]);
  });
});
