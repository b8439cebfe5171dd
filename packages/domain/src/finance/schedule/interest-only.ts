import type { PrincipalRule } from './plan.ts';

/** 先息后本: interest only; the engine's last installment repays the whole principal (bullet). */
export function interestOnlyPlan(): PrincipalRule {
  return () => 0;
}
