import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { problemSchema, whatIfParamsSchema, whatIfRequestSchema, whatIfRunSchema } from '@autofin/contracts';
import { recordAudit } from '../audit/audit.repository.ts';
import { userActor } from '../audit/user-actor.ts';
import { DECISIONING_READERS } from './models.routes.ts';
import { runWhatIf } from './what-if.service.ts';
import { getWhatIfRun } from './what-if.repository.ts';

const problems = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema, 422: problemSchema, 503: problemSchema };

/** The what-if replay: risk runs it on a draft before publishing; every run is kept with who ran it. */
export const whatIfRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.database.db;

  app.post('/what-if', { schema: { body: whatIfRequestSchema, response: { 201: whatIfRunSchema, ...problems } }, preHandler: app.requireRole('risk') }, async (request, reply) => {
    const actor = userActor(request);
    const run = await db().transaction(async (tx) => {
      const r = await runWhatIf(tx, request.body, actor.id);
      await recordAudit(tx, {
        actor,
        action: 'decision_strategy.what_if',
        entityType: 'decision_strategy',
        entityId: `${r.strategyId}@${r.candidateVersion ?? 'unsaved'}`,
        after: { runId: r.runId, baseline: r.baselineVersion, applications: r.applications, approvalRate: [r.result.baseline.approvalRate, r.result.candidate.approvalRate], changed: r.changedCount },
        requestId: String(request.id),
      });
      return r;
    });
    return reply.code(201).send(run);
  });

  app.get(
    '/what-if/:runId',
    { schema: { params: whatIfParamsSchema, response: { 200: whatIfRunSchema, ...problems } }, preHandler: app.requireRole(...DECISIONING_READERS, 'risk') },
    async (request) => getWhatIfRun(db(), request.params.runId),
  );
};
