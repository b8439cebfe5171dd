import { annuityPayment } from './annuity.ts';
import type { PlanContext, PrincipalRule } from './plan.ts';

/**
 * 等额本息: a level payment P (to the fen); each installment's principal is P less its interest.
 * With a non-zero `fv` this is also the balloon (尾款贷) and the lease rental (to a 留购价).
 */
export function equalInstallmentPlan(ctx: PlanContext): { rule: PrincipalRule; payment: number } {
  const payment = annuityPayment(ctx.amortised, ctx.fv, ctx.rate, ctx.m);
  return { rule: (_j, _balance, regularInterest) => payment - regularInterest, payment };
}
