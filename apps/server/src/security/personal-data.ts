import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Protection of L3 personal data at rest (DESIGN.md rule 8): ID numbers, incomes, bank accounts,
 * credit reports.
 *
 * - encrypt/decrypt: AES-256-GCM with a fresh 96-bit IV per value; the token is
 *   `v1.<base64url(iv ‖ tag ‖ ciphertext)>`. GCM authenticates, so a value copied from another
 *   row or edited in the database fails to decrypt instead of yielding a wrong plaintext. The
 *   optional `context` (e.g. the application id) is bound as additional authenticated data for
 *   the same reason.
 * - keyedHash: HMAC-SHA256 (hex) of the normalised value, so equal ID numbers and phones can be
 *   matched (customer matching, fraud velocity) without storing or decrypting them. A keyed hash,
 *   not a plain SHA-256: an 18-digit ID has so little entropy (region × birth date × sequence)
 *   that an unkeyed hash is reversed by enumeration in minutes.
 *
 * Both keys are derived from the one master key (AUTOFIN_MASTER_KEY, 32 bytes) with HKDF under
 * distinct labels, so a leaked hash key does not reveal the encryption key. The `v1` prefix
 * leaves room for key rotation (a new label or master key under `v2`, old tokens still readable).
 */
export interface PersonalDataProtector {
  encrypt(plaintext: string, context?: string): string;
  decrypt(token: string, context?: string): string;
  /** `kind` separates hash spaces: the same digits as a phone and as an ID number hash differently. */
  keyedHash(kind: PersonalDataKind, value: string): string;
}

export type PersonalDataKind = 'id_number' | 'phone' | 'email' | 'device_id' | (string & {});

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** How each kind is normalised before hashing: the same person typed twice must hash the same. */
function normalise(kind: PersonalDataKind, value: string): string {
  const v = value.trim();
  if (kind === 'id_number') return v.toUpperCase();
  if (kind === 'phone') return v.replace(/[\s-]/g, '').replace(/^\+?86(?=1\d{10}$)/, '');
  if (kind === 'email') return v.toLowerCase();
  return v;
}

export function createPersonalDataProtector(masterKey: Buffer): PersonalDataProtector {
  if (masterKey.length !== 32) throw new RangeError(`the master key must be 32 bytes, got ${masterKey.length}`);
  const encKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'autofin personal data aes-256-gcm v1', 32));
  const macKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'autofin personal data hmac-sha256 v1', 32));

  return {
    encrypt(plaintext, context) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', encKey, iv);
      if (context) cipher.setAAD(Buffer.from(context, 'utf8'));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return `${VERSION}.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
    },
    decrypt(token, context) {
      const dot = token.indexOf('.');
      if (dot < 0 || token.slice(0, dot) !== VERSION) throw new Error('not an encrypted personal-data token of a known version');
      const raw = Buffer.from(token.slice(dot + 1), 'base64url');
      if (raw.length < IV_BYTES + TAG_BYTES) throw new Error('encrypted personal-data token is truncated');
      const decipher = createDecipheriv('aes-256-gcm', encKey, raw.subarray(0, IV_BYTES));
      decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      if (context) decipher.setAAD(Buffer.from(context, 'utf8'));
      return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    },
    keyedHash(kind, value) {
      return createHmac('sha256', macKey).update(`${kind}\u0000${normalise(kind, value)}`).digest('hex');
    },
  };
}

/** A master key from configuration: 64 hex characters or base64 of 32 bytes. */
export function parseMasterKey(text: string): Buffer {
  const t = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(t) ? Buffer.from(t, 'hex') : Buffer.from(t, 'base64');
  if (key.length !== 32) throw new RangeError('AUTOFIN_MASTER_KEY must be 32 bytes: 64 hex characters or base64');
  return key;
}

export interface ResolvedMasterKey {
  key: Buffer;
  /** Where it came from: the configuration, or a key file this start created or read. */
  source: 'config' | 'generated' | 'key-file';
  keyFile?: string;
}

/**
 * The embedded default: without AUTOFIN_MASTER_KEY a key is generated once into the data
 * directory (mode 0600) and reused on later starts, so `npm start` works out of the box and the
 * data stays readable across restarts. The caller warns: a key next to the data it protects only
 * guards a database dump taken elsewhere, not a copy of the whole data directory.
 */
export function resolveMasterKey(configured: string | undefined, keyFile: string): ResolvedMasterKey {
  if (configured) return { key: parseMasterKey(configured), source: 'config' };
  if (existsSync(keyFile)) return { key: parseMasterKey(readFileSync(keyFile, 'utf8')), source: 'key-file', keyFile };
  mkdirSync(dirname(keyFile), { recursive: true });
  const key = randomBytes(32);
  writeFileSync(keyFile, `${key.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  return { key, source: 'generated', keyFile };
}
