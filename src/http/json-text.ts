/** What `parseJsonText` answers for text that is not JSON. */
export const INVALID_JSON = Symbol('invalid JSON');

/**
 * A request's JSON text (a body, a query-string parameter) parsed, `INVALID_JSON` when it is not
 * JSON, `undefined` when there is none (`null` or empty). For the listener's own readings of a
 * request (the response cache's key, the fast lane), which leave every refusal to yoga.
 */
export function parseJsonText(text: string | null): unknown {
  if (text === null || text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return INVALID_JSON;
  }
}

/** A JSON object (not an array, not null). */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
