import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test/test-app.ts';

let t: TestApp;
let viewer: string;
let admin: string;
beforeAll(async () => {
  t = await createTestApp();
  viewer = await t.login('viewer@autofin.local');
  admin = await t.login('admin@autofin.local');
});
afterAll(async () => {
  await t.close();
});

describe('health and documents', () => {
  it('GET /healthz answers ok once migrated', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('serves an OpenAPI 3.1 document for /v1 only', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/v1/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info.title).toBe('autofin partner API');
    for (const path of Object.keys(doc.paths ?? {})) expect(path.startsWith('/v1/')).toBe(true);
  });

  it('serves the browsable reference at /docs', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/docs/' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('swagger');
  });

  it('echoes a request id, or makes one', async () => {
    const given = await t.app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'req-123' } });
    expect(given.headers['x-request-id']).toBe('req-123');
    const made = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(String(made.headers['x-request-id'])).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('bad input gets a clear 4xx problem+json, never a 500', () => {
  const login = (payload: string, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
    t.app.inject({ method: 'POST', url: '/api/auth/login', payload, headers });

  it('malformed JSON → 400 MALFORMED_JSON', async () => {
    const res = await login('{"email": "admin@autofin.local", ');
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ status: 400, code: 'MALFORMED_JSON', type: expect.stringContaining('malformed-json') });
  });

  it('wrong types → 400 VALIDATION_FAILED naming each bad field', async () => {
    const res = await login(JSON.stringify({ email: 42, password: ['x'] }));
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['email', 'password']);
  });

  it('a missing field is named', async () => {
    const res = await login(JSON.stringify({ email: 'admin@autofin.local' }));
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([expect.objectContaining({ field: 'password' })]);
  });

  it('unknown routes → 404 ROUTE_NOT_FOUND', async () => {
    for (const url of ['/api/nope', '/v1/nope']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ code: 'ROUTE_NOT_FOUND', status: 404 });
    }
  });

  it('no session → 401, wrong role → 403', async () => {
    const anon = await t.app.inject({ method: 'GET', url: '/api/audit' });
    expect(anon.statusCode).toBe(401);
    expect(anon.json().code).toBe('UNAUTHENTICATED');
    const wrong = await t.app.inject({ method: 'GET', url: '/api/audit', headers: { cookie: viewer } });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().code).toBe('FORBIDDEN');
  });

  it('oversized bodies → 413 (limit configured at 64 KiB in this test app)', async () => {
    const res = await login(JSON.stringify({ email: 'a@b.cn', password: 'x'.repeat(70_000) }));
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('an unsupported content type → 415', async () => {
    const res = await login('email=a', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(res.statusCode).toBe(415);
    expect(res.json().code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('a bad query parameter is named', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/audit?limit=abc', headers: { cookie: admin } });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('querystring.limit');
  });
});

describe('audit log', () => {
  it('is append-only at the database level', async () => {
    await expect(t.database.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    await expect(t.database.query("UPDATE audit_log SET action = 'x'")).rejects.toThrow(/append-only/);
  });

  it('records sign-ins and can be searched and paged by compliance', async () => {
    const compliance = await t.login('compliance@autofin.local');
    const expected = await t.database.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE action = 'auth.login'");
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/audit?action=auth.login&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const res = await t.app.inject({ method: 'GET', url, headers: { cookie: compliance } });
      expect(res.statusCode).toBe(200);
      const page = res.json() as { items: Array<{ id: string; action: string }>; nextCursor: string | null };
      for (const item of page.items) {
        expect(item.action).toBe('auth.login');
        seen.push(item.id);
      }
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.length).toBe(expected[0]?.n);
    expect(new Set(seen).size).toBe(seen.length);

    const q = await t.app.inject({ method: 'GET', url: '/api/audit?q=compliance@autofin', headers: { cookie: compliance } });
    expect(q.json().items.length).toBeGreaterThan(0);
    for (const item of q.json().items) expect(JSON.stringify(item)).toContain('compliance@autofin');
  });
});
