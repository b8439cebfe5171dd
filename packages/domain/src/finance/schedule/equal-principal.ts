import { divRoundHalfUp } from '../money.ts';
import type { PlanContext, PrincipalRule } from './plan.ts';

/** 等额本金: the same principal every installment (half-up to the fen), interest on the balance. */
export function equalPrincipalPlan(ctx: PlanContext): PrincipalRule {
  const each = Number(divRoundHalfUp(BigInt(ctx.amortised - ctx.fv), BigInt(ctx.m)));
  return () => each;
}
