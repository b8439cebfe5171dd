import fp from 'fastify-plugin';
import { WebhookWorker } from '../modules/partners/webhook-worker.ts';
import { registerPartnerEventSink } from '../modules/partners/partner-event.ts';
import { sweepIdempotencyRecords } from '../modules/partners/idempotency.repository.ts';
import { encryptLegacyWebhookSecrets } from '../modules/partners/webhook.repository.ts';

/** Idempotency records are kept 24 h (swept after 48 h); the sweep is one DELETE an hour. */
const SWEEP_MS = 3_600_000;

declare module 'fastify' {
  interface FastifyInstance {
    webhookWorker: WebhookWorker;
  }
}

/**
 * The webhook delivery worker runs in every server instance (deliveries are claimed with
 * SKIP LOCKED, so instances share the work): once a second it sends what is due. The outbox is
 * written by the applications service's change sink, in the transaction of each change.
 */
export const partnerWebhooksPlugin = fp(async (app) => {
  registerPartnerEventSink();
  const worker = new WebhookWorker(app.database, app.personalData, { allowPrivate: app.config.webhookAllowPrivate });
  worker.onError = (err) => app.log.warn({ err }, 'webhook delivery pass failed');
  app.decorate('webhookWorker', worker);
  let sweep: NodeJS.Timeout | null = null;
  app.addHook('onReady', async () => {
    // Secrets stored in clear before migration 0013 are encrypted before the first delivery.
    const converted = await encryptLegacyWebhookSecrets(app.database, app.personalData);
    if (converted > 0) app.log.info({ converted }, 'webhook signing secrets encrypted under AUTOFIN_MASTER_KEY');
    worker.start();
    sweep = setInterval(() => void sweepIdempotencyRecords(app.database).catch((err: unknown) => app.log.warn({ err }, 'idempotency sweep failed')), SWEEP_MS);
    sweep.unref();
  });
  app.addHook('onClose', async () => {
    if (sweep) clearInterval(sweep);
    await worker.stop();
  });
});
