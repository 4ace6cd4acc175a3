/**
 * `npm run hash-api-key`: makes the `API_KEYS` entry of an API key.
 *
 *   npm run hash-api-key -- <keyId> <reader|curator|admin>
 *       makes a new random key, prints it once (give it to its holder) and
 *       the entry to add to API_KEYS
 *   printf %s "$KEY" | npm run hash-api-key -- <keyId> <role> --stdin
 *       the entry for an existing key, read from standard input so that it
 *       never appears in the shell history or the process list
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hashApiKey } from '../auth/api-key-authenticator';
import { ROLES } from '../auth/principal';

function main(argv: string[]): number {
  const [keyId, role, flag] = argv;
  if (!keyId || !/^[A-Za-z0-9_.-]+$/.test(keyId) || !role || !(ROLES as readonly string[]).includes(role) || (flag && flag !== '--stdin')) {
    process.stderr.write('usage: hash-api-key <keyId: letters, digits, _ . -> <reader|curator|admin> [--stdin]\n');
    return 2;
  }
  let key: string;
  if (flag === '--stdin') {
    key = readFileSync(0, 'utf8').replace(/\r?\n$/, '');
    if (key.length < 16) {
      process.stderr.write('hash-api-key: a key read from stdin must have at least 16 characters\n');
      return 2;
    }
  } else {
    key = randomBytes(32).toString('base64url');
    process.stdout.write(`key (give it to its holder; it is not stored anywhere): ${key}\n`);
  }
  process.stdout.write(`API_KEYS entry: ${keyId}:${role}:${hashApiKey(key)}\n`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
