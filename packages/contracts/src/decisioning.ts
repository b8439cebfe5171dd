import { z } from 'zod';
import { isoDateSchema } from './common.ts';
import { repaymentMethodSchema } from './finance.ts';
import { bilingualSchema, riskTierSchema, salesChannelSchema } from './pricing.ts';
import { vehicleCategorySchema } from './products.ts';
import { fuelSchema } from './vehicles.ts';

/**
 * Credit decisioning: the application as the engine sees it (DecisionInput), the outside data the
 * decision used (DecisionData: bureau, velocity, blacklist, dealer statistics), the decision
 * strategy (versioned data, edited in the console) and the decision with every rule's outcome
 * (DecisionResult). zod is the source of truth: the server stores and returns these shapes.
 *
 * Money: integer fen inside DecisionInput and DecisionData (the domain's unit; the API converts
 * its "12345.67" strings); the DecisionResult is wire-ready: money as decimal strings with two
 * places, like the quote engine's offers it carries.
 */

// ---------------------------------------------------------------- applications: lifecycle

export const applicationStatuses = [
  'received',
  'in_review',
  'approved',
  'conditionally_approved',
  'referred',
  'declined',
  'contracted',
  'funded',
  'withdrawn',
  'expired',
] as const;
export const applicationStatusSchema = z.enum(applicationStatuses);
export type ApplicationStatus = z.infer<typeof applicationStatusSchema>;

/** Who moves an application: the engine/jobs, a risk reviewer, a partner system (/v1), dealer F&I staff in the console. */
export const applicationActorKinds = ['system', 'reviewer', 'partner', 'dealer_ops'] as const;
export const applicationActorKindSchema = z.enum(applicationActorKinds);
export type ApplicationActorKind = z.infer<typeof applicationActorKindSchema>;

// ---------------------------------------------------------------- applications: stipulations

export const stipulationTypes = [
  'proof_of_income',
  'proof_of_residence',
  'proof_of_employment',
  'larger_down_payment',
  'co_signer',
  'gps_installation',
  'insurance',
  'business_licence',
] as const;
export const stipulationTypeSchema = z.enum(stipulationTypes);
export type StipulationType = z.infer<typeof stipulationTypeSchema>;

export const stipulationStatuses = ['open', 'satisfied', 'waived'] as const;
export const stipulationStatusSchema = z.enum(stipulationStatuses);
export type StipulationStatus = z.infer<typeof stipulationStatusSchema>;

// ---------------------------------------------------------------- the application as decided

export const applicationTypes = ['individual', 'joint', 'corporate'] as const;
export const applicationTypeSchema = z.enum(applicationTypes);
export type ApplicationType = z.infer<typeof applicationTypeSchema>;

/** The simulator's occupations plus `other`. */
export const employmentTypes = ['salaried', 'civil_servant', 'soe_employee', 'professional', 'self_employed', 'gig_worker', 'retired', 'other'] as const;
export const employmentTypeSchema = z.enum(employmentTypes);
export type EmploymentType = z.infer<typeof employmentTypeSchema>;

export const housingTypes = ['own_outright', 'own_mortgage', 'rent', 'family', 'employer', 'other'] as const;
export const housingTypeSchema = z.enum(housingTypes);
export type HousingType = z.infer<typeof housingTypeSchema>;

const fen = z.number().int().nonnegative();

export const decisionApplicantSchema = z
  .object({
    /** The 18-character resident ID number (L3): the engine checks its check digit and the birth date and gender it encodes. */
    idNumber: z.string(),
    /** Keyed hash of the ID number: the key of velocity and blacklist look-ups (never the number itself). */
    idNumberHash: z.string().min(1),
    /** Declared birth date. */
    birthDate: isoDateSchema,
    /** Declared gender, when given: compared with the ID number's 17th digit. */
    gender: z.enum(['M', 'F']).nullable().default(null),
    /** Mobile number, 11 digits. */
    phone: z.string(),
    employment: employmentTypeSchema,
    yearsAtEmployer: z.number().min(0).max(60).nullable().default(null),
    monthlyIncomeFen: fen,
    /** Existing monthly obligations (other loans, cards' minimums, mortgage), without the new instalment. */
    monthlyDebtPaymentsFen: fen,
    housing: housingTypeSchema.nullable().default(null),
  })
  .meta({ id: 'DecisionApplicant' });
export type DecisionApplicant = z.infer<typeof decisionApplicantSchema>;
export type DecisionApplicantInput = z.input<typeof decisionApplicantSchema>;

export const decisionCompanySchema = z.object({
  name: z.string().min(1),
  /** 统一社会信用代码 (GB 32100-2015). */
  creditCode: z.string(),
  yearsInBusiness: z.number().min(0).max(200).nullable().default(null),
  /** The company's own monthly income available for the instalment (e.g. average monthly net profit). */
  monthlyIncomeFen: fen.nullable().default(null),
});
export type DecisionCompany = z.infer<typeof decisionCompanySchema>;

export const decisionVehicleSchema = z.object({
  category: vehicleCategorySchema,
  make: z.string().nullable().default(null),
  model: z.string().nullable().default(null),
  fuel: fuelSchema.nullable().default(null),
  /** The agreed sale price. */
  priceFen: fen,
  /** Used cars: the original list price (with age and mileage it gives the valuation). */
  listPriceFen: fen.nullable().default(null),
  /** Used cars: an appraisal or the valuation model's value; the LTV denominator is min(price, valuation). */
  valuationFen: fen.nullable().default(null),
  ageMonths: z.number().int().min(0).max(600).default(0),
  mileageKm: z.number().int().min(0).max(2_000_000).default(0),
});
export type DecisionVehicle = z.infer<typeof decisionVehicleSchema>;

export const decisionDealSchema = z.object({
  downPaymentFen: fen,
  tradeIn: z.object({ appraisedValueFen: fen, outstandingLoanFen: fen }).nullable().default(null),
  termMonths: z.number().int().min(1).max(120),
  /** The product asked for; null: the cheapest eligible offer. */
  productCode: z.string().nullable().default(null),
  method: repaymentMethodSchema.nullable().default(null),
});
export type DecisionDeal = z.infer<typeof decisionDealSchema>;

export const decisionInputSchema = z
  .object({
    /** Seeds the champion/challenger split: the same application always meets the same model. */
    applicationId: z.string().min(1),
    submittedAt: z.string(),
    type: applicationTypeSchema,
    /** The borrower; for a corporate application, its legal representative / guarantor. */
    applicant: decisionApplicantSchema,
    coApplicant: decisionApplicantSchema.nullable().default(null),
    company: decisionCompanySchema.nullable().default(null),
    vehicle: decisionVehicleSchema,
    deal: decisionDealSchema,
    dealerId: z.string().nullable().default(null),
    channel: salesChannelSchema,
    consents: z.object({ creditCheck: z.boolean() }),
    deviceId: z.string().nullable().default(null),
  })
  .meta({ id: 'DecisionInput' });
export type DecisionInput = z.infer<typeof decisionInputSchema>;
export type DecisionInputInput = z.input<typeof decisionInputSchema>;

// ---------------------------------------------------------------- the outside data a decision uses

export const velocityKeys = ['id_number', 'phone', 'device'] as const;
export const velocityKeySchema = z.enum(velocityKeys);
export type VelocityKey = z.infer<typeof velocityKeySchema>;
export const velocityWindows = ['24h', '7d'] as const;
export const velocityWindowSchema = z.enum(velocityWindows);
export type VelocityWindow = z.infer<typeof velocityWindowSchema>;

export const bureauDataSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('scored'), score: z.number().int().min(300).max(1000) }),
  z.object({ status: z.literal('thin_file') }),
]);
export type BureauData = z.infer<typeof bureauDataSchema>;

/**
 * The lists the decision engine's `blacklist` rule looks up (SQL function
 * application_decision_data, migration 0009): the applicant's ID number, phone and device as
 * keyed hashes, and the dealer by its partner id in clear.
 */
export const BLACKLIST_LISTS = ['id_number', 'phone', 'device', 'dealer'] as const;
export const blacklistListSchema = z.enum(BLACKLIST_LISTS);
export type BlacklistList = z.infer<typeof blacklistListSchema>;

/** A blacklist entry as /api/risk-blacklist shows it: never the value, only its last 4 characters. */
export const blacklistEntrySchema = z
  .object({
    id: z.string(),
    list: blacklistListSchema,
    /** The last 4 characters of the value given when listed; null for entries listed before the column existed. */
    last4: z.string().nullable(),
    reason: z.string(),
    active: z.boolean(),
    addedBy: z.string().nullable(),
    addedAt: z.string(),
  })
  .meta({ id: 'BlacklistEntry' });
export type BlacklistEntry = z.infer<typeof blacklistEntrySchema>;

export const decisionDataSchema = z
  .object({
    /** Present only when the applicant authorised the credit check (consents.creditCheck); null otherwise. */
    bureau: bureauDataSchema.nullable(),
    /** Earlier applications (this one not counted) with the same key inside the window. */
    velocity: z.array(z.object({ key: velocityKeySchema, window: velocityWindowSchema, count: z.number().int().nonnegative() })),
    /** Internal blacklist hits for this application's ID, phone, device or dealer. */
    blacklistHits: z.array(z.object({ list: blacklistListSchema, reason: z.string() })),
    /** Other identities (ID hashes) that used this phone on earlier applications. */
    phoneIdentities: z.number().int().nonnegative(),
    /** The dealer's application statistics; null for direct applications. */
    dealer: z
      .object({
        /** Applications in the last 7 days, this one included. */
        weekCount: z.number().int().nonnegative(),
        /** Mean weekly applications over the trailing weeks before this one (e.g. 8). */
        trailingWeeklyAverage: z.number().nonnegative(),
        /** Mean sale price ÷ valuation of its recent used-car applications; null when it has none. */
        priceToValuation: z.number().positive().nullable(),
      })
      .nullable(),
    /** The applicant's city tier 1 … 4. */
    cityTier: z.number().int().min(1).max(4),
  })
  .meta({ id: 'DecisionData' });
export type DecisionData = z.infer<typeof decisionDataSchema>;

// ---------------------------------------------------------------- the strategy

export const decisionStages = ['data_checks', 'policy', 'fraud', 'scorecard', 'conditions'] as const;
export const decisionStageSchema = z.enum(decisionStages);
export type DecisionStage = z.infer<typeof decisionStageSchema>;

/** What a failed rule does: decline, send to manual review, or attach a condition (stipulation). */
export const ruleOutcomeKinds = ['decline', 'refer', 'condition'] as const;
export const ruleOutcomeKindSchema = z.enum(ruleOutcomeKinds);
export type RuleOutcomeKind = z.infer<typeof ruleOutcomeKindSchema>;

const ruleCode = z.string().regex(/^[A-Z][A-Z0-9_]{2,63}$/, 'must be UPPER_SNAKE_CASE, e.g. POLICY_MAX_PTI');
const pct = z.number().min(0).max(1000);

const ruleBase = {
  code: ruleCode,
  enabled: z.boolean().default(true),
  outcome: ruleOutcomeKindSchema,
  /** The reason a customer and a dealer read when the rule fails. */
  reason: bilingualSchema,
  /** Why the threshold is what it is (shown in the strategy editor). */
  rationale: z.string().default(''),
  /** outcome `condition`: the stipulation it attaches (max_ltv attaches larger_down_payment with its amount). */
  stipulation: stipulationTypeSchema.nullable().default(null),
};

export const strategyRuleSchema = z
  .discriminatedUnion('kind', [
    /** GB 11643 check digit, a real birth date, a province code. */
    z.object({ ...ruleBase, kind: z.literal('id_valid') }),
    /** The requested product can finance this deal at this term (the quote engine returns an offer). */
    z.object({ ...ruleBase, kind: z.literal('product_eligible') }),
    z.object({ ...ruleBase, kind: z.literal('min_age'), minYears: z.number().int().min(16).max(30) }),
    /** Age at the last instalment: the strategy's limit. */
    z.object({ ...ruleBase, kind: z.literal('max_age_at_maturity'), maxYears: z.number().int().min(40).max(90) }),
    /** Corporate applicants: the unified social credit code's check character (GB 32100). */
    z.object({ ...ruleBase, kind: z.literal('company_code_valid') }),
    z.object({ ...ruleBase, kind: z.literal('phone_valid') }),
    /** New instalment ÷ monthly income (the applicants' incomes pooled). */
    z.object({ ...ruleBase, kind: z.literal('max_pti'), maxPercent: pct }),
    /** (existing obligations + new instalment) ÷ monthly income. */
    z.object({ ...ruleBase, kind: z.literal('max_dti'), maxPercent: pct }),
    /** Loan ÷ vehicle value against the least of the rulebook's limit, the product's maximum and maxPercent (when set). */
    z.object({ ...ruleBase, kind: z.literal('max_ltv'), maxPercent: pct.nullable().default(null) }),
    /** Term against the rulebook (new/used maximum), the product's terms and these limits. */
    z.object({ ...ruleBase, kind: z.literal('term_limit'), maxMonthsNew: z.number().int().min(1).max(120), maxMonthsUsed: z.number().int().min(1).max(120) }),
    z.object({ ...ruleBase, kind: z.literal('blacklist') }),
    z.object({ ...ruleBase, kind: z.literal('min_income'), minMonthlyIncomeFen: fen }),
    /** No bureau data: no consent to query, or a thin file. */
    z.object({ ...ruleBase, kind: z.literal('bureau_required'), thinFileAllowed: z.boolean() }),
    z.object({ ...ruleBase, kind: z.literal('min_bureau_score'), minScore: z.number().int().min(300).max(1000) }),
    /** More than maxCount earlier applications with the same key inside the window. */
    z.object({ ...ruleBase, kind: z.literal('velocity'), key: velocityKeySchema, window: velocityWindowSchema, maxCount: z.number().int().nonnegative() }),
    /** The phone has been used by more than maxIdentities other identities. */
    z.object({ ...ruleBase, kind: z.literal('phone_shared'), maxIdentities: z.number().int().nonnegative() }),
    /** Declared birth date or gender differs from what the ID number encodes. */
    z.object({ ...ruleBase, kind: z.literal('identity_mismatch') }),
    /** This week's applications ÷ trailing weekly average above maxRatio (only when the average is at least minTrailingAverage). */
    z.object({ ...ruleBase, kind: z.literal('dealer_surge'), maxRatio: z.number().positive(), minTrailingAverage: z.number().nonnegative() }),
    /** Sale price ÷ valuation above maxRatio: this car's, or the dealer's recent average. */
    z.object({ ...ruleBase, kind: z.literal('price_above_valuation'), maxRatio: z.number().positive() }),
  ])
  .meta({ id: 'StrategyRule' });
export type StrategyRule = z.infer<typeof strategyRuleSchema>;
export type StrategyRuleKind = StrategyRule['kind'];

const conditionBase = {
  code: ruleCode,
  enabled: z.boolean().default(true),
  reason: bilingualSchema,
  rationale: z.string().default(''),
};

/** Conditions turn an approval into a conditional one with stipulations. */
export const strategyConditionSchema = z
  .discriminatedUnion('kind', [
    /** LTV above abovePercent → larger_down_payment of the amount that brings it to abovePercent. */
    z.object({ ...conditionBase, kind: z.literal('ltv_down_payment'), abovePercent: pct }),
    /** PTI in [fromPercent, toPercent] → the stipulation (co_signer or proof_of_income). */
    z.object({ ...conditionBase, kind: z.literal('pti_band'), fromPercent: pct, toPercent: pct, stipulation: stipulationTypeSchema }),
    /** Amount financed above the amount → gps_installation. */
    z.object({ ...conditionBase, kind: z.literal('amount_above'), aboveFen: fen, stipulation: stipulationTypeSchema }),
    /** These employment types → the stipulation (e.g. self-employed → proof_of_income). */
    z.object({ ...conditionBase, kind: z.literal('employment'), employments: z.array(employmentTypeSchema).min(1), stipulation: stipulationTypeSchema }),
    /** Risk tiers that need the stipulation (e.g. D → proof_of_residence). */
    z.object({ ...conditionBase, kind: z.literal('tier'), tiers: z.array(riskTierSchema).min(1), stipulation: stipulationTypeSchema }),
    /** Corporate applications → the stipulation (e.g. business_licence). */
    z.object({ ...conditionBase, kind: z.literal('corporate'), stipulation: stipulationTypeSchema }),
  ])
  .meta({ id: 'StrategyCondition' });
export type StrategyCondition = z.infer<typeof strategyConditionSchema>;

/** When a stage stops the decision: on a decline, on a decline or referral, or never (every stage runs). */
export const stageStopSchema = z.enum(['decline', 'decline_or_refer', 'never']);
export type StageStop = z.infer<typeof stageStopSchema>;

export const tierActions = ['approve', 'conditional', 'refer', 'decline'] as const;
export const tierActionSchema = z.enum(tierActions);
export type TierAction = z.infer<typeof tierActionSchema>;

export const modelRefSchema = z.object({ modelId: z.string().min(1), modelVersion: z.string().min(1) });
export type ModelRef = z.infer<typeof modelRefSchema>;

export const scorecardStageSchema = z.object({
  stage: z.literal('scorecard'),
  stopOn: stageStopSchema.default('decline'),
  champion: modelRefSchema,
  /** Challengers each take this share (0–1) of applications; the champion takes the rest. */
  challengers: z.array(modelRefSchema.extend({ share: z.number().min(0).max(1) })).default([]),
  /** Score → tier: the lowest score of tiers A–D (descending); below D's is E. */
  tierMinScores: z.object({ A: z.number(), B: z.number(), C: z.number(), D: z.number() }),
  /** What each tier gets. */
  tierActions: z.object({ A: tierActionSchema, B: tierActionSchema, C: tierActionSchema, D: tierActionSchema, E: tierActionSchema }),
  /** Stipulations a `conditional` tier attaches when no condition rule has attached one. */
  conditionalStipulations: z.array(stipulationTypeSchema).default(['proof_of_income']),
  /** Tier texts shown as the score's reason. */
  reasons: z.object({ conditional: bilingualSchema, refer: bilingualSchema, decline: bilingualSchema }),
});
export type ScorecardStage = z.infer<typeof scorecardStageSchema>;

export const strategyStageSchema = z.discriminatedUnion('stage', [
  z.object({ stage: z.literal('data_checks'), stopOn: stageStopSchema.default('decline'), rules: z.array(strategyRuleSchema) }),
  z.object({ stage: z.literal('policy'), stopOn: stageStopSchema.default('never'), rules: z.array(strategyRuleSchema) }),
  z.object({ stage: z.literal('fraud'), stopOn: stageStopSchema.default('never'), rules: z.array(strategyRuleSchema) }),
  scorecardStageSchema,
  z.object({ stage: z.literal('conditions'), stopOn: z.literal('never').default('never'), conditions: z.array(strategyConditionSchema) }),
]);
export type StrategyStage = z.infer<typeof strategyStageSchema>;

export const decisionStrategySchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{1,63}$/, 'must be a lower-case slug, e.g. cn-retail'),
    version: z.number().int().min(1),
    name: bilingualSchema,
    description: z.string().default(''),
    /** Run in this order; each stage at most once; the scorecard stage is required. */
    stages: z.array(strategyStageSchema).min(1),
    /** Counter-offers: when affordability/LTV fails, look for the largest amount or a longer term that passes. */
    counterOffer: z.object({ enabled: z.boolean(), roundToFen: z.number().int().min(1).default(100_000) }).default({ enabled: true, roundToFen: 100_000 }),
  })
  .superRefine((s, ctx) => {
    const seen = new Set<string>();
    s.stages.forEach((st, i) => {
      if (seen.has(st.stage)) ctx.addIssue({ code: 'custom', path: ['stages', i, 'stage'], message: `stage ${st.stage} appears twice` });
      seen.add(st.stage);
    });
    if (!seen.has('scorecard')) ctx.addIssue({ code: 'custom', path: ['stages'], message: 'a strategy needs a scorecard stage' });
    const codes = new Set<string>();
    s.stages.forEach((st, i) => {
      const items: Array<{ code: string }> = 'rules' in st ? st.rules : 'conditions' in st ? st.conditions : [];
      items.forEach((r, j) => {
        if (codes.has(r.code)) ctx.addIssue({ code: 'custom', path: ['stages', i, 'rules' in st ? 'rules' : 'conditions', j, 'code'], message: `rule code ${r.code} is used twice` });
        codes.add(r.code);
      });
      if ('rules' in st) {
        st.rules.forEach((r, j) => {
          // A condition must say what to ask for; an LTV condition asks for the larger down payment itself.
          if (r.outcome === 'condition' && r.kind !== 'max_ltv' && r.stipulation === null) {
            ctx.addIssue({ code: 'custom', path: ['stages', i, 'rules', j, 'stipulation'], message: 'a rule whose outcome is condition needs the stipulation it asks for' });
          }
        });
      }
      if (st.stage === 'scorecard') {
        const m = st.tierMinScores;
        if (!(m.A > m.B && m.B > m.C && m.C > m.D)) ctx.addIssue({ code: 'custom', path: ['stages', i, 'tierMinScores'], message: 'tier minimum scores must fall from A to D' });
        const total = st.challengers.reduce((a, c) => a + c.share, 0);
        if (total > 1) ctx.addIssue({ code: 'custom', path: ['stages', i, 'challengers'], message: `challenger shares add up to ${total}, more than 1` });
      }
      if (st.stage === 'conditions') {
        st.conditions.forEach((c, j) => {
          if (c.kind === 'pti_band' && c.fromPercent > c.toPercent) ctx.addIssue({ code: 'custom', path: ['stages', i, 'conditions', j, 'toPercent'], message: 'must not be below fromPercent' });
        });
      }
    });
  })
  .meta({ id: 'DecisionStrategy' });
export type DecisionStrategy = z.infer<typeof decisionStrategySchema>;
export type DecisionStrategyInput = z.input<typeof decisionStrategySchema>;

// ---------------------------------------------------------------- the decision

export const decisionStatuses = ['approved', 'conditionally_approved', 'referred', 'declined'] as const;
export const decisionStatusSchema = z.enum(decisionStatuses);
export type DecisionStatus = z.infer<typeof decisionStatusSchema>;

export const ruleResultOutcomes = ['pass', 'decline', 'refer', 'condition', 'skipped'] as const;
export const ruleResultOutcomeSchema = z.enum(ruleResultOutcomes);
export type RuleResultOutcome = z.infer<typeof ruleResultOutcomeSchema>;

export const decisionReasonSchema = z.object({ code: z.string(), stage: decisionStageSchema, zh: z.string(), en: z.string() });
export type DecisionReason = z.infer<typeof decisionReasonSchema>;

export const ruleResultSchema = z.object({
  code: z.string(),
  stage: decisionStageSchema,
  kind: z.string(),
  outcome: ruleResultOutcomeSchema,
  /** What was measured, as text (e.g. "38.52" for a PTI in percent, "12000.00" for yuan); null when not measured. */
  value: z.string().nullable(),
  threshold: z.string().nullable(),
  unit: z.enum(['percent', 'yuan', 'years', 'months', 'count', 'ratio', 'score', 'flag']).nullable(),
  /** Why it was skipped, or what exactly failed. */
  note: z.string().nullable(),
});
export type RuleResult = z.infer<typeof ruleResultSchema>;

const wireMoney = z.string().regex(/^-?\d+\.\d{2}$/);

export const decisionScoreSchema = z.object({
  modelId: z.string(),
  modelVersion: z.string(),
  role: z.enum(['champion', 'challenger']),
  points: z.number(),
  pd: z.number().min(0).max(1),
  tier: riskTierSchema,
  action: tierActionSchema,
  /** The characteristics that cost the most points, in plain words. */
  reasonCodes: z.array(z.object({ code: z.string(), zh: z.string(), en: z.string(), pointsLost: z.number() })),
});
export type DecisionScore = z.infer<typeof decisionScoreSchema>;

export const decisionStipulationSchema = z.object({
  type: stipulationTypeSchema,
  /** The condition rule that asked for it. */
  code: z.string(),
  zh: z.string(),
  en: z.string(),
  /** larger_down_payment: the extra down payment needed (yuan); otherwise null. */
  amount: wireMoney.nullable(),
});
export type DecisionStipulation = z.infer<typeof decisionStipulationSchema>;

/** The priced offer, taken from the quote engine's offer. */
export const decisionOfferSchema = z.object({
  productCode: z.string(),
  productVersion: z.number().int(),
  productName: bilingualSchema,
  term: z.number().int(),
  method: repaymentMethodSchema,
  riskTier: riskTierSchema,
  annualRate: z.string(),
  customerRate: z.string(),
  monthlyPayment: wireMoney,
  downPayment: wireMoney,
  principal: wireMoney,
  amountFinanced: wireMoney,
  totalInterest: wireMoney,
  totalFees: wireMoney,
  totalCost: wireMoney,
  totalOfPayments: wireMoney,
  ltv: z.string(),
  aprSimple: z.number(),
  aprCompound: z.number(),
  grid: z.object({ id: z.string(), version: z.number().int() }),
  rulebookVersion: z.string(),
  disclosure: bilingualSchema,
});
export type DecisionOffer = z.infer<typeof decisionOfferSchema>;

export const counterOfferSchema = z.object({
  /** amount: a smaller loan (larger down payment) at the asked term; term: the asked amount over a longer term. */
  kind: z.enum(['amount', 'term']),
  /** The loan (price − down − trade-in equity) the counter-offer finances. */
  loanAmount: wireMoney,
  downPayment: wireMoney,
  termMonths: z.number().int(),
  /** The rules the request failed that the counter-offer passes. */
  resolves: z.array(z.string()),
  offer: decisionOfferSchema.nullable(),
});
export type CounterOffer = z.infer<typeof counterOfferSchema>;

export const decisionResultSchema = z
  .object({
    applicationId: z.string(),
    decidedAt: z.string(),
    status: decisionStatusSchema,
    /** Why, in plain zh/en: declines and referrals first, then conditions; an approval says so. */
    reasons: z.array(decisionReasonSchema),
    /** Every rule the strategy holds, with its outcome (skipped when a stage stopped before it, or it did not apply). */
    rules: z.array(ruleResultSchema),
    score: decisionScoreSchema.nullable(),
    stipulations: z.array(decisionStipulationSchema),
    offer: decisionOfferSchema.nullable(),
    counterOffer: counterOfferSchema.nullable(),
    /** The figures the rules measured (percent with two places; null when not computable). */
    measures: z.object({
      loanAmount: wireMoney,
      vehicleValue: wireMoney,
      monthlyIncome: wireMoney,
      /** The instalment the PTI/DTI used: the offer's first regular payment, or an annuity estimate when unpriced. */
      instalment: wireMoney.nullable(),
      pti: z.string().nullable(),
      dti: z.string().nullable(),
      ltv: z.string().nullable(),
      ageYears: z.number().int().nullable(),
      ageAtMaturityYears: z.number().int().nullable(),
    }),
    versions: z.object({
      strategy: z.object({ id: z.string(), version: z.number().int() }),
      model: z.object({ id: z.string(), version: z.string() }).nullable(),
      grid: z.object({ id: z.string(), version: z.number().int() }).nullable(),
      rulebook: z.string().nullable(),
      products: z.array(z.object({ code: z.string(), version: z.number().int() })),
    }),
    /** Milliseconds per stage and in total (measured by the caller's clock when it passes one). */
    timings: z.record(z.string(), z.number()),
  })
  .meta({ id: 'DecisionResult' });
export type DecisionResult = z.infer<typeof decisionResultSchema>;

// ---------------------------------------------------------------- what-if

export const whatIfTierSchema = z.object({
  tier: riskTierSchema,
  count: z.number().int().nonnegative(),
  approved: z.number().int().nonnegative(),
  approvalRate: z.number().nullable(),
  /** Mean PD of the approved applications in the tier. */
  meanPd: z.number().nullable(),
  approvedLoanAmount: wireMoney,
});

export const whatIfStrategySummarySchema = z.object({
  strategy: z.object({ id: z.string(), version: z.number().int() }),
  total: z.number().int().nonnegative(),
  byStatus: z.record(decisionStatusSchema, z.number().int().nonnegative()),
  /** approved + conditionally_approved. */
  approved: z.number().int().nonnegative(),
  approvalRate: z.number().nullable(),
  /** Expected bad rate of the approved: their mean PD; null when none is approved or scored. */
  expectedBadRate: z.number().nullable(),
  approvedLoanAmount: wireMoney,
  byTier: z.array(whatIfTierSchema),
  /** Applications that no strategy stage scored (no stored score and the scorecard was reached). */
  unscored: z.number().int().nonnegative(),
});
export type WhatIfStrategySummary = z.infer<typeof whatIfStrategySummarySchema>;

export const whatIfResultSchema = z
  .object({
    baseline: whatIfStrategySummarySchema,
    candidate: whatIfStrategySummarySchema,
    /** How many applications moved from one status to another (only moves, sorted by count). */
    transitions: z.array(z.object({ from: decisionStatusSchema, to: decisionStatusSchema, count: z.number().int().positive() })),
    /** The applications whose status changes, with the rule codes that decided each side. */
    changed: z.array(z.object({ applicationId: z.string(), from: decisionStatusSchema, to: decisionStatusSchema, fromReasons: z.array(z.string()), toReasons: z.array(z.string()) })),
  })
  .meta({ id: 'WhatIfResult' });
export type WhatIfResult = z.infer<typeof whatIfResultSchema>;
