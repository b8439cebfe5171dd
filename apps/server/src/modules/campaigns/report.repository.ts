import type { SqlRunner } from '@autofin/db';

/**
 * Attribution (docs/campaigns.md): a quote, application or funded loan counts for the campaign when
 * the customer is in its audience (treated AND holdout — the comparison needs both) and it happened
 * from the launch until ATTRIBUTION_DAYS later. A funded loan counts when its application was
 * submitted in that window (funding itself may come a few days later).
 */
export const ATTRIBUTION_DAYS = 30;

/** Statuses of an application that was approved (whatever came after). */
export const APPROVED_STATUSES = ['approved', 'conditionally_approved', 'contracted', 'funded'];

const SENT_LIKE = `('queued', 'sending', 'sent', 'delivered', 'failed', 'clicked')`;

/** One arm's raw counts, straight from SQL (no arithmetic beyond counting and summing). */
export interface ArmCounts {
  arm: string;
  customers: number;
  sent: number;
  queued: number;
  delivered: number;
  failed: number;
  clicked: number;
  deferredWaiting: number;
  deferredReleased: number;
  costCentifen: number;
  /** Billed units handed to providers: SMS parts, or messages/tasks */
  billableUnits: number;
  quotes: number;
  applications: number;
  approved: number;
  funded: number;
  fundedFen: number;
  /** Contractual interest of the funded loans (instalment × term − principal): the revenue measure */
  revenueFen: number;
}

export interface CampaignCounts {
  arms: ArmCounts[];
  suppressed: Record<string, number>;
  windowStart: string | null;
  windowEnd: string | null;
}

const n = (v: unknown) => Number(v ?? 0);

export async function campaignCounts(db: SqlRunner, campaignId: string): Promise<CampaignCounts> {
  const [c] = await db.query<{ launched_at: Date | string | null }>(`SELECT launched_at FROM campaigns WHERE id = $1::uuid`, [campaignId]);
  const launched = c?.launched_at ? new Date(c.launched_at) : null;
  const start = launched?.toISOString() ?? null;
  const end = launched ? new Date(launched.getTime() + ATTRIBUTION_DAYS * 86_400_000).toISOString() : null;
  const messages = await db.query<Record<string, unknown>>(
    `SELECT m.arm, count(*) AS customers,
            count(m.id) FILTER (WHERE m.status IN ${SENT_LIKE}) AS sent,
            count(m.id) FILTER (WHERE m.status IN ('queued', 'sending')) AS queued,
            count(m.delivered_at) AS delivered,
            count(m.id) FILTER (WHERE m.status = 'failed') AS failed,
            count(m.clicked_at) AS clicked,
            count(m.id) FILTER (WHERE m.status = 'deferred') AS deferred_waiting,
            count(m.id) FILTER (WHERE m.deferred_at IS NOT NULL AND m.status IN ${SENT_LIKE}) AS deferred_released,
            coalesce(sum(m.cost_centifen) FILTER (WHERE m.status IN ('sent', 'delivered', 'failed', 'clicked')), 0) AS cost_centifen,
            coalesce(sum(m.segments) FILTER (WHERE m.status IN ('sent', 'delivered', 'failed', 'clicked') AND m.provider IS NOT NULL), 0) AS billable_units
       FROM campaign_messages m
      WHERE m.campaign_id = $1::uuid GROUP BY m.arm ORDER BY m.arm`,
    [campaignId],
  );
  const outcomes = start
    ? await db.query<Record<string, unknown>>(
        `WITH aud AS (SELECT customer_id, arm FROM campaign_messages WHERE campaign_id = $1::uuid),
              q AS (SELECT DISTINCT e.customer_id FROM customer_events e JOIN aud USING (customer_id)
                     WHERE e.type IN ('quote_viewed', 'quote_view') AND e.occurred_at >= $2::timestamptz AND e.occurred_at < $3::timestamptz),
              apps AS (SELECT p.id, p.customer_id, p.status FROM applications p JOIN aud USING (customer_id)
                        WHERE p.submitted_at >= $2::timestamptz AND p.submitted_at < $3::timestamptz),
              f AS (SELECT l.customer_id, sum(l.principal_fen) AS principal, sum(l.installment_fen * l.term_months - l.principal_fen) AS interest
                      FROM loans l JOIN apps ON apps.id = l.application_id GROUP BY l.customer_id)
         SELECT aud.arm,
                count(*) FILTER (WHERE aud.customer_id IN (SELECT customer_id FROM q)) AS quotes,
                count(*) FILTER (WHERE aud.customer_id IN (SELECT customer_id FROM apps)) AS applications,
                count(*) FILTER (WHERE aud.customer_id IN (SELECT customer_id FROM apps WHERE status = ANY($4::text[]))) AS approved,
                count(f.customer_id) AS funded,
                coalesce(sum(f.principal), 0) AS funded_fen,
                coalesce(sum(f.interest), 0) AS revenue_fen
           FROM aud LEFT JOIN f USING (customer_id) GROUP BY aud.arm`,
        [campaignId, start, end, `{${APPROVED_STATUSES.join(',')}}`],
      )
    : [];
  const byArm = new Map(outcomes.map((o) => [String(o.arm), o]));
  const arms: ArmCounts[] = messages.map((m) => {
    const o = byArm.get(String(m.arm)) ?? {};
    return {
      arm: String(m.arm),
      customers: n(m.customers),
      sent: n(m.sent),
      queued: n(m.queued),
      delivered: n(m.delivered),
      failed: n(m.failed),
      clicked: n(m.clicked),
      deferredWaiting: n(m.deferred_waiting),
      deferredReleased: n(m.deferred_released),
      costCentifen: n(m.cost_centifen),
      billableUnits: n(m.billable_units),
      quotes: n(o.quotes),
      applications: n(o.applications),
      approved: n(o.approved),
      funded: n(o.funded),
      fundedFen: n(o.funded_fen),
      revenueFen: n(o.revenue_fen),
    };
  });
  const suppressedRows = await db.query<{ reason: string; n: string }>(
    `SELECT CASE WHEN status = 'deferred' THEN 'quiet_hours_deferred' ELSE reason END AS reason, count(*) AS n
       FROM campaign_messages WHERE campaign_id = $1::uuid AND status IN ('suppressed', 'deferred') GROUP BY 1`,
    [campaignId],
  );
  return { arms, suppressed: Object.fromEntries(suppressedRows.map((r) => [r.reason, Number(r.n)])), windowStart: start, windowEnd: end };
}
