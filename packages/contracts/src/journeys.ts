import { z } from 'zod';
import { EVENT_TYPES } from './customers.ts';
import { CAMPAIGN_CHANNELS } from './campaigns.ts';

/**
 * Triggered journeys (issue 8 §2): a customer is enrolled when a trigger fires — they ENTER a
 * segment, an event of a type happens, or a loan reaches a month on book — and then walks the
 * steps: wait, check a condition, send a message through the campaigns outbox (so every send
 * passes the contact policy). Exit conditions end the walk early (the customer applied).
 *
 * The definition is versioned data: every edit makes a new version, and an edited journey needs
 * a new four-eyes approval before it can be activated (created by marketing, approved by a
 * different compliance officer or admin). Enrolments keep the version they started on.
 */

export const JOURNEY_STATUSES = ['draft', 'approved', 'active', 'paused', 'archived'] as const;
export const journeyStatusSchema = z.enum(JOURNEY_STATUSES);
export type JourneyStatus = z.infer<typeof journeyStatusSchema>;

/** Channels a journey step can send on: the campaign channels, through the same outbox. */
export const JOURNEY_CHANNELS = CAMPAIGN_CHANNELS;
export const journeyChannelSchema = z.enum(JOURNEY_CHANNELS);
export type JourneyChannel = z.infer<typeof journeyChannelSchema>;

const stepId = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'must be a short lower-case id, e.g. wait_3d');

export const journeyTriggerSchema = z
  .discriminatedUnion('type', [
    /** The customer entered the segment (segment_memberships.entered_at after the journey was activated). */
    z.object({ type: z.literal('segment_entered'), segmentId: z.uuid() }),
    /** An event of this type happened (customer_events.occurred_at), optionally on one channel. */
    z.object({ type: z.literal('event'), eventType: z.enum(EVENT_TYPES), channel: z.string().min(1).max(40).optional() }),
    /**
     * A loan reached `monthsOnBook` months since funding; `termMonths` limits it to loans of that term
     * ("30 months into 36" → monthsOnBook 30, termMonths 36). Only active loans.
     */
    z.object({ type: z.literal('loan_milestone'), monthsOnBook: z.number().int().min(1).max(119), termMonths: z.number().int().min(2).max(120).optional() }),
  ])
  .meta({ id: 'JourneyTrigger' });
export type JourneyTrigger = z.infer<typeof journeyTriggerSchema>;

/** A fact about the customer since they were enrolled, checked by a condition step or an exit rule. */
export const journeyCheckSchema = z
  .discriminatedUnion('kind', [
    /** No application was submitted (applications table) since enrolment. */
    z.object({ kind: z.literal('no_application') }),
    /** No event of this type since enrolment. */
    z.object({ kind: z.literal('no_event'), eventType: z.enum(EVENT_TYPES) }),
    /** At least one event of this type since enrolment. */
    z.object({ kind: z.literal('has_event'), eventType: z.enum(EVENT_TYPES) }),
  ])
  .meta({ id: 'JourneyCheck' });
export type JourneyCheck = z.infer<typeof journeyCheckSchema>;

export const journeyOfferSchema = z
  .object({
    productCode: z.string().min(1).max(40).optional(),
    promotionId: z.uuid().optional(),
    /** A time-limited offer: valid for this many hours after the send (shown in the message as the deadline). */
    validHours: z.number().int().min(1).max(24 * 90).optional(),
  })
  .meta({ id: 'JourneyOffer' });

export const journeyStepSchema = z
  .discriminatedUnion('type', [
    z.object({ id: stepId, type: z.literal('wait'), hours: z.number().int().min(1).max(24 * 365) }),
    /** All checks must hold, otherwise the enrolment exits with reason condition_not_met:<step id>. */
    z.object({ id: stepId, type: z.literal('condition'), all: z.array(journeyCheckSchema).min(1).max(10) }),
    z.object({
      id: stepId,
      type: z.literal('send'),
      channel: journeyChannelSchema,
      /** zh is required; personalisation tokens with fallbacks as in campaign templates ({{name|您好}}). */
      template: z.object({ zh: z.string().min(1).max(1000), en: z.string().min(1).max(1000).optional() }),
      offer: journeyOfferSchema.optional(),
      /** marketing (contact policy: consent, caps, quiet hours) or transactional (exempt from caps only). */
      purpose: z.enum(['marketing', 'transactional']).default('marketing'),
    }),
  ])
  .meta({ id: 'JourneyStep' });
export type JourneyStep = z.infer<typeof journeyStepSchema>;

export const journeyExitSchema = z
  .discriminatedUnion('kind', [
    /** The customer submitted an application (applications table) after enrolment. */
    z.object({ kind: z.literal('application_submitted') }),
    /** An event of this type after enrolment (e.g. application_started). */
    z.object({ kind: z.literal('event'), eventType: z.enum(EVENT_TYPES) }),
  ])
  .meta({ id: 'JourneyExit' });
export type JourneyExit = z.infer<typeof journeyExitSchema>;

export const journeyReentrySchema = z
  .object({
    /** never: once per customer, ever; after_exit: again once the previous enrolment ended and the cooldown passed. */
    mode: z.enum(['never', 'after_exit']),
    cooldownDays: z.number().int().min(0).max(3650).default(0),
  })
  .meta({ id: 'JourneyReentry' });
export type JourneyReentry = z.infer<typeof journeyReentrySchema>;

export const journeyDefinitionSchema = z
  .object({
    name: z.string().trim().min(1).max(120),
    description: z.string().max(1000).optional(),
    trigger: journeyTriggerSchema,
    steps: z.array(journeyStepSchema).min(1).max(30),
    exits: z.array(journeyExitSchema).max(10).default([{ kind: 'application_submitted' }]),
    reentry: journeyReentrySchema.default({ mode: 'after_exit', cooldownDays: 30 }),
  })
  .superRefine((d, ctx) => {
    const seen = new Set<string>();
    d.steps.forEach((s, i) => {
      if (seen.has(s.id)) ctx.addIssue({ code: 'custom', path: ['steps', i, 'id'], message: `step id ${s.id} is used twice` });
      seen.add(s.id);
    });
    if (!d.steps.some((s) => s.type === 'send')) ctx.addIssue({ code: 'custom', path: ['steps'], message: 'a journey needs at least one send step' });
  })
  .meta({ id: 'JourneyDefinition' });
export type JourneyDefinition = z.infer<typeof journeyDefinitionSchema>;
export type JourneyDefinitionInput = z.input<typeof journeyDefinitionSchema>;

export const journeySchema = z
  .object({
    id: z.uuid(),
    status: journeyStatusSchema,
    version: z.number().int(),
    definition: journeyDefinitionSchema,
    /** Demo data (演示数据): seeded with the demo market. */
    demo: z.boolean(),
    createdBy: z.string().nullable(),
    approvedBy: z.string().nullable(),
    approvedAt: z.string().nullable(),
    activatedAt: z.string().nullable(),
    pausedAt: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Journey' });
export type Journey = z.infer<typeof journeySchema>;

export const journeyListResponseSchema = z.object({ items: z.array(journeySchema) }).meta({ id: 'JourneyList' });
export const journeyIdParamsSchema = z.object({ id: z.uuid() });

export const JOURNEY_ENROLMENT_STATUSES = ['active', 'completed', 'exited'] as const;

export const journeyStatsSchema = z
  .object({
    journeyId: z.uuid(),
    enrolled: z.number().int(),
    active: z.number().int(),
    completed: z.number().int(),
    /** Active enrolments per step id (where each one waits now). */
    inStep: z.record(z.string(), z.number().int()),
    /** Exited enrolments per reason: application_submitted, event:<type>, condition_not_met:<step>, journey_archived. */
    exited: z.record(z.string(), z.number().int()),
    /** Messages queued through the campaigns outbox, and those the contact policy refused, per reason. */
    messages: z.object({ queued: z.number().int(), suppressed: z.record(z.string(), z.number().int()) }),
    /** Enrolled customers who submitted an application after enrolling. */
    conversions: z.number().int(),
    conversionRate: z.number(),
  })
  .meta({ id: 'JourneyStats' });
export type JourneyStats = z.infer<typeof journeyStatsSchema>;

// ---------------------------------------------------------------- the simulated market's answer (demo)

/**
 * POST /api/campaigns/{id}/simulate-day and GET /api/campaigns/{id}/simulated-response (演示数据, only
 * with the demo market): the simulator's true effect of the campaign and each simulated day's
 * applications, decided by the real engine. Lives beside journeys because both are the
 * simulated-response helper's; the campaign contract itself is campaigns.ts.
 */
export const trueEffectSchema = z
  .object({
    treated: z.number().int(),
    holdout: z.number().int(),
    expectedTreatedRate: z.number(),
    expectedHoldoutRate: z.number(),
    /** The incremental application rate the campaign causes per treated member (intention to treat). */
    expectedIncrementalRate: z.number(),
    expectedIncrementalApplications: z.number(),
  })
  .meta({ id: 'SimulatedTrueEffect' });

export const simulatedResponseStateSchema = z
  .object({
    campaignId: z.uuid(),
    /** Always true: this is demo data (演示数据). */
    demo: z.literal(true),
    windowDays: z.number().int(),
    daysSimulated: z.number().int(),
    trueEffect: trueEffectSchema,
  })
  .meta({ id: 'SimulatedResponseState' });

export const simulatedDaySchema = simulatedResponseStateSchema
  .extend({
    /** The day just simulated (1-based). */
    day: z.number().int(),
    applications: z.number().int(),
    /** Decisions of the day's applications by status. */
    outcomes: z.record(z.string(), z.number().int()),
    funded: z.number().int(),
  })
  .meta({ id: 'SimulatedDay' });
