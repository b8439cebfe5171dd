import { randomUUID } from 'node:crypto';
import type { Database } from '@autofin/db';
import type { CreateWebhookBody, PartnerEventType, WebhookDelivery, WebhookSubscription } from '@autofin/contracts';
import { DomainError } from '@autofin/domain';
import type { PersonalDataProtector } from '../../security/personal-data.ts';
import { generateWebhookSecret } from './webhook-signature.ts';
import { checkWebhookUrl, type WebhookUrlPolicy } from './webhook-url-guard.ts';

/**
 * The associated data the secret is encrypted under: a secret copied into another subscription's
 * row fails to decrypt instead of signing that subscription's events.
 */
const secretContext = (subscriptionId: string) => `webhook_subscription:${subscriptionId}`;

export function sealWebhookSecret(protector: PersonalDataProtector, subscriptionId: string, secret: string): string {
  return protector.encrypt(secret, secretContext(subscriptionId));
}

/** The signing secret of a subscription row: decrypted, or (a row not yet re-encrypted) the legacy clear value. */
export function openWebhookSecret(protector: PersonalDataProtector, row: { subscription_id: string; secret_enc: string | null; secret: string | null }): string {
  if (row.secret_enc) {
    try {
      return protector.decrypt(row.secret_enc, secretContext(row.subscription_id));
    } catch {
      throw new Error('the signing secret cannot be decrypted (was AUTOFIN_MASTER_KEY changed?)');
    }
  }
  if (row.secret) return row.secret;
  throw new Error('the subscription has no signing secret');
}

/**
 * One-time migration at start-up: rows written before migration 0013 hold the secret in clear, and
 * the master key exists only at run time (configuration or key file), so SQL cannot encrypt them.
 * Each is encrypted and its clear value erased in one statement; a row another instance converts
 * meanwhile is skipped (`secret IS NOT NULL` no longer holds). Signing is unchanged: the same
 * secret, now read through secret_enc. Returns how many rows were converted.
 */
export async function encryptLegacyWebhookSecrets(database: Database, protector: PersonalDataProtector): Promise<number> {
  const rows = await database.query<{ id: string; secret: string }>(`SELECT id, secret FROM webhook_subscriptions WHERE secret IS NOT NULL`);
  let converted = 0;
  for (const r of rows) {
    const done = await database.query(`UPDATE webhook_subscriptions SET secret_enc = $2, secret = NULL WHERE id = $1 AND secret = $3 RETURNING 1 AS ok`, [r.id, sealWebhookSecret(protector, r.id, r.secret), r.secret]);
    converted += done.length;
  }
  return converted;
}

interface SubscriptionRow {
  id: string;
  url: string;
  events: PartnerEventType[];
  description: string | null;
  status: string;
  created_at: string | Date;
}

const view = (r: SubscriptionRow): WebhookSubscription => ({ id: r.id, url: r.url, events: r.events, description: r.description, createdAt: new Date(r.created_at).toISOString() });

/**
 * A new subscription: the URL is checked (scheme, and every address its host resolves to: 422
 * naming `url`), the secret generated, returned once and stored only encrypted.
 */
export async function createSubscription(
  database: Database,
  protector: PersonalDataProtector,
  policy: WebhookUrlPolicy,
  partnerId: string,
  body: CreateWebhookBody,
): Promise<WebhookSubscription & { secret: string }> {
  await checkWebhookUrl(body.url, policy);
  const id = randomUUID();
  const secret = generateWebhookSecret();
  const rows = await database.query<SubscriptionRow>(
    `INSERT INTO webhook_subscriptions (id, partner_id, url, events, secret_enc, description) VALUES ($1, $2, $3, $4::jsonb, $5, $6)
     RETURNING id, url, events, description, status, created_at`,
    [id, partnerId, body.url, JSON.stringify([...new Set(body.events)]), sealWebhookSecret(protector, id, secret), body.description ?? null],
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
