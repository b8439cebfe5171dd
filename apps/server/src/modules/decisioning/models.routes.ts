import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  challengerRequestSchema,
  modelDetailSchema,
  modelListResponseSchema,
  modelParamsSchema,
  modelPsiSchema,
  modelSummarySchema,
  problemSchema,
  psiQuerySchema,
  registerModelQuerySchema,
  scorecardModelSchema,
} from '@autofin/contracts';
import { parseScorecardModel } from '@autofin/domain';
import { recordAudit } from '../audit/audit.repository.ts';
import { userActor } from '../audit/user-actor.ts';
import { getModelRow, listModels, promoteChampion, registerModel, retireModel, setChallenger, toDetail, type StatusChange } from './model.repository.ts';
import { assertDecidable } from './model-characteristics.ts';
import { dropDecisionSetup } from './decision-setup.service.ts';
import { modelPsi } from './psi.service.ts';

const problems = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema, 413: problemSchema, 422: problemSchema };

export const DECISIONING_READERS = ['risk', 'compliance', 'viewer'] as const;
/** An artefact with its tuning grid is tens of kilobytes; allow well above the console default. */
const ARTEFACT_BODY_LIMIT = 8 * 1024 * 1024;

/**
 * The scorecard registry: models trained with `autofin scorecard train` are registered as
 * candidates, and risk makes one the champion (it decides applications) or runs some as
 * challengers on a share of traffic. Every change is audited with the state before and after.
 */
export const modelRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.database.db;

  app.get('/models', { schema: { response: { 200: modelListResponseSchema, ...problems } }, preHandler: app.requireRole(...DECISIONING_READERS, 'risk') }, async () => ({
    items: await listModels(db()),
  }));

  app.get(
    '/models/:id',
    { schema: { params: modelParamsSchema, response: { 200: modelDetailSchema, ...problems } }, preHandler: app.requireRole(...DECISIONING_READERS, 'risk') },
    async (request) => toDetail(await getModelRow(db(), request.params.id)),
  );

  app.get(
    '/models/:id/artefact',
    { schema: { params: modelParamsSchema, response: { 200: scorecardModelSchema, ...problems } }, preHandler: app.requireRole(...DECISIONING_READERS, 'risk') },
    async (request, reply) => {
      const row = await getModelRow(db(), request.params.id);
      void reply.header('content-disposition', `attachment; filename="${row.modelId}-${row.modelVersion}.json"`);
      return parseScorecardModel(row.artefact);
    },
  );

  app.post(
    '/models',
    {
      bodyLimit: ARTEFACT_BODY_LIMIT,
      schema: { querystring: registerModelQuerySchema, body: z.unknown(), response: { 201: modelSummarySchema, ...problems } },
      preHandler: app.requireRole('risk'),
    },
    async (request, reply) => {
      // Validated here rather than by the route schema so a wrong file answers with the
      // scorecard's own error (422 SCORECARD_INVALID_MODEL) naming the first bad fields.
      const artefact = parseScorecardModel(request.body);
      const actor = userActor(request);
      const q = request.query;
      const summary = await db().transaction(async (tx) => {
        const registered = await registerModel(tx, {
          artefact,
          name: q.name ?? artefact.id,
          dataSource: q.dataSource ?? `uploaded artefact (target ${artefact.target} = ${artefact.badValue})`,
          demo: false,
          notes: q.notes ?? null,
          createdBy: actor.id,
        });
        await recordAudit(tx, {
          actor,
          action: 'scorecard_model.registered',
          entityType: 'scorecard_model',
          entityId: registered.id,
          after: { modelId: artefact.id, version: artefact.version, characteristics: registered.characteristics, auc: registered.auc },
          requestId: String(request.id),
        });
        return registered;
      });
      return reply.code(201).send(summary);
    },
  );

  const audited = (requestId: string, actor: ReturnType<typeof userActor>, action: string, change: StatusChange) => {
    const slim = (m: StatusChange['after'] | null) => (m ? { id: m.id, model: `${m.modelId}@${m.modelVersion}`, status: m.status, trafficShare: m.trafficShare } : null);
    return { actor, action, entityType: 'scorecard_model', entityId: change.after.id, before: slim(change.before), after: { ...slim(change.after), replaced: slim(change.replaced) }, requestId };
  };

  app.post(
    '/models/:id/champion',
    { schema: { params: modelParamsSchema, response: { 200: modelSummarySchema, ...problems } }, preHandler: app.requireRole('risk') },
    async (request) => {
      const actor = userActor(request);
      const change = await db().transaction(async (tx) => {
        assertDecidable(await getModelRow(tx, request.params.id));
        const c = await promoteChampion(tx, request.params.id, actor.id);
        await recordAudit(tx, audited(String(request.id), actor, 'scorecard_model.champion', c));
        return c;
      });
      dropDecisionSetup();
      return change.after;
    },
  );

  app.post(
    '/models/:id/challenger',
    { schema: { params: modelParamsSchema, body: challengerRequestSchema, response: { 200: modelSummarySchema, ...problems } }, preHandler: app.requireRole('risk') },
    async (request) => {
      const actor = userActor(request);
      const change = await db().transaction(async (tx) => {
        assertDecidable(await getModelRow(tx, request.params.id));
        const c = await setChallenger(tx, request.params.id, request.body.share, actor.id);
        await recordAudit(tx, audited(String(request.id), actor, 'scorecard_model.challenger', c));
        return c;
      });
      dropDecisionSetup();
      return change.after;
    },
  );

  app.post(
    '/models/:id/retire',
    { schema: { params: modelParamsSchema, response: { 200: modelSummarySchema, ...problems } }, preHandler: app.requireRole('risk') },
    async (request) => {
      const actor = userActor(request);
      const change = await db().transaction(async (tx) => {
        const c = await retireModel(tx, request.params.id, actor.id);
        await recordAudit(tx, audited(String(request.id), actor, 'scorecard_model.retired', c));
        return c;
      });
      dropDecisionSetup();
      return change.after;
    },
  );

  app.get(
    '/models/:id/psi',
    { schema: { params: modelParamsSchema, querystring: psiQuerySchema, response: { 200: modelPsiSchema, ...problems } }, preHandler: app.requireRole(...DECISIONING_READERS, 'risk') },
    async (request) => {
      const row = await getModelRow(db(), request.params.id);
      return modelPsi(db(), row, request.query.days);
    },
  );

};
