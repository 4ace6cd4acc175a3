import type { AddressInfo } from 'node:net';
import { ConfigError, loadConfig } from './config';
import { createApp } from './http/create-app';
import { createServer, edgeLimitsOf } from './http/create-server';
import { ExecutionWorker } from './execution-worker/execution-worker';
import { createLogger } from './logger';
import { createGraphStore } from './store/create-graph-store';

/** Composition root: config → store → app → listen; closes everything on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL, config.LOG_FORMAT);
  const store = await createGraphStore(config, logger);
  const worker = config.EXPENSIVE_IN_WORKER ? new ExecutionWorker({ config, store, logger }) : undefined;
  const app = createApp({ store: worker?.feed(store) ?? store, config, logger, worker });
  const server = createServer(app, edgeLimitsOf(config), logger);

  // A port in use (or not ours to take) ends start-up with one line naming it, not a stack trace.
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => reject(new ListenError(listenMessage(error, config.HOST, config.PORT))));
    server.listen(config.PORT, config.HOST, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  logger.info('listening', { url: `http://localhost:${port}/graphql`, explorer: `http://localhost:${port}/`, store: store.kind });
  server.on('error', (error) => logger.error('server error', { error: String(error) }));

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('shutting down', { signal });
    // Stop accepting, let requests in flight finish, then release the store.
    server.close(() => {
      Promise.all([worker?.close(), store.close()]).then(
        () => {
          logger.flush?.();
          process.exit(0);
        },
        (error: unknown) => {
          logger.error('store did not close cleanly', { error: String(error) });
          process.exit(1);
        },
      );
    });
    server.closeIdleConnections();
    setTimeout(() => process.exit(1), 10_000).unref();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

class ListenError extends Error {}

function listenMessage(error: NodeJS.ErrnoException, host: string, port: number): string {
  switch (error.code) {
    case 'EADDRINUSE':
      return `Cannot listen on ${host}:${port}: the port is already in use (set PORT to another port, or 0 for any free one).`;
    case 'EACCES':
      return `Cannot listen on ${host}:${port}: permission denied (ports below 1024 need privileges; set PORT).`;
    case 'EADDRNOTAVAIL':
      return `Cannot listen on ${host}:${port}: the address is not available on this machine (set HOST).`;
    default:
      return `Cannot listen on ${host}:${port}: ${error.code ?? error.message}.`;
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof ListenError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), level: 'error', msg: 'start-up failed', error: String(error) })}\n`);
  }
  process.exit(1);
});
