import { getOperationAST } from 'graphql';
import { isAsyncIterable, type Plugin } from 'graphql-yoga';
import type { GraphStore } from '../../store/graph-store';
import { compressBody, isCompressible, negotiateEncoding, type Encoding } from './compress-body';
import { createGenerationSync } from './generation-sync';
import { keyOf, requestKey, type KeyParts } from './request-key';
import { ResponseCache, type CachedResponse } from './response-cache';

export interface ResponseCacheSettings {
  /** Most bytes the cache holds; 0 turns answering from the cache off (compression and ETags stay). */
  maxBytes: number;
  /** Longest an entry is served after it was stored; 0: until the next write. */
  ttlMs: number;
  /** `Cache-Control` of cacheable answers; `private, ` is put in front for requests with an API key. */
  cacheControl: string;
  /** Smallest body compressed when the client accepts `br` or `gzip`. */
  compressMinBytes: number;
  /**
   * How often another copy's writes are looked for (the store's audit log and dataset version),
   * in ms; 0: never. Only stores shared by several processes need it (Neo4j): the embedded store is
   * held by one process (its journal lock), whose own writes bump the generation directly.
   */
  syncMs: number;
}

export interface ResponseCacheDeps {
  store: GraphStore;
  /** The caller's role, or `anonymous`; read after the auth plugin has run. */
  roleOf(request: Request): string;
  graphqlPath: string;
  settings: ResponseCacheSettings;
}

export interface HttpResponseCache {
  /** Place it after authentication (and any rate limiting), before the routes it answers for. */
  plugin: Plugin;
  /** The store to give the resolvers: every `applyWrites` through it bumps the write generation. */
  store: GraphStore;
  cache: ResponseCache;
  /**
   * For the Node listener (`cache-front.ts`), which looks requests up before yoga: the answer to
   * send for a stored entry, or `null` on a miss, whose key it hands to yoga with `handOver`.
   */
  lookUp(parts: KeyParts, role: string, conditions: AnswerConditions): Promise<LookUp>;
  /**
   * What the listener learnt of a request it gives to yoga: where to store its answer (a miss), or
   * `null` (not for the cache, or answered from it already). yoga's own look-up is then skipped: it
   * stays only for requests no listener saw (`app.fetch` in process).
   */
  handOver(req: object, miss: Miss | null): void;
  /**
   * For an answer the listener computed itself (`src/http/fast-lane/`): stores it under the miss's key
   * as yoga's plugin stores a miss's answer, and returns what to send, with the same headers.
   */
  storeMiss(miss: Miss, stored: Pick<CachedResponse, 'status' | 'headers' | 'body'>, conditions: AnswerConditions): Promise<CachedAnswer>;
}

/** The request headers an answer from the cache depends on besides its key. */
export interface AnswerConditions {
  ifNoneMatch: string | null;
  acceptEncoding: string | null;
}

/** A stored answer as sent to one request, as plain values (for a fetch `Response` or a Node `ServerResponse`). */
export interface CachedAnswer {
  status: number;
  headers: Readonly<Record<string, string>>;
  /** The same headers with `content-length` as a flat list for Node's `writeHead`; none for a 304. */
  flat?: readonly string[];
  /** `null` for a 304. */
  body: Buffer | null;
}

/** Where a request that missed stores its answer: its key, the generation it started under, its role. */
export interface Miss {
  key: string;
  epoch: number;
  role: string;
}

export type LookUp = { answer: CachedAnswer } | { miss: Miss } | null;

/**
 * Answers repeated reads before the GraphQL pipeline (see README.md beside this file): a GET or a
 * POST whose key (role, media type, query or persisted-query hash, operation, variables) was answered
 * under the current dataset version and write generation gets the stored bytes without being parsed,
 * validated or executed. Only queries whose result has no error are stored, and the exports.
 * Hits and misses send the same bytes and the same headers (`ETag`, `Cache-Control`, `Vary`);
 * a matching `If-None-Match` gets 304. Text answers from `compressMinBytes` on are sent as `br` or
 * `gzip` when accepted, the compressed form kept with the entry.
 */
export function useResponseCache({ store, roleOf, graphqlPath, settings }: ResponseCacheDeps): HttpResponseCache {
  const cache = new ResponseCache({ maxBytes: settings.maxBytes, ttlMs: settings.ttlMs });
  const sync = createGenerationSync(store, () => cache.bump(), store.kind === 'embedded' ? 0 : settings.syncMs);
  const pending = new WeakMap<Request, Pending>();
  const sent = new WeakSet<Response>();
  // Requests the Node listener looked up first (keyed by Node's request, which yoga's serverContext holds).
  const handedOver = new WeakMap<object, Miss | null>();

  /** The answer for a stored entry: its bytes (compressed when accepted) or a 304, with the cache's headers. */
  const answerOf = async (entry: CachedResponse, key: string | null, conditions: AnswerConditions, role: string): Promise<CachedAnswer> => {
    if (matches(conditions.ifNoneMatch, entry.etag)) {
      const headers: Record<string, string> = { etag: entry.etag, 'cache-control': cacheControlFor(settings.cacheControl, role), vary: VARY };
      return { status: 304, headers, body: null };
    }
    const encoding = encodingFor(conditions.acceptEncoding, entry.headers['content-type'] ?? null, entry.body.length, settings.compressMinBytes);
    let body = entry.body;
    if (encoding) {
      body = entry.encoded.get(encoding) ?? (await compressBody(entry.body, encoding));
      if (key !== null) cache.addEncoding(key, entry, encoding, body);
    }
    // The headers depend on the entry, whether the caller has a key (Cache-Control) and the encoding only.
    const variant = `${role === 'anonymous' ? 'public' : 'keyed'} ${encoding ?? ''}`;
    let sent = entry.sent;
    if (sent?.variant !== variant) {
      const headers: Record<string, string> = {
        ...entry.headers,
        etag: entry.etag,
        'cache-control': cacheControlFor(settings.cacheControl, role),
        vary: VARY,
      };
      if (encoding) headers['content-encoding'] = encoding;
      const flat = Object.entries(headers).flat();
      flat.push('content-length', String(body.length));
      sent = { variant, headers: Object.freeze(headers), flat };
      entry.sent = sent;
    }
    return { status: entry.status, headers: sent.headers, flat: sent.flat, body };
  };

  const respond = async (entry: CachedResponse, key: string | null, request: Request, role: string, R: typeof Response): Promise<Response> => {
    const answer = await answerOf(entry, key, conditionsOf(request), role);
    // A copy: whatwg-node's Headers keep the object they are given as their storage, and add to it.
    const response = new R(answer.body as unknown as BodyInit, { status: answer.status, headers: { ...answer.headers } });
    sent.add(response);
    return response;
  };

  const lookUp = async (parts: KeyParts, role: string, conditions: AnswerConditions): Promise<LookUp> => {
    await sync.current();
    const epoch = cache.epoch;
    const key = keyOf(parts, role, graphqlPath);
    if (key === null) return null;
    const entry = cache.get(key);
    return entry ? { answer: await answerOf(entry, key, conditions, role) } : { miss: { key, epoch, role } };
  };

  /** yoga's own look-up, for requests no listener saw (`app.fetch` in process). */
  const lookUpInYoga = async (request: Request, url: URL, endResponse: (response: Response) => void, R: typeof Response): Promise<void> => {
    await sync.current();
    const role = roleOf(request);
    const epoch = cache.epoch;
    const key = await requestKey(request, url, role, graphqlPath);
    if (key === null) return;
    const entry = cache.get(key);
    if (entry) {
      endResponse(await respond(entry, key, request, role, R));
      return;
    }
    // The exports are reads whatever their parameters; a GraphQL request is stored only once it
    // is known to be a query that answered without errors (onExecute below).
    pending.set(request, { key, epoch, role, storable: url.pathname !== graphqlPath });
  };

  const plugin: Plugin = {
    // Not async: a request the listener handed over costs yoga no promise here.
    onRequest({ request, url, endResponse, fetchAPI, serverContext }) {
      if (request.method !== 'GET' && request.method !== 'POST') return;
      const req = (serverContext as { req?: object } | undefined)?.req;
      if (req && handedOver.has(req)) {
        const miss = handedOver.get(req);
        if (miss) pending.set(request, { ...miss, storable: url.pathname !== graphqlPath });
        return;
      }
      return lookUpInYoga(request, url, endResponse, fetchAPI.Response);
    },
    onExecute({ args }) {
      const request = (args.contextValue as { request?: Request }).request;
      const waiting = request && pending.get(request);
      if (!waiting) return;
      if (getOperationAST(args.document, args.operationName ?? undefined)?.operation !== 'query') return;
      return {
        onExecuteDone({ result }) {
          if (!isAsyncIterable(result) && !result.errors?.length) waiting.storable = true;
        },
      };
    },
    // Not async: the answers it leaves alone (small, not cacheable) cost yoga no promise.
    onResponse({ request, response, setResponse, fetchAPI }) {
      if (sent.has(response) || response.headers.has('content-encoding') || response.status === 204 || response.status === 304) return;
      const waiting = pending.get(request);
      if (waiting?.storable && response.status === 200) return storeAnswer(waiting, request, response, setResponse, fetchAPI.Response);
      // Not cacheable (a mutation, an error, a page): still compressed when large.
      if (!isCompressible(response.headers.get('content-type'))) return;
      const declared = Number(response.headers.get('content-length') ?? NaN);
      if (declared < settings.compressMinBytes) return;
      const encoding = negotiateEncoding(request.headers.get('accept-encoding'));
      if (!encoding) return;
      return compressAnswer(response, encoding, setResponse, fetchAPI);
    },
  };

  const storeAnswer = async (waiting: Pending, request: Request, response: Response, setResponse: (r: Response) => void, R: typeof Response): Promise<void> => {
    const body = Buffer.from(await response.arrayBuffer());
    const entry = cache.set(waiting.key, waiting.epoch, { status: 200, headers: bodyHeaders(response.headers), body });
    setResponse(await respond(entry, waiting.key, request, waiting.role, R));
  };

  const compressAnswer = async (
    response: Response,
    encoding: Encoding,
    setResponse: (r: Response) => void,
    fetchAPI: { Response: typeof Response; Headers: typeof Headers },
  ): Promise<void> => {
    const text = await response.text();
    if (Buffer.byteLength(text) < settings.compressMinBytes) {
      setResponse(new fetchAPI.Response(text, { status: response.status, headers: response.headers }));
      return;
    }
    const headers = new fetchAPI.Headers(response.headers);
    headers.set('content-encoding', encoding);
    headers.delete('content-length');
    headers.append('vary', 'Accept-Encoding');
    setResponse(new fetchAPI.Response((await compressLarge(text, encoding)) as unknown as BodyInit, { status: response.status, statusText: response.statusText, headers }));
  };

  return {
    plugin,
    store: withWriteGeneration(store, () => cache.bump()),
    cache,
    lookUp,
    handOver: (req, miss) => void handedOver.set(req, miss),
    storeMiss: (miss, stored, conditions) => answerOf(cache.set(miss.key, miss.epoch, stored), miss.key, conditions, miss.role),
  };
}

interface Pending extends Miss {
  storable: boolean;
}

function conditionsOf(request: Request): AnswerConditions {
  return { ifNoneMatch: request.headers.get('if-none-match'), acceptEncoding: request.headers.get('accept-encoding') };
}

/** Same store, but a write bumps the generation when it starts and again when it is over. */
function withWriteGeneration(store: GraphStore, bump: () => void): GraphStore {
  const applyWrites: GraphStore['applyWrites'] = async (ops, context) => {
    // Before: a read running during the write cannot store under the generation that follows it.
    bump();
    try {
      return await store.applyWrites(ops, context);
    } finally {
      bump();
    }
  };
  const writeWith: GraphStore['writeWith'] = async (plan, context) => {
    bump();
    try {
      return await store.writeWith(plan, context);
    } finally {
      bump();
    }
  };
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property === 'applyWrites') return applyWrites;
      if (property === 'writeWith') return writeWith;
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

const VARY = 'Accept, Accept-Encoding, Authorization, X-API-Key';

function cacheControlFor(value: string, role: string): string {
  if (role === 'anonymous' || /\b(private|no-store)\b/i.test(value)) return value;
  return `private, ${value.replace(/\bpublic,?\s*/i, '')}`.replace(/,\s*$/, '');
}

function bodyHeaders(headers: Headers): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const name of ['content-type', 'content-disposition']) {
    const value = headers.get(name);
    if (value !== null) kept[name] = value;
  }
  return kept;
}

function encodingFor(acceptEncoding: string | null, contentType: string | null, size: number, minBytes: number): Encoding | null {
  if (size < minBytes || !isCompressible(contentType)) return null;
  return negotiateEncoding(acceptEncoding);
}

/** RFC 9110 §13.1.2: weak comparison, a list of tags or `*`. */
function matches(ifNoneMatch: string | null, etag: string): boolean {
  if (ifNoneMatch === null) return false;
  const opaque = etag.replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => {
    const trimmed = tag.trim();
    return trimmed === '*' || trimmed.replace(/^W\//, '') === opaque;
  });
}

// The GraphiQL page is 9 MB and the same string on every request: compress it once per encoding.
const largeBodies = new Map<string, Map<Encoding, Promise<Buffer>>>();
const LARGE = 256 * 1024;

function compressLarge(text: string, encoding: Encoding): Promise<Buffer> {
  if (text.length < LARGE) return compressBody(Buffer.from(text), encoding);
  let forms = largeBodies.get(text);
  if (!forms) {
    if (largeBodies.size >= 4) largeBodies.delete(largeBodies.keys().next().value!);
    forms = new Map();
    largeBodies.set(text, forms);
  }
  let compressed = forms.get(encoding);
  if (!compressed) {
    compressed = compressBody(Buffer.from(text), encoding);
    forms.set(encoding, compressed);
  }
  return compressed;
}
