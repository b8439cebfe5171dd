import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { problemSchema, quoteIdParamsSchema, quoteRequestBodySchema, quotesResponseSchema, storedQuoteSchema } from '@autofin/contracts';
import { userActor } from '../audit/user-actor.ts';
import { getQuote } from './quote.repository.ts';
import { createQuoteBody } from './quote.service.ts';

const problems = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 422: problemSchema, 503: problemSchema };

/** POST /api/quotes: every eligible product × term, priced, with schedules and disclosures (any console role). */
export const quoteRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post('/', { schema: { body: quoteRequestBodySchema, response: { 200: quotesResponseSchema, ...problems } }, preHandler: app.requireRole() }, async (request, reply) => {
    const actor = userActor(request);
    const { body } = await createQuoteBody(app.database, request.body, { createdBy: actor.id, channel: 'console' });
    // The body was validated against quotesResponseSchema and serialised when it was stored (the
    // stored quote is these bytes); Fastify sends a JSON string as it is, not validated twice.
    return reply.type('application/json; charset=utf-8').send(body as never);
  });

  app.get('/:quoteId', { schema: { params: quoteIdParamsSchema, response: { 200: storedQuoteSchema, ...problems } }, preHandler: app.requireRole() }, async (request) =>
    getQuote(app.database.db, request.params.quoteId),
  );
};
