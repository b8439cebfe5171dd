import type { DecisionInput, RiskTier, StrategyCondition } from '@autofin/contracts';
import Decimal from 'decimal.js';
import { formatMoney } from '../../finance/money.ts';
import type { ApplicationMeasures } from './measure-application.ts';
import type { RuleVerdict } from './evaluate-rule.ts';
import { maxLoanAt, pct2 } from './evaluate-rule.ts';

/** Evaluates one condition: `condition` with the stipulation it asks for, or `pass`. */
export function evaluateCondition(c: StrategyCondition, input: DecisionInput, m: ApplicationMeasures, tier: RiskTier | null): RuleVerdict {
  if (!c.enabled) return { outcome: 'skipped', value: null, threshold: null, unit: null, note: 'disabled in this strategy' };
  switch (c.kind) {
    case 'ltv_down_payment': {
      if (m.ltv === null) return { outcome: 'skipped', value: null, threshold: String(c.abovePercent), unit: 'percent', note: 'the vehicle has no value' };
      // The extra down payment that brings the loan to exactly the threshold: loan − ⌊value × threshold⌋.
      const maxLoan = maxLoanAt(m.valueFen, new Decimal(c.abovePercent));
      const extra = m.loanFen - maxLoan;
      const hit = extra > 0;
      return {
        outcome: hit ? 'condition' : 'pass',
        value: pct2(m.ltv),
        threshold: String(c.abovePercent),
        unit: 'percent',
        note: hit ? `loan ${formatMoney(m.loanFen)} − ${c.abovePercent}% of ${formatMoney(m.valueFen)} (${formatMoney(maxLoan)}) = ${formatMoney(extra)} more down payment` : null,
        ...(hit ? { stipulation: { type: 'larger_down_payment' as const, amountFen: extra } } : {}),
      };
    }
    case 'pti_band': {
      if (m.pti === null) return { outcome: 'skipped', value: null, threshold: `${c.fromPercent}–${c.toPercent}`, unit: 'percent', note: 'no instalment' };
      // Above the band's floor, up to and including its ceiling (the policy limit declines above it).
      const hit = m.pti.gt(c.fromPercent) && m.pti.lte(c.toPercent);
      return { outcome: hit ? 'condition' : 'pass', value: pct2(m.pti), threshold: `${c.fromPercent}–${c.toPercent}`, unit: 'percent', note: null, ...(hit ? { stipulation: { type: c.stipulation, amountFen: null } } : {}) };
    }
    case 'amount_above': {
      const hit = m.loanFen > c.aboveFen;
      return { outcome: hit ? 'condition' : 'pass', value: formatMoney(m.loanFen), threshold: formatMoney(c.aboveFen), unit: 'yuan', note: null, ...(hit ? { stipulation: { type: c.stipulation, amountFen: null } } : {}) };
    }
    case 'employment': {
      const employments = [input.applicant.employment];
      const hit = employments.some((e) => c.employments.includes(e));
      return { outcome: hit ? 'condition' : 'pass', value: input.applicant.employment, threshold: c.employments.join(', '), unit: 'flag', note: null, ...(hit ? { stipulation: { type: c.stipulation, amountFen: null } } : {}) };
    }
    case 'tier': {
      if (tier === null) return { outcome: 'skipped', value: null, threshold: c.tiers.join(', '), unit: 'flag', note: 'not scored' };
      const hit = c.tiers.includes(tier);
      return { outcome: hit ? 'condition' : 'pass', value: tier, threshold: c.tiers.join(', '), unit: 'flag', note: null, ...(hit ? { stipulation: { type: c.stipulation, amountFen: null } } : {}) };
    }
    case 'corporate': {
      const hit = input.type === 'corporate';
      return { outcome: hit ? 'condition' : 'pass', value: input.type, threshold: 'corporate', unit: 'flag', note: null, ...(hit ? { stipulation: { type: c.stipulation, amountFen: null } } : {}) };
    }
  }
}
