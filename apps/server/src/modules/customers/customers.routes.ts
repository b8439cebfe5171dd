import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  consentChangeSchema,
  customerIdParamsSchema,
  customerListQuerySchema,
  customerListResponseSchema,
  customerProfileSchema,
  mergeRecordSchema,
  mergeRequestSchema,
  problemSchema,
  splitRequestSchema,
  unmaskQuerySchema,
} from '@autofin/contracts';
import { DomainError } from '@autofin/domain';
import { recordAudit } from '../audit/audit.repository.ts';
import { userActor } from '../audit/user-actor.ts';
import { getCustomerProfile, listCustomers, mayUnmask } from './customer-profile.repository.ts';
import { changeConsent } from './consent.repository.ts';
import { refreshDerived } from './event-ingest.service.ts';
import { listMerges, manualMerge, splitMerge } from './merge.service.ts';
import { runnerOf } from './sql-runner.ts';

const problems = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema };

/**
 * Customer profiles (360° view), consent and manual identity merges. Every response that carries L1
 * data masks it unless the caller's role may unmask AND asks with a reason; each unmasking is written
 * to the audit log with who, which profile, which level and why.
 */
export const customerRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.database.db;
  const readers = app.requireRole('marketing', 'risk', 'compliance', 'dealer_ops', 'viewer');

  app.get('/', { schema: { querystring: customerListQuerySchema, response: { 200: customerListResponseSchema, ...problems } }, preHandler: readers }, async (request) =>
    listCustomers(runnerOf(db()), request.query),
  );

  app.get(
    '/:id',
    { schema: { params: customerIdParamsSchema, querystring: unmaskQuerySchema, response: { 200: customerProfileSchema, ...problems } }, preHandler: readers },
    async (request) => {
      const user = request.user!;
      const unmask = request.query.unmask === 'true';
      if (unmask) {
        if (!mayUnmask(user.roles, 'L1')) throw new DomainError('FORBIDDEN', `Your roles (${user.roles.join(', ')}) may not see personal data in clear; compliance, risk and dealer operations may.`);
        if (!request.query.reason) throw new DomainError('VALIDATION_FAILED', 'Say why you need to see the personal data in clear.', [{ field: 'reason', message: 'required when unmask=true (at least 5 characters)' }]);
      }
      const clearL3 = unmask && mayUnmask(user.roles, 'L3');
      const profile = await getCustomerProfile(runnerOf(db()), request.params.id, app.personalData, { clearL1: unmask, clearL3, now: new Date() });
      if (unmask) {
        await recordAudit(db(), {
          actor: userActor(request),
          action: 'customer.unmasked',
          entityType: 'customer',
          entityId: request.params.id,
          after: { levels: clearL3 ? ['L1', 'L3'] : ['L1'], fields: clearL3 ? ['name', 'phone', 'email', 'idNumber'] : ['name', 'phone', 'email'], reason: request.query.reason },
          requestId: String(request.id),
        });
      }
      return profile;
    },
  );

  app.post(
    '/:id/consents',
    {
      schema: { params: customerIdParamsSchema, body: consentChangeSchema, response: { 200: customerProfileSchema, ...problems } },
      preHandler: app.requireRole('marketing', 'compliance', 'dealer_ops'),
    },
    async (request) => {
      const actor = userActor(request);
      const now = new Date();
      await db().transaction(async (tx) => {
        const run = runnerOf(tx);
        await changeConsent(run, request.params.id, request.body, actor, now);
        await recordAudit(tx, { actor, action: `customer.consent_${request.body.action}`, entityType: 'customer', entityId: request.params.id, after: request.body, requestId: String(request.id) });
        // Personalisation and consent-based segments follow the change at once.
        await refreshDerived(run, [request.params.id], now);
      });
      return getCustomerProfile(runnerOf(db()), request.params.id, app.personalData, { clearL1: false, clearL3: false, now });
    },
  );

  app.get('/:id/merges', { schema: { params: customerIdParamsSchema, response: { 200: z.object({ items: z.array(mergeRecordSchema) }), ...problems } }, preHandler: readers }, async (request) => ({
    items: await listMerges(runnerOf(db()), request.params.id),
  }));

  app.post('/merges', { schema: { body: mergeRequestSchema, response: { 201: mergeRecordSchema, ...problems } }, preHandler: app.requireRole('compliance', 'marketing') }, async (request, reply) => {
    const actor = userActor(request);
    const record = await db().transaction(async (tx) => {
      const r = await manualMerge(runnerOf(tx), request.body, actor, new Date());
      await recordAudit(tx, { actor, action: 'customer.merged', entityType: 'customer', entityId: request.body.survivorId, after: { mergeId: r.id, mergedId: request.body.mergedId, reason: request.body.reason }, requestId: String(request.id) });
      return r;
    });
    return reply.code(201).send(record);
  });

  app.post(
    '/merges/:id/split',
    { schema: { params: customerIdParamsSchema, body: splitRequestSchema, response: { 200: mergeRecordSchema, ...problems } }, preHandler: app.requireRole('compliance', 'marketing') },
    async (request) => {
      const actor = userActor(request);
      return db().transaction(async (tx) => {
        const r = await splitMerge(runnerOf(tx), request.params.id, request.body.reason, actor, new Date());
        await recordAudit(tx, { actor, action: 'customer.split', entityType: 'customer', entityId: r.survivorId, after: { mergeId: r.id, restoredId: r.mergedId, reason: request.body.reason }, requestId: String(request.id) });
        return r;
      });
    },
  );
};
