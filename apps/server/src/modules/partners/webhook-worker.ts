import type { Database } from '@autofin/db';
import type { PersonalDataProtector } from '../../security/personal-data.ts';
import { webhookHeaders } from './webhook-signature.ts';
import { postWebhook } from './webhook-transport.ts';
import type { WebhookUrlPolicy } from './webhook-url-guard.ts';
import { openWebhookSecret } from './webhook.repository.ts';

/** Deliveries are retried with exponential backoff from their creation for this long, then failed. */
export const RETRY_WINDOW_MS = 24 * 3_600_000;
const MAX_DELAY_MS = 2 * 3_600_000;
const TIMEOUT_MS = 10_000;
const BATCH = 20;
/** A claimed delivery is not picked up by another instance for this long (the send's timeout + margin). */
const LEASE_SECONDS = 60;

interface DueDelivery {
  id: string;
  event_id: string;
  attempts: number;
  signed_at: string | number;
  created_at: string | Date;
  url: string;
  subscription_id: string;
  secret: string | null;
  secret_enc: string | null;
  body: string;
}

/**
 * Sends due webhook deliveries: claims a batch with FOR UPDATE SKIP LOCKED (any number of server
 * instances can run this side by side), posts each signed body, logs the attempt with the answer,
 * and schedules the retry: baseDelay × 2^(attempts − 1), at most 2 h, until 24 h after the event.
 * The id, timestamp and signature are the same on every attempt.
 */
export class WebhookWorker {
  /** First retry delay; tests make it short. */
  baseDelayMs = 5_000;
  private timer: NodeJS.Timeout | null = null;
  /** Where a failed pass is reported (the server's logger). */
  onError: (err: unknown) => void = () => undefined;
  private running: Promise<number> | null = null;

  constructor(
    private readonly database: Database,
    private readonly protector: PersonalDataProtector,
    /** Checked again on every attempt: DNS may point the host somewhere else by now. */
    private readonly policy: WebhookUrlPolicy,
  ) {}

  start(intervalMs = 1_000): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.runOnce().catch((err: unknown) => this.onError(err)), intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (this.running) await this.running.catch(() => undefined);
  }

  /** One pass; returns how many deliveries were attempted. Overlapping calls share the pass. */
  runOnce(): Promise<number> {
    if (!this.running) {
      this.running = this.pass().finally(() => {
        this.running = null;
      });
    }
    return this.running;
  }

  private async pass(): Promise<number> {
    const due = await this.database.query<DueDelivery>(
      `WITH due AS (
         SELECT id FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= now()
          ORDER BY next_attempt_at LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)
       UPDATE webhook_deliveries d SET next_attempt_at = now() + make_interval(secs => ${LEASE_SECONDS})
         FROM due, webhook_events e, webhook_subscriptions s
        WHERE d.id = due.id AND e.id = d.event_id AND s.id = d.subscription_id
       RETURNING d.id, d.event_id, d.attempts, d.signed_at, d.created_at, s.url, s.id AS subscription_id, s.secret, s.secret_enc, e.body`,
    );
    await Promise.all(due.map((d) => this.deliver(d)));
    return due.length;
  }

  private async deliver(d: DueDelivery): Promise<void> {
    const started = Date.now();
    let status: number | null = null;
    let excerpt: string | null = null;
    let error: string | null = null;
    try {
      const secret = openWebhookSecret(this.protector, d);
      const res = await postWebhook(d.url, webhookHeaders(secret, d.event_id, Number(d.signed_at), d.body), d.body, this.policy, TIMEOUT_MS);
      status = res.status;
      excerpt = res.excerpt;
    } catch (err) {
      error = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    }
    const duration = Date.now() - started;
    const ok = status !== null && status >= 200 && status < 300;
    const attempts = d.attempts + 1;
    const expired = Date.now() - new Date(d.created_at).getTime() >= RETRY_WINDOW_MS;
    const delay = Math.min(this.baseDelayMs * 2 ** (attempts - 1), MAX_DELAY_MS);
    const next = ok ? 'succeeded' : expired ? 'failed' : 'pending';
    await this.database.query(
      `WITH a AS (INSERT INTO webhook_attempts (delivery_id, response_status, response_excerpt, error, duration_ms) VALUES ($1, $2, $3, $4, $5))
       UPDATE webhook_deliveries SET attempts = $6, last_attempt_at = now(), status = $7,
              next_attempt_at = CASE WHEN $7 = 'pending' THEN now() + make_interval(secs => $8::float8 / 1000) ELSE next_attempt_at END
        WHERE id = $1`,
      [d.id, status, excerpt, error, duration, attempts, next, delay],
    );
  }
}
