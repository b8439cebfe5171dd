import type { JourneyStats } from '@autofin/contracts';
import type { SqlRunner } from '@autofin/db';
import { getJourney } from './journey.repository.ts';

/**
 * Per-journey figures, straight from the enrolments and the outbox: how many were enrolled, where the
 * active ones wait (by step id of the version they run), why the others left, the messages the outbox
 * queued or the contact policy refused (per reason), and conversions — enrolled customers with an
 * application submitted after they enrolled (whether or not the journey had exited them for it).
 */
export async function journeyStats(db: SqlRunner, journeyId: string): Promise<JourneyStats> {
  await getJourney(db, journeyId);
  const [counts, steps, exits, messages, conv] = await Promise.all([
    db.query<{ enrolled: number; active: number; completed: number }>(
      `SELECT count(*)::int AS enrolled, count(*) FILTER (WHERE status = 'active')::int AS active, count(*) FILTER (WHERE status = 'completed')::int AS completed
         FROM journey_enrolments WHERE journey_id = $1`,
      [journeyId],
    ),
    db.query<{ step: string; n: number }>(
      `SELECT coalesce(v.definition->'steps'->e.step_index->>'id', 'end') AS step, count(*)::int AS n
         FROM journey_enrolments e JOIN journey_versions v ON v.journey_id = e.journey_id AND v.version = e.journey_version
        WHERE e.journey_id = $1 AND e.status = 'active' GROUP BY 1`,
      [journeyId],
    ),
    db.query<{ reason: string; n: number }>(`SELECT exit_reason AS reason, count(*)::int AS n FROM journey_enrolments WHERE journey_id = $1 AND status = 'exited' GROUP BY 1`, [journeyId]),
    db.query<{ status: string; reason: string | null; n: number }>(`SELECT status, reason, count(*)::int AS n FROM campaign_messages WHERE journey_id = $1 GROUP BY 1, 2`, [journeyId]),
    db.query<{ n: number }>(
      `SELECT count(DISTINCT e.customer_id)::int AS n FROM journey_enrolments e
        WHERE e.journey_id = $1 AND EXISTS (SELECT 1 FROM applications a WHERE a.customer_id = e.customer_id AND a.submitted_at >= e.enrolled_at)`,
      [journeyId],
    ),
  ]);
  const c = counts[0] ?? { enrolled: 0, active: 0, completed: 0 };
  const suppressed: Record<string, number> = {};
  let queued = 0;
  for (const m of messages) {
    if (m.status === 'suppressed') suppressed[m.reason ?? 'unknown'] = (suppressed[m.reason ?? 'unknown'] ?? 0) + m.n;
    else queued += m.n;
  }
  const conversions = conv[0]?.n ?? 0;
  return {
    journeyId,
    enrolled: c.enrolled,
    active: c.active,
    completed: c.completed,
    inStep: Object.fromEntries(steps.map((s) => [s.step, s.n])),
    exited: Object.fromEntries(exits.map((e) => [e.reason, e.n])),
    messages: { queued, suppressed },
    conversions,
    conversionRate: c.enrolled === 0 ? 0 : conversions / c.enrolled,
  };
}
