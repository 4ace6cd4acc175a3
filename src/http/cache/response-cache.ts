import { createHash } from 'node:crypto';

/** One stored answer: the exact bytes and the headers that describe them. */
export interface CachedResponse {
  status: number;
  /** Headers of the body itself (content-type, content-disposition); the cache's own are added when sending. */
  headers: Readonly<Record<string, string>>;
  body: Buffer;
  /** Weak validator from the body's hash: equal bytes, equal ETag, whatever the generation. */
  etag: string;
  /** `Date.now()` when stored, for the TTL. */
  storedAt: number;
  /** Compressed forms, made on first demand and kept with the entry (counted in its size). */
  encoded: Map<string, Buffer>;
  /**
   * The headers of its last answer (`use-response-cache.ts`), kept so that a repeat of the same
   * variant (caller kind, encoding) reuses them instead of building them again: a hit's headers were
   * a tenth of its CPU. Counted in the entry's constant size.
   */
  sent?: SentHeaders;
}

/** An answer's headers for one variant, as an object and as the flat list Node's `writeHead` takes. */
export interface SentHeaders {
  variant: string;
  headers: Readonly<Record<string, string>>;
  /** Name, value, name, value…, `content-length` last. */
  flat: readonly string[];
}

export interface ResponseCacheOptions {
  /** Most bytes held (keys, bodies and their compressed forms); an entry larger than this is never kept. */
  maxBytes: number;
  /** How long an entry may be served after it was stored; 0: until the next write generation. */
  ttlMs: number;
  /** The clock, for tests of the TTL. */
  now?: () => number;
}

/**
 * Answers by request key, for one *epoch* (dataset version and write generation) at a time:
 * `bump()` (every write) drops everything, and an answer computed under an older epoch is
 * refused by `set`, so a request that started before a write can never store what it read then.
 * Least recently used entries go first when `maxBytes` is reached.
 *
 * An answer is stored the **second** time its key is answered; the first time, only a 30-bit hash
 * of the key is remembered (TinyLFU's "doorkeeper"). A request sent once — most of a stream of
 * distinct ones — then costs no memory and pushes no repeated answer out of the LRU: a 64 MiB cache
 * filled with one-off answers cost 36 µs more CPU per request than storing none, in garbage
 * collection of the entries it keeps then drops (in process, 2026-12-02). A colliding hash only
 * stores a one-off answer at once, which is harmless.
 */
export class ResponseCache {
  private readonly entries = new Map<string, CachedResponse>();
  /** Hashes of keys answered once and not stored; cleared when it reaches `SEEN_ONCE_MAX`. */
  private readonly seenOnce = new Set<number>();
  private bytes = 0;
  private generation = 0;
  private readonly now: () => number;

  constructor(private readonly options: ResponseCacheOptions) {
    this.now = options.now ?? Date.now;
  }

  /** The current write generation; capture it when a request starts and give it back to `set`. */
  get epoch(): number {
    return this.generation;
  }

  get size(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.bytes };
  }

  /** A write happened (or may be happening): nothing stored so far may be served again. */
  bump(): void {
    this.generation++;
    this.entries.clear();
    this.bytes = 0;
  }

  get(key: string): CachedResponse | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (this.options.ttlMs > 0 && this.now() - entry.storedAt >= this.options.ttlMs) {
      this.delete(key, entry);
      return undefined;
    }
    // Map order is the LRU order: move a hit to the young end.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry;
  }

  /**
   * Stores an answer computed under `epoch` if its key was answered before (see above); does
   * nothing when a write came since. Returns the entry to send either way.
   */
  set(key: string, epoch: number, response: Pick<CachedResponse, 'status' | 'headers' | 'body'>): CachedResponse {
    const entry: CachedResponse = { ...response, etag: etagOf(response.body), storedAt: this.now(), encoded: new Map() };
    if (epoch !== this.generation || this.options.maxBytes <= 0) return entry;
    const size = sizeOf(key, entry);
    if (size > this.options.maxBytes || !this.seenBefore(key)) return entry;
    const old = this.entries.get(key);
    if (old) this.delete(key, old);
    this.entries.set(key, entry);
    this.bytes += size;
    this.evict();
    return entry;
  }

  /** Keeps a compressed form with its entry, if the entry is still held (its size grows by it). */
  addEncoding(key: string, entry: CachedResponse, encoding: string, body: Buffer): void {
    if (entry.encoded.has(encoding)) return;
    entry.encoded.set(encoding, body);
    if (this.entries.get(key) !== entry) return;
    this.bytes += body.length;
    this.evict();
  }

  /** Whether `key` was answered before; remembers it otherwise. */
  private seenBefore(key: string): boolean {
    const hash = hashOf(key);
    if (this.seenOnce.delete(hash)) return true;
    if (this.seenOnce.size >= SEEN_ONCE_MAX) this.seenOnce.clear();
    this.seenOnce.add(hash);
    return false;
  }

  private evict(): void {
    for (const [key, entry] of this.entries) {
      if (this.bytes <= this.options.maxBytes) break;
      this.delete(key, entry);
    }
  }

  private delete(key: string, entry: CachedResponse): void {
    this.entries.delete(key);
    this.bytes -= sizeOf(key, entry);
  }
}

/** How many once-answered keys are remembered (about 1 MB of small integers) before starting over. */
const SEEN_ONCE_MAX = 65_536;

/**
 * FNV-1a over the key's UTF-16 code units, cut to 30 bits so that V8 keeps it as a small integer, never a
 * heap number. A long key (a large document) is hashed by its length and its first and last 2,048 units
 * (the variables are at its end): a collision only stores a one-off answer at once, so a 100 kB key costs
 * no more than a short one.
 */
function hashOf(key: string): number {
  let hash = 0x811c9dc5 ^ key.length;
  const add = (from: number, to: number) => {
    for (let i = from; i < to; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  };
  if (key.length <= 2 * HASHED_END) add(0, key.length);
  else {
    add(0, HASHED_END);
    add(key.length - HASHED_END, key.length);
  }
  return (hash >>> 2) & 0x3fffffff;
}

const HASHED_END = 2048;

// Keys are UTF-16 in V8; the constant stands for the entry object, its headers (those stored and the last
// sent, whose strings are mostly shared) and the Map slot.
function sizeOf(key: string, entry: CachedResponse): number {
  let size = key.length * 2 + entry.body.length + 256;
  for (const body of entry.encoded.values()) size += body.length;
  return size;
}

function etagOf(body: Buffer): string {
  return `W/"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
}
