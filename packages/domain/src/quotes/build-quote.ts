import type {
  Bilingual,
  FieldError,
  IneligibleOffer,
  IneligibleReason,
  OfferBreakdownLine,
  ParsedQuotesRequest,
  PricingGrid,
  ProductDefinition,
  QuoteOffer,
  QuotesResponse,
  RepaymentMethodName,
  RiskTier,
  ValuationModel,
} from '@autofin/contracts';
import { MAX_VEHICLE_PRICE, MIN_VEHICLE_PRICE } from '@autofin/contracts';
import Decimal from 'decimal.js';
import { checkAutoLoan, rulebookOn } from '../compliance/check-auto-loan.ts';
import { irrApr } from '../finance/apr/irr.ts';
import { scheduleCashFlows } from '../finance/apr/schedule-flows.ts';
import { addDays, addMonths, compareDates, formatDate, parseDate } from '../finance/dates.ts';
import type { Fen } from '../finance/money.ts';
import { formatMoney, mulDivRound, parseMoney } from '../finance/money.ts';
import { toPercent } from '../finance/percent.ts';
import { parsePercentRate } from '../finance/rate.ts';
import { buildSchedule } from '../finance/schedule/build-schedule.ts';
import type { Fee, LoanTerms, Schedule } from '../finance/schedule/types.ts';
import { priceRate } from '../pricing/price-rate.ts';
import { conditionOf, defaultFuelOf, isNevCategory, RULEBOOK_CATEGORY } from '../products/vehicle-category.ts';
import type { LivePromotion } from '../promotions/match-promotion.ts';
import { promotionFitsMethod, promotionTargets } from '../promotions/match-promotion.ts';
import { DomainError, isDomainError } from '../shared/domain-error.ts';
import { valueVehicle } from '../vehicles/value-vehicle.ts';
import { disclosureText, payerNames } from './disclosure.ts';

/** A published product version the quote may sell. */
export interface SellableProduct {
  readonly version: number;
  readonly definition: ProductDefinition;
}

/** Everything a quote depends on besides the request: the caller (server, bench) loads it. */
export interface QuoteContext {
  /** Published products within their effective period. */
  readonly products: readonly SellableProduct[];
  /** The active pricing grid. */
  readonly grid: PricingGrid;
  /** Approved promotions with their remaining budget. */
  readonly promotions: readonly LivePromotion[];
  /** Today (the clock is passed in): the default disbursement date. */
  readonly today: string;
  readonly valuationModel: ValuationModel;
}

export type QuoteResult = Omit<QuotesResponse, 'quoteId' | 'quotedAt'>;

const QDecimal = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });

/** Credit score → risk tier: ≥ 750 A, ≥ 700 B, ≥ 650 C, ≥ 600 D, else E. */
export function tierOfScore(score: number): RiskTier {
  if (score >= 750) return 'A';
  if (score >= 700) return 'B';
  if (score >= 650) return 'C';
  if (score >= 600) return 'D';
  return 'E';
}

/** A quote without customer context is shown for a middling customer (tier C), not the best case. */
export const DEFAULT_RISK_TIER: RiskTier = 'C';
export const DEFAULT_CITY_TIER = 2;

const views = new WeakMap<PricingGrid, Map<string, PricingGrid>>();

/**
 * The grid as one offer needs it: one product at one term for one tier. priceRate validates the
 * grid it is given on every call; a quote prices a dozen offers, so each is priced off this small
 * view (memoised per grid object) and the validation has a fraction of the rows to check. Every
 * row the offer's price reads is the grid's own, so the rate and its lines are the same.
 */
function gridView(grid: PricingGrid, productCode: string, term: number, tier: RiskTier): PricingGrid {
  let byKey = views.get(grid);
  if (!byKey) {
    byKey = new Map();
    views.set(grid, byKey);
  }
  const key = `${productCode}|${term}|${tier}`;
  let view = byKey.get(key);
  if (!view) {
    const product = grid.products.find((p) => p.code === productCode);
    const tierRow = grid.riskTiers.find((t) => t.tier === tier);
    const cof = grid.costOfFunds.find((c) => c.termMonths === term);
    if (!product || !tierRow || !cof || !product.termsMonths.includes(term)) return grid;
    view = { ...grid, products: [{ ...product, termsMonths: [term] }], riskTiers: [tierRow], costOfFunds: [cof] };
    byKey.set(key, view);
  }
  return view;
}

function invalid(errors: FieldError[]): never {
  throw new DomainError('QUOTE_INVALID_INPUT', errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);
}

const LABELS: Record<string, Bilingual> = {
  PRODUCT_ADJUSTMENT: { zh: '产品调整', en: 'Product adjustment' },
  PRODUCT_FEE_RATE: { zh: '手续费率', en: 'Flat monthly fee rate' },
  PROMOTION: { zh: '营销活动', en: 'Promotion' },
};

const fmt4 = (d: Decimal) => {
  const s = d.toDecimalPlaces(4, Decimal.ROUND_HALF_UP).toFixed(4);
  return s === '-0.0000' ? '0.0000' : s;
};

/** Maps the fields of the engines' errors onto the quote request's fields. */
function requestField(field: string): string {
  if (field === 'amountFinancedFen' || field === 'principal' || field === 'balloonAmount' || field === 'residualAmount' || field === 'deposit' || field === 'upfrontFee') return 'downPayment';
  if (field === 'termMonths' || field === 'term') return 'term';
  if (field === 'vehicle.ageMonths') return 'vehicle.ageMonths';
  return field;
}

interface Candidate {
  schedule: Schedule;
  method: RepaymentMethodName;
  customerRate: string;
  waivedCodes: ReadonlySet<string>;
  freeMonths: number;
  promotion: LivePromotion | null;
  cost: Fen;
}

/** Zeroes the interest of the first `months` installments (a sponsor pays it) and the totals with it. */
function withFreeMonths(schedule: Schedule, months: number): { schedule: Schedule; waived: Fen } {
  let waived = 0;
  const installments = schedule.installments.map((i, k) => {
    if (k >= months) return i;
    waived += i.interest;
    return { ...i, interest: 0, payment: i.payment - i.interest };
  });
  return {
    schedule: { ...schedule, installments, totalInterest: schedule.totalInterest - waived, financeCharge: schedule.financeCharge - waived, totalOfPayments: schedule.totalOfPayments - waived },
    waived,
  };
}

/**
 * Every eligible product × term for one vehicle and customer (DESIGN.md rule 7: each offer carries
 * its pricing lines, product version, grid version and rulebook version). Ineligible combinations
 * are returned with their reasons. Offers come sorted by total cost, cheapest first.
 *
 * Pure: the products, grid, promotions (with their remaining budgets), the date and the
 * valuation model are passed in.
 */
export function buildQuote(req: ParsedQuotesRequest, ctx: QuoteContext): QuoteResult {
  // ---- request-level checks (400, naming the field) ----
  const errors: FieldError[] = [];
  const price = parseMoney(req.vehicle.price, 'vehicle.price');
  const down = parseMoney(req.downPayment, 'downPayment');
  const category = req.vehicle.category;
  if (price < parseMoney(MIN_VEHICLE_PRICE) || price > parseMoney(MAX_VEHICLE_PRICE)) {
    errors.push({ field: 'vehicle.price', message: `must be between ${MIN_VEHICLE_PRICE} and ${MAX_VEHICLE_PRICE} yuan` });
  }
  if (down > price) errors.push({ field: 'downPayment', message: 'must not exceed the vehicle price' });
  const fuel = req.vehicle.fuel ?? defaultFuelOf(category);
  if (isNevCategory(category) !== (fuel !== 'ICE')) errors.push({ field: 'vehicle.fuel', message: `${fuel} does not fit category ${category}` });
  const used = category === 'used';
  if (used && req.vehicle.ageMonths === undefined) errors.push({ field: 'vehicle.ageMonths', message: 'is required for a used car' });
  if (used && req.vehicle.mileageKm === undefined) errors.push({ field: 'vehicle.mileageKm', message: 'is required for a used car' });
  let equity = 0;
  let appraised = 0;
  let outstanding = 0;
  if (req.tradeIn) {
    appraised = parseMoney(req.tradeIn.appraisedValue, 'tradeIn.appraisedValue');
    outstanding = parseMoney(req.tradeIn.outstandingLoan, 'tradeIn.outstandingLoan');
    if (outstanding > appraised) errors.push({ field: 'tradeIn.outstandingLoan', message: 'exceeds the appraised value: negative equity is not rolled into a new loan' });
    equity = appraised - outstanding;
    if (down <= price && down + equity > price) errors.push({ field: 'tradeIn.appraisedValue', message: 'the down payment and the trade-in equity exceed the vehicle price' });
  }
  let disbursement = ctx.today;
  if (req.disbursementDate !== undefined) {
    try {
      const day = parseDate(req.disbursementDate, 'disbursementDate');
      const today = parseDate(ctx.today, 'today');
      // A quote is for a loan about to be drawn: a week back (paperwork) to six months ahead (a car on order).
      if (compareDates(day, addDays(today, -7)) < 0 || compareDates(day, addDays(today, 180)) > 0) {
        errors.push({ field: 'disbursementDate', message: `must be within a week before and 180 days after ${ctx.today}` });
      }
      disbursement = formatDate(day);
    } catch {
      errors.push({ field: 'disbursementDate', message: 'is not a calendar date' });
    }
  }
  const products = req.productCode ? ctx.products.filter((p) => p.definition.code === req.productCode) : [...ctx.products];
  if (req.productCode && products.length === 0) errors.push({ field: 'productCode', message: `no sellable product ${req.productCode}` });
  if (errors.length > 0) invalid(errors);

  const totalDown = down + equity;
  const customer = req.customer ?? {};
  const riskTier: RiskTier = customer.riskTier ?? (customer.score !== undefined ? tierOfScore(customer.score) : DEFAULT_RISK_TIER);
  const riskTierSource = customer.riskTier ? 'given' : customer.score !== undefined ? 'score' : 'default';
  const cityTier = customer.cityTier ?? DEFAULT_CITY_TIER;
  const ageMonths = used ? (req.vehicle.ageMonths ?? 0) : 0;

  // ---- the vehicle's value (LTV denominator) ----
  let value = price;
  let valuation: QuoteResult['assumptions']['valuation'] = null;
  if (used && req.vehicle.listPrice !== undefined) {
    const v = valueVehicle(
      { segment: req.vehicle.segment ?? 'mid', fuel, listPriceFen: parseMoney(req.vehicle.listPrice, 'vehicle.listPrice'), ageMonths, mileageKm: req.vehicle.mileageKm ?? 0 },
      ctx.valuationModel,
    );
    valuation = { value: formatMoney(v.valueFen), modelVersion: v.modelVersion, percentOfList: v.percentOfList };
    value = Math.min(price, v.valueFen);
  }

  const book = rulebookOn(disbursement);
  const disbursementDate = parseDate(disbursement, 'disbursementDate');
  const requestedTerms = [...new Set([...(req.term !== undefined ? [req.term] : []), ...(req.terms ?? [])])].sort((a, b) => a - b);

  const offers: QuoteOffer[] = [];
  const ineligible: IneligibleOffer[] = [];
  const sorted = products.sort((a, b) => (a.definition.code < b.definition.code ? -1 : a.definition.code > b.definition.code ? 1 : 0));

  for (const product of sorted) {
    const def = product.definition;
    const out = (term: number | null, reasons: IneligibleReason[]) =>
      ineligible.push({ productCode: def.code, productVersion: product.version, productName: def.name, term, reasons });

    // ---- product-level eligibility ----
    const reasons: IneligibleReason[] = [];
    if (!def.vehicleCategories.includes(category)) reasons.push({ code: 'CATEGORY_NOT_ELIGIBLE', field: 'vehicle.category', message: `${def.code} finances ${def.vehicleCategories.join(', ')}, not ${category}` });
    if (def.makes.length > 0 && (req.vehicle.make === undefined || !def.makes.includes(req.vehicle.make))) {
      reasons.push({ code: 'MAKE_NOT_ELIGIBLE', field: 'vehicle.make', message: `${def.code} is limited to ${def.makes.join(', ')}` });
    }
    if (used && def.maxVehicleAgeMonths !== undefined && ageMonths > def.maxVehicleAgeMonths) {
      reasons.push({ code: 'VEHICLE_TOO_OLD', field: 'vehicle.ageMonths', message: `${def.code} finances used cars up to ${def.maxVehicleAgeMonths} months old, not ${ageMonths}` });
    }
    if (used && def.maxMileageKm !== undefined && (req.vehicle.mileageKm ?? 0) > def.maxMileageKm) {
      reasons.push({ code: 'VEHICLE_MILEAGE_TOO_HIGH', field: 'vehicle.mileageKm', message: `${def.code} finances used cars up to ${def.maxMileageKm} km` });
    }
    if (def.tradeInProgramme && !req.tradeIn) reasons.push({ code: 'TRADE_IN_REQUIRED', field: 'tradeIn', message: `${def.code} is a trade-in programme: give the car traded in` });
    const method: RepaymentMethodName = req.method ?? def.methods[0]!;
    if (!def.methods.includes(method)) reasons.push({ code: 'METHOD_NOT_ALLOWED', field: 'method', message: `${def.code} repays by ${def.methods.join(', ')}, not ${method}` });
    // Exact: down × 100 ≥ price × minDown%.
    const minDownFen = new QDecimal(price).mul(def.minDownPaymentPercent).div(100).toDecimalPlaces(0, Decimal.ROUND_CEIL).toNumber();
    if (totalDown < minDownFen) {
      reasons.push({ code: 'DOWN_PAYMENT_TOO_LOW', field: 'downPayment', message: `${def.code} needs at least ${def.minDownPaymentPercent}% down (${formatMoney(minDownFen)} yuan, trade-in equity included), not ${formatMoney(totalDown)}` });
    }
    const battery = def.batteryRental ? parseMoney(def.batteryRental.batteryPrice) : 0;
    const principal = price - battery - totalDown;
    if (reasons.length === 0 && principal <= 0) reasons.push({ code: 'NOTHING_TO_FINANCE', field: 'downPayment', message: 'the down payment covers the price: nothing to finance' });
    if (reasons.length > 0) {
      out(null, reasons);
      continue;
    }
    const collateral = value - battery;
    if (collateral <= 0) {
      out(null, [{ code: 'NOTHING_TO_FINANCE', field: 'vehicle.price', message: 'the battery is worth more than the vehicle' }]);
      continue;
    }

    // ---- fees and services (independent of the term) ----
    const feeAmounts = def.fees.map((f) => (f.basis === 'amount' ? parseMoney(f.value) : mulDivRound(principal, parsePercentRate(f.value).num, parsePercentRate(f.value).den)));
    const financedServices = def.services.filter((s) => s.timing === 'financed');
    const upfrontServices = def.services.filter((s) => s.timing === 'upfront');
    const financedServicesFen = financedServices.reduce((s, x) => s + parseMoney(x.price), 0);
    const upfrontServicesFen = upfrontServices.reduce((s, x) => s + parseMoney(x.price), 0);
    const serviceFees: Fee[] = financedServices.map((s) => ({ name: s.code, amount: parseMoney(s.price), timing: 'financed', financeCharge: false }));
    const productFees = (waived: ReadonlySet<string>): Fee[] =>
      def.fees.flatMap((f, i) => (waived.has(f.code) ? [] : [{ name: f.code, amount: feeAmounts[i]!, timing: f.timing, financeCharge: f.financeCharge }]));
    const financedFeesFen = def.fees.reduce((s, f, i) => s + (f.timing === 'financed' ? feeAmounts[i]! : 0), 0);
    const note = principal + financedFeesFen + financedServicesFen;
    const ltv = new QDecimal(note).mul(100).div(collateral);
    const balloon = def.balloonPercent !== undefined && method === 'balloon' ? mulDivRound(price, parsePercentRate(def.balloonPercent).num, parsePercentRate(def.balloonPercent).den) : undefined;
    const residual = def.residualPercent !== undefined && method === 'lease' ? mulDivRound(price, parsePercentRate(def.residualPercent).num, parsePercentRate(def.residualPercent).den) : undefined;
    const deposit = def.depositPercent !== undefined && method === 'lease' ? mulDivRound(price, parsePercentRate(def.depositPercent).num, parsePercentRate(def.depositPercent).den) : undefined;

    const terms = requestedTerms.length > 0 ? requestedTerms : def.terms;
    for (const term of terms) {
      if (!def.terms.includes(term)) {
        out(term, [{ code: 'TERM_NOT_ALLOWED', field: 'term', message: `${def.code} offers ${def.terms.join(', ')} months, not ${term}` }]);
        continue;
      }
      const termReasons: IneligibleReason[] = [];
      if (ltv.gt(def.maxLtvPercent)) {
        termReasons.push({ code: 'LTV_ABOVE_LIMIT', field: 'downPayment', message: `LTV ${ltv.toFixed(2)}% is above ${def.code}'s maximum ${def.maxLtvPercent}%: a larger down payment is needed` });
      }
      const verdict = checkAutoLoan({ category: RULEBOOK_CATEGORY[category], vehiclePrice: collateral, loanAmount: note, termMonths: term, date: disbursement, institutionMaxPercent: Number(def.maxLtvPercent) });
      for (const v of verdict.violations) {
        // The product's own maximum is reported above; only the rulebook's limits are added here.
        if (v.source.title === 'institution policy') continue;
        const src = 'documentNo' in v.source && v.source.documentNo ? `${v.source.title} ${v.source.documentNo}` : v.source.title;
        termReasons.push({ code: v.field === 'loanAmount' ? 'RULEBOOK_LTV' : 'RULEBOOK_TERM', field: v.field === 'loanAmount' ? 'downPayment' : 'term', message: `loan ${v.message} (${verdict.rulebookVersion}, ${src})` });
      }
      if (termReasons.length > 0) {
        out(term, termReasons);
        continue;
      }

      // ---- the rate ----
      let rate = new QDecimal(0);
      let breakdown: OfferBreakdownLine[] = [];
      let bound: 'floor' | 'ceiling' | null = null;
      if (method === 'flat-fee') {
        breakdown = [{ code: 'PRODUCT_FEE_RATE', label: LABELS.PRODUCT_FEE_RATE!, rate: '0.0000', detail: `${def.code}: no interest; a fee of ${def.monthlyFeeRatePercent}% of the original principal a month` }];
      } else {
        try {
          const priced = priceRate(
            {
              productCode: def.pricing.gridProductCode,
              riskTier,
              termMonths: term,
              amountFinancedFen: note,
              vehicleValueFen: collateral,
              cityTier,
              vehicle: { condition: conditionOf(category), fuel, ageMonths },
              channel: req.channel,
              dealerGrade: req.channel === 'dealer' ? req.dealerGrade : undefined,
              priorLoans: customer.priorLoans ?? 0,
            },
            gridView(ctx.grid, def.pricing.gridProductCode, term, riskTier),
          );
          rate = new QDecimal(priced.rate);
          breakdown = priced.lines;
          bound = priced.bound;
        } catch (err) {
          if (!isDomainError(err) || !err.code.startsWith('PRICING')) throw err;
          out(term, err.errors.length > 0 ? err.errors.map((e) => ({ code: 'PRICING', field: requestField(e.field), message: e.message })) : [{ code: 'PRICING', field: 'productCode', message: err.message }]);
          continue;
        }
        const adj = new QDecimal(def.pricing.adjustmentPercent);
        if (!adj.isZero()) {
          const adjusted = QDecimal.max(0, rate.plus(adj));
          breakdown = [...breakdown, { code: 'PRODUCT_ADJUSTMENT', label: LABELS.PRODUCT_ADJUSTMENT!, rate: fmt4(adjusted.minus(rate)), detail: `${def.code} v${product.version}: ${def.pricing.adjustmentPercent}% on ${def.pricing.gridProductCode}` }];
          rate = adjusted;
        }
      }
      const rateText = rate.toFixed(2);

      const baseTerms: LoanTerms = {
        principal,
        annualRate: parsePercentRate(rateText),
        term,
        method,
        dayCount: '30/360',
        disbursementDate,
        firstPaymentDate: addMonths(disbursementDate, 1),
        every: 1,
        graceMonths: 0,
        fees: [...productFees(new Set()), ...serviceFees],
        ...(method === 'flat-fee' && def.monthlyFeeRatePercent !== undefined ? { monthlyFeeRate: parsePercentRate(def.monthlyFeeRatePercent) } : {}),
        ...(balloon !== undefined ? { balloonAmount: balloon } : {}),
        ...(residual !== undefined ? { residualAmount: residual } : {}),
        ...(deposit !== undefined ? { deposit } : {}),
      };

      // ---- the schedule, with the best promotion the budget still covers ----
      let best: Candidate;
      try {
        best = { schedule: buildSchedule(baseTerms), method, customerRate: rateText, waivedCodes: new Set(), freeMonths: 0, promotion: null, cost: 0 };
        for (const promo of ctx.promotions) {
          const d = promo.definition;
          const targeted = promotionTargets(d, {
            productCode: def.code,
            category,
            make: req.vehicle.make,
            dealerId: req.dealerId,
            region: customer.region,
            segment: customer.segment,
            term,
            date: disbursement,
          });
          if (!targeted || !promotionFitsMethod(d, method)) continue;
          let cand: Candidate | null = null;
          if (d.kind === 'zero-rate' || d.kind === 'reduced-rate') {
            const customerRate = d.kind === 'zero-rate' ? new QDecimal(0) : QDecimal.max(0, rate.minus(d.rateReductionPercent ?? '0'));
            const promoted: LoanTerms = customerRate.isZero()
              ? { ...baseTerms, method: 'interest-free' }
              : { ...baseTerms, method: 'subsidised', customerRate: parsePercentRate(customerRate.toFixed(2)) };
            const s = buildSchedule(promoted);
            cand = { schedule: s, method: promoted.method, customerRate: customerRate.toFixed(2), waivedCodes: new Set(), freeMonths: 0, promotion: promo, cost: s.subsidy };
          } else if (d.kind === 'waived-fees') {
            const codes = new Set(def.fees.map((f) => f.code).filter((c) => d.waivedFeeCodes.length === 0 || d.waivedFeeCodes.includes(c)));
            const cost = def.fees.reduce((s, f, i) => s + (codes.has(f.code) ? feeAmounts[i]! * (f.timing === 'periodic' ? term : 1) : 0), 0);
            cand = { schedule: buildSchedule({ ...baseTerms, fees: [...productFees(codes), ...serviceFees] }), method, customerRate: rateText, waivedCodes: codes, freeMonths: 0, promotion: promo, cost };
          } else if (d.kind === 'free-months' && d.freeMonths !== undefined && d.freeMonths < term) {
            const fm = withFreeMonths(best.promotion ? buildSchedule(baseTerms) : best.schedule, d.freeMonths);
            cand = { schedule: fm.schedule, method, customerRate: rateText, waivedCodes: new Set(), freeMonths: d.freeMonths, promotion: promo, cost: fm.waived };
          }
          if (!cand || cand.cost <= 0 || cand.cost > promo.remainingFen) continue;
          const cost = (c: Candidate) => c.schedule.totalInterest + c.schedule.totalFees;
          if (cost(cand) < cost(best) || (best.promotion && cost(cand) === cost(best) && cand.cost < best.cost)) best = cand;
        }
      } catch (err) {
        if (!isDomainError(err) || !err.code.startsWith('FINANCE')) throw err;
        out(term, err.errors.length > 0 ? err.errors.map((e) => ({ code: 'TERMS', field: requestField(e.field), message: e.message })) : [{ code: 'TERMS', field: 'downPayment', message: err.message }]);
        continue;
      }

      const s = best.schedule;
      if (s.amountFinanced <= 0) {
        out(term, [{ code: 'NOTHING_TO_FINANCE', field: 'downPayment', message: 'the fees paid at signing leave nothing financed' }]);
        continue;
      }
      let apr;
      try {
        apr = irrApr(scheduleCashFlows(s));
      } catch (err) {
        if (!isDomainError(err)) throw err;
        out(term, [{ code: 'NO_RATE', field: 'downPayment', message: err.message }]);
        continue;
      }
      const aprSimple = toPercent(apr.aprSimple);
      const aprCompound = toPercent(apr.aprCompound);
      const totalFees = s.totalFees - financedServicesFen;
      const totalCost = s.totalInterest + totalFees;
      const regular = s.installments[best.freeMonths] ?? s.installments[0]!;

      let bundle: QuoteOffer['bundle'] = null;
      if (def.services.length > 0) {
        let increase = 0;
        if (financedServicesFen > 0) {
          const without = buildSchedule({ ...s.terms, fees: s.terms.fees.filter((f) => !financedServices.some((x) => x.code === f.name)) });
          increase = regular.payment - (without.installments[best.freeMonths] ?? without.installments[0]!).payment;
        }
        bundle = {
          items: def.services.map((x) => ({ code: x.code, name: x.name, description: x.description, price: formatMoney(parseMoney(x.price)), timing: x.timing })),
          total: formatMoney(financedServicesFen + upfrontServicesFen),
          monthlyPaymentIncrease: formatMoney(increase),
        };
      }
      const promo = best.promotion;
      if (promo) {
        breakdown = [
          ...breakdown,
          {
            code: 'PROMOTION',
            label: LABELS.PROMOTION!,
            rate: fmt4(new QDecimal(best.customerRate).minus(rateText)),
            detail: `${promo.definition.code} (${promo.definition.kind}, paid by ${promo.definition.payer}): customer rate ${best.customerRate}%, lender's rate ${rateText}%; cost to the budget ${formatMoney(best.cost)} yuan`,
          },
        ];
      }
      const subsidyFen = best.method === 'subsidised' || best.method === 'interest-free' ? s.subsidy : best.freeMonths > 0 ? best.cost : 0;
      const subsidy = promo && subsidyFen > 0 ? { amount: formatMoney(subsidyFen), payer: promo.definition.payer } : null;
      const bn = promo ? payerNames(promo.definition.payer) : null;

      offers.push({
        offerId: `${def.code}-${term}-${method}`,
        productCode: def.code,
        productVersion: product.version,
        productName: def.name,
        productType: def.type,
        term,
        method: best.method,
        annualRate: rateText,
        customerRate: best.customerRate,
        monthlyPayment: formatMoney(regular.payment),
        installments: s.installments.map((i) => ({
          n: i.n,
          date: formatDate(i.date),
          payment: formatMoney(i.payment),
          principal: formatMoney(i.principal),
          interest: formatMoney(i.interest),
          fee: formatMoney(i.fee),
          balance: formatMoney(i.balance),
        })),
        vehiclePrice: formatMoney(price),
        vehicleValue: formatMoney(value),
        downPayment: formatMoney(totalDown),
        principal: formatMoney(principal),
        noteAmount: formatMoney(s.noteAmount),
        amountFinanced: formatMoney(s.amountFinanced),
        totalInterest: formatMoney(s.totalInterest),
        totalFees: formatMoney(totalFees),
        totalCost: formatMoney(totalCost),
        totalOfPayments: formatMoney(s.totalOfPayments),
        upfrontCash: formatMoney(s.upfrontCash + upfrontServicesFen),
        ltv: ltv.toFixed(2),
        aprSimple,
        aprCompound,
        subsidy,
        promotion: promo ? { id: promo.id, code: promo.definition.code, name: promo.definition.name, kind: promo.definition.kind, payer: promo.definition.payer, budgetCost: formatMoney(best.cost) } : null,
        fees: [
          ...def.fees.map((f, i) => ({ code: f.code, name: f.name, amount: formatMoney(feeAmounts[i]!), timing: f.timing, financeCharge: f.financeCharge, waived: best.waivedCodes.has(f.code) })),
          ...(method === 'flat-fee'
            ? [{ code: 'MONTHLY_FEE', name: { zh: '分期手续费（每期）', en: 'Monthly instalment fee (each payment)' }, amount: formatMoney(s.installments[0]!.fee), timing: 'periodic' as const, financeCharge: true, waived: false }]
            : []),
        ],
        bundle,
        batteryRental: def.batteryRental
          ? { batteryPrice: formatMoney(battery), monthlyRent: formatMoney(parseMoney(def.batteryRental.monthlyRent)), totalRent: formatMoney(parseMoney(def.batteryRental.monthlyRent) * term) }
          : null,
        tradeIn: req.tradeIn ? { appraisedValue: formatMoney(appraised), outstandingLoan: formatMoney(outstanding), equity: formatMoney(equity), oldLoanPrepaymentPenaltyWaived: def.tradeInProgramme } : null,
        finalPayment: balloon !== undefined ? formatMoney(balloon) : residual !== undefined ? formatMoney(residual) : null,
        deposit: deposit !== undefined ? formatMoney(deposit) : null,
        prepayment: def.prepayment,
        breakdown,
        pricing: { grid: { id: ctx.grid.id, version: ctx.grid.version }, riskTier, bound },
        compliance: { rulebookVersion: verdict.rulebookVersion, maxLoan: verdict.maxLoan === null ? null : formatMoney(verdict.maxLoan), maxMonths: verdict.maxMonths },
        disclosure: disclosureText({
          productName: def.name,
          productType: def.type,
          method: best.method,
          aprSimple,
          aprCompound,
          vehiclePrice: price,
          downPayment: totalDown,
          noteAmount: s.noteAmount,
          payments: s.installments.length,
          firstPayment: regular.payment,
          totalInterest: s.totalInterest,
          totalFees,
          totalCost,
          customerRate: best.customerRate,
          monthlyFeeRate: method === 'flat-fee' ? def.monthlyFeeRatePercent : undefined,
          finalPayment: balloon ?? residual ?? null,
          deposit: deposit ?? null,
          subsidy: subsidyFen > 0 && bn ? { amount: subsidyFen, ...bn } : null,
          promotionName: promo?.definition.name ?? null,
        }),
      });
    }
  }

  offers.sort((a, b) => {
    const c = parseMoney(a.totalCost) - parseMoney(b.totalCost);
    if (c !== 0) return c;
    const m = parseMoney(a.monthlyPayment) - parseMoney(b.monthlyPayment);
    if (m !== 0) return m;
    if (a.productCode !== b.productCode) return a.productCode < b.productCode ? -1 : 1;
    return a.term - b.term;
  });

  if (offers.length === 0) {
    const seen = new Set<string>();
    const fieldErrors: FieldError[] = [];
    for (const row of ineligible) {
      for (const r of row.reasons) {
        const key = `${r.field}|${r.code}`;
        if (seen.has(key)) continue;
        seen.add(key);
        fieldErrors.push({ field: r.field, message: `${row.productCode}${row.term ? ` ${row.term} months` : ''}: ${r.message}` });
      }
    }
    throw new DomainError('QUOTE_NOT_ELIGIBLE', `no product can finance this: ${fieldErrors.map((e) => `${e.field}: ${e.message}`).join('; ')}`, fieldErrors);
  }

  const ref = (o: QuoteOffer, amount: string) => ({ offerId: o.offerId, productCode: o.productCode, term: o.term, amount });
  let lowestMonthly = offers[0]!;
  for (const o of offers) if (parseMoney(o.monthlyPayment) < parseMoney(lowestMonthly.monthlyPayment)) lowestMonthly = o;
  const cheapest = offers[0]!;

  return {
    offers,
    ineligible,
    lowestMonthlyPayment: ref(lowestMonthly, lowestMonthly.monthlyPayment),
    lowestTotalCost: ref(cheapest, cheapest.totalCost),
    assumptions: { riskTier, riskTierSource, cityTier, disbursementDate: disbursement, vehicleValue: formatMoney(value), valuation },
    versions: { grid: { id: ctx.grid.id, version: ctx.grid.version }, rulebook: book.version },
  };
}
