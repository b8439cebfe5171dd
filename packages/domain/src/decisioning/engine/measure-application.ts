import type { DecisionInput, RiskTier } from '@autofin/contracts';
import Decimal from 'decimal.js';
import { ageAtMaturity, ageOn } from '../../applications/age.ts';
import type { Fen } from '../../finance/money.ts';
import { parseMoney } from '../../finance/money.ts';
import { DEFAULT_RISK_TIER, tierOfScore } from '../../quotes/build-quote.ts';
import { valueVehicle } from '../../vehicles/value-vehicle.ts';
import { defaultFuelOf } from '../../products/vehicle-category.ts';
import type { DecisionContext } from './decision-context.ts';
import { decisionDate } from './decision-context.ts';
import type { PricedRequest } from './price-request.ts';
import { priceRequest } from './price-request.ts';

/** The figures the rules and the scorecard read, computed once per decision. */
export interface ApplicationMeasures {
  /** price − cash down − trade-in equity (never below 0). */
  readonly loanFen: Fen;
  /** New: the price; used: min(price, valuation) — the valuation given, else the valuation model's, else the price. */
  readonly valueFen: Fen;
  readonly tradeInEquityFen: Fen;
  /** Applicant + co-applicant (+ the company's, for a corporate application) monthly income. */
  readonly incomeFen: Fen;
  readonly debtsFen: Fen;
  /** The requested deal's first regular instalment as the quote engine prices it at the pre-score tier; null when it cannot be priced. */
  readonly instalmentFen: Fen | null;
  /** instalment ÷ income × 100; null without an instalment or income. */
  readonly pti: Decimal | null;
  /** (debts + instalment) ÷ income × 100. */
  readonly dti: Decimal | null;
  /** loan ÷ value × 100. */
  readonly ltv: Decimal | null;
  readonly ageYears: number | null;
  readonly ageAtMaturityYears: number | null;
  /** The bureau score the decision may use: null without consent, or for a thin file. */
  readonly bureauScore: number | null;
  /** The tier the instalment was priced at: before scoring the bureau score's tier (else C), after it the scored tier. */
  readonly pricingTier: RiskTier;
  readonly priced: PricedRequest;
}

/** The bureau data the engine may use: only with the applicant's credit-check authorisation. */
export function consentedBureau(input: DecisionInput, ctx: DecisionContext): DecisionContext['bureau'] {
  return input.consents.creditCheck ? ctx.bureau : null;
}

export function tradeInEquity(input: DecisionInput): Fen {
  const t = input.deal.tradeIn;
  return t ? Math.max(0, t.appraisedValueFen - t.outstandingLoanFen) : 0;
}

export function vehicleValue(input: DecisionInput, ctx: DecisionContext): Fen {
  const v = input.vehicle;
  if (v.category !== 'used') return v.priceFen;
  if (v.valuationFen !== null) return Math.min(v.priceFen, v.valuationFen);
  if (v.listPriceFen !== null && v.listPriceFen > 0) {
    const valued = valueVehicle({ segment: 'mid', fuel: v.fuel ?? defaultFuelOf(v.category), listPriceFen: v.listPriceFen, ageMonths: v.ageMonths, mileageKm: v.mileageKm }, ctx.valuationModel);
    return Math.min(v.priceFen, valued.valueFen);
  }
  return v.priceFen;
}

export function percentOf(part: Fen, whole: Fen): Decimal | null {
  return whole > 0 ? new Decimal(part).mul(100).div(whole) : null;
}

function safeAge(birthDate: string, on: string): number | null {
  try {
    return ageOn(birthDate, on);
  } catch {
    return null;
  }
}

/**
 * Measures the application. The instalment is the quote engine's price of the requested deal at
 * `tier`; without one (before scoring), at the bureau score's tier, or C without a score.
 */
export function measureApplication(input: DecisionInput, ctx: DecisionContext, tier?: RiskTier): ApplicationMeasures {
  const today = decisionDate(ctx);
  const equity = tradeInEquity(input);
  const loanFen = Math.max(0, input.vehicle.priceFen - input.deal.downPaymentFen - equity);
  const valueFen = vehicleValue(input, ctx);
  const co = input.type === 'joint' ? input.coApplicant : null;
  const incomeFen = input.applicant.monthlyIncomeFen + (co?.monthlyIncomeFen ?? 0) + (input.type === 'corporate' ? (input.company?.monthlyIncomeFen ?? 0) : 0);
  const debtsFen = input.applicant.monthlyDebtPaymentsFen + (co?.monthlyDebtPaymentsFen ?? 0);
  const bureau = consentedBureau(input, ctx);
  const bureauScore = bureau?.status === 'scored' ? bureau.score : null;
  const pricingTier = tier ?? (bureauScore !== null ? tierOfScore(bureauScore) : DEFAULT_RISK_TIER);
  const priced = priceRequest(input, ctx, { tier: pricingTier });
  const instalmentFen = priced.offer ? parseMoney(priced.offer.monthlyPayment) : null;
  const ageYears = safeAge(input.applicant.birthDate, today);
  let ageAtMaturityYears: number | null = null;
  try {
    ageAtMaturityYears = ageAtMaturity(input.applicant.birthDate, today, input.deal.termMonths);
  } catch {
    ageAtMaturityYears = null;
  }
  return {
    loanFen,
    valueFen,
    tradeInEquityFen: equity,
    incomeFen,
    debtsFen,
    instalmentFen,
    pti: instalmentFen === null ? null : percentOf(instalmentFen, incomeFen),
    dti: instalmentFen === null ? null : percentOf(debtsFen + instalmentFen, incomeFen),
    ltv: percentOf(loanFen, valueFen),
    ageYears,
    ageAtMaturityYears,
    bureauScore,
    pricingTier,
    priced,
  };
}
