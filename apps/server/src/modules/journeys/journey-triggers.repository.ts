import type { JourneyTrigger } from '@autofin/contracts';
import { arrayLiteral, type SqlRunner } from '@autofin/db';
import { eventTypesFor } from '../segments/segment-sql.ts';

/** One trigger firing: who, when it happened, and a key unique within the journey. */
export interface TriggerHit {
  customerId: string;
  at: Date;
  key: string;
}

/**
 * A trigger source is read as a keyset over (time, key) after the journey's cursor, so each runner
 * tick reads only what is new — never a full scan of memberships, events or loans. Reading stops
 * SETTLE_MS before now: a row written by a transaction that is still open may carry a slightly
 * earlier timestamp and would otherwise be skipped once the cursor has passed it.
 *
 * Events are read by when they happened (occurred_at, the indexed column): an event reported more
 * than SETTLE_MS after it happened, once the cursor is past it, starts no journey — a journey
 * trigger should be fresh, and an "abandoned application" reminder timed from a late report would
 * be mistimed anyway.
 */
export const SETTLE_MS = 60_000;

interface Row {
  customer_id: string;
  at: Date | string;
  key: string;
}

export async function readTriggerHits(db: SqlRunner, trigger: JourneyTrigger, cursor: { at: Date; key: string }, until: Date, limit: number): Promise<TriggerHit[]> {
  let rows: Row[];
  if (trigger.type === 'segment_entered') {
    const key = `'seg:' || m.customer_id::text || ':' || (extract(epoch FROM m.entered_at) * 1000)::bigint::text`;
    rows = await db.query<Row>(
      `SELECT m.customer_id, m.entered_at AS at, ${key} AS key
         FROM segment_memberships m
        WHERE m.segment_id = $1 AND m.entered_at <= $2 AND m.entered_at >= $3
          AND (m.entered_at, ${key}) > ($3::timestamptz, $4)
        ORDER BY m.entered_at, ${key} LIMIT $5`,
      [trigger.segmentId, until, cursor.at, cursor.key, limit],
    );
  } else if (trigger.type === 'event') {
    rows = await db.query<Row>(
      `SELECT e.customer_id, e.occurred_at AS at, 'evt:' || e.id::text AS key
         FROM customer_events e
        WHERE e.type = ANY($1::text[]) AND e.occurred_at <= $2
          AND e.occurred_at >= $3 AND (e.occurred_at, 'evt:' || e.id::text) > ($3::timestamptz, $4)
          AND ($6::text IS NULL OR e.channel = $6)
        ORDER BY e.occurred_at, 'evt:' || e.id::text LIMIT $5`,
      [arrayLiteral(eventTypesFor(trigger.eventType)), until, cursor.at, cursor.key, limit, trigger.channel ?? null],
    );
  } else {
    // The milestone date is funded_at + N months (PostgreSQL clamps to the month's last day, as
    // loanMilestoneDate does); the funded_at range keeps it on the loans_funded_idx index.
    rows = await db.query<Row>(
      `SELECT l.customer_id, (l.funded_at + make_interval(months => $1::int))::timestamptz AS at, 'loan:' || l.id::text || ':' || $1::int::text AS key
         FROM loans l
        WHERE l.status = 'active'
          AND l.funded_at > ($3::timestamptz - make_interval(months => $1::int) - interval '4 days')::date
          AND l.funded_at <= ($2::timestamptz - make_interval(months => $1::int))::date
          AND ($6::int IS NULL OR l.term_months = $6)
          AND ((l.funded_at + make_interval(months => $1::int))::timestamptz, 'loan:' || l.id::text || ':' || $1::int::text) > ($3::timestamptz, $4)
          AND (l.funded_at + make_interval(months => $1::int))::timestamptz <= $2
        ORDER BY 2, 3 LIMIT $5`,
      [trigger.monthsOnBook, until, cursor.at, cursor.key, limit, trigger.termMonths ?? null],
    );
  }
  return rows.map((r) => ({ customerId: r.customer_id, at: new Date(r.at), key: r.key }));
}
