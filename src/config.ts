import { z } from 'zod';

/**
 * The service's configuration: the only module that reads `process.env`.
 * Every key has its variable, format, default and meaning here; the README's
 * configuration table follows this list. A bad value stops start-up with a
 * message naming the variable and the expected form.
 */
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const envSchema = z.object({
  PORT: int(0, 65535).default(4000).describe('TCP port to listen on (0 picks a free one)'),
  HOST: z.string().min(1).default('0.0.0.0').describe('interface to listen on'),
  STORE: z.enum(['embedded', 'neo4j']).default('embedded').describe('which store adapter serves the graph'),
  SEEDS_DIR: z.string().min(1).optional().describe("seeds folder for the embedded store (default: the project's seeds/)"),
  DATA_DIR: z
    .string()
    .min(1)
    .default('./data')
    .describe("folder of the embedded store's write journal (journal.jsonl, snapshot.json); see src/store/embedded/README.md"),
  JOURNAL_COMPACT_EVERY: int(1, 10_000_000)
    .default(1000)
    .describe('the embedded journal is folded into its snapshot (off the request path) once this many write batches are in it'),
  NEO4J_URI: z
    .string()
    .regex(/^(neo4j|neo4j\+s|neo4j\+ssc|bolt|bolt\+s|bolt\+ssc):\/\/.+/, 'a neo4j:// or bolt:// URI')
    .optional()
    .describe('Neo4j address (neo4j:// routes over a cluster); required when STORE=neo4j'),
  NEO4J_USER: z.string().min(1).default('neo4j').describe('Neo4j user'),
  NEO4J_PASSWORD: z.string().default('').describe('Neo4j password (never logged)'),
  NEO4J_DATABASE: z.string().min(1).default('neo4j').describe('Neo4j database name'),
  NEO4J_MAX_POOL_SIZE: int(1, 1000).default(50).describe('driver connection pool size'),
  NEO4J_TIMEOUT_MS: int(100, 600_000)
    .default(15_000)
    .describe("longest one transaction may run on the server (the server's own limit; reads are cut earlier by MAX_EXECUTION_MS)"),
  NEO4J_CONNECT_TIMEOUT_MS: int(50, 600_000)
    .optional()
    .describe(
      'longest wait to connect to Neo4j or for a pooled connection (the driver\'s connectionTimeout and connectionAcquisitionTimeout); default: derived from MAX_EXECUTION_MS (see neo4jDriverTimeouts)',
    ),
  NEO4J_RETRY_MS: int(0, 600_000)
    .optional()
    .describe(
      "how long the driver keeps retrying a transaction that failed for want of the database (its maxTransactionRetryTime); default: derived from MAX_EXECUTION_MS (see neo4jDriverTimeouts)",
    ),
  MAX_DEPTH: int(1, 100).default(12).describe('deepest nesting of fields a query may have (`{ a { b } }` is 2; fragments add no level; introspection is not counted)'),
  MAX_COST: int(1, 100_000_000)
    .default(2_000_000)
    .describe('largest estimated query cost: the values an answer can hold, lists counted by `first` or by their largest fan-out in the data'),
  EXPENSIVE_COST: int(1, 100_000_000)
    .default(50_000)
    .describe('estimated cost above which a query counts as expensive and waits for one of MAX_CONCURRENT_EXPENSIVE slots'),
  MAX_CONCURRENT_EXPENSIVE: int(1, 1000).default(1).describe('expensive queries executing at once; the others wait in arrival order'),
  EXPENSIVE_IN_WORKER: z
    .stringbool()
    .default(true)
    .describe('expensive queries execute in a worker thread with its own heap, beside the one serving the others (false: on the main thread, in time slices); see src/execution-worker/README.md'),
  MAX_QUEUED_EXPENSIVE: int(0, 100_000).default(50).describe('expensive queries waiting at most; past it SERVER_BUSY (503, Retry-After)'),
  RATE_LIMIT_ANONYMOUS: int(0, 10_000_000)
    .default(600)
    .describe('requests per RATE_LIMIT_WINDOW_S from one client address without an API key (0: no limit); 429 past it'),
  RATE_LIMIT_KEYED: int(0, 10_000_000).default(6000).describe('requests per RATE_LIMIT_WINDOW_S with one API key (0: no limit); 429 past it'),
  RATE_LIMIT_WINDOW_S: int(1, 86_400).default(60).describe('the rate limits\' window, in seconds'),
  MAX_EXECUTION_MS: int(10, 600_000).default(5_000).describe('longest a query may execute before it is aborted with EXECUTION_TIMEOUT'),
  MAX_RESPONSE_BYTES: int(1024, 1024 * 1024 * 1024)
    .default(8 * 1024 * 1024)
    .describe('largest GraphQL answer sent; a larger one is replaced by RESPONSE_TOO_LARGE'),
  COMPILED_QUERIES: int(0, 100_000)
    .default(500)
    .describe('queries kept compiled by graphql-jit (LRU by document and operation; 0: every query runs on graphql-js); see src/graphql/compiled-execution/README.md'),
  MAX_ALIASES: int(1, 1000).default(30).describe("most aliases in one query (a fragment's counted at each spread; `__typename` aliases are free)"),
  MAX_TOKENS: int(10, 1_000_000).default(5_000).describe('most lexical tokens in one query document'),
  // 1 MiB: the largest write the API allows (2,000 mapping assertions in one call, ~150 kB of JSON) fits with room;
  // 100 kB (the default before) refused it with PAYLOAD_TOO_LARGE.
  MAX_BODY_BYTES: int(1024, 100 * 1024 * 1024)
    .default(1024 * 1024)
    .describe('largest request body accepted, declared (Content-Length) or counted (chunked); 413 past it'),
  HTTP_HEADERS_TIMEOUT_MS: int(1000, 600_000)
    .default(10_000)
    .describe("longest wait for a request's headers (slow-header clients get 408 and a closed socket)"),
  HTTP_REQUEST_TIMEOUT_MS: int(1000, 3_600_000)
    .default(30_000)
    .describe('longest wait for a whole request, headers and body (at least HTTP_HEADERS_TIMEOUT_MS)'),
  HTTP_KEEP_ALIVE_TIMEOUT_MS: int(0, 600_000).default(5_000).describe('how long an idle keep-alive connection stays open'),
  HTTP_MAX_HEADER_BYTES: int(1024, 1024 * 1024)
    .default(16 * 1024)
    .describe('largest request head (request line and headers); 431 past it'),
  MAX_PAGE_SIZE: int(1, 10_000).default(500).describe('largest `first` of a list or search'),
  MAX_PATH_HOPS: int(1, 12).default(6).describe('largest `maxHops` of `paths`'),
  API_KEYS: z
    .string()
    .regex(
      /^\s*[A-Za-z0-9_.-]+:(reader|curator|admin):[0-9a-f]{64}\s*(,\s*[A-Za-z0-9_.-]+:(reader|curator|admin):[0-9a-f]{64}\s*)*$/,
      'a comma-separated list of <keyId>:<reader|curator|admin>:<sha256 hex of the key> (see src/http/AUTH.md)',
    )
    .optional()
    .describe('API keys as <keyId>:<role>:<sha256 hex>, comma-separated; only hashes, never keys (npm run hash-api-key)'),
  ALLOW_ANONYMOUS_READ: z.stringbool().default(true).describe('whether queries without an API key are served (mutations always need one)'),
  ALLOW_INTROSPECTION: z
    .stringbool()
    .default(true)
    .describe('whether __schema and __type queries and GET /graphql/schema.graphql are answered (on for development; GraphiQL and the explorer need it)'),
  CORS_ORIGINS: z
    .string()
    .regex(
      /^\s*(\*|https?:\/\/[^\s,/]+(\s*,\s*https?:\/\/[^\s,/]+)*)\s*$/,
      'a comma-separated list of origins (scheme://host[:port]) or *',
    )
    .optional()
    .describe('origins other sites may call the API from (comma-separated, or *: any origin, never with credentials); unset: same origin only'),
  PERSISTED_QUERIES_MAX: int(0, 1_000_000)
    .default(1000)
    .describe('automatic persisted queries (Apollo APQ) remembered, least recently used dropped first (0: APQ off)'),
  HTTP_CACHE_MAX_BYTES: int(0, 16 * 1024 ** 3)
    .default(64 * 1024 * 1024)
    .describe('bytes of answers the HTTP response cache keeps (LRU; 0: off); see src/http/cache/README.md'),
  HTTP_FAST_LANE_DOCUMENTS: int(0, 100_000)
    .default(500)
    .describe('query documents the HTTP listener runs itself for new variables, without the GraphQL pipeline (LRU; 0: off); see src/http/fast-lane/README.md'),
  HTTP_CACHE_TTL_MS: int(0, 86_400_000).default(0).describe('longest a cached answer is served (0: until the next write)'),
  HTTP_CACHE_SYNC_MS: int(0, 86_400_000)
    .default(1000)
    .describe("how often a copy over Neo4j reads the store's write log for other copies' writes (0: never)"),
  HTTP_CACHE_CONTROL: z
    .string()
    .min(1)
    .default('no-cache')
    .describe('Cache-Control of cacheable answers (private is added for requests with a key)'),
  HTTP_COMPRESS_MIN_BYTES: int(0, 100 * 1024 * 1024).default(1024).describe('smallest text answer sent compressed (br or gzip) when accepted'),
  LOG_LEVEL: z
    .enum(['debug', 'info', 'warn', 'error', 'silent'])
    .default('info')
    .describe('least severe log level written (info includes one line per request)'),
  LOG_FORMAT: z.enum(['json', 'pretty']).default('json').describe('JSON lines, or readable coloured lines for development (npm run dev)'),
});

type ParsedEnv = z.infer<typeof envSchema>;

/** The parsed environment, with the derived Neo4j driver timeouts always set. */
export type Config = Omit<ParsedEnv, 'NEO4J_CONNECT_TIMEOUT_MS' | 'NEO4J_RETRY_MS'> & {
  NEO4J_CONNECT_TIMEOUT_MS: number;
  NEO4J_RETRY_MS: number;
};

export class ConfigError extends Error {}

/**
 * Parses the environment (default: `process.env`) into a `Config`. Empty
 * strings count as unset, so `PORT= npm start` means the default.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const result = envSchema.safeParse(present);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => {
      const key = String(issue.path[0] ?? '?');
      // A key pasted where its hash belongs must not reach a log.
      const shown = key === 'API_KEYS' ? '<hidden>' : JSON.stringify(present[key] ?? '');
      return `${key}=${shown}: ${issue.message}`;
    });
    throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  if (result.data.HTTP_HEADERS_TIMEOUT_MS > result.data.HTTP_REQUEST_TIMEOUT_MS) {
    throw new ConfigError(
      `Invalid configuration:\n  HTTP_HEADERS_TIMEOUT_MS="${result.data.HTTP_HEADERS_TIMEOUT_MS}": at most HTTP_REQUEST_TIMEOUT_MS (${result.data.HTTP_REQUEST_TIMEOUT_MS})`,
    );
  }
  if (result.data.STORE === 'neo4j' && result.data.NEO4J_URI === undefined) {
    throw new ConfigError('Invalid configuration:\n  NEO4J_URI="": required when STORE=neo4j (e.g. neo4j://localhost:7687)');
  }
  const timeouts = neo4jDriverTimeouts(result.data);
  if (result.data.STORE === 'neo4j') assertNeo4jGivesUpInTime(result.data, timeouts);
  return { ...result.data, ...timeouts };
}

/**
 * The Neo4j driver's own retry schedule (neo4j-driver 5, TransactionExecutor): a managed
 * transaction that failed for want of the database (ServiceUnavailable, SessionExpired, a
 * transient error) is tried again after 1 s, then 2 s, 4 s … (each ±20 %), as long as the time
 * since its first failure is at most `maxTransactionRetryTime`. Not configurable in the driver.
 */
const DRIVER_RETRY = { firstDelayMs: 1000, multiplier: 2, jitter: 0.2 } as const;

/**
 * Share of MAX_EXECUTION_MS the driver may spend finding out that Neo4j is gone; the rest is left
 * to the query's own work, so a stopped database answers STORE_UNAVAILABLE, not EXECUTION_TIMEOUT.
 */
const GIVE_UP_SHARE = 0.8;

/**
 * The longest a store call can take to fail when Neo4j cannot be reached
 * (nothing listens, the host is gone, or it accepts TCP and never answers),
 * given the driver's connect/acquisition timeout and retry window: the first
 * try, then each retry the window lets start (its delay at its longest) with
 * its own try. A try is one connection acquisition, bounded by `connectMs`
 * (bolt://, or neo4j:// with one router address). An acquisition timeout is
 * not retried by the driver, so this is an upper bound.
 */
export function neo4jGiveUpMs(connectMs: number, retryMs: number): number {
  let worst = connectMs;
  let soonestCheck = 0; // time from the first failure to a retry's check, at its shortest
  let latestCheck = 0; // … and at its longest
  for (let delay: number = DRIVER_RETRY.firstDelayMs; soonestCheck <= retryMs; delay *= DRIVER_RETRY.multiplier) {
    worst = Math.max(worst, connectMs + Math.min(latestCheck, retryMs) + delay * (1 + DRIVER_RETRY.jitter) + connectMs);
    soonestCheck += delay * (1 - DRIVER_RETRY.jitter);
    latestCheck += delay * (1 + DRIVER_RETRY.jitter) + connectMs;
  }
  return Math.ceil(worst);
}

/**
 * The Neo4j driver's connect and retry limits, derived from MAX_EXECUTION_MS
 * where they are not set, so that a stopped database is given up on
 * (`neo4jGiveUpMs`) within 80 % of the execution deadline:
 *
 * - `NEO4J_CONNECT_TIMEOUT_MS`: as long as the first try, one retry (after at
 *   most 1.2 s) and its try allow (1400 ms at 5 s; 50 ms to 30 s): a database
 *   that is up but slow to shake hands (a cold JVM, a loaded host) is not
 *   taken for a stopped one;
 * - `NEO4J_RETRY_MS`: the longest window, in steps of 100 ms, whose worst case
 *   still fits (700 ms at 5 s: one retry, after 0.8–1.2 s).
 *
 * Explicit values are kept as given; `loadConfig` refuses them (STORE=neo4j)
 * when they would not fit.
 */
export function neo4jDriverTimeouts(
  env: Pick<ParsedEnv, 'MAX_EXECUTION_MS' | 'NEO4J_CONNECT_TIMEOUT_MS' | 'NEO4J_RETRY_MS'>,
): { NEO4J_CONNECT_TIMEOUT_MS: number; NEO4J_RETRY_MS: number } {
  const budget = env.MAX_EXECUTION_MS * GIVE_UP_SHARE;
  const oneRetry = DRIVER_RETRY.firstDelayMs * (1 + DRIVER_RETRY.jitter);
  const connect = env.NEO4J_CONNECT_TIMEOUT_MS ?? Math.max(50, Math.min(30_000, Math.floor((budget - oneRetry) / 2)));
  let retry = env.NEO4J_RETRY_MS;
  if (retry === undefined) {
    retry = 0;
    while (retry < 600_000 && neo4jGiveUpMs(connect, retry + 100) <= budget) retry += 100;
  }
  return { NEO4J_CONNECT_TIMEOUT_MS: connect, NEO4J_RETRY_MS: retry };
}

/**
 * Driver limits for tools that have no execution deadline (`npm run db:seed`, test set-up): they
 * wait for a database that is starting and retry as long as the driver does by default.
 */
export const NEO4J_TOOL_LIMITS = { NEO4J_CONNECT_TIMEOUT_MS: 30_000, NEO4J_RETRY_MS: 30_000 } as const;

function assertNeo4jGivesUpInTime(env: ParsedEnv, timeouts: ReturnType<typeof neo4jDriverTimeouts>): void {
  const giveUp = neo4jGiveUpMs(timeouts.NEO4J_CONNECT_TIMEOUT_MS, timeouts.NEO4J_RETRY_MS);
  if (giveUp <= env.MAX_EXECUTION_MS * GIVE_UP_SHARE) return;
  throw new ConfigError(
    `Invalid configuration:\n  NEO4J_CONNECT_TIMEOUT_MS=${timeouts.NEO4J_CONNECT_TIMEOUT_MS}, NEO4J_RETRY_MS=${timeouts.NEO4J_RETRY_MS}, ` +
      `MAX_EXECUTION_MS=${env.MAX_EXECUTION_MS}: the Neo4j driver could take up to ${giveUp} ms to give up on a stopped database, ` +
      `over ${GIVE_UP_SHARE * 100} % of MAX_EXECUTION_MS, so an outage would answer EXECUTION_TIMEOUT instead of STORE_UNAVAILABLE; ` +
      `lower NEO4J_CONNECT_TIMEOUT_MS or NEO4J_RETRY_MS, or raise MAX_EXECUTION_MS (at least ${minimumDeadlineMs(timeouts.NEO4J_CONNECT_TIMEOUT_MS, timeouts.NEO4J_RETRY_MS)})`,
  );
}

// The smallest MAX_EXECUTION_MS under which these driver limits fit.
function minimumDeadlineMs(connectMs: number, retryMs: number): number {
  return Math.ceil(neo4jGiveUpMs(connectMs, retryMs) / GIVE_UP_SHARE);
}

/** Variable, default and meaning of each key, for the README and `--help`. */
export function describeConfig(): { variable: string; default: string; doc: string }[] {
  return Object.entries(envSchema.shape).map(([variable, schema]) => {
    const parsed = (schema as z.ZodType).safeParse(undefined);
    return {
      variable,
      default: parsed.success && parsed.data !== undefined ? String(parsed.data) : '',
      doc: (schema as z.ZodType).description ?? '',
    };
  });
}
