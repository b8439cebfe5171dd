import { DomainError } from '../../shared/domain-error.ts';
import { steppedPayments } from './annuity.ts';
import type { PlanContext, PrincipalRule } from './plan.ts';

const RATIO_PATTERN = /^(\d{1,3})(?:\.(\d{1,6}))?$/;
const RATIO_SCALE = 6;

/** 阶梯还款: payments step up or down by stage; stage payments are ratio × a base that amortises. */
export function steppedPlan(ctx: PlanContext): { rule: PrincipalRule; payments: number[] } {
  const steps = ctx.terms.steps ?? [];
  const numerators: bigint[] = [];
  steps.forEach((step, index) => {
    const match = RATIO_PATTERN.exec(step.ratio);
    if (!match || Number(step.ratio) <= 0) {
      throw new DomainError('FINANCE_INVALID_INPUT', 'a step ratio must be a positive decimal', [
        { field: `steps[${index}].ratio`, message: 'must be a positive decimal, e.g. "1.2"' },
      ]);
    }
    const rn = BigInt((match[1] ?? '0') + (match[2] ?? '').padEnd(RATIO_SCALE, '0'));
    for (let c = 0; c < step.count; c++) numerators.push(rn);
  });
  const payments = steppedPayments(ctx.amortised, ctx.fv, ctx.rate, numerators);
  return { rule: (j, _balance, regularInterest) => (payments[j - 1] ?? 0) - regularInterest, payments };
}
