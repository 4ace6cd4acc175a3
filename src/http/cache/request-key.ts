import { INVALID_JSON, isJsonObject, parseJsonText } from '../json-text';

/**
 * The cache key of a request that may be answered from the cache, or `null` when it may not
 * (a mutation is recognised later, when it is executed, and never stored).
 *
 * The key holds everything the answer's bytes depend on, and nothing else:
 * - the caller's role (`anonymous`, `reader`, …): answers are never shared across roles;
 * - the negotiated media type (the `Accept` header): it sets the content type and the status of errors;
 * - for GraphQL: the persisted-query hash when only the hash is sent (Apollo APQ,
 *   `extensions.persistedQuery.sha256Hash`), otherwise the query text, then the operation name and
 *   the variables with their object keys sorted, so `{"a":1,"b":2}` and `{"b":2,"a":1}` share an entry;
 * - for the exports: the path and the query string.
 *
 * The query text is used as sent (like yoga's own parse cache): two spellings of one query are two
 * entries, which costs memory, never correctness.
 */
export async function requestKey(request: Request, url: URL, role: string, graphqlPath: string): Promise<string | null> {
  const isJsonPost = request.method === 'POST' && isJson(request.headers.get('content-type'));
  return keyOf(
    {
      method: request.method,
      pathname: url.pathname,
      search: url.search,
      accept: request.headers.get('accept') ?? '',
      // The body is read once: whatwg-node keeps its text, and yoga parses it from there on a miss.
      body: isJsonPost && url.pathname === graphqlPath ? await request.text() : undefined,
    },
    role,
    graphqlPath,
  );
}

/** What a request's key is made of, read from a fetch `Request` (above) or from Node's request (the listener). */
export interface KeyParts {
  method: string;
  pathname: string;
  /** The query string with its `?`, or `''`. */
  search: string;
  /** The `Accept` header, `''` when absent. */
  accept: string;
  /** The body's text for a JSON POST to the GraphQL path; `undefined` for any other request. */
  body: string | undefined;
}

/**
 * `requestKey` over the parts of a request; the listener (`cache-front.ts`) calls it with Node's request.
 * Remembered by the request's text for the last `KEYS_REMEMBERED` short requests: a repeated request
 * (most of the cache's traffic) is then one map read instead of a JSON parse, a sort and a stringify
 * (about a tenth of a cache hit's CPU, `--cpu-prof` 2026-12-02). The key is a function of the parts
 * alone, so a remembered key is the one computed again.
 */
export function keyOf(parts: KeyParts, role: string, graphqlPath: string): string | null {
  const { method, pathname, search, accept, body } = parts;
  // No part but the body can hold a line break (Node's parser and the URL parser refuse or strip them).
  const text = `${role}\n${graphqlPath}\n${method}\n${pathname}\n${search}\n${accept}${body === undefined ? '' : `\n${body}`}`;
  if (text.length > MAX_REMEMBERED_CHARS) return computeKey(parts, role, graphqlPath);
  const remembered = rememberedKeys.get(text);
  if (remembered !== undefined) return remembered;
  const key = computeKey(parts, role, graphqlPath);
  // Oldest first out (a Map keeps insertion order): a distinct request each time costs one entry's churn.
  if (rememberedKeys.size >= KEYS_REMEMBERED) rememberedKeys.delete(rememberedKeys.keys().next().value!);
  rememberedKeys.set(text, key);
  return key;
}

const KEYS_REMEMBERED = 1024;
// Bounds the memory held: 1,024 texts of at most 4,096 characters and their keys (about as long),
// some 20 MB at most even in UTF-16.
const MAX_REMEMBERED_CHARS = 4096;
const rememberedKeys = new Map<string, string | null>();

function computeKey(parts: KeyParts, role: string, graphqlPath: string): string | null {
  const { method, pathname, search, accept } = parts;
  if (pathname.startsWith('/export/')) {
    return method === 'GET' ? JSON.stringify(['export', role, pathname, search]) : null;
  }
  if (pathname !== graphqlPath) return null;
  let params: unknown;
  if (method === 'GET') {
    // A browser's page request (text/html) gets GraphiQL, not an answer.
    if (!search || accept.includes('text/html')) return null;
    const query = new URLSearchParams(search);
    const variables = parseJsonText(query.get('variables'));
    const extensions = parseJsonText(query.get('extensions'));
    if (variables === INVALID_JSON || extensions === INVALID_JSON) return null; // yoga answers the error
    params = { query: query.get('query') ?? undefined, operationName: query.get('operationName') ?? undefined, variables, extensions };
  } else if (method === 'POST') {
    if (parts.body === undefined) return null;
    params = parseJsonText(parts.body);
  } else {
    return null;
  }
  const key = graphqlKeyOf(params);
  return key === null ? null : JSON.stringify(['graphql', role, accept, key]);
}

/**
 * Whether a request's `Content-Type` is JSON, the only POST body the cache keys: exactly as yoga's
 * request parser tells (graphql-yoga `isContentTypeMatch`: the first of a comma-separated list,
 * `application/json` alone or before `;`, case-sensitive). Any other spelling (`Application/JSON`,
 * `application/json ; charset=utf-8`) is 415 from yoga, and was answered from the cache or the fast lane.
 */
export function isJson(contentType: string | null | undefined): boolean {
  const first = (contentType ?? '').split(',')[0]!;
  return first === 'application/json' || first.startsWith('application/json;');
}

function graphqlKeyOf(params: unknown): unknown[] | null {
  if (!isJsonObject(params)) return null; // a batch (array) or not JSON: yoga answers it
  const { query, operationName, variables, extensions } = params;
  const hash = isJsonObject(extensions) && isJsonObject(extensions.persistedQuery) ? extensions.persistedQuery.sha256Hash : undefined;
  // Only the hash: that is the persisted query's name. With the text as well, the text is keyed, so a
  // text that does not match its hash still reaches the persisted-query check and its error.
  const sortedVariables = sortKeys(variables ?? null, 0);
  if (sortedVariables === TOO_DEEP) return null;
  if (typeof hash === 'string' && query === undefined) return ['apq', hash, operationName ?? null, sortedVariables];
  if (typeof query !== 'string') return null;
  // Other extensions may change the answer: keep them in the key.
  const sortedExtensions = sortKeys(extensions ?? null, 0);
  if (sortedExtensions === TOO_DEEP) return null;
  return ['q', query, operationName ?? null, sortedVariables, sortedExtensions];
}

// No input type of the schema nests anywhere near this deep. A value nested deeper (a hostile
// `[[[[…]]]]` of 20,000 levels fits in 40 kB) is not keyed: recursing into it overflowed the stack,
// and the request then got no answer at all. It goes to yoga, whose variable check refuses it.
const MAX_KEYED_DEPTH = 64;
const TOO_DEEP = Symbol('nested too deep to key');

function sortKeys(value: unknown, depth: number): unknown {
  if (depth > MAX_KEYED_DEPTH) return TOO_DEEP;
  if (Array.isArray(value)) {
    const items = value.map((item) => sortKeys(item, depth + 1));
    return items.includes(TOO_DEEP) ? TOO_DEEP : items;
  }
  if (!isJsonObject(value)) return value;
  const entries: [string, unknown][] = [];
  for (const key of Object.keys(value).sort()) {
    const sorted = sortKeys(value[key], depth + 1);
    if (sorted === TOO_DEEP) return TOO_DEEP;
    entries.push([key, sorted]);
  }
  return Object.fromEntries(entries);
}
