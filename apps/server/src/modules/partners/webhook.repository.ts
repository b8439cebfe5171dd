import type { Database } from '@autofin/db';
import type { CreateWebhookBody, PartnerEventType, WebhookDelivery, WebhookSubscription } from '@autofin/contracts';
import { DomainError } from '@autofin/domain';
import { generateWebhookSecret } from './webhook-signature.ts';

interface SubscriptionRow {
  id: string;
  url: string;
  events: PartnerEventType[];
  description: string | null;
  status: string;
  created_at: string | Date;
}

const view = (r: SubscriptionRow): WebhookSubscription => ({ id: r.id, url: r.url, events: r.events, description: r.description, createdAt: new Date(r.created_at).toISOString() });

export async function createSubscription(database: Database, partnerId: string, body: CreateWebhookBody): Promise<WebhookSubscription & { secret: string }> {
  const secret = generateWebhookSecret();
  const rows = await database.query<SubscriptionRow>(
    `INSERT INTO webhook_subscriptions (partner_id, url, events, secret, description) VALUES ($1, $2, $3::jsonb, $4, $5)
     RETURNING id, url, events, description, status, created_at`,
    [partnerId, body.url, JSON.stringify([...new Set(body.events)]), secret, body.description ?? null],
  );
  return { ...view(rows[0]!), secret };
}

export async function listSubscriptions(database: Database, partnerId: string, includeDeleted = false): Promise<Array<WebhookSubscription & { status: string }>> {
  const rows = await database.query<SubscriptionRow>(
    `SELECT id, url, events, description, status, created_at FROM webhook_subscriptions WHERE partner_id = $1 ${includeDeleted ? '' : `AND status = 'active'`} ORDER BY created_at DESC`,
    [partnerId],
  );
  return rows.map((r) => ({ ...view(r), status: r.status }));
}

/** Deleting stops new deliveries; pending ones are abandoned as failed, the log stays. */
export async function deleteSubscription(database: Database, partnerId: string, id: string): Promise<void> {
  const rows = await database.query(`UPDATE webhook_subscriptions SET status = 'deleted', deleted_at = now() WHERE id = $1 AND partner_id = $2 AND status = 'active' RETURNING 1 AS ok`, [id, partnerId]);
  if (rows.length === 0) throw new DomainError('NOT_FOUND', `no webhook ${id}`);
  await database.query(`UPDATE webhook_deliveries SET status = 'failed' WHERE subscription_id = $1 AND status = 'pending'`, [id]);
}

export async function listDeliveries(database: Database, partnerId: string, limit = 50): Promise<WebhookDelivery[]> {
  const rows = await database.query<{
    id: string;
    event_id: string;
    type: string;
    subscription_id: string;
    url: string;
    status: string;
    attempts: number;
    next_attempt_at: string | Date;
    created_at: string | Date;
    body: string;
    log: Array<{ attempted_at: string; response_status: number | null; response_excerpt: string | null; error: string | null; duration_ms: number }> | null;
  }>(
    `SELECT d.id, d.event_id, e.type, d.subscription_id, s.url, d.status, d.attempts, d.next_attempt_at, d.created_at, e.body,
            (SELECT json_agg(a ORDER BY a.attempted_at) FROM webhook_attempts a WHERE a.delivery_id = d.id) AS log
       FROM webhook_deliveries d JOIN webhook_events e ON e.id = d.event_id JOIN webhook_subscriptions s ON s.id = d.subscription_id
      WHERE s.partner_id = $1 ORDER BY d.created_at DESC LIMIT $2`,
    [partnerId, limit],
  );
  return rows.map((r) => ({
    id: r.id,
    eventId: r.event_id,
    eventType: r.type,
    subscriptionId: r.subscription_id,
    url: r.url,
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: r.status === 'pending' ? new Date(r.next_attempt_at).toISOString() : null,
    createdAt: new Date(r.created_at).toISOString(),
    body: r.body,
    attemptLog: (r.log ?? []).map((a) => ({
      attemptedAt: new Date(a.attempted_at).toISOString(),
      responseStatus: a.response_status,
      responseExcerpt: a.response_excerpt,
      error: a.error,
      durationMs: a.duration_ms,
    })),
  }));
}

/**
 * Manual replay: a new delivery of the same event (same webhook-id, timestamp and so signature, so
 * a receiver that did get it dedupes it) with its own 24-hour retry window and attempt log.
 */
export async function replayDelivery(database: Database, partnerId: string, deliveryId: string): Promise<{ id: string }> {
  const rows = await database.query<{ id: string }>(
    `INSERT INTO webhook_deliveries (event_id, subscription_id, partner_id, signed_at)
     SELECT d.event_id, d.subscription_id, d.partner_id, d.signed_at FROM webhook_deliveries d JOIN webhook_subscriptions s ON s.id = d.subscription_id
      WHERE d.id = $1 AND s.partner_id = $2 AND s.status = 'active'
     RETURNING id`,
    [deliveryId, partnerId],
  );
  if (rows.length === 0) throw new DomainError('NOT_FOUND', `no delivery ${deliveryId} to an active webhook of this partner`);
  return { id: rows[0]!.id };
}
