import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  problemSchema,
  productCodeParamsSchema,
  productDefinitionSchema,
  productDetailResponseSchema,
  productListResponseSchema,
  productValidationResponseSchema,
  productVersionParamsSchema,
  productVersionSchema,
} from '@autofin/contracts';
import { assertPublishable, DomainError, validateProduct } from '@autofin/domain';
import { recordAudit } from '../audit/audit.repository.ts';
import { findActiveGridRecord } from '../pricing/pricing.repository.ts';
import { businessDate } from '../quotes/business-date.ts';
import { userActor } from '../audit/user-actor.ts';
import { getProductVersion, insertDraft, listProducts, productVersions, publishDraft, updateDraft } from './product.repository.ts';

const problems = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema, 422: problemSchema };

/**
 * The product catalogue. Everyone signed in reads it; marketing and risk write drafts; risk and
 * compliance publish. Publishing checks the product against every rulebook in force during its
 * effective period and against the active pricing grid, and refuses with the rule named.
 */
export const productRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.database.db;

  app.get('/', { schema: { response: { 200: productListResponseSchema, ...problems } }, preHandler: app.requireRole() }, async () => ({
    items: await listProducts(db(), businessDate()),
  }));

  app.get('/:code', { schema: { params: productCodeParamsSchema, response: { 200: productDetailResponseSchema, ...problems } }, preHandler: app.requireRole() }, async (request) => {
    const versions = await productVersions(db(), request.params.code);
    if (versions.length === 0) throw new DomainError('NOT_FOUND', `no product ${request.params.code}`);
    return { code: request.params.code, versions };
  });

  app.get(
    '/:code/versions/:version',
    { schema: { params: productVersionParamsSchema, response: { 200: productVersionSchema, ...problems } }, preHandler: app.requireRole() },
    async (request) => getProductVersion(db(), request.params.code, request.params.version),
  );

  // Checks a definition without saving it (the console's "check" button).
  app.post(
    '/validate',
    { schema: { body: productDefinitionSchema, response: { 200: productValidationResponseSchema, ...problems } }, preHandler: app.requireRole('marketing', 'risk', 'compliance') },
    async (request) => {
      const active = await findActiveGridRecord(db());
      return validateProduct(request.body, { grid: active?.grid });
    },
  );

  app.post(
    '/',
    { schema: { body: productDefinitionSchema, response: { 201: productVersionSchema, ...problems } }, preHandler: app.requireRole('marketing', 'risk') },
    async (request, reply) => {
      const actor = userActor(request);
      const created = await db().transaction(async (tx) => {
        const record = await insertDraft(tx, request.body, actor.id);
        await recordAudit(tx, { actor, action: 'product.draft_created', entityType: 'product', entityId: `${record.code}@${record.version}`, after: record.definition, requestId: String(request.id) });
        return record;
      });
      return reply.code(201).send(created);
    },
  );

  app.put(
    '/:code/versions/:version',
    { schema: { params: productVersionParamsSchema, body: productDefinitionSchema, response: { 200: productVersionSchema, ...problems } }, preHandler: app.requireRole('marketing', 'risk') },
    async (request) => {
      const { code, version } = request.params;
      if (request.body.code !== code) throw new DomainError('VALIDATION_FAILED', 'the body is a different product', [{ field: 'code', message: `must be ${code}` }]);
      const actor = userActor(request);
      return db().transaction(async (tx) => {
        const before = await getProductVersion(tx, code, version);
        const record = await updateDraft(tx, code, version, request.body);
        await recordAudit(tx, { actor, action: 'product.draft_updated', entityType: 'product', entityId: `${code}@${version}`, before: before.definition, after: record.definition, requestId: String(request.id) });
        return record;
      });
    },
  );

  app.post(
    '/:code/versions/:version/publish',
    { schema: { params: productVersionParamsSchema, response: { 200: productVersionSchema, ...problems } }, preHandler: app.requireRole('risk', 'compliance') },
    async (request) => {
      const { code, version } = request.params;
      const actor = userActor(request);
      return db().transaction(async (tx) => {
        const draft = await getProductVersion(tx, code, version);
        if (draft.status !== 'draft') throw new DomainError('PRODUCT_NOT_DRAFT', `${code} v${version} is ${draft.status}, not a draft`);
        const active = await findActiveGridRecord(tx);
        const verdict = assertPublishable(draft.definition, { grid: active?.grid });
        const record = await publishDraft(tx, code, version, verdict.rulebookVersion, actor.id);
        await recordAudit(tx, {
          actor,
          action: 'product.published',
          entityType: 'product',
          entityId: `${code}@${version}`,
          after: { rulebookVersion: verdict.rulebookVersion, grid: active ? `${active.gridId}@${active.version}` : null },
          requestId: String(request.id),
        });
        return record;
      });
    },
  );
};
