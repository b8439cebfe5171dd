import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  DEFAULT_ROTATION_OVERLAP_HOURS,
  apiKeyListResponseSchema,
  apiKeyParamsSchema,
  consoleWebhookListResponseSchema,
  createApiKeyBodySchema,
  createPartnerBodySchema,
  createdApiKeySchema,
  createdPartnerSchema,
  deliveryParamsSchema,
  partnerIdParamsSchema,
  partnerListQuerySchema,
  partnerListResponseSchema,
  problemSchema,
  rotateApiKeyBodySchema,
  usageQuerySchema,
  usageResponseSchema,
  webhookDeliveryListResponseSchema,
} from '@autofin/contracts';
import { DomainError } from '@autofin/domain';
import { recordAudit } from '../audit/audit.repository.ts';
import { userActor } from '../audit/user-actor.ts';
import { createApiKey, listApiKeys, revokeApiKey, rotateApiKey } from './api-key.repository.ts';
import { createPartner, listPartners, partnerExists } from './partner.repository.ts';
import { usageSeries } from './usage.repository.ts';
import { listDeliveries, listSubscriptions, replayDelivery } from './webhook.repository.ts';

const problems = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema, 422: problemSchema };

/**
 * /api/partners: the console side of the partner platform (admin, dealer_ops). Key creation,
 * revocation and rotation are audited; the secret appears only in the creation response.
 */
export const partnerRoutes: FastifyPluginAsyncZod = async (app) => {
  const roles = app.requireRole('dealer_ops');
  const db = () => app.database.db;
  const mustExist = async (partnerId: string) => {
    if (!(await partnerExists(db(), partnerId))) throw new DomainError('NOT_FOUND', `no partner ${partnerId}`);
  };

  app.get('/', { schema: { querystring: partnerListQuerySchema, response: { 200: partnerListResponseSchema, ...problems } }, preHandler: roles }, async (request) => listPartners(db(), request.query));

  app.post('/', { schema: { body: createPartnerBodySchema, response: { 201: createdPartnerSchema, ...problems } }, preHandler: roles }, async (request, reply) => {
    const actor = userActor(request);
    const created = await db().transaction(async (tx) => {
      const p = await createPartner(tx, request.body);
      await recordAudit(tx, { actor, action: 'partner.created', entityType: 'partner', entityId: p.id, after: request.body, requestId: request.id });
      return p;
    });
    return reply.code(201).send(created);
  });

  app.get('/usage', { schema: { querystring: usageQuerySchema, response: { 200: usageResponseSchema, ...problems } }, preHandler: roles }, async (request) => {
    // Include what this instance has counted but not yet written.
    await app.partnerAccess.usage.flush();
    return usageSeries(app.database, request.query.hours, request.query.partnerId);
  });

  app.get('/:partnerId/api-keys', { schema: { params: partnerIdParamsSchema, response: { 200: apiKeyListResponseSchema, ...problems } }, preHandler: roles }, async (request) => {
    await mustExist(request.params.partnerId);
    return { items: await listApiKeys(db(), request.params.partnerId) };
  });

  app.post(
    '/:partnerId/api-keys',
    { schema: { params: partnerIdParamsSchema, body: createApiKeyBodySchema.nullish(), response: { 201: createdApiKeySchema, ...problems } }, preHandler: roles },
    async (request, reply) => {
      const actor = userActor(request);
      const { partnerId } = request.params;
      await mustExist(partnerId);
      const body = request.body ?? {};
      const created = await db().transaction(async (tx) => {
        const k = await createApiKey(tx, partnerId, { scopes: body.scopes, rateLimitPerMinute: body.rateLimitPerMinute, createdBy: actor.label ?? actor.id });
        await recordAudit(tx, { actor, action: 'partner.api_key.created', entityType: 'partner_api_key', entityId: k.id, after: { partnerId, prefix: k.prefix, scopes: k.scopes, rateLimitPerMinute: k.rateLimitPerMinute }, requestId: request.id });
        return k;
      });
      return reply.code(201).send(created);
    },
  );

  app.post('/:partnerId/api-keys/:keyId/revoke', { schema: { params: apiKeyParamsSchema, response: { 200: apiKeyListResponseSchema, ...problems } }, preHandler: roles }, async (request) => {
    const actor = userActor(request);
    const { partnerId, keyId } = request.params;
    const prefix = await db().transaction(async (tx) => {
      const p = await revokeApiKey(tx, partnerId, keyId);
      await recordAudit(tx, { actor, action: 'partner.api_key.revoked', entityType: 'partner_api_key', entityId: keyId, after: { partnerId }, requestId: request.id });
      return p;
    });
    app.partnerAccess.forget(prefix);
    return { items: await listApiKeys(db(), partnerId) };
  });

  app.post(
    '/:partnerId/api-keys/:keyId/rotate',
    { schema: { params: apiKeyParamsSchema, body: rotateApiKeyBodySchema.nullish(), response: { 201: createdApiKeySchema, ...problems } }, preHandler: roles },
    async (request, reply) => {
      const actor = userActor(request);
      const { partnerId, keyId } = request.params;
      const overlapHours = request.body?.overlapHours ?? DEFAULT_ROTATION_OVERLAP_HOURS;
      const created = await db().transaction(async (tx) => {
        const k = await rotateApiKey(tx, partnerId, keyId, overlapHours, actor.label ?? actor.id);
        await recordAudit(tx, { actor, action: 'partner.api_key.rotated', entityType: 'partner_api_key', entityId: keyId, after: { partnerId, newKeyId: k.id, overlapHours }, requestId: request.id });
        return k;
      });
      app.partnerAccess.forget(created.oldPrefix);
      const { oldPrefix: _old, ...out } = created;
      return reply.code(201).send(out);
    },
  );

  app.get('/:partnerId/webhooks', { schema: { params: partnerIdParamsSchema, response: { 200: consoleWebhookListResponseSchema, ...problems } }, preHandler: roles }, async (request) => {
    await mustExist(request.params.partnerId);
    return { items: await listSubscriptions(app.database, request.params.partnerId, true) };
  });

  app.get('/:partnerId/webhook-deliveries', { schema: { params: partnerIdParamsSchema, response: { 200: webhookDeliveryListResponseSchema, ...problems } }, preHandler: roles }, async (request) => {
    await mustExist(request.params.partnerId);
    return { items: await listDeliveries(app.database, request.params.partnerId) };
  });

  app.post('/:partnerId/webhook-deliveries/:deliveryId/replay', { schema: { params: deliveryParamsSchema, response: { 201: createdPartnerSchema, ...problems } }, preHandler: roles }, async (request, reply) => {
    const actor = userActor(request);
    const replay = await replayDelivery(app.database, request.params.partnerId, request.params.deliveryId);
    await recordAudit(db(), { actor, action: 'partner.webhook.replayed', entityType: 'webhook_delivery', entityId: request.params.deliveryId, after: { newDeliveryId: replay.id }, requestId: request.id });
    void app.webhookWorker.runOnce().catch(() => undefined);
    return reply.code(201).send(replay);
  });
};
