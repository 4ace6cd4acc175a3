import { request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hashApiKey } from '../../src/auth/api-key-authenticator';
import { loadConfig } from '../../src/config';
import { createApp, type App } from '../../src/http/create-app';
import { createServer, edgeLimitsOf } from '../../src/http/create-server';
import type { Logger } from '../../src/logger';
import { createEmbeddedGraphStore } from '../../src/store/embedded/create-embedded-graph-store';
import type { GraphStore } from '../../src/store/graph-store';

/**
 * The app behind a real socket on port 0 (`createServer`, as main.ts serves it), recording which requests
 * the listener hands to yoga and every request log line: for the tests of what the listener answers
 * itself (the response cache's front, the fast lane) against yoga's own answers.
 */
export const KEYS = { reader: 'reader-key-0123456789', curator: 'curator-key-0123456789', admin: 'admin-key-0123456789' } as const;
const API_KEYS = `ro:reader:${hashApiKey(KEYS.reader)},cur:curator:${hashApiKey(KEYS.curator)},adm:admin:${hashApiKey(KEYS.admin)}`;
export type Caller = 'anonymous' | keyof typeof KEYS;

export interface Sent {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

export interface Request {
  caller?: Caller;
  method?: 'GET' | 'POST';
  body?: unknown;
  /** The body as bytes to send, for JSON that JSON.stringify cannot make (nested past its stack). */
  rawBody?: string;
  search?: string;
  path?: string;
  headers?: Record<string, string>;
}

export interface Harness {
  app: App;
  store: GraphStore;
  port: number;
  /** Requests the listener handed to yoga, by path. */
  yogaRequests: string[];
  lines: Record<string, unknown>[];
  close(): Promise<void>;
}

/** `wrapStore`: the store the app is given, around the embedded one (a slow store, a store warming up). */
export async function start(env: Record<string, string> = {}, options: { wrapStore?(store: GraphStore): GraphStore } = {}): Promise<Harness> {
  const yogaRequests: string[] = [];
  const lines: Record<string, unknown>[] = [];
  const logger: Logger = {
    debug: () => undefined,
    info: (msg, fields = {}) => void (msg === 'request' && lines.push(fields)),
    warn: (msg, fields = {}) => void (msg === 'request' && lines.push(fields)),
    error: () => undefined,
  };
  const store = createEmbeddedGraphStore();
  const config = loadConfig({ API_KEYS, RATE_LIMIT_ANONYMOUS: '0', RATE_LIMIT_KEYED: '0', ...env });
  const app = createApp({ store: options.wrapStore?.(store) ?? store, config, logger });
  // Records each request the listener hands to yoga: a hit must never be one.
  const watched = new Proxy(app, {
    get(target, property) {
      if (property !== 'handleNodeRequestAndResponse') return Reflect.get(target, property) as unknown;
      return (req: IncomingMessage, ...rest: unknown[]) => {
        yogaRequests.push(req.url!.split('?', 1)[0]!);
        return (target.handleNodeRequestAndResponse as (...args: unknown[]) => unknown)(req, ...rest);
      };
    },
  });
  const server: Server = createServer(watched, edgeLimitsOf(config));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    app,
    store,
    port: (server.address() as AddressInfo).port,
    yogaRequests,
    lines,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await store.close();
    },
  };
}

export function headersOf(init: Request): Record<string, string> {
  const headers: Record<string, string> = { accept: 'application/graphql-response+json', ...init.headers };
  if (init.caller && init.caller !== 'anonymous') headers.authorization = `Bearer ${KEYS[init.caller]}`;
  if (init.method !== 'GET' && !('content-type' in headers)) headers['content-type'] = 'application/json';
  return headers;
}

export function targetOf(init: Request): string {
  return init.path ?? (init.method === 'GET' ? `/graphql?${init.search}` : '/graphql');
}

/** Over the socket, with node:http: the raw bytes (no decompression) and every header but the connection's own. */
export function overSocket(port: number, init: Request): Promise<Sent> {
  return new Promise((resolve, reject) => {
    const body = init.method === 'GET' ? undefined : (init.rawBody ?? JSON.stringify(init.body));
    const req = httpRequest({ host: '127.0.0.1', port, method: init.method ?? 'POST', path: targetOf(init), headers: headersOf(init) }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const headers = { ...res.headers } as Record<string, string>;
        for (const name of ['date', 'connection', 'keep-alive']) delete headers[name];
        resolve({ status: res.statusCode!, headers, body: Buffer.concat(chunks) });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Sends a request twice (an answer is stored the second time it is given) and returns the second answer, a miss. */
export async function storedOverSocket(port: number, init: Request): Promise<Sent> {
  await overSocket(port, init);
  return overSocket(port, init);
}

/** In process (app.fetch): the request goes through yoga's plugins, the cache's look-up there included. */
export async function inProcess(app: App, init: Request): Promise<Sent> {
  const response = await app.fetch(`http://localhost${targetOf(init)}`, {
    method: init.method ?? 'POST',
    headers: headersOf(init),
    body: init.method === 'GET' ? undefined : JSON.stringify(init.body),
  });
  return { status: response.status, headers: Object.fromEntries(response.headers.entries()), body: Buffer.from(await response.arrayBuffer()) };
}

