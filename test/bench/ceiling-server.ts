/**
 * The ceiling: a bare `node:http` server that answers `POST /graphql` with
 * bytes it already holds. It reads the request body (as any GraphQL server
 * must) and looks the exact body up in a map of pre-serialised responses,
 * captured from the real service; anything else gets 404. No parsing, no
 * validation, no execution: the most any Node server could do per request on
 * this machine, against which the service's throughput is compared.
 *
 *   node ceiling-server.js <responses.json>   (a JSON object: request body → response body)
 *
 * Prints `{"msg":"listening","url":...}` on stdout like the service.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const file = process.argv[2];
if (!file) {
  process.stderr.write('usage: ceiling-server <responses.json>\n');
  process.exit(2);
}
const answers = new Map<string, Buffer>(
  Object.entries(JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>).map(([request, response]) => [
    request,
    Buffer.from(response),
  ]),
);

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const body = req.method === 'POST' && req.url === '/graphql' ? answers.get(Buffer.concat(chunks).toString('utf8')) : undefined;
    if (!body) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('no such workload');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/graphql-response+json; charset=utf-8', 'content-length': body.length });
    res.end(body);
  });
});
server.listen(Number(process.env.PORT ?? 0), process.env.HOST ?? '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`${JSON.stringify({ msg: 'listening', url: `http://localhost:${port}/graphql` })}\n`);
});
process.on('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
