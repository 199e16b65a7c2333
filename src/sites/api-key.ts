import { createHash, randomBytes } from 'node:crypto';

const KEY_PREFIX = 'loupe_';

/** A new API key: 256 random bits, recognisable by its prefix in logs and secret scanners. */
export function generateApiKey(): string {
  return KEY_PREFIX + randomBytes(32).toString('base64url');
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** The part of a key that may be shown again after creation. */
export function displayPrefix(key: string): string {
  return key.slice(0, KEY_PREFIX.length + 6);
}
