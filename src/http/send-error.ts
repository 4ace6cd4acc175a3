import type { ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { ErrorCode } from '../domain/errors';

/**
 * The one error body every HTTP route answers with, the GraphQL error shape
 * (so a client has one parser for every failure of every route):
 *
 * ```json
 * { "errors": [{ "message": "…", "extensions": { "code": "BAD_REQUEST", … } }] }
 * ```
 *
 * Three writers for the three places a failure is answered from: a yoga
 * plugin (`errorResponse`, a fetch `Response`), the Node request listener
 * before yoga sees the request (`sendError`), and a raw socket whose request
 * Node could not even parse (`writeSocketError`). `internalError*` is the
 * masked answer for anything unexpected: it never carries the error's message,
 * stack or a file path (log the error itself instead).
 */
export interface ErrorBody {
  errors: [{ message: string; extensions: { code: ErrorCode } & Record<string, unknown> }];
}

export interface ErrorOptions {
  /** Extra `extensions` beside `code` (e.g. `limit`, `max`, `retryAfter`). */
  extensions?: Record<string, unknown>;
  /** Extra response headers (e.g. `retry-after`, `allow`). */
  headers?: Record<string, string>;
}

/** The message of every masked internal error, the same as the GraphQL route's. */
export const INTERNAL_ERROR_MESSAGE = 'Unexpected error.';

export function errorBody(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}): ErrorBody {
  return { errors: [{ message, extensions: { code, ...extensions } }] };
}

/**
 * A fetch `Response` with the coded body, for yoga plugins. Pass the plugin's
 * `fetchAPI.Response` so yoga's fast path for its own Response class applies.
 */
export function errorResponse(
  status: number,
  code: ErrorCode,
  message: string,
  options: ErrorOptions = {},
  ResponseClass: typeof Response = Response,
): Response {
  return new ResponseClass(JSON.stringify(errorBody(code, message, options.extensions)), {
    status,
    headers: { 'content-type': JSON_TYPE, ...options.headers },
  });
}

/** The masked 500 as a fetch `Response`. */
export function internalErrorResponse(ResponseClass: typeof Response = Response): Response {
  return errorResponse(500, 'INTERNAL_SERVER_ERROR', INTERNAL_ERROR_MESSAGE, {}, ResponseClass);
}

/**
 * Answers on a Node `ServerResponse` with the coded body. With `close`, the
 * connection is closed after the answer (for a request whose body is left
 * unread, so that its bytes cannot be taken for the next request). Does
 * nothing when headers were already sent: the socket is destroyed instead,
 * since no well-formed answer can follow a half-written one.
 */
export function sendError(
  res: ServerResponse,
  status: number,
  code: ErrorCode,
  message: string,
  options: ErrorOptions & { close?: boolean } = {},
): void {
  if (res.headersSent || res.destroyed) {
    res.destroy();
    return;
  }
  const body = JSON.stringify(errorBody(code, message, options.extensions));
  res.writeHead(status, {
    'content-type': JSON_TYPE,
    'content-length': Buffer.byteLength(body),
    ...(options.close ? { connection: 'close' } : {}),
    ...options.headers,
  });
  res.end(body);
}

/**
 * Writes a whole coded HTTP/1.1 answer on a socket and closes it, for
 * requests Node's parser refused (`clientError`): there is no
 * `ServerResponse` then. Never throws; a socket that is gone is left alone.
 */
export function writeSocketError(socket: Socket, status: number, reason: string, code: ErrorCode, message: string): void {
  if (socket.destroyed) return;
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const body = JSON.stringify(errorBody(code, message));
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: ${JSON_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
  // A client that stops reading must not hold the socket open.
  socket.setTimeout(1000, () => socket.destroy());
}

const JSON_TYPE = 'application/json; charset=utf-8';
