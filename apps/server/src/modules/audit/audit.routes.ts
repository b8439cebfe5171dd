import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { auditPageSchema, auditQuerySchema, problemSchema } from '@autofin/contracts';
import { searchAudit } from './audit.repository.ts';

export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/',
    {
      schema: { querystring: auditQuerySchema, response: { 200: auditPageSchema, 401: problemSchema, 403: problemSchema } },
      preHandler: app.requireRole('admin', 'compliance'),
    },
    async (request) => searchAudit(app.database.db, request.query),
  );
};
