import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply } from 'fastify';
import { problemSchema, quoteRequestBodySchema, widgetConfigSchema, widgetParamsSchema, widgetQuoteRequestSchema, widgetQuoteResponseSchema, type WidgetConfig } from '@autofin/contracts';
import { DomainError, isDomainError } from '@autofin/domain';
import { sellableProducts } from '../products/product.repository.ts';
import { businessDate } from '../quotes/business-date.ts';
import { createQuote } from '../quotes/quote.service.ts';
import { countWidgetRequest, findWidget, type DealerWidget } from './widget.repository.ts';

/** Requests a minute one widget may make (shared by every server instance through the database). */
export const WIDGET_RATE_LIMIT = 60;
/** The widget's quote body is a handful of fields. */
export const WIDGET_BODY_LIMIT = 1024;

const problems = { 400: problemSchema, 404: problemSchema, 413: problemSchema, 415: problemSchema, 422: problemSchema, 429: problemSchema, 503: problemSchema };

// The widget runs on dealers' own sites: any origin may call it, without credentials.
function cors(reply: FastifyReply): void {
  reply.header('access-control-allow-origin', '*');
  reply.header('access-control-allow-methods', 'GET, POST, OPTIONS');
  reply.header('access-control-allow-headers', 'content-type');
  reply.header('access-control-max-age', '600');
  reply.header('cross-origin-resource-policy', 'cross-origin');
}

// The quote engine names the full request's fields; the widget's body is flat.
const FIELD: Record<string, string> = {
  'vehicle.price': 'vehiclePrice',
  'vehicle.category': 'vehicleCategory',
  'vehicle.ageMonths': 'ageMonths',
  'vehicle.mileageKm': 'mileageKm',
  'vehicle.fuel': 'vehicleCategory',
};

/**
 * The dealer calculator's public API: no session, keyed by the dealer's public widget id, only
 * that dealer's sellable products, a 1 KiB body limit and a per-widget rate limit kept in the
 * database. Quotes are stored like console quotes (channel widget).
 */
export const widgetRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('onSend', async (_request, reply, payload) => {
    cors(reply);
    return payload;
  });

  const admit = async (widgetId: string, reply: FastifyReply): Promise<DealerWidget> => {
    const widget = await findWidget(app.database.db, widgetId);
    if (!widget) throw new DomainError('NOT_FOUND', `no widget ${widgetId}`);
    const { count, windowEndsInSeconds } = await countWidgetRequest(app.database.db, widgetId, new Date());
    if (count > WIDGET_RATE_LIMIT) {
      reply.header('retry-after', String(windowEndsInSeconds));
      throw new DomainError('RATE_LIMITED', `This calculator may make ${WIDGET_RATE_LIMIT} requests a minute; try again in ${windowEndsInSeconds} s.`);
    }
    return widget;
  };

  for (const url of ['/:widgetId', '/:widgetId/quote']) {
    app.options(url, { schema: { hide: true } }, async (_request, reply) => reply.code(204).send());
  }

  app.get('/:widgetId', { schema: { params: widgetParamsSchema, response: { 200: widgetConfigSchema, ...problems } } }, async (request, reply): Promise<WidgetConfig> => {
    const widget = await admit(request.params.widgetId, reply);
    const products = (await sellableProducts(app.database.db, businessDate())).filter((p) => widget.productCodes.includes(p.definition.code)).sort((a, b) => widget.productCodes.indexOf(a.definition.code) - widget.productCodes.indexOf(b.definition.code));
    const terms = [...new Set(products.flatMap((p) => p.definition.terms))].sort((a, b) => a - b);
    const minDown = products.length > 0 ? Math.min(...products.map((p) => Number(p.definition.minDownPaymentPercent))) : 0;
    return {
      widgetId: widget.widgetId,
      dealerName: widget.displayName,
      vehicleCategories: widget.vehicleCategories,
      products: products.map((p) => ({ code: p.definition.code, name: p.definition.name, terms: p.definition.terms })),
      terms,
      defaultDownPaymentPercent: widget.defaultDownPaymentPercent,
      minDownPaymentPercent: String(minDown),
      rateLimitPerMinute: WIDGET_RATE_LIMIT,
    };
  });

  app.post(
    '/:widgetId/quote',
    { bodyLimit: WIDGET_BODY_LIMIT, schema: { params: widgetParamsSchema, body: widgetQuoteRequestSchema, response: { 200: widgetQuoteResponseSchema, ...problems } } },
    async (request, reply) => {
      const widget = await admit(request.params.widgetId, reply);
      const body = request.body;
      const category = body.vehicleCategory ?? widget.vehicleCategories[0]!;
      if (!widget.vehicleCategories.includes(category)) {
        throw new DomainError('VALIDATION_FAILED', `this dealer sells ${widget.vehicleCategories.join(', ')}`, [{ field: 'vehicleCategory', message: `must be one of ${widget.vehicleCategories.join(', ')}` }]);
      }
      const parsed = quoteRequestBodySchema.parse({
        vehicle: { category, price: body.vehiclePrice, ...(body.ageMonths !== undefined ? { ageMonths: body.ageMonths } : {}), ...(body.mileageKm !== undefined ? { mileageKm: body.mileageKm } : {}) },
        downPayment: body.downPayment,
        ...(body.term !== undefined ? { term: body.term } : {}),
        channel: 'dealer',
        dealerId: widget.partnerId,
      });
      let quote;
      try {
        quote = await createQuote(app.database, parsed, { createdBy: `widget:${widget.widgetId}`, channel: 'widget', productFilter: (p) => widget.productCodes.includes(p.definition.code) });
      } catch (err) {
        if (isDomainError(err) && err.errors.length > 0) {
          const errors = err.errors.map((e) => ({ field: FIELD[e.field] ?? e.field, message: e.message }));
          throw new DomainError(err.code, errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);
        }
        throw err;
      }
      const offers = quote.offers.map((o) => ({
        productCode: o.productCode,
        productName: o.productName,
        term: o.term,
        monthlyPayment: o.monthlyPayment,
        apr: o.aprSimple.toFixed(2),
        totalCost: o.totalCost,
        totalFees: o.totalFees,
        downPayment: o.downPayment,
        promotion: o.promotion?.name ?? null,
        disclosure: o.disclosure,
      }));
      const index = (ref: { offerId: string } | null) => (ref ? quote.offers.findIndex((o) => o.offerId === ref.offerId) : -1);
      const low = index(quote.lowestMonthlyPayment);
      const cheap = index(quote.lowestTotalCost);
      return reply.send({
        offers,
        lowestMonthlyPayment: low >= 0 ? low : null,
        lowestTotalCost: cheap >= 0 ? cheap : null,
        note: {
          zh: `示例报价：按信用等级${quote.assumptions.riskTier}、${quote.assumptions.cityTier}线城市客户测算，实际利率以审批结果为准。`,
          en: `Representative example for a tier-${quote.assumptions.riskTier} customer in a tier-${quote.assumptions.cityTier} city; the actual rate depends on approval.`,
        },
      });
    },
  );
};
