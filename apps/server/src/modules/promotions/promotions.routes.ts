import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  burnDownQuerySchema,
  burnDownResponseSchema,
  problemSchema,
  promotionDefinitionSchema,
  promotionIdParamsSchema,
  promotionListResponseSchema,
  promotionRejectRequestSchema,
  promotionSchema,
  reservationRequestSchema,
  reservationSchema,
} from '@autofin/contracts';
import { DomainError, parseMoney, validatePromotion } from '@autofin/domain';
import { recordAudit } from '../audit/audit.repository.ts';
import { userActor } from '../audit/user-actor.ts';
import { businessDate } from '../quotes/business-date.ts';
import { getQuote } from '../quotes/quote.repository.ts';
import { burnDown, getPromotion, insertPromotion, listPromotions, reserveBudget, transition, updatePromotionDraft } from './promotion.repository.ts';

const problems = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema, 422: problemSchema };

/**
 * Promotions: marketing drafts and submits; compliance (or an admin) other than the creator
 * approves — four eyes — and only then does it apply to quotes. Take-ups charge the budget
 * atomically (see promotion.repository.ts reserveBudget).
 */
export const promotionRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.database.db;
  const readers = app.requireRole('marketing', 'compliance', 'risk', 'viewer');

  app.get('/', { schema: { response: { 200: promotionListResponseSchema, ...problems } }, preHandler: readers }, async () => ({ items: await listPromotions(db(), businessDate()) }));

  app.get('/:id', { schema: { params: promotionIdParamsSchema, response: { 200: promotionSchema, ...problems } }, preHandler: readers }, async (request) =>
    getPromotion(db(), request.params.id, businessDate()),
  );

  app.post('/', { schema: { body: promotionDefinitionSchema, response: { 201: promotionSchema, ...problems } }, preHandler: app.requireRole('marketing') }, async (request, reply) => {
    validatePromotion(request.body);
    const actor = userActor(request);
    const created = await db().transaction(async (tx) => {
      const p = await insertPromotion(tx, request.body, 'draft', actor.id);
      await recordAudit(tx, { actor, action: 'promotion.created', entityType: 'promotion', entityId: p.id, after: request.body, requestId: String(request.id) });
      return p;
    });
    return reply.code(201).send(await getPromotion(db(), created.id, businessDate()));
  });

  app.put(
    '/:id',
    { schema: { params: promotionIdParamsSchema, body: promotionDefinitionSchema, response: { 200: promotionSchema, ...problems } }, preHandler: app.requireRole('marketing') },
    async (request) => {
      validatePromotion(request.body);
      const actor = userActor(request);
      const today = businessDate();
      await db().transaction(async (tx) => {
        const before = await getPromotion(tx, request.params.id, today, true);
        await updatePromotionDraft(tx, request.params.id, request.body);
        await recordAudit(tx, { actor, action: 'promotion.updated', entityType: 'promotion', entityId: request.params.id, before: before.definition, after: request.body, requestId: String(request.id) });
      });
      return getPromotion(db(), request.params.id, today);
    },
  );

  const step = (
    path: string,
    roles: Parameters<typeof app.requireRole>,
    action: string,
    run: (ctx: { id: string; actorId: string; body: unknown; tx: Parameters<Parameters<ReturnType<typeof db>['transaction']>[0]>[0] }) => Promise<unknown>,
  ) =>
    app.post(`/:id/${path}`, { schema: { params: promotionIdParamsSchema, response: { 200: promotionSchema, ...problems } }, preHandler: app.requireRole(...roles) }, async (request) => {
      const actor = userActor(request);
      const today = businessDate();
      await db().transaction(async (tx) => {
        await getPromotion(tx, request.params.id, today, true);
        const after = await run({ id: request.params.id, actorId: actor.id, body: request.body, tx });
        await recordAudit(tx, { actor, action, entityType: 'promotion', entityId: request.params.id, after, requestId: String(request.id) });
      });
      return getPromotion(db(), request.params.id, today);
    });

  step('submit', ['marketing'], 'promotion.submitted', async ({ id, tx }) => {
    await transition(tx, id, 'draft', 'pending_approval', { submittedAt: new Date(), rejectionReason: null });
    return { status: 'pending_approval' };
  });

  // Four eyes: whoever created the promotion cannot launch it, admin included.
  step('approve', ['compliance'], 'promotion.approved', async ({ id, actorId, tx }) => {
    const p = await getPromotion(tx, id, businessDate());
    if (p.createdBy === actorId) throw new DomainError('PROMOTION_SELF_APPROVAL', 'You created this promotion; someone else must approve it.');
    await transition(tx, id, 'pending_approval', 'approved', { approvedBy: actorId, approvedAt: new Date() });
    return { status: 'approved', budget: p.definition.budget };
  });

  app.post(
    '/:id/reject',
    { schema: { params: promotionIdParamsSchema, body: promotionRejectRequestSchema, response: { 200: promotionSchema, ...problems } }, preHandler: app.requireRole('compliance') },
    async (request) => {
      const actor = userActor(request);
      const today = businessDate();
      await db().transaction(async (tx) => {
        await transition(tx, request.params.id, 'pending_approval', 'draft', { rejectionReason: request.body.reason });
        await recordAudit(tx, { actor, action: 'promotion.rejected', entityType: 'promotion', entityId: request.params.id, after: { reason: request.body.reason }, requestId: String(request.id) });
      });
      return getPromotion(db(), request.params.id, today);
    },
  );

  step('end', ['marketing', 'compliance'], 'promotion.ended', async ({ id, tx }) => {
    await transition(tx, id, 'approved', 'ended', { endedAt: new Date() });
    return { status: 'ended' };
  });

  app.post(
    '/:id/reservations',
    { schema: { params: promotionIdParamsSchema, body: reservationRequestSchema, response: { 201: reservationSchema, ...problems } }, preHandler: app.requireRole('dealer_ops', 'marketing') },
    async (request, reply) => {
      const actor = userActor(request);
      const today = businessDate();
      const promotionId = request.params.id;
      const quote = await getQuote(db(), request.body.quoteId);
      const offer = quote.response.offers.find((o) => o.offerId === request.body.offerId);
      if (!offer) throw new DomainError('NOT_FOUND', `quote ${quote.quoteId} has no offer ${request.body.offerId}`, [{ field: 'offerId', message: 'is not an offer of the quote' }]);
      if (offer.promotion?.id !== promotionId) {
        throw new DomainError('PROMOTION_NOT_APPLICABLE', `offer ${offer.offerId} does not carry promotion ${promotionId}`, [{ field: 'offerId', message: 'does not carry this promotion' }]);
      }
      const amountFen = parseMoney(offer.promotion.budgetCost);
      const reservation = await db().transaction(async (tx) =>
        reserveBudget(tx, { promotionId, quoteId: quote.quoteId, offerId: offer.offerId, amountFen, today, by: actor.id }),
      );
      if (!reservation) {
        const p = await getPromotion(db(), promotionId, today);
        if (p.status !== 'approved' || p.definition.endsOn < today || p.definition.startsOn > today) {
          throw new DomainError('PROMOTION_WRONG_STATE', `the promotion is ${p.status} and runs ${p.definition.startsOn} to ${p.definition.endsOn}`);
        }
        throw new DomainError('PROMOTION_BUDGET_EXHAUSTED', `the offer costs ${offer.promotion.budgetCost} yuan and ${p.remaining} yuan of the budget remain`);
      }
      return reply.code(201).send(reservation);
    },
  );

  app.get(
    '/:id/burn-down',
    { schema: { params: promotionIdParamsSchema, querystring: burnDownQuerySchema, response: { 200: burnDownResponseSchema, ...problems } }, preHandler: readers },
    async (request) => {
      const p = await getPromotion(db(), request.params.id, businessDate());
      return { promotionId: p.id, budget: p.definition.budget, bucket: request.query.bucket, points: await burnDown(db(), p.id, request.query.bucket) };
    },
  );
};
