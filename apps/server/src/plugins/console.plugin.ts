import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fp from 'fastify-plugin';
import fastifyStatic from '@fastify/static';
import { problemOf, sendProblem } from './problem.plugin.ts';

const API_PREFIXES = ['/api', '/v1', '/docs', '/healthz'];

/**
 * Serves the built console (apps/web/dist) at `/` and answers unknown non-API GETs with
 * index.html so client-side routes survive a reload. Unknown API routes get problem+json.
 */
export const consolePlugin = fp(async (app) => {
  const dist = app.config.webDist;
  const built = existsSync(join(dist, 'index.html'));
  if (built) {
    await app.register(fastifyStatic, { root: dist, prefix: '/', wildcard: false, index: ['index.html'], maxAge: '1h', immutable: false });
  }
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    const isApi = API_PREFIXES.some((p) => path === p || path.startsWith(`${p}/`));
    if (!isApi && request.method === 'GET' && built && !/\.[a-z0-9]+$/i.test(path)) {
      return reply.type('text/html; charset=utf-8').sendFile('index.html');
    }
    if (!isApi && request.method === 'GET' && !built && path === '/') {
      return reply
        .code(503)
        .type('text/plain; charset=utf-8')
        .send('The console has not been built. Run `npm run build:web` (npm start does this for you), then reload.');
    }
    return sendProblem(reply, problemOf('ROUTE_NOT_FOUND', `No endpoint ${request.method} ${path}.`, String(request.id)));
  });
});
