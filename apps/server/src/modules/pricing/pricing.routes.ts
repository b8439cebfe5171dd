import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  gridListResponseSchema,
  gridPreviewRequestSchema,
  gridPreviewSchema,
  gridVersionParamsSchema,
  pricingGridSchema,
  problemSchema,
  storedGridSchema,
  type PricingGrid,
} from '@autofin/contracts';
import { assertValidPricingGrid, DomainError, previewGrid, validateProduct } from '@autofin/domain';
import { recordAudit } from '../audit/audit.repository.ts';
import { userActor } from '../audit/user-actor.ts';
import { sellableProducts } from '../products/product.repository.ts';
import { businessDate } from '../quotes/business-date.ts';
import { activateGrid, findActiveGridRecord, getGrid, insertGrid, listGrids, nextGridVersion, updateDraftGrid } from './pricing.repository.ts';

const problems = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema, 422: problemSchema, 503: problemSchema };

/**
 * Pricing grids as versioned data: risk edits drafts, previews the rates they give and publishes
 * one, which becomes the single active grid quotes price off. Every change is audited with the
 * grid as it was and as it became.
 */
export const pricingRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.database.db;

  app.get('/grids', { schema: { response: { 200: gridListResponseSchema, ...problems } }, preHandler: app.requireRole() }, async () => ({ items: await listGrids(db()) }));

  app.get('/grids/active', { schema: { response: { 200: storedGridSchema, ...problems } }, preHandler: app.requireRole() }, async () => {
    const active = await findActiveGridRecord(db());
    if (!active) throw new DomainError('NOT_FOUND', 'no pricing grid is active');
    return active;
  });

  app.get(
    '/grids/:gridId/versions/:version',
    { schema: { params: gridVersionParamsSchema, response: { 200: storedGridSchema, ...problems } }, preHandler: app.requireRole() },
    async (request) => getGrid(db(), request.params.gridId, request.params.version),
  );

  app.post('/grids', { schema: { body: pricingGridSchema, response: { 201: storedGridSchema, ...problems } }, preHandler: app.requireRole('risk') }, async (request, reply) => {
    const actor = userActor(request);
    const stored = await db().transaction(async (tx) => {
      const version = await nextGridVersion(tx, request.body.id);
      const grid: PricingGrid = { ...request.body, version };
      assertValidPricingGrid(grid);
      const record = await insertGrid(tx, grid, 'draft', actor.id);
      await recordAudit(tx, { actor, action: 'pricing_grid.draft_created', entityType: 'pricing_grid', entityId: `${grid.id}@${version}`, after: grid, requestId: String(request.id) });
      return record;
    });
    return reply.code(201).send(stored);
  });

  app.put(
    '/grids/:gridId/versions/:version',
    { schema: { params: gridVersionParamsSchema, body: pricingGridSchema, response: { 200: storedGridSchema, ...problems } }, preHandler: app.requireRole('risk') },
    async (request) => {
      const { gridId, version } = request.params;
      if (request.body.id !== gridId) throw new DomainError('VALIDATION_FAILED', 'the body is a different grid', [{ field: 'id', message: `must be ${gridId}` }]);
      const actor = userActor(request);
      const grid: PricingGrid = { ...request.body, version };
      assertValidPricingGrid(grid);
      return db().transaction(async (tx) => {
        const before = await getGrid(tx, gridId, version);
        const record = await updateDraftGrid(tx, gridId, version, grid);
        await recordAudit(tx, { actor, action: 'pricing_grid.draft_updated', entityType: 'pricing_grid', entityId: `${gridId}@${version}`, before: before.grid, after: grid, requestId: String(request.id) });
        return record;
      });
    },
  );

  app.post(
    '/grids/:gridId/versions/:version/publish',
    { schema: { params: gridVersionParamsSchema, response: { 200: storedGridSchema, ...problems } }, preHandler: app.requireRole('risk') },
    async (request) => {
      const { gridId, version } = request.params;
      const actor = userActor(request);
      return db().transaction(async (tx) => {
        const draft = await getGrid(tx, gridId, version);
        if (draft.status !== 'draft') throw new DomainError('PRICING_GRID_NOT_DRAFT', `${gridId} v${version} is ${draft.status}, not a draft`);
        assertValidPricingGrid(draft.grid);
        // The published catalogue must stay priceable: a grid that drops a product's term is refused.
        const faults = (await sellableProducts(tx, businessDate())).flatMap((p) =>
          validateProduct(p.definition, { grid: draft.grid })
            .violations.filter((v) => v.rule.startsWith('grid '))
            .map((v) => ({ field: `products.${p.definition.code}.${v.field}`, message: v.message })),
        );
        if (faults.length > 0) {
          throw new DomainError('PRICING_INVALID_GRID', `the grid does not price published products: ${faults.map((f) => `${f.field} ${f.message}`).join('; ')}`, faults);
        }
        const previous = await findActiveGridRecord(tx);
        const record = await activateGrid(tx, gridId, version, actor.id);
        await recordAudit(tx, {
          actor,
          action: 'pricing_grid.published',
          entityType: 'pricing_grid',
          entityId: `${gridId}@${version}`,
          before: previous ? { active: `${previous.gridId}@${previous.version}` } : null,
          after: { active: `${gridId}@${version}` },
          requestId: String(request.id),
        });
        return record;
      });
    },
  );

  app.post(
    '/preview',
    { schema: { body: gridPreviewRequestSchema, response: { 200: gridPreviewSchema, ...problems } }, preHandler: app.requireRole('risk', 'marketing', 'compliance') },
    async (request) => {
      const body = request.body;
      const grid = body.grid ?? (await getGrid(db(), body.gridId!, body.version!)).grid;
      const { ltvPercent, termMonths, dealerGrade, ...rest } = body.base;
      return previewGrid(grid, {
        columns: body.columns,
        base: { ...rest, ...(ltvPercent !== undefined ? { ltvPercent } : {}), ...(termMonths !== undefined ? { termMonths } : {}), ...(dealerGrade !== undefined ? { dealerGrade } : {}) },
      });
    },
  );
};
