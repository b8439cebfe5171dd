import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { hashPassword, verifyPassword } from './password.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('console sign-in', () => {
  it('creates one demo user per role, with scrypt hashes, not plaintext', async () => {
    const rows = await t.database.query<{ email: string; roles: string[]; password_hash: string }>(
      'SELECT email, roles, password_hash FROM users ORDER BY email',
    );
    expect(rows.map((r) => r.email)).toEqual([
      'admin@autofin.local',
      'compliance@autofin.local',
      'dealer_ops@autofin.local',
      'marketing@autofin.local',
      'risk@autofin.local',
      'viewer@autofin.local',
    ]);
    for (const r of rows) {
      expect(r.password_hash).toMatch(/^scrypt\$32768\$8\$1\$/);
      expect(r.password_hash).not.toContain('autofin-demo');
    }
  });

  it('logs in with the demo password and sets an httpOnly, SameSite=Lax session cookie', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'Marketing@autofin.local', password: 'autofin-demo' } });
    expect(res.statusCode).toBe(200);
    expect(res.json().user).toMatchObject({ email: 'marketing@autofin.local', roles: ['marketing'] });
    const cookie = res.cookies.find((c) => c.name === 'autofin_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    // only the token's hash is stored
    const stored = await t.database.query<{ token_hash: string }>('SELECT token_hash FROM sessions');
    expect(stored.some((s) => s.token_hash === cookie?.value)).toBe(false);
    expect(stored.some((s) => /^[0-9a-f]{64}$/.test(s.token_hash))).toBe(true);
  });

  it('rejects a wrong password with 401 INVALID_CREDENTIALS and records the attempt', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'risk@autofin.local', password: 'guess' } });
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ status: 401, code: 'INVALID_CREDENTIALS' });
    const audit = await t.database.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_log WHERE action = 'auth.login_failed' AND actor_label = 'risk@autofin.local'",
    );
    expect(audit[0]?.n).toBe(1);
  });

  it('answers /me with the user, and 401 after logout', async () => {
    const cookie = await t.login('risk@autofin.local');
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    expect(me.statusCode).toBe(200);
    expect(me.json().user.roles).toEqual(['risk']);
    const out = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } });
    expect(out.statusCode).toBe(204);
    const after = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    expect(after.statusCode).toBe(401);
    expect(after.json().code).toBe('UNAUTHENTICATED');
  });

  it('rejects an expired session', async () => {
    const cookie = await t.login('viewer@autofin.local');
    await t.database.query("UPDATE sessions SET expires_at = now() - interval '1 minute'");
    const res = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    expect(res.statusCode).toBe(401);
  });
});

describe('password hashing', () => {
  it('verifies the right password and rejects others, salting each hash', async () => {
    const a = await hashPassword('correct horse battery staple');
    const b = await hashPassword('correct horse battery staple');
    expect(a).not.toBe(b);
    expect(await verifyPassword('correct horse battery staple', a)).toBe(true);
    expect(await verifyPassword('correct horse battery stapl', a)).toBe(false);
    expect(await verifyPassword('x', 'not-a-hash')).toBe(false);
  });
});

describe('production start', () => {
  it('creates only the administrator when AUTOFIN_ADMIN_PASSWORD is set', async () => {
    const prod = await createTestApp({ AUTOFIN_ADMIN_PASSWORD: 'a-long-production-secret', AUTOFIN_ADMIN_EMAIL: 'ops@lender.example' });
    try {
      // createTestApp ran ensureInitialUsers with the production settings
      const rows = await prod.database.query<{ email: string; is_demo: boolean }>('SELECT email, is_demo FROM users');
      expect(rows).toEqual([{ email: 'ops@lender.example', is_demo: false }]);
      const demo = await prod.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'admin@autofin.local', password: 'autofin-demo' } });
      expect(demo.statusCode).toBe(401);
      await prod.login('ops@lender.example', 'a-long-production-secret');
    } finally {
      await prod.close();
    }
  });
});

describe('sign-in throttling', () => {
  it('refuses an e-mail with 10 failed attempts in 15 minutes, even with the right password', async () => {
    for (let i = 0; i < 10; i += 1) {
      const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'dealer_ops@autofin.local', password: `wrong-${i}` } });
      expect(res.statusCode).toBe(401);
    }
    const locked = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'dealer_ops@autofin.local', password: 'autofin-demo' } });
    expect(locked.statusCode).toBe(429);
    expect(locked.json().code).toBe('RATE_LIMITED');
    // other users are unaffected
    await t.login('marketing@autofin.local');
  });
});
