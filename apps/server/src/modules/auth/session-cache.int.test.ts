import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { SESSION_CACHE_TTL_MS, findSessionUser, forgetUserSessions } from './session.repository.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const tokenOf = (cookie: string) => cookie.slice('autofin_session='.length);
const me = (cookie: string) => t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });

describe('the in-process session cache (ADR 0005)', () => {
  it('forgets a session at once when it is logged out on this instance, even while it is cached', async () => {
    const cookie = await t.login('marketing@autofin.local');
    // Two requests: the second is answered from memory.
    expect((await me(cookie)).statusCode).toBe(200);
    expect((await me(cookie)).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } })).statusCode).toBe(204);
    // Well inside the TTL: refused, and the row is gone.
    const after = await me(cookie);
    expect(after.statusCode).toBe(401);
    expect(after.json().code).toBe('UNAUTHENTICATED');
    const rows = await t.database.query<{ n: number }>('SELECT count(*)::int AS n FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.email = $1', ['marketing@autofin.local']);
    expect(rows[0]!.n).toBe(0);
  });

  it('honours a change made elsewhere (another instance, or SQL) within the TTL, not later', async () => {
    const cookie = await t.login('compliance@autofin.local');
    const token = tokenOf(cookie);
    const t0 = new Date();
    expect((await findSessionUser(t.database.db, token, t0))?.roles).toEqual(['compliance']);
    // Another instance deactivates the user: this process does not see the write.
    await t.database.query("UPDATE users SET active = false WHERE email = 'compliance@autofin.local'");
    // Inside the bound the cached answer may still be given (the documented trade-off) …
    expect((await findSessionUser(t.database.db, token, new Date(t0.getTime() + SESSION_CACHE_TTL_MS - 1)))?.email).toBe('compliance@autofin.local');
    // … and from the bound on it is read again, and refused.
    expect(await findSessionUser(t.database.db, token, new Date(t0.getTime() + SESSION_CACHE_TTL_MS))).toBeNull();
    await t.database.query("UPDATE users SET active = true WHERE email = 'compliance@autofin.local'");
  });

  it('drops a user’s cached sessions at once when forgetUserSessions is called (deactivation or new roles here)', async () => {
    const cookie = await t.login('risk@autofin.local');
    const token = tokenOf(cookie);
    const t0 = new Date();
    const before = await findSessionUser(t.database.db, token, t0);
    expect(before?.roles).toEqual(['risk']);
    await t.database.query("UPDATE users SET roles = ARRAY['viewer'] WHERE email = 'risk@autofin.local'");
    forgetUserSessions(before!.id);
    expect((await findSessionUser(t.database.db, token, new Date(t0.getTime() + 1)))?.roles).toEqual(['viewer']);
  });

  it('never answers an expired session from memory', async () => {
    const cookie = await t.login('viewer@autofin.local');
    const token = tokenOf(cookie);
    const rows = await t.database.query<{ expires_at: Date | string }>(
      "SELECT s.expires_at FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.email = 'viewer@autofin.local'",
    );
    const expiresAt = new Date(rows[0]!.expires_at).getTime();
    // Cached 1 ms before it expires; 1 ms after, the stored expiry refuses it without the TTL's grace.
    expect(await findSessionUser(t.database.db, token, new Date(expiresAt - 1))).not.toBeNull();
    expect(await findSessionUser(t.database.db, token, new Date(expiresAt + 1))).toBeNull();
  });
});
