import type { SqlRunner } from '@autofin/db';
import { formatMoney } from '@autofin/domain';

/**
 * Cross-campaign view per channel and segment: campaigns launched in [from, to], their audiences,
 * messages and cost (each campaign's cost rounded to the fen, half-up, then summed).
 */
export async function campaignSummary(db: SqlRunner, q: { from?: string; to?: string }) {
  const params: unknown[] = [];
  const where = [`c.launched_at IS NOT NULL`];
  if (q.from) where.push(`c.launched_at >= $${params.push(q.from)}::timestamptz`);
  if (q.to) where.push(`c.launched_at <= $${params.push(q.to)}::timestamptz`);
  const rows = await db.query<Record<string, unknown>>(
    `WITH per AS (
       SELECT c.id, c.channel, c.segment_id,
              count(m.id) AS targeted,
              count(m.id) FILTER (WHERE m.status = 'holdout') AS holdout,
              count(m.id) FILTER (WHERE m.status IN ('queued', 'sending', 'sent', 'delivered', 'failed', 'clicked')) AS sent,
              count(m.delivered_at) AS delivered, count(m.clicked_at) AS clicked,
              count(m.id) FILTER (WHERE m.status IN ('suppressed', 'deferred')) AS suppressed,
              round(coalesce(sum(m.cost_centifen) FILTER (WHERE m.status IN ('sent', 'delivered', 'failed', 'clicked')), 0) / 100.0) AS cost_fen
         FROM campaigns c LEFT JOIN campaign_messages m ON m.campaign_id = c.id
        WHERE ${where.join(' AND ')} GROUP BY c.id)
     SELECT per.channel, per.segment_id, s.name AS segment_name, count(*) AS campaigns, sum(targeted) AS targeted, sum(holdout) AS holdout, sum(sent) AS sent,
            sum(delivered) AS delivered, sum(clicked) AS clicked, sum(suppressed) AS suppressed, sum(cost_fen) AS cost_fen
       FROM per LEFT JOIN segments s ON s.id = per.segment_id GROUP BY per.channel, per.segment_id, s.name ORDER BY per.channel, s.name`,
    params,
  );
  return rows.map((r) => ({
    channel: String(r.channel),
    segmentId: (r.segment_id as string | null) ?? null,
    segmentName: (r.segment_name as string | null) ?? null,
    campaigns: Number(r.campaigns),
    targeted: Number(r.targeted),
    holdout: Number(r.holdout),
    sent: Number(r.sent),
    delivered: Number(r.delivered),
    clicked: Number(r.clicked),
    suppressed: Number(r.suppressed),
    cost: formatMoney(Number(r.cost_fen)),
  }));
}
