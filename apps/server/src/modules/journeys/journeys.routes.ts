import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { journeyDefinitionSchema, journeyIdParamsSchema, journeyListResponseSchema, journeySchema, journeyStatsSchema, problemSchema } from '@autofin/contracts';
import { DomainError, validateJourneyTemplates } from '@autofin/domain';
import type { JourneyDefinition } from '@autofin/contracts';
import { recordAudit } from '../audit/audit.repository.ts';
import { userActor } from '../audit/user-actor.ts';
import { runnerOf } from '../customers/sql-runner.ts';
import { getSegment } from '../segments/segment.repository.ts';
import { activateJourney, approveJourney, archiveJourney, getJourney, insertJourney, listJourneys, pauseJourney, updateJourneyDraft } from './journey.repository.ts';
import { journeyStats } from './journey-stats.repository.ts';

/** 422 naming each bad template (steps.<i>.template.zh …) before anything is written. */
function checkTemplates(definition: JourneyDefinition): void {
  const errors = validateJourneyTemplates(definition);
  if (errors.length > 0) throw new DomainError('CAMPAIGN_TEMPLATE_INVALID', errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);
}

const problems = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema, 422: problemSchema };

/**
 * /api/journeys — triggered journeys (docs/campaigns.md, "Journeys"). Marketing creates and edits;
 * a compliance officer or admin who did not write the version approves it (four eyes, as for
 * campaigns); marketing activates an approved version, pauses and resumes; marketing or compliance
 * archives. Every change is audited. The runner (journey-runner.plugin.ts) does the rest.
 */
export const journeyRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.database.db;
  const readers = app.requireRole('marketing', 'compliance', 'risk', 'viewer');

  app.get('/', { schema: { response: { 200: journeyListResponseSchema, ...problems } }, preHandler: readers }, async () => ({ items: await listJourneys(runnerOf(db())) }));

  app.get('/:id', { schema: { params: journeyIdParamsSchema, response: { 200: journeySchema, ...problems } }, preHandler: readers }, async (request) => {
    const { approvedVersion: _a, cursorAt: _c, ...journey } = await getJourney(runnerOf(db()), request.params.id);
    return journey;
  });

  app.get('/:id/stats', { schema: { params: journeyIdParamsSchema, response: { 200: journeyStatsSchema, ...problems } }, preHandler: readers }, async (request) =>
    journeyStats(runnerOf(db()), request.params.id),
  );

  app.post('/', { schema: { body: journeyDefinitionSchema, response: { 201: journeySchema, ...problems } }, preHandler: app.requireRole('marketing') }, async (request, reply) => {
    checkTemplates(request.body);
    const actor = userActor(request);
    const now = new Date();
    const id = await db().transaction(async (tx) => {
      const run = runnerOf(tx);
      // A segment trigger must name a segment that exists (404 naming it otherwise).
      if (request.body.trigger.type === 'segment_entered') await getSegment(run, request.body.trigger.segmentId);
      const created = await insertJourney(run, request.body, actor.id, now);
      await recordAudit(tx, { actor, action: 'journey.created', entityType: 'journey', entityId: created, after: request.body, requestId: String(request.id) });
      return created;
    });
    const { approvedVersion: _a, cursorAt: _c, ...journey } = await getJourney(runnerOf(db()), id);
    return reply.code(201).send(journey);
  });

  app.put('/:id', { schema: { params: journeyIdParamsSchema, body: journeyDefinitionSchema, response: { 200: journeySchema, ...problems } }, preHandler: app.requireRole('marketing') }, async (request) => {
    checkTemplates(request.body);
    const actor = userActor(request);
    await db().transaction(async (tx) => {
      const run = runnerOf(tx);
      if (request.body.trigger.type === 'segment_entered') await getSegment(run, request.body.trigger.segmentId);
      const before = await getJourney(run, request.params.id, true);
      await updateJourneyDraft(run, request.params.id, request.body, actor.id, new Date());
      await recordAudit(tx, { actor, action: 'journey.updated', entityType: 'journey', entityId: request.params.id, before: { version: before.version, definition: before.definition }, after: request.body, requestId: String(request.id) });
    });
    const { approvedVersion: _a, cursorAt: _c, ...journey } = await getJourney(runnerOf(db()), request.params.id);
    return journey;
  });

  const step = (path: string, past: string, roles: Parameters<typeof app.requireRole>, run: (ctx: { id: string; actorId: string; now: Date; db: ReturnType<typeof runnerOf> }) => Promise<Record<string, unknown>>) =>
    app.post(`/:id/${path}`, { schema: { params: journeyIdParamsSchema, response: { 200: journeySchema, ...problems } }, preHandler: app.requireRole(...roles) }, async (request) => {
      const actor = userActor(request);
      await db().transaction(async (tx) => {
        const after = await run({ id: request.params.id, actorId: actor.id, now: new Date(), db: runnerOf(tx) });
        await recordAudit(tx, { actor, action: `journey.${past}`, entityType: 'journey', entityId: request.params.id, after, requestId: String(request.id) });
      });
      const { approvedVersion: _a, cursorAt: _c, ...journey } = await getJourney(runnerOf(db()), request.params.id);
      return journey;
    });

  // Four eyes: compliance (admin passes every role check) approves a version someone else wrote.
  step('approve', 'approved', ['compliance'], async ({ id, actorId, now, db: run }) => {
    await approveJourney(run, id, actorId, now);
    return { status: 'approved', version: (await getJourney(run, id)).version };
  });
  step('activate', 'activated', ['marketing'], async ({ id, now, db: run }) => {
    await activateJourney(run, id, now);
    return { status: 'active', version: (await getJourney(run, id)).version };
  });
  step('pause', 'paused', ['marketing', 'compliance'], async ({ id, now, db: run }) => {
    await pauseJourney(run, id, now);
    return { status: 'paused' };
  });
  step('archive', 'archived', ['marketing', 'compliance'], async ({ id, now, db: run }) => ({ status: 'archived', enrolmentsEnded: await archiveJourney(run, id, now) }));
};
