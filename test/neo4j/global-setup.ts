import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { startTestNeo4j, TestNeo4jUnavailableError, type TestNeo4j } from './start-test-neo4j';

/** The marker a test file carries to say it needs the live Neo4j (see use-live-neo4j.ts). */
const MARKER = 'useLiveNeo4j(';

/** The environment variable that tells the Neo4j leg why it is skipped (never set under CI=true). */
export const SKIP_VARIABLE = 'WSIS_NEO4J_SKIP';

interface JestGlobalConfig {
  rootDir: string;
  testPathPattern?: string;
}

/**
 * Jest global set-up: when this run includes a test file of the Neo4j leg
 * (one that calls `useLiveNeo4j(`) and `NEO4J_URI` is not set, builds and
 * starts the test Neo4j and hands its URI and credentials to every worker
 * through `NEO4J_URI`, `NEO4J_USER`, `NEO4J_PASSWORD`. Runs that include no
 * such file (e.g. `npx jest test/unit/config.test.ts`) start nothing.
 *
 * Without Java or Maven the leg is skipped with the reason in its test names,
 * except under `CI=true`, where it is an error: CI must prove the leg.
 */
export default async function globalSetup(globalConfig: JestGlobalConfig): Promise<void> {
  if (process.env.NEO4J_URI) return;
  if (!selectsLiveNeo4jTests(globalConfig)) return;
  const started = Date.now();
  let server: TestNeo4j;
  try {
    server = await startTestNeo4j();
  } catch (error) {
    if (error instanceof TestNeo4jUnavailableError && process.env.CI !== 'true') {
      process.env[SKIP_VARIABLE] = error.message;
      process.stderr.write(`\nNeo4j leg skipped: ${error.message}\n`);
      return;
    }
    throw error;
  }
  (globalThis as { __testNeo4j?: TestNeo4j }).__testNeo4j = server;
  process.env.NEO4J_URI = server.uri;
  process.env.NEO4J_USER = server.user;
  process.env.NEO4J_PASSWORD = server.password;
  process.env.NEO4J_DATABASE = 'neo4j';
  process.stderr.write(`\nTest Neo4j 5.26 ready at ${server.uri} in ${((Date.now() - started) / 1000).toFixed(1)} s (build + start).\n`);
}

// Does the run's path pattern select a file carrying the marker? Unreadable pattern: assume yes.
function selectsLiveNeo4jTests(globalConfig: JestGlobalConfig): boolean {
  let pattern: RegExp;
  try {
    pattern = new RegExp(globalConfig.testPathPattern ?? '', 'i');
  } catch {
    return true;
  }
  return listTestFiles(path.join(globalConfig.rootDir, 'test')).some(
    (file) => pattern.test(file) && readFileSync(file, 'utf8').includes(MARKER),
  );
}

function listTestFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : listTestFiles(full);
    return entry.name.endsWith('.test.ts') ? [full] : [];
  });
}
