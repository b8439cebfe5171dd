import { NEV_CURIOUS_EXAMPLE_RULE, type RuleGroup } from '@autofin/contracts';

/**
 * The segment rules the customer-data benchmarks count (issue 7 §8, "a segment of typical
 * complexity"), one definition for customers.bench.ts and segment-counts.ts so both time the same
 * rules: the issue's own example first.
 */
export const ISSUE_RULE: [string, RuleGroup] = [
  'the issue rule: NEV >= 0.5, tier 2, quote viewed in 7 d, no application started in 7 d, WeChat consent',
  NEV_CURIOUS_EXAMPLE_RULE,
];

/** Attributes only: the yardstick of how fast the machine is at the moment. */
export const ATTRIBUTES_RULE: [string, RuleGroup] = [
  'young white-collar, attributes only: age 22-35, bachelor+',
  { op: 'and', rules: [{ kind: 'attribute', field: 'age', op: 'between', value: [22, 35] }, { kind: 'attribute', field: 'education', op: 'in', value: ['bachelor', 'postgraduate'] }] },
];

export const AD_CLICKS_OR_INCOME_RULE: [string, RuleGroup] = [
  '>= 3 ad clicks in 365 d OR high income',
  { op: 'or', rules: [{ kind: 'event', eventType: 'ad_click', op: 'gte', count: 3, withinDays: 365 }, { kind: 'attribute', field: 'income_band', op: 'eq', value: 'ge50k' }] },
];

export const PRICE_SENSITIVE_RULE: [string, RuleGroup] = [
  'price-sensitive browsers: >= 2 calculator uses in 30 d, no quote viewed in 30 d, SMS consent',
  {
    op: 'and',
    rules: [
      { kind: 'event', eventType: 'calculator_used', op: 'gte', count: 2, withinDays: 30 },
      { kind: 'event', eventType: 'quote_viewed', op: 'eq', count: 0, withinDays: 30 },
      { kind: 'consent', purpose: 'marketing', channel: 'sms', granted: true },
    ],
  },
];

export const FLEET_RULE: [string, RuleGroup] = ['fleet / corporate (built-in)', { op: 'and', rules: [{ kind: 'attribute', field: 'kind', op: 'eq', value: 'company' }] }];

const NO_APPLICATION_IN_7_DAYS = { kind: 'event', eventType: 'application_started', op: 'eq', count: 0, withinDays: 7 } as const;

/**
 * Two event conditions of one AND whose required window covers most of the market (5 M ad clicks in 365 days,
 * ≈ 719,000 customers): the rule the combined event set of ADR 0021 made slower, and the guard sends back to
 * separate joins.
 */
export const AD_CLICKS_NO_APPLICATION_RULE: [string, RuleGroup] = [
  '>= 2 ad clicks in 365 d AND no application started in 7 d',
  { op: 'and', rules: [{ kind: 'event', eventType: 'ad_click', op: 'gte', count: 2, withinDays: 365 }, NO_APPLICATION_IN_7_DAYS] },
];

/** The same shape over a small window (≈ 47,000 customers): the combined set's gain. */
export const QUOTES_NO_APPLICATION_RULE: [string, RuleGroup] = [
  '>= 2 quote views in 30 d AND no application started in 7 d',
  { op: 'and', rules: [{ kind: 'event', eventType: 'quote_viewed', op: 'gte', count: 2, withinDays: 30 }, NO_APPLICATION_IN_7_DAYS] },
];
