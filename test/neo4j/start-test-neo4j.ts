import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync, readdirSync, statSync, utimesSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';

/** Where the Maven module of the test server lives. */
export const SERVER_DIR = path.join(__dirname, 'server');

/** A running test Neo4j: how to reach it, and how to stop it. */
export interface TestNeo4j {
  uri: string;
  user: string;
  password: string;
  /** The server's process id (for a test that stops and restarts it). */
  pid: number;
  /** Resolves when the server process has exited, for whatever reason. */
  exited: Promise<void>;
  /** Stops the server (SIGTERM, then SIGKILL after 30 s) and resolves when it has exited. */
  stop(): Promise<void>;
}

export interface StartTestNeo4jOptions {
  /** Bolt port; 0 (default) lets the system choose a free one. */
  port?: number;
  /** JVM heap, e.g. '1g' (default). */
  heap?: string;
  /** Neo4j page cache, e.g. '256m' (default). */
  pageCache?: string;
  /** The password of user neo4j; generated for the run when absent. */
  password?: string;
  /** The folder the data folder is made in; default /dev/shm when it exists (a tmpfs: commits skip the disk), else the system's. */
  workParent?: string;
  /** How long to wait for the ready line, in ms (default 180 s: a cold JVM on 2 busy cores). */
  readyTimeoutMs?: number;
  /** Where Neo4j's own log lines (the server's stderr) go; default: kept and shown only on failure. */
  log?: (line: string) => void;
}

/** Java or Maven is missing, or the server could not be built; the message says which and what to install. */
export class TestNeo4jUnavailableError extends Error {}

/**
 * Builds the test server if needed (`buildTestNeo4j`) and starts it: a real
 * Neo4j Community 5.26 from `org.neo4j.test:neo4j-harness`, Bolt on
 * 127.0.0.1, authentication on with a password made for this run. Resolves
 * when the server has printed its ready line. The server also stops when this
 * process dies (its stdin is a pipe from here), so no run leaves an orphan.
 */
export async function startTestNeo4j(options: StartTestNeo4jOptions = {}): Promise<TestNeo4j> {
  const classpath = buildTestNeo4j();
  const args = [
    `-Xms${options.heap ?? '1g'}`,
    `-Xmx${options.heap ?? '1g'}`,
    '-XX:+UseG1GC',
    // Neo4j reaches into java.base for direct memory; without these it logs warnings and runs slower.
    '--add-opens=java.base/java.nio=ALL-UNNAMED',
    '--add-opens=java.base/java.lang=ALL-UNNAMED',
    '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
    '-cp',
    classpath,
    'wsis.neo4j.TestServer',
    '--port',
    String(options.port ?? 0),
    '--pagecache',
    options.pageCache ?? '256m',
    ...workParentArgs(options.workParent),
    ...(options.password ? ['--password', options.password] : []),
  ];
  const child = spawn('java', args, { stdio: ['pipe', 'pipe', 'pipe'] });
  const logLines: string[] = [];
  createInterface({ input: child.stderr! }).on('line', (line) => {
    if (options.log) options.log(line);
    else if (logLines.push(line) > 200) logLines.shift();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const ready = await new Promise<{ uri: string; user: string; password: string }>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`The test Neo4j did not become ready within ${options.readyTimeoutMs ?? 180_000} ms.\n${logLines.join('\n')}`));
    }, options.readyTimeoutMs ?? 180_000);
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => {
      clearTimeout(timer);
      try {
        resolve(JSON.parse(line) as { uri: string; user: string; password: string });
      } catch {
        reject(new Error(`The test Neo4j printed ${JSON.stringify(line)} instead of its ready line.`));
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`The test Neo4j exited (${signal ?? `code ${code}`}) before it was ready.\n${logLines.join('\n')}`));
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`Could not run java: ${error.message}`));
    });
  });
  return { ...ready, pid: child.pid!, exited, stop: () => stopChild(child, exited) };
}

/**
 * Compiles `test/neo4j/server/` with Maven when its output is missing or
 * older than its sources, and returns the Java class path of the server.
 * Tries offline first (Maven's cache holds everything after the first build),
 * then online (Maven Central). Throws `TestNeo4jUnavailableError` when Java 17+
 * or Maven is missing or the build fails, with Maven's output.
 */
export function buildTestNeo4j(): string {
  requireTool('java', ['-version'], 'Java 17 or later (e.g. `apt-get install -y openjdk-17-jdk-headless`)');
  const classesDir = path.join(SERVER_DIR, 'target', 'classes');
  const classpathFile = path.join(SERVER_DIR, 'target', 'classpath.txt');
  if (!isBuilt(classpathFile)) {
    requireTool('mvn', ['-v'], 'Maven (e.g. `apt-get install -y maven`)');
    const maven = (offline: boolean) =>
      spawnSync('mvn', ['-q', '-B', '-Dstyle.color=never', ...(offline ? ['-o'] : []), 'compile'], {
        cwd: SERVER_DIR,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    let result = maven(true);
    if (result.status !== 0) result = maven(false);
    // Maven leaves an unchanged class path file as it was; its time is what says "built from these sources".
    if (result.status === 0 && existsSync(classpathFile)) utimesSync(classpathFile, new Date(), new Date());
    if (result.status !== 0 || !isBuilt(classpathFile)) {
      throw new TestNeo4jUnavailableError(
        `Building the test Neo4j (mvn compile in ${SERVER_DIR}) failed:\n${result.stdout}${result.stderr}${result.error?.message ?? ''}`,
      );
    }
  }
  return [classesDir, readFileSync(classpathFile, 'utf8').trim()].join(path.delimiter);
}

// Built = the class path exists, is newer than the pom and every Java source, and every jar it names is in Maven's cache.
function isBuilt(classpathFile: string): boolean {
  if (!existsSync(classpathFile)) return false;
  const builtAt = statSync(classpathFile).mtimeMs;
  const sources = [path.join(SERVER_DIR, 'pom.xml'), ...listFiles(path.join(SERVER_DIR, 'src'))];
  if (sources.some((file) => statSync(file).mtimeMs > builtAt)) return false;
  return readFileSync(classpathFile, 'utf8')
    .trim()
    .split(path.delimiter)
    .every((jar) => existsSync(jar));
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(path.join(dir, entry.name)) : [path.join(dir, entry.name)],
  );
}

// The data folder on a tmpfs when there is one: every commit forces Neo4j's transaction log to disk,
// which on a busy shared disk made a reseed of the seeds several times slower.
function workParentArgs(workParent: string | undefined): string[] {
  if (workParent) return ['--work-parent', workParent];
  try {
    accessSync('/dev/shm', constants.W_OK);
    return ['--work-parent', '/dev/shm'];
  } catch {
    return [];
  }
}

function requireTool(command: string, args: string[], what: string): void {
  const result = spawnSync(command, args, { stdio: 'ignore' });
  if (result.error || result.status !== 0) {
    throw new TestNeo4jUnavailableError(`\`${command}\` is not available: the Neo4j tests need ${what}.`);
  }
}

async function stopChild(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  await exited;
  clearTimeout(timer);
}
