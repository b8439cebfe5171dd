import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { eventBatchRequestSchema, eventBatchResponseSchema } from '@autofin/contracts';
import { DomainError } from '@autofin/domain';
import { principal, v1Problems } from '../partners/v1-common.ts';
import { ingestEvents } from './event-ingest.service.ts';

/**
 * POST /v1/events: dealer systems send what happened in the showroom (dealer visits, test drives,
 * quotes viewed …), up to 1,000 per batch, all or nothing. Partners identify people by identifiers
 * (their own dealer CRM id, a verified phone, an ID number), never by our customer ids: a partner must
 * not be able to probe or write to profiles it does not know. Events carry the partner's id.
 */
export const partnerEventRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/',
    {
      config: { partnerScope: 'events:write' },
      schema: {
        tags: ['events'],
        summary: 'Send customer events (≤ 1,000 per batch, all or nothing)',
        description:
          'Each event: `type`, `occurredAt` (ISO 8601 with offset), `channel`, `identifiers` (e.g. `{"dealerCrmId":"C-1029","phone":"13812345678","phoneVerified":true}`) and the type\'s `payload`. A bad batch answers 400 with `errors[]` naming `events[<index>].<field>`; nothing of it is stored.',
        body: eventBatchRequestSchema,
        response: { 202: eventBatchResponseSchema, ...v1Problems },
      },
    },
    async (request, reply) => {
      const p = principal(request);
      const events = request.body.events.map((e, index) => {
        if (typeof e === 'object' && e !== null && 'customerId' in e) {
          throw new DomainError('VALIDATION_FAILED', 'partners identify customers by identifiers, not by customerId', [{ field: `events[${index}].customerId`, message: 'not accepted on /v1; send identifiers' }]);
        }
        if (typeof e === 'object' && e !== null && 'partnerId' in e && (e as { partnerId: unknown }).partnerId !== p.partnerId && !p.partnerIds.includes(String((e as { partnerId: unknown }).partnerId))) {
          throw new DomainError('NOT_FOUND', `no dealer ${String((e as { partnerId: unknown }).partnerId)}`);
        }
        return typeof e === 'object' && e !== null ? { partnerId: p.partnerId, ...e } : e;
      });
      const { affected: _affected, ...result } = await ingestEvents(app.database, events, { protector: app.personalData, source: `partner:${p.partnerId}`, derived: 'queue' });
      return reply.code(202).send(result);
    },
  );
};
