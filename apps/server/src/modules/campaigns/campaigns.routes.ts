import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  campaignIdParamsSchema,
  campaignListResponseSchema,
  campaignReportSchema,
  campaignSchema,
  createCampaignBodySchema,
  createCampaignResponseSchema,
  problemSchema,
  updateCampaignBodySchema,
} from '@autofin/contracts';
import { DomainError } from '@autofin/domain';
import { recordAudit } from '../audit/audit.repository.ts';
import { userActor } from '../audit/user-actor.ts';
import { runnerOf } from '../customers/sql-runner.ts';
import { findCampaign, insertCampaign, listCampaigns, toCampaign, transitionCampaign } from './campaign.repository.ts';
import { campaignReport, finishCampaign, launchCampaign, updateDraft, validateDefinition } from './campaign.service.ts';
import {
  addSuppressionBodySchema,
  campaignListQuerySchema,
  campaignMessagesResponseSchema,
  channelCostsResponseSchema,
  contactPolicyResponseSchema,
  finishBodySchema,
  messagesQuerySchema,
  previewQuerySchema,
  previewResponseSchema,
  putChannelCostsBodySchema,
  putContactPolicyBodySchema,
  removeSuppressionBodySchema,
  statusHistorySchema,
  summaryQuerySchema,
  summaryResponseSchema,
  suppressionEntrySchema,
  suppressionListQuerySchema,
  suppressionListResponseSchema,
  versionListSchema,
} from '@autofin/contracts';
import { currentChannelCosts, currentContactPolicy, listVersions, publishChannelCosts, publishContactPolicy } from './policy.repository.ts';
import { addSuppression, listSuppressions, removeSuppression } from './suppression.repository.ts';
import { listMessages } from './messages.repository.ts';
import { previewMessage } from './preview.service.ts';
import { campaignSummary } from './summary.repository.ts';

const problems = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema, 422: problemSchema };

/**
 * /api/campaigns (issue 8). Marketing creates and edits drafts and launches; a compliance officer or
 * an admin who did not create the campaign approves it (four eyes); the contact policy is compliance's,
 * channel costs marketing's. Every change is audited. The launch itself is a background job (launch
 * pipeline + dispatcher, campaigns.plugin.ts).
 */
export const campaignRoutes: FastifyPluginAsyncZod = async (app) => {
  const database = () => app.database;
  const now = () => app.campaignClock();
  const readers = app.requireRole('marketing', 'compliance', 'risk', 'viewer');
  const marketing = app.requireRole('marketing');
  const rid = (r: { id: unknown }) => String(r.id);

  app.get('/', { schema: { querystring: campaignListQuerySchema, response: { 200: campaignListResponseSchema, ...problems } }, preHandler: readers }, async (request) => ({
    items: await listCampaigns(database(), request.query),
  }));

  app.post('/', { schema: { body: createCampaignBodySchema, response: { 201: createCampaignResponseSchema, ...problems } }, preHandler: marketing }, async (request, reply) => {
    validateDefinition(request.body);
    const actor = userActor(request);
    const id = await database().db.transaction(async (tx) => {
      const created = await insertCampaign(runnerOf(tx), request.body, actor.id, now());
      await recordAudit(tx, { actor, action: 'campaign.created', entityType: 'campaign', entityId: created, after: request.body, requestId: rid(request) });
      return created;
    });
    return reply.code(201).send({ id });
  });

  // Static paths before /:id.
  app.get('/contact-policy', { schema: { response: { 200: contactPolicyResponseSchema, ...problems } }, preHandler: readers }, async () => {
    const p = await currentContactPolicy(database());
    return { version: p.version, note: p.note, createdBy: p.createdBy, createdAt: p.createdAt, policy: p.value };
  });
  app.get('/contact-policy/versions', { schema: { response: { 200: versionListSchema, ...problems } }, preHandler: readers }, async () => ({ items: await listVersions(database(), 'policy') }));
  app.put('/contact-policy', { schema: { body: putContactPolicyBodySchema, response: { 200: contactPolicyResponseSchema, ...problems } }, preHandler: app.requireRole('compliance') }, async (request) => {
    const actor = userActor(request);
    const p = await database().db.transaction(async (tx) => {
      const before = await currentContactPolicy(runnerOf(tx));
      const published = await publishContactPolicy(runnerOf(tx), request.body.policy, request.body.note ?? null, actor.id);
      await recordAudit(tx, { actor, action: 'campaign.contact_policy.published', entityType: 'contact_policy', entityId: String(published.version), before: before.value, after: request.body.policy, requestId: rid(request) });
      return published;
    });
    return { version: p.version, note: p.note, createdBy: p.createdBy, createdAt: p.createdAt, policy: p.value };
  });

  app.get('/channel-costs', { schema: { response: { 200: channelCostsResponseSchema, ...problems } }, preHandler: readers }, async () => {
    const c = await currentChannelCosts(database());
    return { version: c.version, note: c.note, createdBy: c.createdBy, createdAt: c.createdAt, costs: c.value };
  });
  app.get('/channel-costs/versions', { schema: { response: { 200: versionListSchema, ...problems } }, preHandler: readers }, async () => ({ items: await listVersions(database(), 'costs') }));
  app.put('/channel-costs', { schema: { body: putChannelCostsBodySchema, response: { 200: channelCostsResponseSchema, ...problems } }, preHandler: marketing }, async (request) => {
    const actor = userActor(request);
    const c = await database().db.transaction(async (tx) => {
      const before = await currentChannelCosts(runnerOf(tx));
      const published = await publishChannelCosts(runnerOf(tx), request.body.costs, request.body.note ?? null, actor.id);
      await recordAudit(tx, { actor, action: 'campaign.channel_costs.published', entityType: 'channel_costs', entityId: String(published.version), before: before.value, after: request.body.costs, requestId: rid(request) });
      return published;
    });
    return { version: c.version, note: c.note, createdBy: c.createdBy, createdAt: c.createdAt, costs: c.value };
  });

  app.get('/suppressions', { schema: { querystring: suppressionListQuerySchema, response: { 200: suppressionListResponseSchema, ...problems } }, preHandler: app.requireRole('marketing', 'compliance') }, async (request) => ({
    items: await listSuppressions(database(), { ...request.query, includeRemoved: request.query.includeRemoved === 'true' }),
  }));
  app.post('/suppressions', { schema: { body: addSuppressionBodySchema, response: { 201: suppressionEntrySchema, ...problems } }, preHandler: app.requireRole('marketing', 'compliance') }, async (request, reply) => {
    const actor = userActor(request);
    const entry = await database().db.transaction(async (tx) => {
      const e = await addSuppression(runnerOf(tx), { customerId: request.body.customerId, reason: request.body.reason, channel: request.body.channel ?? null, source: request.body.source, note: request.body.note ?? null, by: actor.id }, now());
      await recordAudit(tx, { actor, action: 'campaign.suppression.added', entityType: 'customer', entityId: request.body.customerId, after: { reason: e.reason, channel: e.channel, source: e.source }, requestId: rid(request) });
      return e;
    });
    return reply.code(201).send(entry);
  });
  app.post(
    '/suppressions/:id/remove',
    { schema: { params: campaignIdParamsSchema, body: removeSuppressionBodySchema, response: { 200: suppressionEntrySchema, ...problems } }, preHandler: app.requireRole('compliance') },
    async (request) => {
      const actor = userActor(request);
      return database().db.transaction(async (tx) => {
        const e = await removeSuppression(runnerOf(tx), request.params.id, actor.id, request.body.reason, now());
        await recordAudit(tx, { actor, action: 'campaign.suppression.removed', entityType: 'customer', entityId: e.customerId, after: { reason: e.reason, removalReason: request.body.reason }, requestId: rid(request) });
        return e;
      });
    },
  );

  app.get('/summary', { schema: { querystring: summaryQuerySchema, response: { 200: summaryResponseSchema, ...problems } }, preHandler: readers }, async (request) => ({
    items: await campaignSummary(database(), request.query),
  }));

  app.get('/:id', { schema: { params: campaignIdParamsSchema, response: { 200: campaignSchema, ...problems } }, preHandler: readers }, async (request) => toCampaign(await findCampaign(database(), request.params.id)));

  app.patch('/:id', { schema: { params: campaignIdParamsSchema, body: updateCampaignBodySchema, response: { 200: campaignSchema, ...problems } }, preHandler: marketing }, async (request) => {
    const actor = userActor(request);
    await database().db.transaction(async (tx) => {
      const { before, after } = await updateDraft(runnerOf(tx), request.params.id, request.body, now());
      await recordAudit(tx, { actor, action: 'campaign.updated', entityType: 'campaign', entityId: request.params.id, before, after, requestId: rid(request) });
    });
    return toCampaign(await findCampaign(database(), request.params.id));
  });

  // Four eyes: compliance or admin, never the creator (admin included).
  app.post('/:id/approve', { schema: { params: campaignIdParamsSchema, response: { 200: campaignSchema, ...problems } }, preHandler: app.requireRole('compliance') }, async (request) => {
    const actor = userActor(request);
    await database().db.transaction(async (tx) => {
      const db = runnerOf(tx);
      const row = await findCampaign(db, request.params.id, true);
      if (row.created_by === actor.id) throw new DomainError('CAMPAIGN_SELF_APPROVAL', 'You created this campaign; a compliance officer or an admin other than you must approve it.');
      if (row.status !== 'draft') throw new DomainError('CAMPAIGN_WRONG_STATE', `the campaign is ${row.status}; only a draft is approved`);
      if (row.approved_by && row.approved_revision === row.revision) throw new DomainError('CAMPAIGN_WRONG_STATE', 'this version of the campaign is already approved');
      await db.query(`UPDATE campaigns SET approved_by = $2, approved_at = $3::timestamptz, approved_revision = revision WHERE id = $1::uuid`, [request.params.id, actor.id, now().toISOString()]);
      await db.query(`INSERT INTO campaign_status_history (campaign_id, from_status, to_status, actor_id, reason, at) VALUES ($1::uuid, 'draft', 'draft', $2, 'approved', $3::timestamptz)`, [
        request.params.id,
        actor.id,
        now().toISOString(),
      ]);
      await recordAudit(tx, { actor, action: 'campaign.approved', entityType: 'campaign', entityId: request.params.id, after: { revision: row.revision }, requestId: rid(request) });
    });
    return toCampaign(await findCampaign(database(), request.params.id));
  });

  app.post('/:id/launch', { schema: { params: campaignIdParamsSchema, response: { 200: campaignSchema, ...problems } }, preHandler: marketing }, async (request) => {
    const status = await launchCampaign(database(), request.params.id, userActor(request), rid(request), now());
    if (status === 'running') app.campaignJobs.kick();
    return toCampaign(await findCampaign(database(), request.params.id));
  });

  const step = (path: string, from: Parameters<typeof transitionCampaign>[2], to: 'paused' | 'running') =>
    app.post(`/:id/${path}`, { schema: { params: campaignIdParamsSchema, response: { 200: campaignSchema, ...problems } }, preHandler: marketing }, async (request) => {
      const actor = userActor(request);
      await database().db.transaction(async (tx) => {
        await transitionCampaign(runnerOf(tx), request.params.id, from, to, actor.id, path, now());
        await recordAudit(tx, { actor, action: `campaign.${path}d`, entityType: 'campaign', entityId: request.params.id, after: { status: to }, requestId: rid(request) });
      });
      if (to === 'running') app.campaignJobs.kick();
      return toCampaign(await findCampaign(database(), request.params.id));
    });
  step('pause', ['running'], 'paused');
  step('resume', ['paused'], 'running');

  app.post('/:id/finish', { schema: { params: campaignIdParamsSchema, body: finishBodySchema, response: { 200: campaignSchema, ...problems } }, preHandler: app.requireRole('marketing', 'compliance') }, async (request) => {
    const actor = userActor(request);
    await database().db.transaction(async (tx) => {
      const ended = await finishCampaign(runnerOf(tx), request.params.id, actor.id, request.body?.reason ?? null, now());
      await recordAudit(tx, { actor, action: 'campaign.finished', entityType: 'campaign', entityId: request.params.id, after: { status: 'finished', endedMessages: ended, reason: request.body?.reason ?? null }, requestId: rid(request) });
    });
    return toCampaign(await findCampaign(database(), request.params.id));
  });

  app.get('/:id/history', { schema: { params: campaignIdParamsSchema, response: { 200: statusHistorySchema, ...problems } }, preHandler: readers }, async (request) => {
    await findCampaign(database(), request.params.id);
    const rows = await database().query<{ from_status: string | null; to_status: string; actor_id: string | null; reason: string | null; at: Date | string }>(
      `SELECT from_status, to_status, actor_id, reason, at FROM campaign_status_history WHERE campaign_id = $1::uuid ORDER BY at, id`,
      [request.params.id],
    );
    return { items: rows.map((r) => ({ from: r.from_status, to: r.to_status, actorId: r.actor_id, reason: r.reason, at: new Date(r.at).toISOString() })) };
  });

  app.get('/:id/report', { schema: { params: campaignIdParamsSchema, response: { 200: campaignReportSchema, ...problems } }, preHandler: readers }, async (request) =>
    campaignReport(database(), request.params.id, now()),
  );

  app.get('/:id/messages', { schema: { params: campaignIdParamsSchema, querystring: messagesQuerySchema, response: { 200: campaignMessagesResponseSchema, ...problems } }, preHandler: readers }, async (request) => {
    await findCampaign(database(), request.params.id);
    return listMessages(database(), request.params.id, request.query);
  });

  app.get('/:id/preview', { schema: { params: campaignIdParamsSchema, querystring: previewQuerySchema, response: { 200: previewResponseSchema, ...problems } }, preHandler: app.requireRole('marketing', 'compliance') }, async (request) =>
    previewMessage(database(), request.params.id, request.query.customerId, request.query.arm, userActor(request).id, now()),
  );
};

