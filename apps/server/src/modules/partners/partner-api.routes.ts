import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/**
 * The partner API (/v1). Its endpoints (products, quotes, applications, webhooks) arrive with
 * the partner-platform issue; the OpenAPI document describing them is served from day one.
 */
export const partnerApiRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
};
