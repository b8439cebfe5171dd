import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Partner API keys look like `afk_3kq9d8x2mz4p_<43 characters>`: a public prefix the server looks the
 * key up by, and 256 random bits. Only SHA-256 of the whole key is stored: a fast hash is right for
 * a random 256-bit secret (nothing to brute-force), and it keeps the lookup cheap on every request.
 */
const KEY_PATTERN = /^afk_([a-z0-9]{12})_([A-Za-z0-9_-]{43})$/;

export interface GeneratedKey {
  key: string;
  prefix: string;
  secretHash: string;
}

export function generateApiKey(): GeneratedKey {
  const prefix = randomBytes(9)
    .toString('base64url')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '0')
    .slice(0, 12);
  const key = `afk_${prefix}_${randomBytes(32).toString('base64url')}`;
  return { key, prefix, secretHash: hashApiKey(key) };
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** The prefix of a well-formed key, or null for anything else. */
export function apiKeyPrefix(key: string): string | null {
  const m = KEY_PATTERN.exec(key);
  return m ? m[1]! : null;
}

export function apiKeyMatches(key: string, secretHash: string): boolean {
  const a = Buffer.from(hashApiKey(key), 'hex');
  const b = Buffer.from(secretHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
