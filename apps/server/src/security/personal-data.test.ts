import { createDecipheriv, createHmac, hkdfSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createPersonalDataProtector, parseMasterKey, resolveMasterKey } from './personal-data.ts';

const KEY = Buffer.from('000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f', 'hex');
const p = createPersonalDataProtector(KEY);
const ID = '11010519491231002X';

describe('encrypt / decrypt', () => {
  it('round-trips and never contains the plaintext', () => {
    const token = p.encrypt(ID);
    expect(token).toMatch(/^v1\.[A-Za-z0-9_-]+$/);
    expect(token).not.toContain(ID);
    expect(p.decrypt(token)).toBe(ID);
  });

  it('uses a fresh IV: the same value encrypts differently each time', () => {
    expect(p.encrypt(ID)).not.toBe(p.encrypt(ID));
  });

  it('is AES-256-GCM under the HKDF-derived key, as an independent decryption with node:crypto shows', () => {
    const token = p.encrypt('25000.00');
    const raw = Buffer.from(token.slice(3), 'base64url');
    const encKey = Buffer.from(hkdfSync('sha256', KEY, Buffer.alloc(0), 'autofin personal data aes-256-gcm v1', 32));
    const d = createDecipheriv('aes-256-gcm', encKey, raw.subarray(0, 12));
    d.setAuthTag(raw.subarray(12, 28));
    expect(Buffer.concat([d.update(raw.subarray(28)), d.final()]).toString('utf8')).toBe('25000.00');
    // 12-byte IV + 16-byte tag + 8 bytes of ciphertext for 8 bytes of text
    expect(raw.length).toBe(12 + 16 + 8);
  });

  it('rejects a tampered token, a token bound to another context and another key', () => {
    const token = p.encrypt(ID, 'application-1');
    const raw = Buffer.from(token.slice(3), 'base64url');
    raw[raw.length - 1] = raw[raw.length - 1]! ^ 1;
    expect(() => p.decrypt(`v1.${raw.toString('base64url')}`, 'application-1')).toThrow();
    expect(() => p.decrypt(token, 'application-2')).toThrow();
    expect(p.decrypt(token, 'application-1')).toBe(ID);
    const other = createPersonalDataProtector(Buffer.alloc(32, 7));
    expect(() => other.decrypt(token, 'application-1')).toThrow();
    expect(() => p.decrypt('v9.abc')).toThrow(/known version/);
  });
});

describe('keyedHash', () => {
  it('is HMAC-SHA256 of kind NUL value under the derived key', () => {
    const macKey = Buffer.from(hkdfSync('sha256', KEY, Buffer.alloc(0), 'autofin personal data hmac-sha256 v1', 32));
    const expected = createHmac('sha256', macKey).update(`id_number\u0000${ID}`).digest('hex');
    expect(p.keyedHash('id_number', ID)).toBe(expected);
  });

  it('normalises what people type differently, and separates kinds', () => {
    expect(p.keyedHash('id_number', '11010519491231002x')).toBe(p.keyedHash('id_number', ID));
    expect(p.keyedHash('phone', '+86 138-1234-5678')).toBe(p.keyedHash('phone', '13812345678'));
    expect(p.keyedHash('phone', '13812345678')).not.toBe(p.keyedHash('device_id', '13812345678'));
    expect(createPersonalDataProtector(Buffer.alloc(32, 1)).keyedHash('id_number', ID)).not.toBe(p.keyedHash('id_number', ID));
  });
});

describe('master key', () => {
  const dir = mkdtempSync(join(tmpdir(), 'autofin-key-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('parses hex and base64 of 32 bytes and refuses other lengths', () => {
    expect(parseMasterKey(KEY.toString('hex'))).toEqual(KEY);
    expect(parseMasterKey(KEY.toString('base64'))).toEqual(KEY);
    expect(() => parseMasterKey('abcd')).toThrow(/32 bytes/);
  });

  it('generates a key file once (mode 0600) and reads it back on the next start', () => {
    const file = join(dir, 'sub', 'master.key');
    const first = resolveMasterKey(undefined, file);
    expect(first.source).toBe('generated');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8').trim()).toBe(first.key.toString('hex'));
    const second = resolveMasterKey(undefined, file);
    expect(second.source).toBe('key-file');
    expect(second.key).toEqual(first.key);
    expect(resolveMasterKey(KEY.toString('hex'), file)).toEqual({ key: KEY, source: 'config' });
  });
});
