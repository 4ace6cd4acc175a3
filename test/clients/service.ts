import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createServer, edgeLimitsOf } from '../../src/http/create-server';
import { createTestApp } from '../e2e/test-app';

export interface RunningService {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  origin: string;
  /** The GraphQL endpoint, `<origin>/graphql`. */
  url: string;
  /** Method, target and headers of every request that reached /graphql…, in order (what a client really sent). */
  received: { method: string; url: string; headers: Record<string, string | string[] | undefined> }[];
  close(): Promise<void>;
}

/**
 * The real service (the app over the real seeds, behind the Node server `npm start` runs) on a
 * free port of 127.0.0.1, for client libraries to talk to over a socket, as an integrator's would.
 * `received` records the request heads that reached the socket.
 */
export async function startService(env: Record<string, string> = {}): Promise<RunningService> {
  const { app, config } = createTestApp({ RATE_LIMIT_ANONYMOUS: '0', ...env });
  const server: Server = createServer(app, edgeLimitsOf(config));
  const received: RunningService['received'] = [];
  // Heads only: reading the body here would race the app for it (a client's fetch records its own bodies).
  server.prependListener('request', (req) => {
    if (req.url?.startsWith('/graphql')) received.push({ method: req.method ?? '', url: req.url, headers: { ...req.headers } });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    url: `${origin}/graphql`,
    received,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
