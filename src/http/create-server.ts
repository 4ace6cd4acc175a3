import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { sendNodeResponse } from '@whatwg-node/server';
import type { Config } from '../config';
import type { ErrorCode } from '../domain/errors';
import type { Logger } from '../logger';
import type { Candidate } from './cache/cache-front';
import type { App } from './create-app';
import { INTERNAL_ERROR_MESSAGE, sendError, writeSocketError } from './send-error';
import { isPlainPath } from './plain-path';

/** What the HTTP edge enforces; from the config's `MAX_BODY_BYTES` and `HTTP_*` keys. */
export interface EdgeLimits {
  /** Largest request body, for both framings (`Content-Length` and chunked). */
  maxBodyBytes: number;
  /** Longest wait for a request's headers (Node's `server.headersTimeout`). */
  headersTimeoutMs: number;
  /** Longest wait for a whole request, headers and body (Node's `server.requestTimeout`). */
  requestTimeoutMs: number;
  /** How long an idle keep-alive connection stays open (Node's `server.keepAliveTimeout`). */
  keepAliveTimeoutMs: number;
  /** Largest request head, request line and headers together (Node's `maxHeaderSize`). */
  maxHeaderBytes: number;
}

/** The edge's limits as the configuration sets them. */
export function edgeLimitsOf(config: Config): EdgeLimits {
  return {
    maxBodyBytes: config.MAX_BODY_BYTES,
    headersTimeoutMs: config.HTTP_HEADERS_TIMEOUT_MS,
    requestTimeoutMs: config.HTTP_REQUEST_TIMEOUT_MS,
    keepAliveTimeoutMs: config.HTTP_KEEP_ALIVE_TIMEOUT_MS,
    maxHeaderBytes: config.HTTP_MAX_HEADER_BYTES,
  };
}

/**
 * The Node HTTP server in front of the app: the edge no byte sequence may
 * end or wedge. See `README.md` beside this file for each case it answers.
 *
 * - Node's parser refuses malformed framing (both `Content-Length` and
 *   `Transfer-Encoding`, bad chunk sizes, bad header bytes, heads over
 *   `maxHeaderBytes`) and slow heads or bodies (timeouts); `clientError`
 *   answers those with a coded body and closes the socket.
 * - Before the app: the `Host` must be a host, the target a path with valid
 *   percent-encoding, and a declared body within `maxBodyBytes`; a chunked
 *   body is read here, counted, and cut off with 413 past the limit. (With
 *   `Content-Length`, Node's parser never hands on more bytes than declared,
 *   so the declared length is the bound.)
 * - A GET or POST the response cache may answer is looked up before the app
 *   (`cache/cache-front.ts`; a JSON POST's body is read here for its key):
 *   a hit is sent from here, a miss goes on to the app.
 * - Every promise is handled: an error the app throws past its own handling
 *   is logged and answered with the masked coded 500, a client gone mid-way
 *   just closes its socket.
 */
export function createServer(app: App, limits: EdgeLimits, logger?: Logger): Server {
  const server = createHttpServer(
    {
      maxHeaderSize: limits.maxHeaderBytes,
      // A missing Host is refused in refuseHead, with a coded body (Node's own check answers an empty 400).
      requireHostHeader: false,
      // How often Node checks the two request timeouts: often enough for the shortest of them to be kept.
      connectionsCheckingInterval: Math.max(100, Math.min(30_000, Math.floor(Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs) / 4))),
    },
    (req, res) => handle(app, limits, req, res, logger),
  );
  server.headersTimeout = limits.headersTimeoutMs;
  server.requestTimeout = limits.requestTimeoutMs;
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => answerClientError(error, socket));
  return server;
}

function handle(app: App, limits: EdgeLimits, req: IncomingMessage, res: ServerResponse, logger?: Logger): void {
  const refusal = refuseHead(req, limits.maxBodyBytes);
  if (refusal) {
    sendError(res, refusal.status, refusal.code, refusal.message, { extensions: refusal.extensions, close: true });
    return;
  }
  // A request the response cache may answer is looked up here, before yoga (cache/cache-front.ts).
  const candidate = candidateOf(app, req, logger);
  const chunked = req.headers['transfer-encoding'] !== undefined;
  if (!chunked && !candidate?.needsBody) {
    if (candidate) answerOrServe(app, candidate, req, res, undefined, logger);
    else serve(app, req, res, logger);
    return;
  }
  // With Content-Length the declared length was checked above, so only a chunked body can pass the limit.
  readBody(req, limits.maxBodyBytes).then(
    (body) => {
      if (body === null) {
        sendError(res, 413, 'PAYLOAD_TOO_LARGE', `Request body is larger than ${limits.maxBodyBytes} bytes.`, {
          extensions: { limit: 'body', max: limits.maxBodyBytes },
          close: true,
        });
        return;
      }
      // whatwg-node takes a body already read from `req.body` (as after Express's body-parser), not from the spent stream.
      if (body.length > 0) (req as IncomingMessage & { body?: Buffer }).body = body;
      if (candidate) answerOrServe(app, candidate, req, res, body, logger);
      else serve(app, req, res, logger);
    },
    // The client went away mid-body (aborted, reset): nobody is left to answer.
    () => res.destroy(),
  );
}

/** The front's candidate, or `null`; whatever it throws leaves the request to the app (never to the process's end). */
function candidateOf(app: App, req: IncomingMessage, logger?: Logger): Candidate | null {
  try {
    return app.cacheFront.candidate(req);
  } catch (error) {
    logger?.warn('cache look-up skipped', { error: describe(error) });
    return null;
  }
}

/** Sends the cached answer, or hands the request to the app (a miss, or anything the front leaves to yoga). */
function answerOrServe(app: App, candidate: Candidate, req: IncomingMessage, res: ServerResponse, body: Buffer | undefined, logger?: Logger): void {
  app.cacheFront.answer(candidate, req, res, body).then(
    (answered) => {
      if (!answered) serve(app, req, res, logger);
    },
    (error: unknown) => {
      if (clientLeft(res)) return;
      logger?.error('request failed', { method: req.method, error: describe(error) });
      sendError(res, 500, 'INTERNAL_SERVER_ERROR', INTERNAL_ERROR_MESSAGE);
    },
  );
}

/**
 * Whether nobody is left to answer: the response or its socket is gone. Not `req.destroyed`: a request
 * whose body has been read to its end is destroyed too (Node's autoDestroy), and a failure after
 * reading the body was then taken for a client that left and answered with nothing at all.
 */
function clientLeft(res: ServerResponse): boolean {
  return res.destroyed || res.socket === null || res.socket.destroyed;
}

/** Hands the request to the app; whatever the app throws past its own handling is masked here. */
function serve(app: App, req: IncomingMessage, res: ServerResponse, logger?: Logger): void {
  Promise.resolve()
    .then(() => app.handleNodeRequestAndResponse(req, res, { req, res }))
    .then(
      (response) => sendNodeResponse(response, res, req, true),
      (error: unknown) => {
        if (clientLeft(res)) return; // not the service's failure
        logger?.error('request failed', { method: req.method, error: describe(error) });
        sendError(res, 500, 'INTERNAL_SERVER_ERROR', INTERNAL_ERROR_MESSAGE);
      },
    )
    .catch((error: unknown) => {
      logger?.warn('response not sent', { error: describe(error) });
      res.destroy();
    });
}

interface Refusal {
  status: number;
  code: ErrorCode;
  message: string;
  extensions?: Record<string, unknown>;
}

// A registered name, an IPv4 address or a bracketed IPv6 address, with an optional port (RFC 9110 §7.2, RFC 3986 §3.2.2).
const HOST = /^(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._~!$&'()*+,;=%-]+)(?::[0-9]{1,5})?$/;

// The last Host found valid: a client sends the same one on every request (a URL parse saved on each).
let validHost: string | undefined;

function refuseHead(req: IncomingMessage, maxBodyBytes: number): Refusal | null {
  const host = req.headers.host;
  if (host !== validHost) {
    if (host === undefined || !HOST.test(host) || !parsesAsUrl(`http://${host}/`)) {
      return { status: 400, code: 'BAD_REQUEST', message: 'The Host header is missing or is not a valid host.' };
    }
    validHost = host;
  }
  const target = req.url ?? '';
  if (!target.startsWith('/')) {
    return { status: 400, code: 'BAD_REQUEST', message: 'The request target must be a path (origin-form), e.g. /graphql.' };
  }
  const path = target.split('?', 1)[0]!;
  if (!isPlainPath(target) && (!decodes(path) || !parsesAsUrl(`http://${host}${target}`))) {
    return { status: 400, code: 'BAD_REQUEST', message: 'The request path is not valid percent-encoded text.' };
  }
  const declared = req.headers['content-length'];
  if (declared !== undefined && Number(declared) > maxBodyBytes) {
    return {
      status: 413,
      code: 'PAYLOAD_TOO_LARGE',
      message: `Request body is larger than ${maxBodyBytes} bytes.`,
      extensions: { limit: 'body', max: maxBodyBytes },
    };
  }
  return null;
}

/** The whole body, or `null` once it passes `maxBytes` (the rest is not read). Rejects when the client aborts. */
function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        cleanup();
        req.pause();
        resolve(null);
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(Buffer.concat(chunks, size));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    // 'close' before 'end' is a client that went away without an error event (possible on some Node versions).
    const onClose = () => {
      cleanup();
      reject(new Error('request closed before its body ended'));
    };
    const cleanup = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
  });
}

/**
 * Answers what Node's HTTP parser refused (or a request that timed out), with
 * a coded body, and closes the socket. When the failure comes mid-body, the
 * request already has its `ServerResponse`: the answer goes there, unless it
 * has started (then only closing is left).
 */
function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || error.code === 'EPIPE') {
    socket.destroy();
    return;
  }
  const [status, reason, code, message] = CLIENT_ERRORS[error.code ?? ''] ?? CLIENT_ERRORS.default!;
  const res = (socket as Socket & { _httpMessage?: ServerResponse | null })._httpMessage;
  if (res) sendError(res, status, code, message, { close: true });
  else writeSocketError(socket, status, reason, code, message);
}

const CLIENT_ERRORS: Record<string, [status: number, reason: string, code: ErrorCode, message: string]> = {
  HPE_HEADER_OVERFLOW: [431, 'Request Header Fields Too Large', 'HEADERS_TOO_LARGE', 'The request head is larger than the server accepts.'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'Request Timeout', 'REQUEST_TIMEOUT', 'The request was not received in time.'],
  default: [400, 'Bad Request', 'BAD_REQUEST', 'The request is not well-formed HTTP/1.1.'],
};

function parsesAsUrl(text: string): boolean {
  try {
    new URL(text);
    return true;
  } catch {
    return false;
  }
}

function decodes(path: string): boolean {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
