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
  NEO4J_TIMEOUT_MS: int(100, 600_000).default(15_000).describe('transaction and connection acquisition timeout'),
  MAX_DEPTH: int(1, 100).default(12).describe('deepest selection nesting a query may have'),
  MAX_COST: int(1, 100_000_000)
    .default(2_000_000)
    .describe('largest estimated query cost: the values an answer can hold, lists counted by `first` or by their largest fan-out in the data'),
  EXPENSIVE_COST: int(1, 100_000_000)
    .default(50_000)
    .describe('estimated cost above which a query counts as expensive and waits for one of MAX_CONCURRENT_EXPENSIVE slots'),
  MAX_CONCURRENT_EXPENSIVE: int(1, 1000).default(1).describe('expensive queries executing at once; the others wait in arrival order'),
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
  MAX_ALIASES: int(1, 1000).default(30).describe('most aliases in one query'),
  MAX_TOKENS: int(10, 1_000_000).default(5_000).describe('most lexical tokens in one query document'),
  MAX_BODY_BYTES: int(1024, 100 * 1024 * 1024)
    .default(100 * 1024)
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
  HTTP_CACHE_MAX_BYTES: int(0, 16 * 1024 ** 3)
    .default(64 * 1024 * 1024)
    .describe('bytes of answers the HTTP response cache keeps (LRU; 0: off); see src/http/cache/README.md'),
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

export type Config = z.infer<typeof envSchema>;

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
  return result.data;
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
