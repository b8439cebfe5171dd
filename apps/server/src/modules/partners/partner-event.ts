import { randomBytes } from 'node:crypto';
import { sql, type DbOrTx } from '@autofin/db';
import type { PartnerEvent, PartnerEventType } from '@autofin/contracts';
import { onApplicationChange } from '../applications/application-events.ts';

export interface NewPartnerEvent {
  /** The partner the application belongs to; its dealer group's subscriptions receive it too. */
  partnerId: string;
  type: PartnerEventType;
  applicationId: string;
  status: string;
  previousStatus: string | null;
  stipulation?: { id: string; type: string; status: string } | null;
  at: Date;
  /** Makes enqueueing idempotent (e.g. the application event's id). */
  sourceRef: string;
}

/**
 * Writes an event to the outbox and a pending delivery for each active subscription of the partner
 * (or of its dealer group) that wants this type — in the caller's transaction, so the event exists
 * exactly when the change it reports does. Nothing is written when nobody subscribed.
 */
export async function enqueuePartnerEvent(db: DbOrTx, e: NewPartnerEvent): Promise<string | null> {
  const subs = await db.execute(sql`
    SELECT s.id FROM webhook_subscriptions s
     WHERE s.status = 'active' AND s.events @> jsonb_build_array(${e.type}::text)
       AND s.partner_id IN (SELECT ${e.partnerId}::uuid UNION SELECT parent_id FROM partners WHERE id = ${e.partnerId} AND parent_id IS NOT NULL)`);
  const rows = (subs as unknown as { rows: { id: string }[] }).rows;
  if (rows.length === 0) return null;
  const id = `msg_${randomBytes(16).toString('hex')}`;
  const event: PartnerEvent = {
    type: e.type,
    timestamp: e.at.toISOString(),
    data: { applicationId: e.applicationId, status: e.status, previousStatus: e.previousStatus, stipulation: e.stipulation ?? null },
  };
  const inserted = await db.execute(sql`
    INSERT INTO webhook_events (id, partner_id, type, application_id, body, source_ref) VALUES (${id}, ${e.partnerId}, ${e.type}, ${e.applicationId}, ${JSON.stringify(event)}, ${e.sourceRef})
    ON CONFLICT (source_ref, partner_id) DO NOTHING RETURNING id`);
  const ins = (inserted as unknown as { rows: { id: string }[] }).rows;
  if (ins.length === 0) return null;
  const signedAt = Math.floor(Date.now() / 1000);
  for (const s of rows) {
    await db.execute(sql`INSERT INTO webhook_deliveries (event_id, subscription_id, partner_id, signed_at) VALUES (${id}, ${s.id}, ${e.partnerId}, ${signedAt})`);
  }
  return id;
}

/**
 * The applications service announces every change inside its transaction (application-events.ts);
 * this sink turns each into a partner event in the same transaction. Registered once per process:
 * it needs nothing but the transaction, and the source refs keep a second registration harmless.
 */
let sinkRegistered = false;
export function registerPartnerEventSink(): void {
  if (sinkRegistered) return;
  sinkRegistered = true;
  onApplicationChange(async (tx, changes) => {
    for (const c of changes) {
      if (!c.partnerId) continue;
      if (c.type === 'application.decided') {
        await enqueuePartnerEvent(tx, { partnerId: c.partnerId, type: c.type, applicationId: c.applicationId, status: c.status, previousStatus: null, at: c.at, sourceRef: `decided:${c.decisionId}` });
      } else if (c.type === 'application.status_changed') {
        await enqueuePartnerEvent(tx, { partnerId: c.partnerId, type: c.type, applicationId: c.applicationId, status: c.to, previousStatus: c.from, at: c.at, sourceRef: `status:${c.applicationId}:${c.from ?? ''}:${c.to}:${c.at.toISOString()}` });
      } else {
        const rows = (await tx.execute(sql`
          SELECT a.status, s.type FROM applications a JOIN application_stipulations s ON s.application_id = a.id WHERE a.id = ${c.applicationId} AND s.id = ${c.stipulationId}`)) as unknown as { rows: Array<{ status: string; type: string }> };
        const row = rows.rows[0];
        if (!row) continue;
        await enqueuePartnerEvent(tx, {
          partnerId: c.partnerId,
          type: c.type,
          applicationId: c.applicationId,
          status: row.status,
          previousStatus: null,
          stipulation: { id: c.stipulationId, type: row.type, status: c.status },
          at: c.at,
          sourceRef: `stipulation:${c.stipulationId}:${c.status}`,
        });
      }
    }
  });
}
