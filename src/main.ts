import type { AddressInfo } from 'node:net';
import { ConfigError, loadConfig } from './config';
import { createApp } from './http/create-app';
import { createServer } from './http/create-server';
import { createLogger } from './logger';
import { createGraphStore } from './store/create-graph-store';

/** Composition root: config → store → app → listen; closes everything on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL);
  const store = await createGraphStore(config, logger);
  const app = createApp({ store, config, logger });
  const server = createServer(app, config.MAX_BODY_BYTES);

  server.listen(config.PORT, config.HOST, () => {
    const { port } = server.address() as AddressInfo;
    logger.info('listening', { url: `http://localhost:${port}/graphql`, store: store.kind });
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('shutting down', { signal });
    // Stop accepting, let requests in flight finish, then release the store.
    server.close(() => {
      void store.close().then(() => process.exit(0));
    });
    server.closeIdleConnections();
    setTimeout(() => process.exit(1), 10_000).unref();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), level: 'error', msg: 'start-up failed', error: String(error) })}\n`);
  }
  process.exit(1);
});
