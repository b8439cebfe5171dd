import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  newDraftRequestSchema,
  problemSchema,
  publishRequestSchema,
  storedStrategySchema,
  strategyListResponseSchema,
  strategyVersionParamsSchema,
  updateDraftRequestSchema,
} from '@autofin/contracts';
import { DomainError, parseDecisionStrategy } from '@autofin/domain';
import { recordAudit } from '../audit/audit.repository.ts';
import { userActor } from '../audit/user-actor.ts';
import { dropDecisionSetup } from './decision-setup.service.ts';
import { DECISIONING_READERS } from './models.routes.ts';
import { findPublishedStrategy, getPublishedStrategy, getStrategy, insertStrategy, listStrategyVersions, nextStrategyVersion, publishStrategy, updateDraftStrategy } from './strategy.repository.ts';
import { findWhatIfRun, latestWhatIfRun } from './what-if.repository.ts';

const problems = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema, 422: problemSchema, 503: problemSchema };

/**
 * Decision strategies as versioned data: risk copies the published version into a draft, edits
 * thresholds and cut-offs, replays it in the what-if and publishes it; the published version is
 * what every automatic decision runs. Every change is audited with the definition before and after.
 */
export const strategyRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.database.db;
  const read = app.requireRole(...DECISIONING_READERS, 'risk');

  app.get('/strategies', { schema: { response: { 200: strategyListResponseSchema, ...problems } }, preHandler: read }, async () => ({ items: await listStrategyVersions(db()) }));

  app.get('/strategies/published', { schema: { response: { 200: storedStrategySchema, ...problems } }, preHandler: read }, async () => getPublishedStrategy(db()));

  app.get(
    '/strategies/:strategyId/versions/:version',
    { schema: { params: strategyVersionParamsSchema, response: { 200: storedStrategySchema, ...problems } }, preHandler: read },
    async (request) => getStrategy(db(), request.params.strategyId, request.params.version),
  );

  app.post(
    '/strategies/drafts',
    { schema: { body: newDraftRequestSchema, response: { 201: storedStrategySchema, ...problems } }, preHandler: app.requireRole('risk') },
    async (request, reply) => {
      const actor = userActor(request);
      const stored = await db().transaction(async (tx) => {
        const published = await getPublishedStrategy(tx);
        const source = request.body.fromVersion ? await getStrategy(tx, published.strategyId, request.body.fromVersion) : published;
        const version = await nextStrategyVersion(tx, source.strategyId);
        const definition = parseDecisionStrategy({ ...source.definition, version });
        const draft = await insertStrategy(tx, { definition, status: 'draft', basedOnVersion: source.version, note: request.body.note ?? null, by: actor.id });
        await recordAudit(tx, {
          actor,
          action: 'decision_strategy.draft_created',
          entityType: 'decision_strategy',
          entityId: `${draft.strategyId}@${draft.version}`,
          after: { basedOn: source.version, note: draft.note },
          requestId: String(request.id),
        });
        return draft;
      });
      return reply.code(201).send(stored);
    },
  );

  app.put(
    '/strategies/:strategyId/versions/:version',
    { schema: { params: strategyVersionParamsSchema, body: updateDraftRequestSchema, response: { 200: storedStrategySchema, ...problems } }, preHandler: app.requireRole('risk') },
    async (request) => {
      const { strategyId, version } = request.params;
      const actor = userActor(request);
      // The id and version are the URL's: an editor cannot move a draft onto another version.
      const given = request.body.definition;
      const definition = parseDecisionStrategy(typeof given === 'object' && given !== null ? { ...given, id: strategyId, version } : given);
      return db().transaction(async (tx) => {
        const before = await getStrategy(tx, strategyId, version);
        const saved = await updateDraftStrategy(tx, strategyId, version, definition, request.body.note === undefined ? before.note : request.body.note);
        await recordAudit(tx, {
          actor,
          action: 'decision_strategy.draft_updated',
          entityType: 'decision_strategy',
          entityId: `${strategyId}@${version}`,
          before: before.definition,
          after: definition,
          requestId: String(request.id),
        });
        return saved;
      });
    },
  );

  app.post(
    '/strategies/:strategyId/versions/:version/publish',
    { schema: { params: strategyVersionParamsSchema, body: publishRequestSchema.optional(), response: { 200: storedStrategySchema, ...problems } }, preHandler: app.requireRole('risk') },
    async (request) => {
      const { strategyId, version } = request.params;
      const actor = userActor(request);
      const result = await db().transaction(async (tx) => {
        const draft = await getStrategy(tx, strategyId, version);
        if (draft.status !== 'draft') throw new DomainError('DECISIONING_STRATEGY_NOT_DRAFT', `${strategyId} v${version} is ${draft.status}, not a draft`);
        // A publish rests on evidence: a what-if replay of this very draft, made after its last edit.
        const runId = request.body?.whatIfRunId;
        const run = runId ? await findWhatIfRun(tx, runId) : await latestWhatIfRun(tx, strategyId, version);
        if (runId && (!run || run.strategyId !== strategyId || run.version !== version)) {
          throw new DomainError('VALIDATION_FAILED', 'the what-if run is not one of this draft', [{ field: 'whatIfRunId', message: `not a what-if run of ${strategyId} v${version}` }]);
        }
        if (!run || run.runAt.getTime() < new Date(draft.updatedAt).getTime()) {
          throw new DomainError('DECISIONING_WHAT_IF_REQUIRED', `run the what-if on ${strategyId} v${version} after its last change before publishing it`, [
            { field: 'whatIfRunId', message: run ? 'the latest what-if run is older than the last edit' : 'no what-if run of this draft' },
          ]);
        }
        parseDecisionStrategy(draft.definition);
        const previous = await findPublishedStrategy(tx);
        const { published } = await publishStrategy(tx, strategyId, version, actor.id, run.id);
        await recordAudit(tx, {
          actor,
          action: 'decision_strategy.published',
          entityType: 'decision_strategy',
          entityId: `${strategyId}@${version}`,
          before: previous ? { published: `${previous.strategyId}@${previous.version}` } : null,
          after: { published: `${strategyId}@${version}`, whatIfRunId: run.id },
          requestId: String(request.id),
        });
        return published;
      });
      dropDecisionSetup();
      return result;
    },
  );
};
