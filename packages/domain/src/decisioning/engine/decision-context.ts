import type { DecisionData, PricingGrid, ValuationModel } from '@autofin/contracts';
import type { SellableProduct } from '../../quotes/build-quote.ts';

/**
 * Everything a decision depends on besides the application and the strategy: the outside data
 * (DecisionData: bureau, velocity, blacklist, dealer statistics, city tier; stored with the
 * decision as "data used"), the clock and what pricing needs. The caller (server, what-if, bench)
 * loads it; the engine reads nothing else.
 *
 * `bureau` is used ONLY when the application carries consents.creditCheck: the engine ignores
 * it otherwise even if a caller passed it.
 */
export interface DecisionContext extends DecisionData {
  /** ISO timestamp of the decision (the domain has no clock); its date is the disbursement date assumed. */
  readonly now: string;
  /** Published products within their effective period. */
  readonly products: readonly SellableProduct[];
  /** The active pricing grid. */
  readonly grid: PricingGrid;
  readonly valuationModel: ValuationModel;
}

/** The date part of the context's timestamp: ages, maturity and the rulebook are taken on it. */
export function decisionDate(ctx: Pick<DecisionContext, 'now'>): string {
  return ctx.now.slice(0, 10);
}
