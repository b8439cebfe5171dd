import fp from 'fastify-plugin';
import { WebhookWorker } from '../modules/partners/webhook-worker.ts';

declare module 'fastify' {
  interface FastifyInstance {
    webhookWorker: WebhookWorker;
  }
}

/**
 * The webhook delivery worker runs in every server instance (deliveries are claimed with
 * SKIP LOCKED, so instances share the work): once a second it feeds the outbox and sends what is due.
 */
export const partnerWebhooksPlugin = fp(async (app) => {
  const worker = new WebhookWorker(app.database);
  app.decorate('webhookWorker', worker);
  app.addHook('onReady', async () => worker.start());
  app.addHook('onClose', async () => worker.stop());
});
