// Letters, digits, `_`, `-` and `/` only: nothing the URL parser would decode, resolve (dot
// segments) or split off (a query string), so the target is a valid path and its own pathname.
const PLAIN_PATH = /^\/[A-Za-z0-9_\-/]*$/;

/**
 * Whether a request target is a plain path (`/graphql`, as most requests are), which the edge's
 * checks and the cache's key take as it is instead of parsing it as a URL (a parse per request
 * saved on the cache-hit path).
 */
export function isPlainPath(target: string): boolean {
  return PLAIN_PATH.test(target);
}
