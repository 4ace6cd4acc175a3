/**
 * The API key this tab sends, for curators and for deployments where anonymous
 * reading is off (`ALLOW_ANONYMOUS_READ=false`, src/http/AUTH.md). Kept in
 * sessionStorage: it survives a reload of the tab and is gone when the tab
 * closes, and it is never put in a URL, which people share.
 */
const STORAGE_KEY = 'wsis-graph.apiKey';
const listeners = new Set<() => void>();

/** The key, or undefined when none is set (or storage is unavailable, as in some private windows). */
export function apiKey(): string | undefined {
  try {
    return sessionStorage.getItem(STORAGE_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

/** Sets the key (trimmed; empty forgets it) and tells every subscriber, so failed queries run again with it. */
export function setApiKey(key: string | undefined): void {
  const value = key?.trim();
  try {
    if (value) sessionStorage.setItem(STORAGE_KEY, value);
    else sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // No storage: the key cannot be kept, and the requests go without it.
  }
  for (const listener of listeners) listener();
}

/** Calls `listener` whenever the key changes; returns the unsubscribe function. */
export function onApiKeyChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The header src/http/AUTH.md names for a key; none without one. */
export function authHeaders(): Record<string, string> {
  const key = apiKey();
  return key ? { authorization: `Bearer ${key}` } : {};
}
