import { createHash, timingSafeEqual } from 'node:crypto';
import { ROLES, type Principal, type Role } from './principal';

/** One configured key: its public id, its role, and the SHA-256 of the key (never the key). */
export interface ApiKeyEntry {
  keyId: string;
  role: Role;
  sha256: Buffer;
}

/** The SHA-256 (hex) of a key, as `API_KEYS` stores it. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/**
 * Parses `API_KEYS` (`<keyId>:<role>:<sha256 hex>`, comma-separated; the
 * config has checked the form). Throws on a key id given twice, since the
 * audit log names writers by key id.
 */
export function parseApiKeys(spec: string | undefined): ApiKeyEntry[] {
  if (!spec) return [];
  const entries = spec.split(',').map((item) => {
    const [keyId, role, hex] = item.trim().split(':') as [string, string, string];
    if (!(ROLES as readonly string[]).includes(role) || !/^[0-9a-f]{64}$/.test(hex)) {
      throw new Error(`API_KEYS entry for "${keyId}" is not <keyId>:<reader|curator|admin>:<sha256 hex>.`);
    }
    return { keyId, role: role as Role, sha256: Buffer.from(hex, 'hex') };
  });
  const seen = new Set<string>();
  for (const { keyId } of entries) {
    if (seen.has(keyId)) throw new Error(`API_KEYS names key id "${keyId}" twice; key ids identify writers in the audit log.`);
    seen.add(keyId);
  }
  return entries;
}

/**
 * Finds the principal of a presented key. The key is hashed, and the hash
 * compared with every configured hash in constant time and without stopping
 * at a match, so response time does not tell how much of a guess was right
 * or which entry matched. Returns `null` for an unknown key.
 */
export function createApiKeyAuthenticator(entries: readonly ApiKeyEntry[]): (presented: string) => Principal {
  return (presented) => {
    const digest = createHash('sha256').update(presented, 'utf8').digest();
    let found: ApiKeyEntry | null = null;
    for (const entry of entries) if (timingSafeEqual(digest, entry.sha256) && !found) found = entry;
    return found ? { keyId: found.keyId, role: found.role } : null;
  };
}
