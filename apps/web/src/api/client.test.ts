import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, buildUrl, onUnauthorized, request } from './client.ts';

function respond(status: number, body: unknown, contentType = 'application/json') {
  const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
  return vi.fn(async () => new Response(status === 204 ? null : text, { status, headers: { 'content-type': contentType } }));
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('buildUrl', () => {
  it('drops empty filters and encodes the rest', () => {
    expect(buildUrl('/api/audit', { q: 'auth login', action: '', entityType: undefined, limit: 50, cursor: null })).toBe(
      '/api/audit?q=auth+login&limit=50',
    );
    expect(buildUrl('/api/audit', {})).toBe('/api/audit');
  });
});

describe('request', () => {
  it('returns the parsed JSON of a 2xx response and sends JSON bodies', async () => {
    const fetch = respond(200, { user: { id: 'u1' } });
    vi.stubGlobal('fetch', fetch);
    await expect(request('/api/auth/login', { method: 'POST', body: { email: 'a@b.c', password: 'x' } })).resolves.toEqual({ user: { id: 'u1' } });
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/auth/login');
    expect(init.method).toBe('POST');
    expect(init.body).toBe('{"email":"a@b.c","password":"x"}');
    expect((init.headers as Record<string, string>)['content-type']).toBe('application/json');
  });

  it('resolves undefined for 204', async () => {
    vi.stubGlobal('fetch', respond(204, undefined));
    await expect(request('/api/auth/logout', { method: 'POST' })).resolves.toBeUndefined();
  });

  it('turns a problem+json response into an ApiError carrying the code and detail', async () => {
    const problem = { type: 'https://autofin.dev/problems/forbidden', title: 'Your role may not do this', status: 403, detail: 'Only admin and compliance may read the audit log.', code: 'FORBIDDEN' };
    vi.stubGlobal('fetch', respond(403, problem, 'application/problem+json'));
    const error = await request('/api/audit').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(403);
    expect((error as ApiError).code).toBe('FORBIDDEN');
    expect((error as ApiError).message).toBe('Only admin and compliance may read the audit log.');
  });

  it('reports a non-problem error body as UNKNOWN with its status', async () => {
    vi.stubGlobal('fetch', respond(502, '<html>Bad gateway</html>', 'text/html'));
    const error = (await request('/api/overview').catch((e: unknown) => e)) as ApiError;
    expect(error.code).toBe('UNKNOWN');
    expect(error.status).toBe(502);
    expect(error.problem).toBeNull();
  });

  it('reports an unreachable server as NETWORK', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    const error = (await request('/api/overview').catch((e: unknown) => e)) as ApiError;
    expect(error.code).toBe('NETWORK');
  });

  it('tells the session about a 401, except where signing in is the point', async () => {
    const problem = { type: 'about:blank', title: 'Sign-in required', status: 401, code: 'UNAUTHENTICATED' };
    vi.stubGlobal('fetch', respond(401, problem, 'application/problem+json'));
    const listener = vi.fn();
    const stop = onUnauthorized(listener);
    await request('/api/overview').catch(() => undefined);
    expect(listener).toHaveBeenCalledTimes(1);
    await request('/api/auth/login', { method: 'POST', body: {}, allowUnauthenticated: true }).catch(() => undefined);
    expect(listener).toHaveBeenCalledTimes(1);
    stop();
    await request('/api/overview').catch(() => undefined);
    expect(listener).toHaveBeenCalledTimes(1);
  });
});
