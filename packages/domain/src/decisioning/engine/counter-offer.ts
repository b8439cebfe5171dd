import type { CounterOffer, DecisionInput, DecisionResult, DecisionStrategy, StrategyRule } from '@autofin/contracts';
import Decimal from 'decimal.js';
import type { Fen } from '../../finance/money.ts';
import { formatMoney, parseMoney } from '../../finance/money.ts';
import type { DecisionContext } from './decision-context.ts';
import type { ApplicationMeasures } from './measure-application.ts';
import { ltvLimitPercent, maxLoanAt } from './evaluate-rule.ts';
import { priceRequest } from './price-request.ts';

/** The least a counter-offer lends: below 10,000 yuan nobody finances a car. */
export const MIN_COUNTER_LOAN_FEN = 1_000_000;
/** How many smaller amounts (one rounding step each) are tried after the computed one. */
const MAX_STEPS = 6;

/**
 * The present value of `payment` a month over `n` months at the annual rate (percent, nominal,
 * monthly compounding): payment × (1 − (1 + i)^−n) / i, i = rate / 1200. The largest level-payment
 * loan a payment carries.
 */
export function annuityPrincipal(paymentFen: Fen, annualRatePercent: string, n: number): Fen {
  const i = new Decimal(annualRatePercent).div(1200);
  if (i.isZero()) return paymentFen * n;
  const pv = new Decimal(paymentFen).mul(new Decimal(1).minus(i.plus(1).pow(-n))).div(i);
  return pv.floor().toNumber();
}

function enabledRules(strategy: DecisionStrategy): StrategyRule[] {
  return strategy.stages.flatMap((s) => ('rules' in s ? s.rules.filter((r) => r.enabled) : []));
}

/** The largest monthly payment the affordability rules allow: min(PTI limit × income, DTI limit × income − debts). */
export function maxAffordablePayment(strategy: DecisionStrategy, m: ApplicationMeasures): Fen | null {
  let max: Fen | null = null;
  for (const r of enabledRules(strategy)) {
    let cap: Fen | null = null;
    if (r.kind === 'max_pti') cap = new Decimal(m.incomeFen).mul(r.maxPercent).div(100).floor().toNumber();
    if (r.kind === 'max_dti') cap = new Decimal(m.incomeFen).mul(r.maxPercent).div(100).floor().toNumber() - m.debtsFen;
    if (cap !== null) max = max === null ? cap : Math.min(max, cap);
  }
  return max;
}

function withDeal(input: DecisionInput, deal: Partial<DecisionInput['deal']>): DecisionInput {
  return { ...input, deal: { ...input.deal, ...deal } };
}

const approves = (r: DecisionResult) => r.status === 'approved' || r.status === 'conditionally_approved';

/**
 * A counter-offer for a request that failed only affordability (PTI/DTI) or LTV rules:
 *  1. amount: the largest loan at the asked term, in steps of the strategy's rounding, that the
 *     whole strategy approves: start from the annuity present value of the largest affordable
 *     payment at the rate the request was priced at, capped by the LTV limit, rounded down; then
 *     step down while the re-run decision does not approve (fees, a different rate);
 *  2. term: when no such amount reaches 10,000 yuan and only affordability failed, the shortest
 *     longer term the product offers that the strategy approves at the asked amount.
 * `decide` re-runs the strategy on a candidate (without looking for counter-offers again).
 */
export function findCounterOffer(
  input: DecisionInput,
  ctx: DecisionContext,
  strategy: DecisionStrategy,
  m: ApplicationMeasures,
  failed: ReadonlyArray<{ code: string; kind: string }>,
  decide: (candidate: DecisionInput) => DecisionResult,
): CounterOffer | null {
  const step = strategy.counterOffer.roundToFen;
  const codes = failed.map((f) => f.code);
  const equity = m.tradeInEquityFen;
  const price = input.vehicle.priceFen;

  // ---- 1. the largest amount at the asked term ----
  let cap = m.loanFen - 1;
  const ltvRule = enabledRules(strategy).find((r) => r.kind === 'max_ltv');
  if (ltvRule && ltvRule.kind === 'max_ltv') {
    const { limit } = ltvLimitPercent(input, ctx, m, ltvRule.maxPercent);
    if (limit !== null) cap = Math.min(cap, maxLoanAt(m.valueFen, limit));
  }
  const payment = maxAffordablePayment(strategy, m);
  // The PTI/DTI rules measure the instalment at the tier the request was priced at; the rate may
  // move with the amount (LTV bands), so solve amount ↔ rate a few times until the rate holds.
  let amount = Math.floor(cap / step) * step;
  if (payment !== null && payment <= 0) amount = 0;
  else if (payment !== null) {
    const rateAt = (loan: Fen): string | null => (loan <= 0 ? null : (priceRequest(input, ctx, { tier: m.pricingTier, downPaymentFen: price - equity - loan }).offer?.annualRate ?? null));
    let rate = rateAt(amount) ?? m.priced.offer?.annualRate ?? null;
    for (let k = 0; k < 4 && rate !== null; k++) {
      const next = Math.floor(Math.min(cap, annuityPrincipal(payment, rate, input.deal.termMonths)) / step) * step;
      const nextRate = rateAt(next);
      amount = next;
      if (nextRate === null || nextRate === rate) break;
      rate = nextRate;
    }
  }
  for (let k = 0; k <= MAX_STEPS && amount >= MIN_COUNTER_LOAN_FEN; k++, amount -= step) {
    const down = price - equity - amount;
    if (down < 0) continue;
    const result = decide(withDeal(input, { downPaymentFen: down }));
    if (approves(result) && result.offer) {
      // A condition of the re-run (e.g. the LTV down payment) may raise the down payment further:
      // the counter-offer states what its priced offer finances.
      const offeredDown = parseMoney(result.offer.downPayment);
      return { kind: 'amount', loanAmount: formatMoney(price - equity - offeredDown), downPayment: formatMoney(offeredDown), termMonths: input.deal.termMonths, resolves: codes, offer: result.offer };
    }
  }

  // ---- 2. a longer term at the asked amount (affordability only: the LTV does not depend on the term) ----
  if (failed.some((f) => f.kind === 'max_ltv')) return null;
  const code = m.priced.offer?.productCode ?? input.deal.productCode;
  const products = code ? ctx.products.filter((p) => p.definition.code === code) : ctx.products;
  const terms = [...new Set(products.flatMap((p) => p.definition.terms))].filter((t) => t > input.deal.termMonths).sort((a, b) => a - b);
  for (const term of terms) {
    const result = decide(withDeal(input, { termMonths: term }));
    if (approves(result) && result.offer) {
      return { kind: 'term', loanAmount: formatMoney(m.loanFen), downPayment: formatMoney(input.deal.downPaymentFen), termMonths: term, resolves: codes, offer: result.offer };
    }
  }
  return null;
}
