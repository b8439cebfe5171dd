import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  createWebhookBodySchema,
  createdWebhookSchema,
  prequalificationBodySchema,
  prequalificationResponseSchema,
  problemSchema,
  quoteRequestBodySchema,
  quotesResponseSchema,
  strictDeep,
  v1ProductsResponseSchema,
  webhookIdParamsSchema,
  webhookListResponseSchema,
} from '@autofin/contracts';
import { DomainError } from '@autofin/domain';
import { throwIfInvalid } from '../applications/strict-validation.ts';
import { sellableProducts } from '../products/product.repository.ts';
import { businessDate } from '../quotes/business-date.ts';
import { createQuoteBody } from '../quotes/quote.service.ts';
import { partnerApplicationRoutes } from './partner-applications.routes.ts';
import { partnerProductCodes, productFilter } from './partner-products.ts';
import { prequalify } from './prequalification.ts';
import { problemDoc, problemDocSchema } from './problem-docs.ts';
import { cachingJsonParser, memoisedBodyValidator } from './repeated-body.ts';
import { createSubscription, deleteSubscription, listSubscriptions } from './webhook.repository.ts';
import { principal, v1Problems } from './v1-common.ts';

const quoteExample = {
  vehicle: { category: 'new-nev', make: 'BYD', model: 'Han', price: '250000.00' },
  downPayment: '50000.00',
  term: 36,
  customer: { riskTier: 'B', cityTier: 2 },
};

/**
 * POST /v1/quotes in its own encapsulation context, so that its JSON parser can keep the latest
 * bodies it parsed and its validator the outcome for them (repeated-body.ts): a partner re-quoting
 * one deal sends the same bytes every time.
 */
const quoteRoute: FastifyPluginAsyncZod = async (app) => {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, cachingJsonParser(app));
  app.setValidatorCompiler(memoisedBodyValidator);

  app.post(
    '/quotes',
    {
      config: { partnerScope: 'quotes:write' },
      attachValidation: true,
      schema: {
        tags: ['quotes'],
        summary: 'Quote every eligible product and term',
        description: 'The same body and response as the console quote: every product this partner may sell × term, priced with schedules, APRs and disclosures. `dealerId` defaults to the calling dealer; a group may name one of its dealers.',
        body: strictDeep(quoteRequestBodySchema).meta({ id: 'PartnerQuotesRequest', description: 'The console quote body; unknown fields are rejected.', examples: [quoteExample] }),
        response: { 200: quotesResponseSchema, ...v1Problems },
      },
    },
    async (request, reply) => {
      throwIfInvalid(request);
      const p = principal(request);
      const body = request.body;
      if (body.dealerId && !p.partnerIds.includes(body.dealerId)) throw new DomainError('NOT_FOUND', `no dealer ${body.dealerId}`);
      const dealerId = body.dealerId ?? p.partnerId;
      // A group quoting for one of its dealers sells that dealer's products.
      const codes = body.dealerId && body.dealerId !== p.partnerId ? await partnerProductCodes(app.database.db, [body.dealerId]) : p.productCodes;
      const { body: bytes } = await createQuoteBody(app.database, { ...body, dealerId }, { createdBy: `partner_key:${p.keyId}`, channel: 'partner', productFilter: productFilter(codes) });
      return reply.type('application/json; charset=utf-8').send(bytes as never);
    },
  );
};

/**
 * The partner API (/v1). Every route declares the scope it needs (config.partnerScope): the
 * partner-auth plugin authenticates the key, checks the scope and the rate limit, and handles
 * Idempotency-Key. Bodies are strict: an unknown field is a 400 naming it.
 */
export const partnerApiRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  // Public (no scope): every /v1 problem+json answer links here with `Link: </v1/problems/…>; rel="help"`.
  app.get(
    '/problems/:slug',
    {
      schema: {
        tags: ['errors'],
        summary: 'What an error code means and what to do about it',
        description: 'The page each problem+json answer links to (its `Link` header, rel="help"); the slug is the last segment of the problem `type` (e.g. api-key-invalid).',
        security: [],
        params: z.object({ slug: z.string().regex(/^[a-z0-9-]{2,64}$/).meta({ examples: ['api-key-invalid'] }) }),
        response: { 200: problemDocSchema, 404: problemSchema },
      },
    },
    async (request) => {
      const doc = problemDoc(request.params.slug);
      if (!doc) throw new DomainError('NOT_FOUND', `no error code ${request.params.slug}`);
      return doc;
    },
  );

  app.get(
    '/products',
    {
      config: { partnerScope: 'products:read' },
      schema: { tags: ['products'], summary: 'Products this partner may sell', description: 'The published products within their effective period that this partner may offer.', response: { 200: v1ProductsResponseSchema, ...v1Problems } },
    },
    async (request) => {
      const codes = principal(request).productCodes;
      const products = (await sellableProducts(app.database.db, businessDate())).filter((x) => !codes || codes.has(x.definition.code));
      return {
        data: products.map(({ version, definition: d }) => ({
          code: d.code,
          version,
          name: d.name,
          type: d.type,
          vehicleCategories: d.vehicleCategories,
          makes: d.makes,
          terms: d.terms,
          methods: d.methods,
          minDownPaymentPercent: d.minDownPaymentPercent,
          maxLtvPercent: d.maxLtvPercent,
          effectiveFrom: d.effectiveFrom,
          effectiveTo: d.effectiveTo ?? null,
        })),
      };
    },
  );

  await app.register(quoteRoute);

  app.post(
    '/prequalifications',
    {
      config: { partnerScope: 'prequalifications:write' },
      attachValidation: true,
      schema: {
        tags: ['prequalifications'],
        summary: 'Soft check: the decision engine on declared data, without a bureau query',
        description:
          'Runs the lender’s published decision strategy and champion scorecard on the declared income, debts, deal and vehicle: the indicative tier (or, without a scorecard, the policy-only tier), the rules that would decline or refer (payment-to-income, debt-to-income, LTV, term, minimum income, age, product) with the measured value, the limit and the reason, the conditions an approval would carry, and the priced offers the strategy approves. No credit bureau query, no identity, blacklist or velocity check (listed in notChecked), no application or quote stored: nothing on the customer’s file.',
        body: prequalificationBodySchema,
        response: { 200: prequalificationResponseSchema, ...v1Problems },
      },
    },
    async (request) => {
      throwIfInvalid(request);
      const p = principal(request);
      return prequalify(app.database, request.body, productFilter(p.productCodes), p.partnerId, { type: 'partner_key', id: p.keyId, label: `partner ${p.partnerId}` }, String(request.id));
    },
  );

  app.post(
    '/webhooks',
    {
      config: { partnerScope: 'webhooks:manage' },
      attachValidation: true,
      schema: {
        tags: ['webhooks'],
        summary: 'Subscribe to application events',
        description: 'Events are POSTed to the URL signed by the Standard Webhooks scheme (webhook-id, webhook-timestamp, webhook-signature) with the returned secret; retried with exponential backoff for 24 hours.',
        body: createWebhookBodySchema,
        response: { 201: createdWebhookSchema, ...v1Problems },
      },
    },
    async (request, reply) => {
      throwIfInvalid(request);
      return reply.code(201).send(await createSubscription(app.database, app.personalData, { allowPrivate: app.config.webhookAllowPrivate }, principal(request).partnerId, request.body));
    },
  );

  app.get(
    '/webhooks',
    { config: { partnerScope: 'webhooks:manage' }, schema: { tags: ['webhooks'], summary: 'This partner’s webhook subscriptions', response: { 200: webhookListResponseSchema, ...v1Problems } } },
    async (request) => ({ data: (await listSubscriptions(app.database, principal(request).partnerId)).map(({ status: _s, ...w }) => w) }),
  );

  app.delete(
    '/webhooks/:webhookId',
    { config: { partnerScope: 'webhooks:manage' }, schema: { tags: ['webhooks'], summary: 'Delete a subscription', params: webhookIdParamsSchema, response: { 204: z.null().describe('Deleted; no body'), ...v1Problems } } },
    async (request, reply) => {
      await deleteSubscription(app.database, principal(request).partnerId, request.params.webhookId);
      return reply.code(204).send(null);
    },
  );

  await app.register(partnerApplicationRoutes);
};
