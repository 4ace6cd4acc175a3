import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { App } from './create-app';

/**
 * A Node HTTP server for the app. A body sent without `Content-Length`
 * (chunked) is read here up to `maxBodyBytes` and refused with 413 past it,
 * so no request can make the server buffer an unbounded body; everything
 * else goes to the app as it is (the app refuses an over-long declared length).
 */
export function createServer(app: App, maxBodyBytes: number): Server {
  return createHttpServer((req, res) => {
    if (req.headers['content-length'] !== undefined || !hasBody(req)) {
      void app(req, res);
      return;
    }
    void forwardChunked(app, req, res, maxBodyBytes);
  });
}

function hasBody(req: IncomingMessage): boolean {
  return req.headers['transfer-encoding'] !== undefined;
}

async function forwardChunked(app: App, req: IncomingMessage, res: ServerResponse, maxBodyBytes: number): Promise<void> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBodyBytes) {
      res.writeHead(413, { 'content-type': 'application/json', connection: 'close' });
      res.end(
        JSON.stringify({
          errors: [
            {
              message: `Request body is larger than ${maxBodyBytes} bytes.`,
              extensions: { code: 'PAYLOAD_TOO_LARGE', limit: 'body', max: maxBodyBytes },
            },
          ],
        }),
      );
      req.destroy();
      return;
    }
    chunks.push(chunk as Buffer);
  }
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    if (key === 'transfer-encoding' || value === undefined) continue;
    headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  const response = await app.fetch(`http://${req.headers.host ?? 'localhost'}${req.url ?? '/'}`, {
    method: req.method,
    headers,
    body: Buffer.concat(chunks),
  });
  res.writeHead(response.status, Object.fromEntries(response.headers.entries()));
  res.end(Buffer.from(await response.arrayBuffer()));
}
