import Fastify from 'fastify';
import fastifyHelmet from '@fastify/helmet';
import { describe, expect, it } from 'vitest';
import { securityHeaderOptions, securityHeadersPlugin } from './security-headers.plugin.ts';

/** The security headers of a response, lower-cased, in a stable order. */
function securityHeaders(headers: Record<string, unknown>): Record<string, string> {
  const names = [
    'content-security-policy',
    'cross-origin-opener-policy',
    'cross-origin-resource-policy',
    'origin-agent-cluster',
    'referrer-policy',
    'strict-transport-security',
    'x-content-type-options',
    'x-dns-prefetch-control',
    'x-download-options',
    'x-frame-options',
    'x-permitted-cross-domain-policies',
    'x-powered-by',
    'x-xss-protection',
  ];
  return Object.fromEntries(names.filter((n) => headers[n] !== undefined).map((n) => [n, String(headers[n])]));
}

async function headersWith(register: (app: ReturnType<typeof Fastify>) => Promise<void>): Promise<Record<string, string>> {
  const app = Fastify();
  await register(app);
  app.get('/x', async () => ({ ok: true }));
  const res = await app.inject({ method: 'GET', url: '/x' });
  await app.close();
  return securityHeaders(res.headers);
}

describe('security headers computed once', () => {
  it('are the headers the app documents (strict CSP, frame and sniffing protection)', async () => {
    const headers = await headersWith(async (app) => void (await app.register(securityHeadersPlugin, { helmet: securityHeaderOptions({ cookieSecure: false }) })));
    // Written out from docs/architecture.md § Security and helmet's documented defaults.
    expect(headers).toEqual({
      'content-security-policy':
        "default-src 'self';base-uri 'self';font-src 'self' https: data:;form-action 'self';frame-ancestors 'self';img-src 'self' data:;object-src 'none';script-src 'self';script-src-attr 'none';style-src 'self' 'unsafe-inline';connect-src 'self'",
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-resource-policy': 'same-origin',
      'origin-agent-cluster': '?1',
      'referrer-policy': 'no-referrer',
      'x-content-type-options': 'nosniff',
      'x-dns-prefetch-control': 'off',
      'x-download-options': 'noopen',
      'x-frame-options': 'SAMEORIGIN',
      'x-permitted-cross-domain-policies': 'none',
      'x-xss-protection': '0',
    });
  });

  it('are exactly what @fastify/helmet sets per request with the same options, with and without HSTS', async () => {
    for (const cookieSecure of [false, true]) {
      const options = securityHeaderOptions({ cookieSecure });
      const ours = await headersWith(async (app) => void (await app.register(securityHeadersPlugin, { helmet: options })));
      const theirs = await headersWith(async (app) => void (await app.register(fastifyHelmet, options)));
      expect(ours).toEqual(theirs);
      expect('strict-transport-security' in ours).toBe(cookieSecure);
    }
  });
});
