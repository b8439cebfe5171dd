import fp from 'fastify-plugin';
import { WebhookWorker } from '../modules/partners/webhook-worker.ts';
import { registerPartnerEventSink } from '../modules/partners/partner-event.ts';

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
  const worker = new WebhookWorker(app.database);
  app.decorate('webhookWorker', worker);
  app.addHook('onReady', async () => worker.start());
  app.addHook('onClose', async () => worker.stop());
});
