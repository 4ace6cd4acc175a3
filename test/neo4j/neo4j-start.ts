import { startTestNeo4j } from './start-test-neo4j';

/**
 * `npm run neo4j:start [-- --port N]`: builds and starts the test Neo4j
 * (see README.md here), prints its Bolt URI and credentials as one JSON line
 * on stdout and the matching environment variables on stderr, and runs until
 * Ctrl-C / SIGTERM (or until its stdin closes), then stops the server.
 * For development against a real database without Docker; never for deployment.
 */
async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const portAt = argv.indexOf('--port');
  const port = portAt >= 0 ? Number(argv[portAt + 1]) : 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port needs a port number (0-65535), got ${argv[portAt + 1]}.`);
  process.stderr.write('Starting the test Neo4j (the first run downloads it with Maven)...\n');
  const server = await startTestNeo4j({ port });
  process.stdout.write(`${JSON.stringify({ uri: server.uri, user: server.user, password: server.password })}\n`);
  process.stderr.write(
    `Ready. In another shell:\n  export NEO4J_URI=${server.uri} NEO4J_USER=${server.user} NEO4J_PASSWORD=${server.password}\n` +
      '  npm run db:seed -- --wipe && STORE=neo4j npm start\nCtrl-C stops it (its data is deleted).\n',
  );
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void server.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  void server.exited.then(() => {
    if (stopping) return;
    process.stderr.write('neo4j:start: the test Neo4j exited on its own.\n');
    process.exit(1);
  });
  // A closed stdin (the parent went away) also stops it; when stdin is not a pipe this never fires.
  process.stdin.on('end', stop).resume();
}

main().catch((error: unknown) => {
  process.stderr.write(`neo4j:start failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
