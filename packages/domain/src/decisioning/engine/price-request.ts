import type { DecisionInput, DecisionOffer, IneligibleOffer, ParsedQuotesRequest, QuoteOffer, RiskTier } from '@autofin/contracts';
import { formatMoney } from '../../finance/money.ts';
import { buildQuote } from '../../quotes/build-quote.ts';
import type { QuoteResult } from '../../quotes/build-quote.ts';
import { isDomainError } from '../../shared/domain-error.ts';
import type { DecisionContext } from './decision-context.ts';
import { decisionDate } from './decision-context.ts';

/** The requested deal priced by the quote engine: the offer it would make, or why it cannot. */
export interface PricedRequest {
  readonly offer: QuoteOffer | null;
  /** Why the requested product/term is not offered (the quote engine's reasons). */
  readonly ineligible: readonly { code: string; field: string; message: string }[];
  readonly quote: QuoteResult | null;
}

export interface PriceOptions {
  readonly tier: RiskTier;
  /** Override the term or the down payment (counter-offers). */
  readonly termMonths?: number;
  readonly downPaymentFen?: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The quote request for this application: the same vehicle, deal and customer a dealer would quote. */
export function quoteRequestOf(input: DecisionInput, ctx: DecisionContext, opts: PriceOptions): ParsedQuotesRequest {
  const v = input.vehicle;
  const used = v.category === 'used';
  return {
    vehicle: {
      category: v.category,
      ...(v.make ? { make: v.make } : {}),
      ...(v.model ? { model: v.model } : {}),
      ...(v.fuel ? { fuel: v.fuel } : {}),
      price: formatMoney(v.priceFen),
      ...(used && v.listPriceFen !== null ? { listPrice: formatMoney(v.listPriceFen) } : {}),
      ...(used ? { ageMonths: v.ageMonths, mileageKm: v.mileageKm } : {}),
    },
    downPayment: formatMoney(opts.downPaymentFen ?? input.deal.downPaymentFen),
    ...(input.deal.tradeIn ? { tradeIn: { appraisedValue: formatMoney(input.deal.tradeIn.appraisedValueFen), outstandingLoan: formatMoney(input.deal.tradeIn.outstandingLoanFen) } } : {}),
    term: opts.termMonths ?? input.deal.termMonths,
    ...(input.deal.method ? { method: input.deal.method } : {}),
    ...(input.deal.productCode ? { productCode: input.deal.productCode } : {}),
    customer: { riskTier: opts.tier, cityTier: ctx.cityTier },
    channel: input.channel,
    ...(input.dealerId && UUID.test(input.dealerId) ? { dealerId: input.dealerId } : {}),
    disbursementDate: decisionDate(ctx),
  };
}

/**
 * Without a product code the application asks to finance the car as it is: the quote's cheapest
 * offers include a battery-rental product (the battery leased apart, so it lends half as much)
 * and scene bundles (services added to the loan), which change the deal the customer asked for.
 * The automatic choice is the cheapest offer that does neither; only when none is eligible does
 * it fall back to the cheapest of all.
 */
function financesAsAsked(offer: QuoteResult['offers'][number]): boolean {
  return offer.batteryRental === null && offer.bundle === null;
}

/**
 * Prices the requested product and term (or, without a product, the cheapest eligible offer at
 * that term that finances the car as asked — see `financesAsAsked`) with the quote engine at the given tier. Promotions are not applied: a credit
 * decision offers the risk-based price; a promotion is taken up on the offer later, against its
 * budget, through the quotes flow.
 */
export function priceRequest(input: DecisionInput, ctx: DecisionContext, opts: PriceOptions): PricedRequest {
  let quote: QuoteResult;
  try {
    quote = buildQuote(quoteRequestOf(input, ctx, opts), { products: ctx.products, grid: ctx.grid, promotions: [], today: decisionDate(ctx), valuationModel: ctx.valuationModel });
  } catch (err) {
    if (!isDomainError(err) || !err.code.startsWith('QUOTE')) throw err;
    const reasons = err.errors.length > 0 ? err.errors.map((e) => ({ code: 'QUOTE_INVALID', field: e.field, message: e.message })) : [{ code: 'QUOTE_INVALID', field: 'deal', message: err.message }];
    return { offer: null, ineligible: reasons, quote: null };
  }
  const offer = input.deal.productCode ? (quote.offers[0] ?? null) : (quote.offers.find(financesAsAsked) ?? quote.offers[0] ?? null);
  const ineligible = offer ? [] : quote.ineligible.flatMap((i: IneligibleOffer) => i.reasons.map((r) => ({ ...r, message: `${i.productCode}${i.term !== null ? ` ${i.term}m` : ''}: ${r.message}` })));
  return { offer, ineligible: offer || ineligible.length > 0 ? ineligible : [{ code: 'NO_PRODUCT', field: 'deal.productCode', message: 'no published product finances this vehicle' }], quote };
}

/** The decision's view of a quote offer: what was offered, at what price, under which versions. */
export function decisionOfferOf(offer: QuoteOffer): DecisionOffer {
  return {
    productCode: offer.productCode,
    productVersion: offer.productVersion,
    productName: offer.productName,
    term: offer.term,
    method: offer.method,
    riskTier: offer.pricing.riskTier,
    annualRate: offer.annualRate,
    customerRate: offer.customerRate,
    monthlyPayment: offer.monthlyPayment,
    downPayment: offer.downPayment,
    principal: offer.principal,
    amountFinanced: offer.amountFinanced,
    totalInterest: offer.totalInterest,
    totalFees: offer.totalFees,
    totalCost: offer.totalCost,
    totalOfPayments: offer.totalOfPayments,
    ltv: offer.ltv,
    aprSimple: offer.aprSimple,
    aprCompound: offer.aprCompound,
    grid: offer.pricing.grid,
    rulebookVersion: offer.compliance.rulebookVersion,
    disclosure: offer.disclosure,
  };
}
