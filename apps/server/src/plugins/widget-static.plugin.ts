import fp from 'fastify-plugin';

/**
 * The dealer calculator's static files (apps/web/dist/widget/, served by the console plugin) are
 * meant to be used from other sites: calculator.js in a dealer's <script src>, calculator.html in
 * a dealer's <iframe>. Helmet's defaults forbid both (Cross-Origin-Resource-Policy: same-origin,
 * X-Frame-Options: SAMEORIGIN, CSP frame-ancestors 'self'), so for /widget/ only they are relaxed.
 * Everything else keeps the strict headers.
 */
export const widgetStaticPlugin = fp(async (app) => {
  app.addHook('onSend', async (request, reply, payload) => {
    const path = request.url.split('?')[0] ?? '';
    if (!path.startsWith('/widget/') || request.method !== 'GET' && request.method !== 'HEAD') return payload;
    reply.header('cross-origin-resource-policy', 'cross-origin');
    reply.header('access-control-allow-origin', '*');
    reply.removeHeader('x-frame-options');
    const csp = reply.getHeader('content-security-policy');
    if (typeof csp === 'string') reply.header('content-security-policy', csp.replace(/frame-ancestors [^;]*/, 'frame-ancestors *'));
    return payload;
  });
});
