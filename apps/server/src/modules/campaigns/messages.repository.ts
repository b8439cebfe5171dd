import type { SqlRunner } from '@autofin/db';
import { maskName, maskPhone } from '@autofin/domain';
import type { z } from 'zod';
import type { campaignMessagesResponseSchema, messagesQuerySchema } from '@autofin/contracts';

type Query = z.output<typeof messagesQuerySchema>;
type Response = z.output<typeof campaignMessagesResponseSchema>;

const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());

/** 0.0001 yuan → yuan with four places ("0.0450"): a message's cost before the campaign total is rounded. */
export function centifenText(v: number): string {
  return `${Math.floor(v / 10_000)}.${String(v % 10_000).padStart(4, '0')}`;
}

/**
 * Who was reached, held back or suppressed and why, one row per targeted customer (the holdout with
 * status "holdout"), keyset-paged by customer id. Name and phone are masked (L1); the content is the
 * stored masked copy.
 */
export async function listMessages(db: SqlRunner, campaignId: string, q: Query): Promise<Response> {
  const params: unknown[] = [campaignId];
  const where: string[] = ['m.campaign_id = $1::uuid'];
  if (q.cursor) where.push(`m.customer_id > $${params.push(q.cursor)}::uuid`);
  if (q.arm) where.push(`m.arm = $${params.push(q.arm)}`);
  if (q.status) where.push(`m.status = $${params.push(q.status)}`);
  if (q.reason) where.push(`(m.reason = $${params.push(q.reason)} OR (m.status = 'deferred' AND $${params.length} = 'quiet_hours_deferred'))`);
  const rows = await db.query<Record<string, unknown>>(
    `SELECT m.customer_id, m.arm, c.name, c.phone, m.status, m.reason, m.reasons, m.not_before, m.sent_at, m.delivered_at, m.clicked_at, m.failed_at,
            m.content_masked, m.segments, m.cost_centifen, m.provider,
            CASE WHEN m.status = 'holdout' THEN NULL ELSE m.policy_version END AS policy_version
       FROM campaign_messages m JOIN customers c ON c.id = m.customer_id
      WHERE ${where.join(' AND ')} ORDER BY m.customer_id LIMIT ${q.limit + 1}`,
    params,
  );
  const page = rows.slice(0, q.limit);
  return {
    items: page.map((r) => ({
      customerId: String(r.customer_id),
      customerName: maskName(String(r.name)),
      customerPhone: r.phone ? maskPhone(String(r.phone)) : null,
      arm: String(r.arm),
      status: r.status as Response['items'][number]['status'],
      reason: r.status === 'deferred' ? 'quiet_hours_deferred' : ((r.reason as string | null) ?? null),
      reasons: (r.reasons as string[] | null) ?? null,
      notBefore: r.status === 'deferred' ? iso(r.not_before as Date) : null,
      sentAt: iso(r.sent_at as Date | null),
      deliveredAt: iso(r.delivered_at as Date | null),
      clickedAt: iso(r.clicked_at as Date | null),
      failedAt: iso(r.failed_at as Date | null),
      content: (r.content_masked as string | null) ?? null,
      segments: r.segments === null ? null : Number(r.segments),
      cost: r.cost_centifen === null || r.cost_centifen === undefined ? null : centifenText(Number(r.cost_centifen)),
      provider: (r.provider as string | null) ?? null,
      policyVersion: r.policy_version === null || r.policy_version === undefined ? null : Number(r.policy_version),
    })),
    nextCursor: rows.length > q.limit ? String(page[page.length - 1]!.customer_id) : null,
  };
}
