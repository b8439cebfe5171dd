import { pgTable, uuid, text, doublePrecision, bigint, primaryKey } from 'drizzle-orm/pg-core';

/**
 * Ground truth the market simulator used, kept apart from the observable data so analytics
 * (risk models, attribution, uplift) can be checked against it. Never read by the product itself.
 */
export const simCustomerTruth = pgTable('sim_customer_truth', {
  customerId: uuid('customer_id').primaryKey(),
  /** Standardised latent credit risk (higher = riskier); drives missed payments. */
  latentRisk: doublePrecision('latent_risk').notNull(),
  /** Monthly probability of missing an instalment while current, from latent_risk. */
  monthlyMissProbability: doublePrecision('monthly_miss_probability').notNull(),
  /** True monthly income in fen (the observable tables hold only bands). */
  monthlyIncomeFen: bigint('monthly_income_fen', { mode: 'number' }).notNull(),
  /** Baseline probability of applying within the window, before any marketing effect. */
  baseApplyPropensity: doublePrecision('base_apply_propensity').notNull(),
  /** Probability of applying after the true channel effects of the customer's ad clicks. */
  applyPropensity: doublePrecision('apply_propensity').notNull(),
  nevAffinity: doublePrecision('nev_affinity').notNull(),
  /** young_urban | family | value | premium | mainstream */
  segment: text('segment').notNull(),
});

/** The true causal effect of one ad click per channel and segment on the probability to apply. */
export const simChannelEffects = pgTable(
  'sim_channel_effects',
  {
    channel: text('channel').notNull(),
    segment: text('segment').notNull(),
    /** Relative weight of the channel in the segment's ad clicks. */
    clickShare: doublePrecision('click_share').notNull(),
    /** Additive lift in apply probability per click (absolute, 0.02 = +2 points). */
    applyLift: doublePrecision('apply_lift').notNull(),
  },
  (t) => [primaryKey({ columns: [t.channel, t.segment] })],
);
