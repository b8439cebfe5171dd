import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { overviewSchema, problemSchema } from '@autofin/contracts';
import { getOverview } from './overview.repository.ts';

export const overviewRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/',
    { schema: { response: { 200: overviewSchema, 401: problemSchema } }, preHandler: app.requireRole() },
    async () => getOverview(app.database),
  );
};
