import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import cookie from '@fastify/cookie';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Database } from '@autofin/db';
import type { Config } from './config.ts';
import { problemPlugin } from './plugins/problem.plugin.ts';
import { securityHeaderOptions, securityHeadersPlugin } from './plugins/security-headers.plugin.ts';
import { authPlugin } from './plugins/auth.plugin.ts';
import { openapiPlugin } from './plugins/openapi.plugin.ts';
import { consolePlugin } from './plugins/console.plugin.ts';
import { personalDataPlugin } from './security/personal-data.plugin.ts';
import { widgetStaticPlugin } from './plugins/widget-static.plugin.ts';
import { healthRoutes } from './modules/health/health.routes.ts';
import { authRoutes } from './modules/auth/auth.routes.ts';
import { auditRoutes } from './modules/audit/audit.routes.ts';
import { overviewRoutes } from './modules/overview/overview.routes.ts';
import { partnerApiRoutes } from './modules/partners/partner-api.routes.ts';
import { productRoutes } from './modules/products/products.routes.ts';
import { pricingRoutes } from './modules/pricing/pricing.routes.ts';
import { promotionRoutes } from './modules/promotions/promotions.routes.ts';
import { quoteRoutes } from './modules/quotes/quotes.routes.ts';
import { widgetRoutes } from './modules/widget/widget.routes.ts';
import { widgetAdminRoutes } from './modules/widget/widget-admin.routes.ts';
import { applicationRoutes } from './modules/applications/applications.routes.ts';
import { reviewQueueRoutes } from './modules/applications/review-queue.routes.ts';
import { blacklistRoutes } from './modules/applications/blacklist.routes.ts';
import { applicationExpiryPlugin } from './modules/applications/application-expiry.plugin.ts';
import { decisioningRoutes } from './modules/decisioning/decisioning.routes.ts';
import { customerRoutes } from './modules/customers/customers.routes.ts';
import { eventRoutes } from './modules/customers/events.routes.ts';
import { segmentRoutes } from './modules/segments/segments.routes.ts';
import { segmentRefreshPlugin } from './modules/segments/segment-refresh.plugin.ts';
import { partnerEventRoutes } from './modules/customers/partner-events.routes.ts';
import { maskedRequestSerializer } from './modules/customers/log-masking.ts';
import { refreshWorkerPlugin } from './modules/customers/refresh-worker.plugin.ts';
import { partnerAuthPlugin } from './plugins/partner-auth.plugin.ts';
import { partnerWebhooksPlugin } from './plugins/partner-webhooks.plugin.ts';
import { partnerRoutes } from './modules/partners/partners.routes.ts';
import { applicationDocumentRoutes } from './modules/partners/application-documents.routes.ts';
import { campaignRoutes } from './modules/campaigns/campaigns.routes.ts';
import { campaignsPlugin } from './modules/campaigns/campaigns.plugin.ts';
import { journeyRoutes } from './modules/journeys/journeys.routes.ts';
import { journeyRunnerPlugin } from './modules/journeys/journey-runner.plugin.ts';
import { simulatedResponseRoutes } from './modules/campaigns/simulated-response.routes.ts';

declare module 'fastify' {
  interface FastifyInstance {
    database: Database;
    config: Config;
  }
}

export interface BuildAppOptions {
  config: Config;
  database: Database;
  logger?: FastifyServerOptions['logger'];
}

/** Builds the whole HTTP application; tests use it through `app.inject`, server.ts makes it listen. */
export async function buildApp({ config, database, logger = false }: BuildAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    // Request URLs can carry a mobile or ID number (customer search): masked before they reach the log.
    logger: logger && typeof logger === 'object' ? { ...logger, serializers: { ...logger.serializers, req: maskedRequestSerializer } } : logger,
    bodyLimit: config.bodyLimit,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
    },
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('database', database);
  app.decorate('config', config);
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  // external plugins
  // Helmet's headers, computed once instead of per request (plugins/security-headers.plugin.ts).
  await app.register(securityHeadersPlugin, { helmet: securityHeaderOptions(config) });
  await app.register(cookie);

  // app plugins
  await app.register(problemPlugin);
  await app.register(authPlugin);
  await app.register(openapiPlugin);
  await app.register(personalDataPlugin);
  await app.register(widgetStaticPlugin);
  await app.register(partnerAuthPlugin);
  await app.register(partnerWebhooksPlugin);

  // routes
  await app.register(healthRoutes);
  await app.register(authRoutes, { prefix: '/api/auth' });
  await app.register(auditRoutes, { prefix: '/api/audit' });
  await app.register(overviewRoutes, { prefix: '/api/overview' });
  await app.register(productRoutes, { prefix: '/api/products' });
  await app.register(pricingRoutes, { prefix: '/api/pricing' });
  await app.register(promotionRoutes, { prefix: '/api/promotions' });
  await app.register(quoteRoutes, { prefix: '/api/quotes' });
  await app.register(widgetRoutes, { prefix: '/api/widget' });
  await app.register(widgetAdminRoutes, { prefix: '/api/widgets' });
  await app.register(applicationRoutes, { prefix: '/api/applications' });
  await app.register(reviewQueueRoutes, { prefix: '/api/review-queue' });
  await app.register(blacklistRoutes, { prefix: '/api/risk-blacklist' });
  await app.register(applicationExpiryPlugin);
  await app.register(partnerRoutes, { prefix: '/api/partners' });
  await app.register(applicationDocumentRoutes, { prefix: '/api/applications' });
  await app.register(decisioningRoutes, { prefix: '/api/decisioning' });
  await app.register(customerRoutes, { prefix: '/api/customers' });
  await app.register(eventRoutes, { prefix: '/api/events' });
  await app.register(segmentRoutes, { prefix: '/api/segments' });
  await app.register(segmentRefreshPlugin);
  await app.register(refreshWorkerPlugin);
  await app.register(partnerEventRoutes, { prefix: '/v1/events' });
  await app.register(partnerApiRoutes, { prefix: '/v1' });
  await app.register(journeyRoutes, { prefix: '/api/journeys' });
  await app.register(journeyRunnerPlugin);
  await app.register(simulatedResponseRoutes, { prefix: '/api/campaigns' });
  await app.register(campaignsPlugin);
  await app.register(campaignRoutes, { prefix: '/api/campaigns' });
  await app.register(consolePlugin);

  return app;
}
