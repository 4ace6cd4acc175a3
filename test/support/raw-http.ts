import net from 'node:net';

export interface RawAnswer {
  /** Everything the server sent before closing (or before the wait ended). */
  text: string;
  /** Status codes of every response head in `text`, in order. */
  statuses: number[];
  /** Whether the server closed the connection within the wait. */
  closed: boolean;
}

/**
 * Sends raw bytes on a fresh TCP connection and collects what comes back, for
 * framings no HTTP client library will produce. `parts` are written in order,
 * `pauseMs` apart; then the client half-closes (`end`), or with `abort` resets
 * the connection itself. Resolves when the server closes or after `waitMs`.
 */
export function rawExchange(
  port: number,
  parts: (string | Buffer)[],
  options: { pauseMs?: number; waitMs?: number; abort?: boolean; halfClose?: boolean } = {},
): Promise<RawAnswer> {
  const { pauseMs = 0, waitMs = 3000, abort = false, halfClose = false } = options;
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let done = false;
    const socket = net.connect(port, '127.0.0.1');
    const finish = (closed: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      const text = Buffer.concat(chunks).toString('utf8');
      const statuses = [...text.matchAll(/HTTP\/1\.[01] (\d{3})/g)].map((match) => Number(match[1]));
      resolve({ text, statuses, closed });
    };
    const timer = setTimeout(() => finish(false), waitMs);
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('close', () => finish(true));
    socket.on('error', () => finish(true));
    socket.on('connect', async () => {
      for (const [index, part] of parts.entries()) {
        if (index > 0 && pauseMs > 0) await new Promise((r) => setTimeout(r, pauseMs));
        if (socket.destroyed) return;
        socket.write(part);
      }
      if (abort) socket.resetAndDestroy();
      else if (halfClose) socket.end();
    });
  });
}

/** The JSON bodies of the responses in a raw answer (those that parse). */
export function jsonBodies(answer: RawAnswer): unknown[] {
  return answer.text
    .split(/HTTP\/1\.[01] \d{3}[^\r\n]*\r\n/)
    .slice(1)
    .map((response) => response.slice(response.indexOf('\r\n\r\n') + 4))
    .flatMap((body) => {
      const start = body.indexOf('{');
      const end = body.lastIndexOf('}');
      if (start < 0 || end < start) return [];
      try {
        return [JSON.parse(body.slice(start, end + 1)) as unknown];
      } catch {
        return [];
      }
    });
}
