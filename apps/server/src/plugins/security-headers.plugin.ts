import fp from 'fastify-plugin';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * Helmet's security headers (CSP, X-Frame-Options, nosniff, referrer policy, …) on every response,
 * computed ONCE. @fastify/helmet calls `helmet(options)` on every request, which rebuilds every
 * middleware and re-parses the CSP directives each time: ~4 % of a repeated /v1/quotes request's
 * CPU. With static options (no nonces, no per-request directive functions — the app has none) the
 * headers are the same for every response, so helmet runs once here against a recorder and each
 * request only sets the recorded headers. Same library, same options, same headers
 * (security-headers.test.ts compares them with @fastify/helmet's).
 */
export interface SecurityHeadersOptions {
  helmet: Readonly<HelmetOptions>;
}

/** The app's helmet options: a strict CSP ('self' scripts; inline styles for Ant Design's CSS-in-JS); HSTS only behind HTTPS. */
export function securityHeaderOptions(config: { cookieSecure: boolean }): HelmetOptions {
  return {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // Ant Design injects its CSS-in-JS as <style> elements; swagger-ui likewise.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    hsts: config.cookieSecure,
  };
}

type Step = { set: string; value: string } | { remove: string };

/** What `helmet(options)` does to a response, recorded. */
export function helmetSteps(options: Readonly<HelmetOptions>): Step[] {
  const steps: Step[] = [];
  const recorder = {
    setHeader: (name: string, value: unknown) => void steps.push({ set: name, value: String(value) }),
    removeHeader: (name: string) => void steps.push({ remove: name }),
  };
  let finished = false;
  helmet(options as HelmetOptions)({} as never, recorder as never, (err?: unknown) => {
    if (err) throw err instanceof Error ? err : new Error(String(err));
    finished = true;
  });
  if (!finished) throw new Error('helmet did not finish synchronously: its options must be static');
  return steps;
}

export const securityHeadersPlugin = fp<SecurityHeadersOptions>(async (app, opts) => {
  const steps = helmetSteps(opts.helmet);
  app.addHook('onRequest', (_request, reply, done) => {
    const res = reply.raw;
    for (const s of steps) {
      if ('set' in s) res.setHeader(s.set, s.value);
      else res.removeHeader(s.remove);
    }
    done();
  });
});
