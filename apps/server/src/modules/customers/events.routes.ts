import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { eventBatchRequestSchema, eventBatchResponseSchema, problemSchema } from '@autofin/contracts';
import { ingestEvents } from './event-ingest.service.ts';

/**
 * POST /api/events: up to 1,000 events per batch, all or nothing. A bad batch answers 400 with one
 * `errors[]` entry per problem, its field named `events[<index>].<field>`; nothing of it is stored.
 * Traits and segment memberships follow within about a second (the refresh worker).
 */
export const eventRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/',
    {
      schema: { body: eventBatchRequestSchema, response: { 202: eventBatchResponseSchema, 400: problemSchema, 401: problemSchema, 403: problemSchema } },
      preHandler: app.requireRole('marketing', 'dealer_ops'),
    },
    async (request, reply) => {
      const { affected: _affected, ...result } = await ingestEvents(app.database, request.body.events, { protector: app.personalData, source: 'api', derived: 'queue' });
      return reply.code(202).send(result);
    },
  );
};
