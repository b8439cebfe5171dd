import { z } from 'zod';
import { EVENT_TYPES, CONSENT_PURPOSES, MARKETING_CHANNELS, customerSummarySchema } from './customers.ts';

/**
 * Segment rules: AND/OR groups over customer attributes, computed traits, event counts within a time
 * window, and consent. The server compiles a rule to parameterised SQL over a whitelist of fields
 * (apps/server/src/modules/segments/segment-sql.ts); no text from the rule ever becomes SQL.
 */

export const ATTRIBUTE_FIELDS = [
  'age',
  'gender',
  'city_tier',
  'province_id',
  'city_id',
  'plate_restricted',
  'occupation',
  'education',
  'marital_status',
  'children',
  'income_band',
  'credit_file',
  'digital_score',
  'app_user',
  'preferred_channel',
  'acquisition_channel',
  'kind',
  'has_used_car_application',
  'has_loan',
] as const;
export const TRAIT_FIELDS = [
  'lifecycle_stage',
  'recency_days',
  'frequency_90d',
  'monetary_yuan',
  'channel_preference',
  'nev_affinity',
  'price_sensitivity',
  'predicted_ltv_yuan',
  'churn_risk',
  'next_best_product',
] as const;

export const COMPARE_OPS = ['eq', 'neq', 'in', 'not_in', 'gt', 'gte', 'lt', 'lte', 'between'] as const;
export const compareOpSchema = z.enum(COMPARE_OPS);
export type CompareOp = z.infer<typeof compareOpSchema>;

const scalar = z.union([z.string().max(100), z.number(), z.boolean()]);
/** in/not_in take a list, between a [low, high] pair (both inclusive), the others one value. */
const ruleValue = z.union([scalar, z.array(scalar).min(1).max(200)]);

export const attributeConditionSchema = z.object({ kind: z.literal('attribute'), field: z.enum(ATTRIBUTE_FIELDS), op: compareOpSchema, value: ruleValue });
export const traitConditionSchema = z.object({ kind: z.literal('trait'), field: z.enum(TRAIT_FIELDS), op: compareOpSchema, value: ruleValue });
export const eventConditionSchema = z.object({
  kind: z.literal('event'),
  eventType: z.enum(EVENT_TYPES),
  /** Only events on this channel (optional) */
  channel: z.string().max(40).optional(),
  /** count of matching events in the window, compared with `count` */
  op: z.enum(['eq', 'gt', 'gte', 'lt', 'lte']),
  count: z.number().int().min(0).max(100_000),
  /** the last N days up to the evaluation time */
  withinDays: z.number().int().min(1).max(3650),
});
export const consentConditionSchema = z.object({
  kind: z.literal('consent'),
  purpose: z.enum(CONSENT_PURPOSES),
  channel: z.enum([...MARKETING_CHANNELS, 'any']),
  /** true: has a granted consent now; false: has none */
  granted: z.boolean().default(true),
});
export const conditionSchema = z.discriminatedUnion('kind', [attributeConditionSchema, traitConditionSchema, eventConditionSchema, consentConditionSchema]);
export type Condition = z.infer<typeof conditionSchema>;

export interface RuleGroup {
  op: 'and' | 'or';
  rules: Array<Condition | RuleGroup>;
}
export const ruleGroupSchema: z.ZodType<RuleGroup> = z.lazy(() =>
  z.object({
    op: z.enum(['and', 'or']),
    rules: z.array(z.union([conditionSchema, ruleGroupSchema])).min(1).max(50),
  }),
);

/**
 * The marketer's question the customer-data foundation is built to answer: NEV-curious customers in
 * tier-2 cities who viewed a quote this week, did not start an application, and may be messaged by
 * WeChat. The console's rule builder starts from it; the scale benchmark counts it.
 */
export const NEV_CURIOUS_EXAMPLE_RULE: RuleGroup = {
  op: 'and',
  rules: [
    { kind: 'trait', field: 'nev_affinity', op: 'gte', value: 0.5 },
    { kind: 'attribute', field: 'city_tier', op: 'eq', value: 2 },
    { kind: 'event', eventType: 'quote_viewed', op: 'gte', count: 1, withinDays: 7 },
    { kind: 'event', eventType: 'application_started', op: 'eq', count: 0, withinDays: 7 },
    { kind: 'consent', purpose: 'marketing', channel: 'wechat', granted: true },
  ],
};

export const segmentPreviewRequestSchema = z.object({ rule: ruleGroupSchema, sampleSize: z.number().int().min(0).max(50).default(10) }).meta({ id: 'SegmentPreviewRequest' });
export const segmentPreviewResponseSchema = z
  .object({ count: z.number().int(), sample: z.array(customerSummarySchema), elapsedMs: z.number(), evaluatedAt: z.string() })
  .meta({ id: 'SegmentPreview' });

export const segmentCreateRequestSchema = z
  .object({ name: z.string().trim().min(2).max(80), description: z.string().trim().max(500).optional(), rule: ruleGroupSchema })
  .meta({ id: 'SegmentCreateRequest' });

export const segmentSchema = z
  .object({
    id: z.uuid(),
    code: z.string().nullable(),
    name: z.string(),
    nameEn: z.string().nullable(),
    description: z.string().nullable(),
    builtin: z.boolean(),
    count: z.number().int(),
    evaluatedAt: z.string().nullable(),
    rule: ruleGroupSchema,
    createdAt: z.string(),
  })
  .meta({ id: 'Segment' });
export type Segment = z.infer<typeof segmentSchema>;
export const segmentListResponseSchema = z.object({ items: z.array(segmentSchema) }).meta({ id: 'SegmentList' });

export const segmentMembershipChangeSchema = z.object({ customerId: z.uuid(), enteredAt: z.string(), leftAt: z.string().nullable() });
export const segmentExportRequestSchema = z.object({ reason: z.string().trim().min(5).max(300) });
