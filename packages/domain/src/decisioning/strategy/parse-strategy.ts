import type { DecisionStrategy } from '@autofin/contracts';
import { decisionStrategySchema } from '@autofin/contracts';
import { DomainError } from '../../shared/domain-error.ts';

/** Validates an unknown value (stored JSON, an editor's draft) as a decision strategy, naming each bad field. */
export function parseDecisionStrategy(value: unknown): DecisionStrategy {
  const parsed = decisionStrategySchema.safeParse(value);
  if (!parsed.success) {
    const errors = parsed.error.issues.slice(0, 20).map((i) => ({ field: i.path.join('.') || '(root)', message: i.message }));
    throw new DomainError('DECISION_STRATEGY_INVALID', `not a valid decision strategy: ${errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`, errors);
  }
  return parsed.data;
}
