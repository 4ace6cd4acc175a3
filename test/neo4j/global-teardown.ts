import type { TestNeo4j } from './start-test-neo4j';

/** Jest global tear-down: stops the test Neo4j that global-setup.ts started, if it started one. */
export default async function globalTeardown(): Promise<void> {
  const holder = globalThis as { __testNeo4j?: TestNeo4j };
  const server = holder.__testNeo4j;
  if (!server) return;
  holder.__testNeo4j = undefined;
  await server.stop();
}
