import { z } from 'zod';
import { amountSchema, isoDateSchema } from './common.ts';
import { moneyInputSchema, repaymentMethodSchema } from './finance.ts';
import {
  applicationStatusSchema,
  applicationTypeSchema,
  counterOfferSchema,
  decisionDataSchema,
  decisionOfferSchema,
  decisionReasonSchema,
  decisionScoreSchema,
  decisionStatusSchema,
  decisionStipulationSchema,
  employmentTypeSchema,
  housingTypeSchema,
  ruleResultSchema,
  stipulationStatusSchema,
  stipulationTypeSchema,
} from './decisioning.ts';
import { bilingualSchema, riskTierSchema, salesChannelSchema } from './pricing.ts';
import { productCodeSchema } from './products.ts';
import { quoteVehicleSchema, tradeInSchema } from './quotes.ts';

/**
 * Credit applications (issue 5) — the console API at /api/applications and /api/review-queue;
 * the partner API (/v1/applications) takes the same create body and answers with the same views.
 *
 *   POST  /api/applications                         ApplicationCreateBody → 201 ApplicationCreated
 *   GET   /api/applications?status=&dealerId=&updatedSince=&q=&cursor=&limit=  → ApplicationPage
 *   GET   /api/applications/{id}[?unmask=true&reason=…]                        → ApplicationDetail
 *   POST  /api/applications/{id}/withdraw | /contract | /fund                  → ApplicationDetail
 *   PATCH /api/applications/{id}/stipulations/{stipulationId}                  → ApplicationDetail
 *   GET   /api/applications/{id}/similar                                       → SimilarApplications
 *   GET   /api/review-queue?…                                                  → ReviewQueuePage
 *   POST  /api/review-queue/{id}/claim                                         → ReviewClaim
 *   POST  /api/review-queue/{id}/decision                                      → ApplicationDetail
 *
 * Request objects are strict: an unknown field is a 400 naming it (`applicant.nickname`), so a
 * partner's typo is never silently dropped from a credit decision. Money in requests: non-negative
 * decimal strings with at most two places; in responses: exactly two places.
 *
 * Personal data (DESIGN.md rule 8): every view masks L1 (name 张*, phone 138****5678) and L3
 * (ID number 110105********002X, income withheld) unless a role that may see it asks with
 * `?unmask=true&reason=…`; every unmasking is written to the audit log.
 */

// ---------------------------------------------------------------- enums
// The lifecycle, applicant and stipulation enums live in decisioning.ts (the engine's input and
// result use them); this file adds only what the API needs on top.

/** What a reviewer may conclude: a referral ends in one of these three. */
export const manualDecisionOutcomes = ['approved', 'conditionally_approved', 'declined'] as const;
export const manualDecisionOutcomeSchema = z.enum(manualDecisionOutcomes);

export const coApplicantRelations = ['spouse', 'parent', 'child', 'sibling', 'other'] as const;

// ---------------------------------------------------------------- request

/** 18-digit resident ID (GB 11643); the check digit and the birth date it encodes are checked by the service. */
export const residentIdNumberSchema = z.string().regex(/^\d{17}[\dXx]$/, 'must be an 18-character resident ID number (17 digits and a check digit 0-9 or X)');
/** Mainland mobile number. */
export const mobilePhoneSchema = z.string().regex(/^1[3-9]\d{9}$/, 'must be an 11-digit mainland mobile number, e.g. 13812345678');
/** 统一社会信用代码 (GB 32100): 18 characters; its check character is checked by the service. */
export const unifiedSocialCreditCodeSchema = z
  .string()
  .regex(/^[0-9A-Za-z]{18}$/, 'must be an 18-character unified social credit code (统一社会信用代码)');

export const applicantAddressSchema = z
  .strictObject({
    province: z.string().min(1).max(30),
    city: z.string().min(1).max(30),
    /** Street address (L1: masked in views). */
    line: z.string().min(1).max(200).optional(),
  })
  .meta({ id: 'ApplicantAddress' });

export const applicantSchema = z
  .strictObject({
    /** Full name as on the ID card (L1). */
    name: z.string().trim().min(1).max(50),
    /** Resident ID number (L3: encrypted at rest, stored for matching only as a keyed hash). */
    idNumber: residentIdNumberSchema,
    phone: mobilePhoneSchema,
    /** Declared monthly income in yuan, after tax (L3). */
    monthlyIncome: moneyInputSchema,
    employment: employmentTypeSchema,
    /** Optional; when given it must be the birth date the ID number encodes. */
    birthDate: isoDateSchema.optional(),
    email: z.email().max(200).optional(),
    address: applicantAddressSchema.optional(),
    housing: housingTypeSchema.optional(),
    /** Existing monthly obligations (mortgage, other loans, card minimums), yuan. */
    monthlyDebtPayments: moneyInputSchema.optional(),
    /** Years with the current employer or in the current business. */
    yearsEmployed: z.number().min(0).max(60).optional(),
    employer: z.string().min(1).max(100).optional(),
  })
  .meta({ id: 'Applicant', description: 'A natural person applying (or co-applying) for the credit.' });
export type ApplicantInput = z.infer<typeof applicantSchema>;

export const coApplicantSchema = applicantSchema
  .extend({ relation: z.enum(coApplicantRelations).optional() })
  .meta({ id: 'CoApplicant', description: 'The second borrower of a joint application (usually the spouse).' });

export const companySchema = z
  .strictObject({
    name: z.string().trim().min(1).max(100),
    creditCode: unifiedSocialCreditCodeSchema,
    /** Years since registration. */
    yearsInBusiness: z.number().min(0).max(200).optional(),
    annualRevenue: moneyInputSchema.optional(),
    /** Average monthly net profit, yuan: the company's own income towards the instalment (pooled with the applicant's). */
    monthlyNetProfit: moneyInputSchema.optional(),
    industry: z.string().min(1).max(50).optional(),
  })
  .meta({ id: 'ApplicantCompany', description: 'The borrowing company of a corporate application; the applicant is its legal representative or guarantor.' });

export const applicationVehicleSchema = quoteVehicleSchema
  .extend({
    /** Vehicle identification number (ISO 3779: 17 characters, no I, O or Q). */
    vin: z.string().regex(/^[A-HJ-NPR-Z0-9]{17}$/, 'must be a 17-character VIN without I, O or Q').optional(),
  })
  .strict()
  .meta({ id: 'ApplicationVehicle', description: 'The vehicle as in a quote (category, make, model, price; used cars: listPrice, ageMonths, mileageKm), plus the VIN when known.' });

export const applicationDealSchema = z
  .strictObject({
    /** Cash down payment, yuan (trade-in equity is added to it). Must not exceed the price. */
    downPayment: moneyInputSchema,
    term: z.number().int().min(1).max(120),
    /** A published product code; without it the best eligible product is chosen. */
    productCode: productCodeSchema.optional(),
    method: repaymentMethodSchema.optional(),
    tradeIn: tradeInSchema.strict().optional(),
  })
  .meta({ id: 'ApplicationDeal' });

export const applicationConsentsSchema = z
  .strictObject({
    /** 征信查询授权: required — an application without it is refused (422), see docs/applications.md. */
    creditCheck: z.boolean(),
    /** Sharing the decision with the submitting dealer beyond the status. */
    dataSharing: z.boolean().optional(),
  })
  .meta({ id: 'ApplicationConsents' });

export const applicationDeviceSchema = z
  .strictObject({
    /** A device fingerprint from the dealer's or partner's app (used by the fraud velocity rules). */
    id: z.string().min(1).max(128).optional(),
    ip: z.union([z.ipv4(), z.ipv6()]).optional(),
  })
  .meta({ id: 'ApplicationDevice' });

export const applicationCreateBodySchema = z
  .strictObject({
    type: applicationTypeSchema.default('individual'),
    applicant: applicantSchema,
    /** Required for a joint application. */
    coApplicant: coApplicantSchema.optional(),
    /** Required for a corporate application. */
    company: companySchema.optional(),
    vehicle: applicationVehicleSchema,
    deal: applicationDealSchema,
    consents: applicationConsentsSchema,
    /** The submitting dealer (partner id). The partner API sets it from the key. */
    dealerId: z.uuid().optional(),
    channel: salesChannelSchema.default('dealer'),
    device: applicationDeviceSchema.optional(),
    /** The quote the customer accepted, if any (kept for the trail; the decision re-prices). */
    quoteId: z.uuid().optional(),
  })
  .superRefine((body, ctx) => {
    if (body.type === 'joint' && !body.coApplicant) ctx.addIssue({ code: 'custom', path: ['coApplicant'], message: 'is required for a joint application' });
    if (body.type !== 'joint' && body.coApplicant) ctx.addIssue({ code: 'custom', path: ['coApplicant'], message: 'is only allowed on a joint application (type "joint")' });
    if (body.type === 'corporate' && !body.company) ctx.addIssue({ code: 'custom', path: ['company'], message: 'is required for a corporate application' });
    if (body.type !== 'corporate' && body.company) ctx.addIssue({ code: 'custom', path: ['company'], message: 'is only allowed on a corporate application (type "corporate")' });
  })
  .meta({
    id: 'ApplicationCreateBody',
    description: 'A credit application. The minimal body is applicant (name, idNumber, phone, monthlyIncome, employment), vehicle (category, price), deal (downPayment, term) and consents.creditCheck = true.',
    examples: [
      {
        applicant: { name: '张三', idNumber: '11010519491231002X', phone: '13812345678', monthlyIncome: '25000.00', employment: 'salaried' },
        vehicle: { category: 'new-nev', make: 'BYD', model: 'Han', price: '250000.00' },
        deal: { downPayment: '50000.00', term: 36 },
        consents: { creditCheck: true },
      },
    ],
  });
export type ApplicationCreateBody = z.input<typeof applicationCreateBodySchema>;
export type ParsedApplicationCreateBody = z.output<typeof applicationCreateBodySchema>;

// ---------------------------------------------------------------- views

/** A person as a view shows them: masked unless unmasked (then `masked: false`). */
export const applicantViewSchema = z
  .object({
    /** 张* when masked. */
    name: z.string(),
    /** 110105********002X when masked. */
    idNumber: z.string(),
    /** 138****5678 when masked. */
    phone: z.string(),
    email: z.string().nullable(),
    /** Derived from the ID number at submission. */
    age: z.number().int(),
    /** L3: null when masked. */
    monthlyIncome: amountSchema.nullable(),
    monthlyDebtPayments: amountSchema.nullable(),
    employment: employmentTypeSchema,
    yearsEmployed: z.number().nullable(),
    employer: z.string().nullable(),
    housing: housingTypeSchema.nullable(),
    /** Province and city always; the street line masked. */
    address: z.object({ province: z.string(), city: z.string(), line: z.string().nullable() }).nullable(),
    relation: z.enum(coApplicantRelations).nullable(),
  })
  .meta({ id: 'ApplicantView' });
export type ApplicantView = z.infer<typeof applicantViewSchema>;

/** The versions that produced a decision (DESIGN.md rule 7). */
export const decisionVersionsSchema = z
  .object({
    strategy: z.object({ id: z.string(), version: z.number().int() }).nullable(),
    model: z.object({ id: z.string(), version: z.string() }).nullable(),
    grid: z.object({ id: z.string(), version: z.number().int() }).nullable(),
    rulebook: z.string().nullable(),
    products: z.array(z.object({ code: z.string(), version: z.number().int() })),
  })
  .meta({ id: 'DecisionVersions' });

export const decisionActorSchema = z.object({ type: z.enum(['system', 'user', 'partner_key']), id: z.string().nullable(), label: z.string().nullable() });

/** The engine's reason, or a reviewer's (stage manual_review). */
export const applicationDecisionReasonSchema = decisionReasonSchema
  .extend({ stage: z.union([decisionReasonSchema.shape.stage, z.literal('manual_review')]) })
  .meta({ id: 'ApplicationDecisionReason' });

export const decisionViewSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(['automatic', 'manual']),
    status: decisionStatusSchema,
    /** Why, in plain zh/en: declines and referrals first, then conditions. */
    reasons: z.array(applicationDecisionReasonSchema),
    /** The scorecard's points, PD, tier and reason codes; null when the strategy stopped before scoring (and on manual decisions). */
    score: decisionScoreSchema.nullable(),
    /** An approval's priced offer (rate, payment, APR). */
    offer: decisionOfferSchema.nullable(),
    /** Where the request cannot be approved as asked: the largest amount or the term that would be. */
    counterOffer: counterOfferSchema.nullable(),
    stipulations: z.array(decisionStipulationSchema),
    versions: decisionVersionsSchema,
    decidedBy: decisionActorSchema,
    /** A reviewer's note (manual decisions). */
    note: z.string().nullable(),
    decidedAt: z.iso.datetime(),
    /** Wall time of the decision in the server, milliseconds (automatic decisions). */
    durationMs: z.number(),
  })
  .meta({ id: 'Decision', description: 'One decision on an application, automatic or manual, with its reasons and the versions that produced it.' });
export type DecisionView = z.infer<typeof decisionViewSchema>;

/** Everything needed to re-run or defend a decision (issue 5 item 6). */
export const decisionAuditSchema = z
  .object({
    decisionId: z.uuid(),
    kind: z.enum(['automatic', 'manual']),
    /** The decision input as the engine saw it, with the ID number and phone masked. */
    input: z.unknown(),
    /** The outside data it used: bureau (only with consent), velocity, blacklist, dealer statistics. */
    data: decisionDataSchema.nullable(),
    /** Which sources were consulted and why (e.g. bureau: consent given, demo market score). */
    dataUsed: z.array(z.object({ source: z.string(), used: z.boolean(), detail: z.string() })),
    /** Every rule of the strategy with its outcome. */
    rules: z.array(ruleResultSchema),
    /** The figures the rules measured (loan, value, income, instalment, PTI, DTI, LTV, age). */
    measures: z.record(z.string(), z.unknown()),
    status: decisionStatusSchema,
    versions: decisionVersionsSchema,
    /** Milliseconds per stage (engine) plus load, decide and store (server). */
    timings: z.record(z.string(), z.number()),
  })
  .meta({ id: 'DecisionAudit' });
export type DecisionAudit = z.infer<typeof decisionAuditSchema>;

export const applicationEventSchema = z
  .object({
    id: z.string(),
    at: z.iso.datetime(),
    /** null for the first event (the application was received). */
    from: applicationStatusSchema.nullable(),
    to: applicationStatusSchema,
    actor: z.object({ type: z.enum(['system', 'user', 'partner_key']), id: z.string().nullable(), label: z.string().nullable() }),
    reason: z.string().nullable(),
  })
  .meta({ id: 'ApplicationEvent', description: 'One status transition with who or what made it and when.' });
export type ApplicationEventView = z.infer<typeof applicationEventSchema>;

export const stipulationViewSchema = z
  .object({
    id: z.uuid(),
    type: stipulationTypeSchema,
    status: stipulationStatusSchema,
    amount: amountSchema.nullable(),
    message: bilingualSchema,
    createdAt: z.iso.datetime(),
    verifiedBy: z.object({ id: z.string().nullable(), label: z.string().nullable() }).nullable(),
    verifiedAt: z.iso.datetime().nullable(),
    note: z.string().nullable(),
  })
  .meta({ id: 'Stipulation' });
export type StipulationView = z.infer<typeof stipulationViewSchema>;

export const reviewStateSchema = z
  .object({
    claimedBy: z.object({ id: z.string(), label: z.string().nullable() }).nullable(),
    claimedAt: z.iso.datetime().nullable(),
    /** When the referral must be decided (referred time + the SLA). */
    slaDueAt: z.iso.datetime(),
    overdue: z.boolean(),
  })
  .meta({ id: 'ReviewState' });

export const applicationViewSchema = z
  .object({
    id: z.uuid(),
    type: applicationTypeSchema,
    status: applicationStatusSchema,
    channel: z.string(),
    dealerId: z.uuid().nullable(),
    customerId: z.uuid(),
    applicant: applicantViewSchema,
    coApplicant: applicantViewSchema.nullable(),
    company: z
      .object({ name: z.string(), creditCode: z.string(), yearsInBusiness: z.number().nullable(), annualRevenue: amountSchema.nullable(), monthlyNetProfit: amountSchema.nullable(), industry: z.string().nullable() })
      .nullable(),
    vehicle: z.object({
      category: z.string(),
      make: z.string().nullable(),
      model: z.string().nullable(),
      price: amountSchema,
      listPrice: amountSchema.nullable(),
      ageMonths: z.number().int().nullable(),
      mileageKm: z.number().int().nullable(),
      vin: z.string().nullable(),
    }),
    deal: z.object({
      downPayment: amountSchema,
      term: z.number().int(),
      productCode: z.string().nullable(),
      method: repaymentMethodSchema.nullable(),
      tradeIn: z.object({ appraisedValue: amountSchema, outstandingLoan: amountSchema }).nullable(),
    }),
    /** Price − down payment − trade-in equity. */
    requestedAmount: amountSchema,
    consents: z.object({ creditCheck: z.boolean(), dataSharing: z.boolean() }),
    quoteId: z.uuid().nullable(),
    submittedAt: z.iso.datetime(),
    decidedAt: z.iso.datetime().nullable(),
    updatedAt: z.iso.datetime(),
    /** An open application not moved on by then expires. */
    expiresAt: z.iso.datetime().nullable(),
    /** false only in an audited unmasked view. */
    masked: z.boolean(),
  })
  .meta({ id: 'Application' });
export type ApplicationView = z.infer<typeof applicationViewSchema>;

export const applicationDetailSchema = z
  .object({
    application: applicationViewSchema,
    /** The latest decision (a manual one supersedes the automatic referral). */
    decision: decisionViewSchema.nullable(),
    decisions: z.array(decisionViewSchema),
    /** The audit of the latest decision. */
    audit: decisionAuditSchema.nullable(),
    timeline: z.array(applicationEventSchema),
    stipulations: z.array(stipulationViewSchema),
    review: reviewStateSchema.nullable(),
  })
  .meta({ id: 'ApplicationDetail' });
export type ApplicationDetail = z.infer<typeof applicationDetailSchema>;

export const applicationCreatedSchema = z
  .object({
    id: z.uuid(),
    status: applicationStatusSchema,
    submittedAt: z.iso.datetime(),
    /** The synchronous decision (null only if the application could not be decided at once). */
    decision: decisionViewSchema.nullable(),
  })
  .meta({ id: 'ApplicationCreated' });
export type ApplicationCreated = z.infer<typeof applicationCreatedSchema>;

export const applicationSummarySchema = z
  .object({
    id: z.uuid(),
    type: applicationTypeSchema,
    status: applicationStatusSchema,
    /** Masked (张*). */
    applicantName: z.string(),
    dealerId: z.uuid().nullable(),
    channel: z.string(),
    vehicleCategory: z.string(),
    vehiclePrice: amountSchema,
    requestedAmount: amountSchema,
    term: z.number().int(),
    productCode: z.string().nullable(),
    score: z.number().nullable(),
    tier: riskTierSchema.nullable(),
    submittedAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'ApplicationSummary' });
export type ApplicationSummary = z.infer<typeof applicationSummarySchema>;

const statusListSchema = z
  .string()
  .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
  .pipe(z.array(applicationStatusSchema).min(1));

export const applicationListQuerySchema = z
  .strictObject({
    /** One status or a comma-separated list. */
    status: statusListSchema.optional(),
    dealerId: z.uuid().optional(),
    /** Only applications changed at or after this instant (ISO 8601). */
    updatedSince: z.iso.datetime({ offset: true }).optional(),
    /** An application id (or its first 8+ characters), an exact phone or ID number, or the start of a name. */
    q: z.string().trim().min(1).max(100).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    /** The nextCursor of the previous page. */
    cursor: z.string().max(200).optional(),
  })
  .meta({ id: 'ApplicationListQuery' });
export type ApplicationListQuery = z.output<typeof applicationListQuerySchema>;

export const applicationPageSchema = z
  .object({ items: z.array(applicationSummarySchema), nextCursor: z.string().nullable() })
  .meta({ id: 'ApplicationPage', description: 'Newest change first; pass nextCursor as cursor for the next page (null: no more).' });
export type ApplicationPage = z.infer<typeof applicationPageSchema>;

export const applicationIdParamsSchema = z.object({ applicationId: z.uuid() });
export const stipulationParamsSchema = z.object({ applicationId: z.uuid(), stipulationId: z.uuid() });

export const applicationDetailQuerySchema = z
  .strictObject({
    /** Show personal data in clear (risk, compliance, admin); requires a reason; audited. */
    unmask: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
    reason: z.string().trim().min(3).max(500).optional(),
  })
  .meta({ id: 'ApplicationDetailQuery' });

/** withdraw / contract / fund: an optional note recorded on the transition. */
export const applicationTransitionBodySchema = z
  .strictObject({ note: z.string().trim().min(1).max(2000).optional() })
  .meta({ id: 'ApplicationTransitionBody' });

export const stipulationUpdateBodySchema = z
  .strictObject({
    status: z.enum(['satisfied', 'waived']),
    /** What was checked (document seen, GPS serial …) or why it is waived. */
    note: z.string().trim().min(1).max(2000),
  })
  .meta({ id: 'StipulationUpdateBody' });

export const manualDecisionBodySchema = z
  .strictObject({
    decision: manualDecisionOutcomeSchema,
    /** Approvals: the tier the offer is priced at; default the scorecard's tier of the automatic decision (required when it was not scored). */
    riskTier: riskTierSchema.optional(),
    /** Why — shown on the timeline and in the decision audit. */
    note: z.string().trim().min(3).max(4000),
    /** Conditions of a conditional approval (required then, at least one). */
    stipulations: z
      .array(z.strictObject({ type: stipulationTypeSchema, amount: moneyInputSchema.optional(), note: z.string().trim().min(1).max(500).optional() }))
      .max(20)
      .optional(),
  })
  .superRefine((b, ctx) => {
    if (b.decision === 'conditionally_approved' && !b.stipulations?.length) ctx.addIssue({ code: 'custom', path: ['stipulations'], message: 'a conditional approval needs at least one stipulation' });
    if (b.decision !== 'conditionally_approved' && b.stipulations?.length) ctx.addIssue({ code: 'custom', path: ['stipulations'], message: 'only a conditional approval carries stipulations' });
  })
  .meta({ id: 'ManualDecisionBody' });
export type ManualDecisionBody = z.output<typeof manualDecisionBodySchema>;

export const reviewQueueQuerySchema = z
  .strictObject({
    /** mine: claimed by me; unclaimed; all (default). */
    claim: z.enum(['all', 'mine', 'unclaimed']).default('all'),
    overdue: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
    dealerId: z.uuid().optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(200).optional(),
  })
  .meta({ id: 'ReviewQueueQuery' });
export type ReviewQueueQuery = z.output<typeof reviewQueueQuerySchema>;

export const reviewQueueItemSchema = applicationSummarySchema
  .extend({
    review: reviewStateSchema,
    reasons: z.array(applicationDecisionReasonSchema),
    pd: z.number().nullable(),
  })
  .meta({ id: 'ReviewQueueItem' });

export const reviewQueuePageSchema = z
  .object({ items: z.array(reviewQueueItemSchema), nextCursor: z.string().nullable(), overdueCount: z.number().int(), slaHours: z.number() })
  .meta({ id: 'ReviewQueuePage', description: 'Referred applications, the oldest SLA first.' });
export type ReviewQueuePage = z.infer<typeof reviewQueuePageSchema>;

export const reviewClaimSchema = z
  .object({ applicationId: z.uuid(), review: reviewStateSchema })
  .meta({ id: 'ReviewClaim' });

export const similarApplicationsSchema = z
  .object({
    items: z.array(
      z.object({
        id: z.uuid(),
        status: applicationStatusSchema,
        /** new | used: similar applications share it. */
        vehicleCondition: z.string(),
        requestedAmount: amountSchema,
        term: z.number().int(),
        /** LTV percent (requested amount ÷ price). */
        ltv: z.string(),
        /** Scorecard points of an API application; null for simulated history. */
        score: z.number().nullable(),
        bureauScore: z.number().int().nullable(),
        submittedAt: z.iso.datetime(),
        /** 0–1: how close it is (amount, LTV, term, bureau score). */
        similarity: z.number(),
        /** Simulated history (演示数据) when true. */
        demo: z.boolean(),
      }),
    ),
    /** Outcome counts among the similar applications. */
    outcomes: z.record(z.string(), z.number().int()),
  })
  .meta({ id: 'SimilarApplications' });
export type SimilarApplications = z.infer<typeof similarApplicationsSchema>;
