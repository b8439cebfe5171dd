import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  MARKETING_CHANNELS,
  problemSchema,
  segmentCreateRequestSchema,
  segmentListResponseSchema,
  segmentMembershipChangeSchema,
  segmentPreviewRequestSchema,
  segmentPreviewResponseSchema,
  segmentSchema,
} from '@autofin/contracts';
import { recordAudit } from '../audit/audit.repository.ts';
import { userActor } from '../audit/user-actor.ts';
import { runnerOf } from '../customers/sql-runner.ts';
import { summariesByIds } from '../customers/customer-summary.ts';
import { customersWithConsent } from '../customers/consent.repository.ts';
import { displayName, displayPhone } from '../customers/customer-profile.repository.ts';
import { COUNT_SETTINGS, previewRule } from './membership.repository.ts';
import { checkRule, createSegment, getSegment, listSegments } from './segment.repository.ts';

const problems = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema };
const idParams = z.object({ id: z.uuid() });

/**
 * Segments: rule preview with live count and a masked sample, saving, listing with counts, the
 * membership changes a campaign triggers on, and a masked, consent-filtered, audited export.
 */
export const segmentRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.database.db;
  const readers = app.requireRole('marketing', 'risk', 'compliance', 'viewer');

  app.get('/', { schema: { response: { 200: segmentListResponseSchema, ...problems } }, preHandler: readers }, async () => ({ items: await listSegments(runnerOf(db())) }));

  app.post('/preview', { schema: { body: segmentPreviewRequestSchema, response: { 200: segmentPreviewResponseSchema, ...problems } }, preHandler: app.requireRole('marketing', 'risk', 'compliance') }, async (request) => {
    const rule = checkRule(request.body.rule);
    const now = new Date();
    const t0 = performance.now();
    const { count, sampleIds } = await previewRule(db(), rule, now, request.body.sampleSize);
    const elapsedMs = Math.round(performance.now() - t0);
    return { count, sample: await summariesByIds(runnerOf(db()), sampleIds), elapsedMs, evaluatedAt: now.toISOString() };
  });

  app.post('/', { schema: { body: segmentCreateRequestSchema, response: { 201: segmentSchema, ...problems } }, preHandler: app.requireRole('marketing') }, async (request, reply) => {
    const actor = userActor(request);
    const segment = await db().transaction(async (tx) => {
      await runnerOf(tx).query(COUNT_SETTINGS); // saving evaluates the rule over the whole market, like a preview
      const s = await createSegment(runnerOf(tx), request.body, actor.id, new Date());
      await recordAudit(tx, { actor, action: 'segment.created', entityType: 'segment', entityId: s.id, after: { name: s.name, rule: s.rule, count: s.count }, requestId: String(request.id) });
      return s;
    });
    return reply.code(201).send(segment);
  });

  app.get('/:id', { schema: { params: idParams, response: { 200: segmentSchema, ...problems } }, preHandler: readers }, async (request) => getSegment(runnerOf(db()), request.params.id));

  /** Entries and exits since a time: what an "entered segment" campaign trigger polls. */
  app.get(
    '/:id/changes',
    {
      schema: {
        params: idParams,
        querystring: z.object({ since: z.iso.datetime({ offset: true }), limit: z.coerce.number().int().min(1).max(10_000).default(1_000) }),
        response: { 200: z.object({ items: z.array(segmentMembershipChangeSchema) }), ...problems },
      },
      preHandler: readers,
    },
    async (request) => {
      await getSegment(runnerOf(db()), request.params.id);
      const rows = await runnerOf(db()).query<{ customer_id: string; entered_at: Date | string; left_at: Date | string | null }>(
        `SELECT customer_id, entered_at, left_at FROM segment_memberships
          WHERE segment_id = $1::uuid AND (entered_at > $2::timestamptz OR left_at > $2::timestamptz)
          ORDER BY greatest(entered_at, coalesce(left_at, entered_at)), customer_id LIMIT ${request.query.limit}`,
        [request.params.id, request.query.since],
      );
      const iso = (v: Date | string) => (v instanceof Date ? v : new Date(v)).toISOString();
      return { items: rows.map((r) => ({ customerId: r.customer_id, enteredAt: iso(r.entered_at), leftAt: r.left_at === null ? null : iso(r.left_at) })) };
    },
  );

  /**
   * CSV of the current members, L1 masked, optionally only those who may be contacted for marketing on a
   * channel (checked now, per customer). The export itself is audited with its reason and row count.
   */
  app.post(
    '/:id/export',
    {
      schema: {
        params: idParams,
        body: z.object({ reason: z.string().trim().min(5).max(300), channel: z.enum(MARKETING_CHANNELS).optional() }),
        response: { 200: z.string(), ...problems },
      },
      preHandler: app.requireRole('marketing', 'compliance'),
    },
    async (request, reply) => {
      const run = runnerOf(db());
      const segment = await getSegment(run, request.params.id);
      const now = new Date();
      const rows = await run.query<{ id: string; name: string; phone: string; anonymous: boolean; city: string | null; lifecycle_stage: string | null }>(
        `SELECT c.id, c.name, c.phone, c.anonymous, ci.name AS city, t.lifecycle_stage
           FROM segment_memberships sm JOIN customers c ON c.id = sm.customer_id LEFT JOIN cities ci ON ci.id = c.city_id LEFT JOIN customer_traits t ON t.customer_id = c.id
          WHERE sm.segment_id = $1::uuid AND sm.left_at IS NULL ORDER BY c.id`,
        [segment.id],
      );
      let allowed: Set<string> | null = null;
      if (request.body.channel) {
        allowed = new Set();
        for (let i = 0; i < rows.length; i += 5_000) {
          for (const id of await customersWithConsent(run, rows.slice(i, i + 5_000).map((r) => r.id), 'marketing', request.body.channel, now)) allowed.add(id);
        }
      }
      const out = allowed ? rows.filter((r) => allowed.has(r.id)) : rows;
      const csvCell = (v: string | null) => (v === null ? '' : /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
      const lines = ['customer_id,name,phone,city,lifecycle_stage', ...out.map((r) => [r.id, displayName(r.name, r.anonymous, false), displayPhone(r.phone, false), r.city, r.lifecycle_stage].map(csvCell).join(','))];
      await recordAudit(db(), {
        actor: userActor(request),
        action: 'segment.exported',
        entityType: 'segment',
        entityId: segment.id,
        after: { reason: request.body.reason, channel: request.body.channel ?? null, rows: out.length, withoutConsent: rows.length - out.length, masked: true },
        requestId: String(request.id),
      });
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="segment-${segment.code ?? segment.id}.csv"`)
        .header('x-rows-without-consent', String(rows.length - out.length))
        .send(lines.join('\n') + '\n');
    },
  );
};
