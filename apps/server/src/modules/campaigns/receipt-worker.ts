import type { Database } from '@autofin/db';
import type { PersonalDataProtector } from '../../security/personal-data.ts';
import { ingestValid } from '../customers/event-ingest.service.ts';
import { runnerOf } from '../customers/sql-runner.ts';
import { eventChannelOf, type ChannelCode } from './channels/channel-adapter.ts';

interface DueReceipt {
  id: string;
  message_id: string;
  customer_id: string;
  kind: 'delivered' | 'failed' | 'clicked';
  detail: string | null;
  occurred_at: Date | string;
  channel: ChannelCode;
  campaign_id: string | null;
  journey_id: string | null;
}

/**
 * Applies provider receipts that have arrived (due_at ≤ now): moves each message on (sent →
 * delivered → clicked, or failed), and records message_delivered / message_clicked customer events
 * through the customers module's ingest, in the same transaction, so traits and segments see them
 * (their refresh is queued, as for POST /api/events). Receipts are claimed with SKIP LOCKED; each is
 * applied once (applied_at).
 */
export async function applyDueReceipts(database: Database, protector: PersonalDataProtector, now: Date, limit = 1_000): Promise<number> {
  return database.db.transaction(async (tx) => {
    const db = runnerOf(tx);
    const due = await db.query<DueReceipt>(
      `WITH due AS (SELECT id FROM campaign_receipts WHERE applied_at IS NULL AND due_at <= $1::timestamptz ORDER BY due_at LIMIT ${limit} FOR UPDATE SKIP LOCKED)
       UPDATE campaign_receipts r SET applied_at = $1::timestamptz FROM due, campaign_messages m
        WHERE r.id = due.id AND m.id = r.message_id
       RETURNING r.id, r.message_id, r.customer_id, r.kind, r.detail, r.occurred_at, m.channel, m.campaign_id, m.journey_id`,
      [now.toISOString()],
    );
    if (due.length === 0) return 0;
    const ids = (kind: string) => `{${due.filter((r) => r.kind === kind).map((r) => r.message_id).join(',')}}`;
    const at = (kind: string) => `{${due.filter((r) => r.kind === kind).map((r) => new Date(r.occurred_at).toISOString()).join(',')}}`;
    await db.query(
      `UPDATE campaign_messages m SET delivered_at = u.at, status = CASE WHEN m.status IN ('sending', 'sent') THEN 'delivered' ELSE m.status END
         FROM unnest($1::uuid[], $2::timestamptz[]) AS u(id, at) WHERE m.id = u.id`,
      [ids('delivered'), at('delivered')],
    );
    await db.query(
      `UPDATE campaign_messages m SET clicked_at = u.at, delivered_at = coalesce(m.delivered_at, u.at), status = 'clicked'
         FROM unnest($1::uuid[], $2::timestamptz[]) AS u(id, at) WHERE m.id = u.id`,
      [ids('clicked'), at('clicked')],
    );
    await db.query(
      `UPDATE campaign_messages m SET failed_at = u.at, status = 'failed', reason = coalesce(m.reason, 'provider_failed')
         FROM unnest($1::uuid[], $2::timestamptz[]) AS u(id, at) WHERE m.id = u.id AND m.status IN ('sending', 'sent')`,
      [ids('failed'), at('failed')],
    );
    const events = due
      .filter((r) => r.kind !== 'failed')
      .map((r) => ({
        type: r.kind === 'delivered' ? ('message_delivered' as const) : ('message_clicked' as const),
        occurredAt: new Date(r.occurred_at).toISOString(),
        channel: eventChannelOf(r.channel),
        customerId: r.customer_id,
        campaign: r.campaign_id ?? (r.journey_id ? `journey:${r.journey_id}` : undefined),
        payload: { message_id: r.message_id },
      }));
    if (events.length > 0) await ingestValid(db, events, { protector, source: 'campaigns', now, derived: 'queue' });
    return due.length;
  });
}
