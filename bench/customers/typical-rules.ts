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
