import type { DecisionInput, RuleResult, StipulationType, StrategyRule } from '@autofin/contracts';
import Decimal from 'decimal.js';
import { ageAtMaturity, ageOn } from '../../applications/age.ts';
import { checkCnMobile } from '../../applications/phone.ts';
import { checkResidentId } from '../../applications/resident-id.ts';
import { checkSocialCreditCode } from '../../applications/social-credit-code.ts';
import { rulebookOn } from '../../compliance/check-auto-loan.ts';
import type { Fen } from '../../finance/money.ts';
import { formatMoney } from '../../finance/money.ts';
import { RULEBOOK_CATEGORY, termRuleOf } from '../../products/vehicle-category.ts';
import type { DecisionContext } from './decision-context.ts';
import { decisionDate } from './decision-context.ts';
import type { ApplicationMeasures } from './measure-application.ts';
import { consentedBureau } from './measure-application.ts';

/** One rule's verdict, before the stage is attached. */
export interface RuleVerdict {
  readonly outcome: RuleResult['outcome'];
  readonly value: string | null;
  readonly threshold: string | null;
  readonly unit: RuleResult['unit'];
  readonly note: string | null;
  /** A `condition` outcome's stipulation and its amount (larger_down_payment). */
  readonly stipulation?: { type: StipulationType; amountFen: Fen | null };
}

export const pct2 = (d: Decimal | null): string | null => (d === null ? null : d.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2));

function verdict(rule: StrategyRule, passed: boolean, fields: Omit<RuleVerdict, 'outcome'>): RuleVerdict {
  return { outcome: passed ? 'pass' : rule.outcome, ...fields, ...(passed || rule.outcome !== 'condition' || !rule.stipulation ? {} : { stipulation: fields.stipulation ?? { type: rule.stipulation, amountFen: null } }) };
}

const skipped = (note: string, unit: RuleResult['unit'] = null): RuleVerdict => ({ outcome: 'skipped', value: null, threshold: null, unit, note });

/**
 * The LTV limit this deal is held to: the least of the rulebook's limit for its category (when the
 * rulebook sets one), the product's own maximum and the rule's house limit.
 */
export function ltvLimitPercent(input: DecisionInput, ctx: DecisionContext, measures: ApplicationMeasures, houseLimit: number | null): { limit: Decimal | null; sources: string[] } {
  const limits: Array<[Decimal, string]> = [];
  const book = rulebookOn(decisionDate(ctx));
  const rb = book.ltv.find((r) => r.category === RULEBOOK_CATEGORY[input.vehicle.category]);
  if (rb?.maxPercent != null) limits.push([new Decimal(rb.maxPercent), `rulebook ${book.version}`]);
  const code = measures.priced.offer?.productCode ?? input.deal.productCode;
  // Without a chosen product: the most lenient product that finances this category (any of them may take it).
  const candidates = code ? ctx.products.filter((p) => p.definition.code === code) : ctx.products.filter((p) => p.definition.vehicleCategories.includes(input.vehicle.category));
  const product = candidates.reduce<(typeof candidates)[number] | undefined>((best, p) => (!best || new Decimal(p.definition.maxLtvPercent).gt(best.definition.maxLtvPercent) ? p : best), undefined);
  if (product) limits.push([new Decimal(product.definition.maxLtvPercent), `product ${product.definition.code} v${product.version}`]);
  if (houseLimit !== null) limits.push([new Decimal(houseLimit), 'strategy']);
  if (limits.length === 0) return { limit: null, sources: [] };
  const min = Decimal.min(...limits.map(([d]) => d));
  return { limit: min, sources: limits.filter(([d]) => d.eq(min)).map(([, s]) => s) };
}

/**
 * The age at maturity this deal is held to: the stricter of the strategy's limit and the limit of
 * the product the deal is priced as (or asks for), where that product sets one — a product's own
 * credit policy can only tighten the house rule, never loosen it. Without a chosen or priced
 * product only the strategy's limit is known. `source` names every limit at the minimum, for the
 * audit ("product NEV_LOAN v1: 65", "strategy: 65").
 */
export function maxAgeAtMaturity(input: DecisionInput, ctx: DecisionContext, measures: ApplicationMeasures, strategyLimit: number): { limit: number; source: string } {
  const offer = measures.priced.offer;
  const product = offer
    ? ctx.products.find((p) => p.definition.code === offer.productCode && p.version === offer.productVersion)
    : input.deal.productCode
      ? ctx.products.find((p) => p.definition.code === input.deal.productCode)
      : undefined;
  const limits: Array<[number, string]> = [];
  if (product?.definition.maxBorrowerAgeAtMaturity != null) limits.push([product.definition.maxBorrowerAgeAtMaturity, `product ${product.definition.code} v${product.version}`]);
  limits.push([strategyLimit, 'strategy']);
  const limit = Math.min(...limits.map(([n]) => n));
  return { limit, source: `${limits.filter(([n]) => n === limit).map(([, s]) => s).join(' and ')}: ${limit}` };
}

/** The loan at most `limitPercent` of the value allows (rounded down to the fen). */
export function maxLoanAt(valueFen: Fen, limitPercent: Decimal): Fen {
  return new Decimal(valueFen).mul(limitPercent).div(100).floor().toNumber();
}

function idProblems(input: DecisionInput, today: string): string[] {
  const people = [['applicant', input.applicant] as const, ...(input.coApplicant ? [['coApplicant', input.coApplicant] as const] : [])];
  return people.flatMap(([who, p]) => {
    const r = checkResidentId(p.idNumber, today, `${who}.idNumber`);
    return r.ok ? [] : r.errors.map((e) => `${e.field}: ${e.message}`);
  });
}

function coApplicantAges(input: DecisionInput, today: string): { age: number | null; atMaturity: number | null } | null {
  const co = input.type === 'joint' ? input.coApplicant : null;
  if (!co) return null;
  try {
    return { age: ageOn(co.birthDate, today), atMaturity: ageAtMaturity(co.birthDate, today, input.deal.termMonths) };
  } catch {
    return { age: null, atMaturity: null };
  }
}

/** Evaluates one policy, data or fraud rule on the measured application. */
export function evaluateRule(rule: StrategyRule, input: DecisionInput, ctx: DecisionContext, m: ApplicationMeasures): RuleVerdict {
  if (!rule.enabled) return skipped('disabled in this strategy');
  const today = decisionDate(ctx);
  switch (rule.kind) {
    case 'id_valid': {
      const problems = idProblems(input, today);
      return verdict(rule, problems.length === 0, { value: problems.length === 0 ? 'valid' : 'invalid', threshold: 'valid', unit: 'flag', note: problems.join('; ') || null });
    }
    case 'phone_valid': {
      const problems = [...checkCnMobile(input.applicant.phone, 'applicant.phone'), ...(input.coApplicant ? checkCnMobile(input.coApplicant.phone, 'coApplicant.phone') : [])];
      return verdict(rule, problems.length === 0, { value: problems.length === 0 ? 'valid' : 'invalid', threshold: 'valid', unit: 'flag', note: problems.map((e) => `${e.field}: ${e.message}`).join('; ') || null });
    }
    case 'company_code_valid': {
      if (input.type !== 'corporate') return skipped('not a corporate application');
      const problems = input.company ? checkSocialCreditCode(input.company.creditCode, 'company.creditCode') : [{ field: 'company', message: 'is required for a corporate application' }];
      return verdict(rule, problems.length === 0, { value: problems.length === 0 ? 'valid' : 'invalid', threshold: 'valid', unit: 'flag', note: problems.map((e) => `${e.field}: ${e.message}`).join('; ') || null });
    }
    case 'min_age': {
      // Every borrower signs: the youngest of applicant and co-applicant must be of age.
      const co = coApplicantAges(input, today);
      const youngest = co && m.ageYears !== null && co.age !== null && co.age < m.ageYears ? { age: co.age, who: 'coApplicant' } : { age: m.ageYears, who: 'applicant' };
      const ok = youngest.age !== null && youngest.age >= rule.minYears && (!co || co.age !== null);
      return verdict(rule, ok, { value: youngest.age === null ? null : String(youngest.age), threshold: String(rule.minYears), unit: 'years', note: youngest.age === null || (co && co.age === null) ? 'a birth date is not a calendar date' : co ? `youngest borrower: ${youngest.who}` : null });
    }
    case 'max_age_at_maturity': {
      const co = coApplicantAges(input, today);
      const oldest = co && m.ageAtMaturityYears !== null && co.atMaturity !== null && co.atMaturity > m.ageAtMaturityYears ? { age: co.atMaturity, who: 'coApplicant' } : { age: m.ageAtMaturityYears, who: 'applicant' };
      const { limit, source } = maxAgeAtMaturity(input, ctx, m, rule.maxYears);
      const ok = oldest.age !== null && oldest.age <= limit && (!co || co.atMaturity !== null);
      const note = oldest.age === null || (co && co.atMaturity === null) ? 'a birth date is not a calendar date' : co ? `${source}; oldest borrower at maturity: ${oldest.who}` : source;
      return verdict(rule, ok, { value: oldest.age === null ? null : String(oldest.age), threshold: String(limit), unit: 'years', note });
    }
    case 'product_eligible': {
      const ok = m.priced.offer !== null;
      const value = ok ? `${m.priced.offer!.productCode} v${m.priced.offer!.productVersion}` : 'not offered';
      return verdict(rule, ok, { value, threshold: null, unit: 'flag', note: ok ? null : m.priced.ineligible.map((r) => `${r.code} (${r.field}): ${r.message}`).join('; ') });
    }
    case 'max_pti': {
      if (m.pti === null) return skipped(m.incomeFen <= 0 ? 'no income declared' : 'the deal could not be priced, so there is no instalment', 'percent');
      return verdict(rule, m.pti.lte(rule.maxPercent), { value: pct2(m.pti), threshold: String(rule.maxPercent), unit: 'percent', note: `instalment ${formatMoney(m.instalmentFen ?? 0)} ÷ income ${formatMoney(m.incomeFen)}` });
    }
    case 'max_dti': {
      if (m.dti === null) return skipped(m.incomeFen <= 0 ? 'no income declared' : 'the deal could not be priced, so there is no instalment', 'percent');
      return verdict(rule, m.dti.lte(rule.maxPercent), { value: pct2(m.dti), threshold: String(rule.maxPercent), unit: 'percent', note: `(debts ${formatMoney(m.debtsFen)} + instalment ${formatMoney(m.instalmentFen ?? 0)}) ÷ income ${formatMoney(m.incomeFen)}` });
    }
    case 'max_ltv': {
      const { limit, sources } = ltvLimitPercent(input, ctx, m, rule.maxPercent);
      if (limit === null || m.ltv === null) return skipped(m.ltv === null ? 'the vehicle has no value' : 'no limit applies', 'percent');
      const maxLoan = maxLoanAt(m.valueFen, limit);
      const ok = m.loanFen <= maxLoan;
      return verdict(rule, ok, {
        value: pct2(m.ltv),
        threshold: limit.toFixed(2),
        unit: 'percent',
        note: `loan ${formatMoney(m.loanFen)} ÷ value ${formatMoney(m.valueFen)}; limit from ${sources.join(', ')}${ok ? '' : `; ${formatMoney(m.loanFen - maxLoan)} more down payment would pass`}`,
        ...(ok ? {} : { stipulation: { type: 'larger_down_payment' as const, amountFen: m.loanFen - maxLoan } }),
      });
    }
    case 'term_limit': {
      const book = rulebookOn(today);
      const rbMax = book.terms.find((t) => t.loan === termRuleOf(input.vehicle.category))?.maxMonths ?? null;
      const house = input.vehicle.category === 'used' ? rule.maxMonthsUsed : rule.maxMonthsNew;
      const max = rbMax === null ? house : Math.min(house, rbMax);
      return verdict(rule, input.deal.termMonths <= max, { value: String(input.deal.termMonths), threshold: String(max), unit: 'months', note: rbMax !== null && rbMax < house ? `rulebook ${book.version}` : null });
    }
    case 'blacklist': {
      const hits = ctx.blacklistHits;
      return verdict(rule, hits.length === 0, { value: String(hits.length), threshold: '0', unit: 'count', note: hits.length ? hits.map((h) => `${h.list}: ${h.reason}`).join('; ') : null });
    }
    case 'min_income':
      return verdict(rule, m.incomeFen >= rule.minMonthlyIncomeFen, { value: formatMoney(m.incomeFen), threshold: formatMoney(rule.minMonthlyIncomeFen), unit: 'yuan', note: null });
    case 'bureau_required': {
      const b = consentedBureau(input, ctx);
      if (!input.consents.creditCheck) return verdict(rule, false, { value: 'no consent', threshold: 'bureau data', unit: 'flag', note: 'the applicant has not authorised the credit check: bureau data is not used' });
      if (b === null) return verdict(rule, false, { value: 'not queried', threshold: 'bureau data', unit: 'flag', note: 'no bureau response' });
      if (b.status === 'thin_file') return verdict(rule, rule.thinFileAllowed, { value: 'thin file', threshold: rule.thinFileAllowed ? 'thin file allowed' : 'a score', unit: 'flag', note: null });
      return verdict(rule, true, { value: 'scored', threshold: 'bureau data', unit: 'flag', note: null });
    }
    case 'min_bureau_score': {
      if (m.bureauScore === null) return skipped(input.consents.creditCheck ? 'no bureau score (thin file or not queried)' : 'no credit-check authorisation', 'score');
      return verdict(rule, m.bureauScore >= rule.minScore, { value: String(m.bureauScore), threshold: String(rule.minScore), unit: 'score', note: null });
    }
    case 'velocity': {
      if (rule.key === 'device' && input.deviceId === null) return skipped('no device id', 'count');
      const count = ctx.velocity.find((v) => v.key === rule.key && v.window === rule.window)?.count ?? 0;
      return verdict(rule, count <= rule.maxCount, { value: String(count), threshold: String(rule.maxCount), unit: 'count', note: `earlier applications with this ${rule.key.replace('_', ' ')} in ${rule.window}` });
    }
    case 'phone_shared':
      return verdict(rule, ctx.phoneIdentities <= rule.maxIdentities, { value: String(ctx.phoneIdentities), threshold: String(rule.maxIdentities), unit: 'count', note: 'other identities seen with this phone' });
    case 'identity_mismatch': {
      const people = [['applicant', input.applicant] as const, ...(input.coApplicant ? [['coApplicant', input.coApplicant] as const] : [])];
      const mismatches: string[] = [];
      for (const [who, p] of people) {
        const r = checkResidentId(p.idNumber, today);
        if (!r.ok) continue;
        if (r.info.birthDate !== p.birthDate) mismatches.push(`${who}.birthDate ${p.birthDate} ≠ ${r.info.birthDate} in the ID number`);
        if (p.gender !== null && p.gender !== r.info.gender) mismatches.push(`${who}.gender ${p.gender} ≠ ${r.info.gender} in the ID number`);
      }
      return verdict(rule, mismatches.length === 0, { value: String(mismatches.length), threshold: '0', unit: 'count', note: mismatches.join('; ') || null });
    }
    case 'dealer_surge': {
      const d = ctx.dealer;
      if (d === null) return skipped('no dealer', 'ratio');
      if (d.trailingWeeklyAverage < rule.minTrailingAverage || d.trailingWeeklyAverage <= 0) return skipped(`the dealer averages ${d.trailingWeeklyAverage} a week, below the ${rule.minTrailingAverage} the rule needs`, 'ratio');
      const ratio = new Decimal(d.weekCount).div(d.trailingWeeklyAverage);
      return verdict(rule, ratio.lte(rule.maxRatio), { value: ratio.toDecimalPlaces(2).toFixed(2), threshold: String(rule.maxRatio), unit: 'ratio', note: `${d.weekCount} this week vs ${d.trailingWeeklyAverage} a week` });
    }
    case 'price_above_valuation': {
      const ratios: Array<[Decimal, string]> = [];
      const v = input.vehicle;
      const valuation = v.valuationFen ?? (v.category === 'used' && m.valueFen < v.priceFen ? m.valueFen : null);
      if (v.category === 'used' && valuation !== null && valuation > 0) ratios.push([new Decimal(v.priceFen).div(valuation), 'this car']);
      if (ctx.dealer?.priceToValuation != null) ratios.push([new Decimal(ctx.dealer.priceToValuation), 'the dealer\u2019s recent average']);
      if (ratios.length === 0) return skipped('no valuation to compare with', 'ratio');
      const [worst, source] = ratios.reduce((a, b) => (b[0].gt(a[0]) ? b : a));
      return verdict(rule, worst.lte(rule.maxRatio), { value: worst.toDecimalPlaces(2).toFixed(2), threshold: String(rule.maxRatio), unit: 'ratio', note: `price ÷ valuation: ${source}` });
    }
  }
}
