import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { modelRoutes } from './models.routes.ts';
import { strategyRoutes } from './strategies.routes.ts';
import { whatIfRoutes } from './what-if.routes.ts';

/** /api/decisioning: the scorecard registry, decision strategies and the what-if replay. */
export const decisioningRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(modelRoutes);
  await app.register(strategyRoutes);
  await app.register(whatIfRoutes);
};
