import { describe, expect, it } from 'vitest';
import { journeyDefinitionSchema, type JourneyDefinitionInput } from '@autofin/contracts';
import { nextJourneyAction, type EnrolmentFacts } from './journey-step-machine.ts';
import { mayEnrol } from './journey-reentry.ts';
import { loanMilestoneDate } from './loan-milestone.ts';
import { validateJourneyTemplates } from './journey-templates.ts';

// "Quote viewed and no application within 3 days → a time-limited rate offer", then a reminder a
// week later if they still have not applied.
const quoteFollowUp = journeyDefinitionSchema.parse({
  name: 'quote follow-up',
  trigger: { type: 'event', eventType: 'quote_viewed' },
  steps: [
    { id: 'wait_3d', type: 'wait', hours: 72 },
    { id: 'not_applied', type: 'condition', all: [{ kind: 'no_application' }, { kind: 'no_event', eventType: 'application_started' }] },
    { id: 'offer', type: 'send', channel: 'sms', template: { zh: '{{name|您好}}，限时利率优惠' }, offer: { validHours: 72 } },
    { id: 'wait_7d', type: 'wait', hours: 168 },
    { id: 'reminder', type: 'send', channel: 'wechat', template: { zh: '优惠即将到期' } },
  ],
} satisfies JourneyDefinitionInput);

const ENROLLED = '2026-11-01T10:00:00.000Z';
const none: EnrolmentFacts = { enrolledAt: ENROLLED, events: [], applications: [] };
const at = (hoursAfterEnrolment: number) => new Date(Date.parse(ENROLLED) + hoursAfterEnrolment * 3_600_000).toISOString();

describe('nextJourneyAction', () => {
  // Each row: position, facts, now → expected action (hand-derived from the definition above).
  const cases: Array<{ name: string; stepIndex: number; startedAt: string; facts: EnrolmentFacts; now: string; expected: unknown }> = [
    { name: 'fresh enrolment waits 72 h from enrolment', stepIndex: 0, startedAt: ENROLLED, facts: none, now: at(1), expected: { kind: 'wait', until: at(72), position: { stepIndex: 0, stepStartedAt: ENROLLED } } },
    { name: 'one second before the wait ends it still waits', stepIndex: 0, startedAt: ENROLLED, facts: none, now: new Date(Date.parse(at(72)) - 1000).toISOString(), expected: { kind: 'wait', until: at(72) } },
    {
      name: 'wait over, condition holds → send the offer; the next step starts now',
      stepIndex: 0,
      startedAt: ENROLLED,
      facts: none,
      now: at(72),
      expected: { kind: 'send', step: { id: 'offer' }, position: { stepIndex: 3, stepStartedAt: at(72) } },
    },
    {
      name: 'a started application before the wait ended fails the condition',
      stepIndex: 0,
      startedAt: ENROLLED,
      facts: { ...none, events: [{ type: 'application_started', at: at(30) }] },
      now: at(73),
      expected: { kind: 'exit', reason: 'condition_not_met:not_applied' },
    },
    {
      name: 'an event from before enrolment does not count',
      stepIndex: 0,
      startedAt: ENROLLED,
      facts: { ...none, events: [{ type: 'application_started', at: at(-5) }] },
      now: at(73),
      expected: { kind: 'send', step: { id: 'offer' } },
    },
    {
      name: 'a submitted application exits at once, even while waiting (exit rule beats the wait)',
      stepIndex: 0,
      startedAt: ENROLLED,
      facts: { ...none, applications: [{ submittedAt: at(2) }] },
      now: at(3),
      expected: { kind: 'exit', reason: 'application_submitted', at: at(3) },
    },
    {
      name: 'after the offer, the 7-day wait counts from the send',
      stepIndex: 3,
      startedAt: at(75),
      facts: none,
      now: at(100),
      expected: { kind: 'wait', until: at(75 + 168) },
    },
    { name: 'the reminder goes after 7 days', stepIndex: 3, startedAt: at(75), facts: none, now: at(75 + 168), expected: { kind: 'send', step: { id: 'reminder' }, position: { stepIndex: 5 } } },
    { name: 'past the last step: complete', stepIndex: 5, startedAt: at(250), facts: none, now: at(251), expected: { kind: 'complete', at: at(251) } },
    {
      name: 'a runner that was down for days walks the wait but still sends only one message per call',
      stepIndex: 0,
      startedAt: ENROLLED,
      facts: none,
      now: at(1000),
      expected: { kind: 'send', step: { id: 'offer' }, position: { stepIndex: 3, stepStartedAt: at(1000) } },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const action = nextJourneyAction(quoteFollowUp, { stepIndex: c.stepIndex, stepStartedAt: c.startedAt }, c.facts, c.now);
      expect(action).toMatchObject(c.expected as object);
    });
  }

  it('an event exit rule names the event', () => {
    const def = journeyDefinitionSchema.parse({
      name: 'abandoned application',
      trigger: { type: 'event', eventType: 'application_started' },
      exits: [{ kind: 'event', eventType: 'application_submitted' }],
      steps: [
        { id: 'wait_24h', type: 'wait', hours: 24 },
        { id: 'remind', type: 'send', channel: 'sms', template: { zh: '您的申请尚未提交' } },
      ],
    });
    const facts = { ...none, events: [{ type: 'application_submitted', at: at(5) }] };
    expect(nextJourneyAction(def, { stepIndex: 0, stepStartedAt: ENROLLED }, facts, at(24))).toEqual({ kind: 'exit', reason: 'event:application_submitted', at: at(24) });
    // Without the submission the reminder goes at exactly 24 h.
    expect(nextJourneyAction(def, { stepIndex: 0, stepStartedAt: ENROLLED }, none, at(24))).toMatchObject({ kind: 'send', step: { id: 'remind' } });
  });

  it('the definition schema refuses duplicate step ids and a journey without a send', () => {
    const bad = journeyDefinitionSchema.safeParse({
      name: 'x',
      trigger: { type: 'event', eventType: 'quote_viewed' },
      steps: [
        { id: 'a', type: 'wait', hours: 1 },
        { id: 'a', type: 'wait', hours: 2 },
      ],
    });
    expect(bad.success).toBe(false);
    const paths = bad.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['steps.1.id', 'steps']));
  });
});

describe('mayEnrol (re-entry)', () => {
  const now = '2026-11-22T00:00:00.000Z';
  const ended = (daysAgo: number) => ({ status: 'exited' as const, enrolledAt: '2026-01-01T00:00:00.000Z', endedAt: new Date(Date.parse(now) - daysAgo * 86_400_000).toISOString() });
  it.each([
    { rule: { mode: 'never' as const, cooldownDays: 0 }, past: [], expected: { enrol: true } },
    { rule: { mode: 'never' as const, cooldownDays: 0 }, past: [ended(400)], expected: { enrol: false, reason: 'enrolled_before' } },
    { rule: { mode: 'after_exit' as const, cooldownDays: 30 }, past: [{ status: 'active' as const, enrolledAt: now, endedAt: null }], expected: { enrol: false, reason: 'already_active' } },
    // 29 days since the last exit < 30-day cooldown; 30 days is enough (the boundary is inclusive).
    { rule: { mode: 'after_exit' as const, cooldownDays: 30 }, past: [ended(29)], expected: { enrol: false, reason: 'cooldown' } },
    { rule: { mode: 'after_exit' as const, cooldownDays: 30 }, past: [ended(30)], expected: { enrol: true } },
    { rule: { mode: 'after_exit' as const, cooldownDays: 30 }, past: [ended(300), ended(5)], expected: { enrol: false, reason: 'cooldown' } },
  ])('$rule.mode/$rule.cooldownDays d with $past.length past → $expected', ({ rule, past, expected }) => {
    expect(mayEnrol(rule, past, now)).toEqual(expected);
  });
});

describe('loanMilestoneDate', () => {
  it.each([
    ['2024-05-15', 30, '2026-11-15'],
    ['2024-01-31', 1, '2024-02-29'], // leap February
    ['2023-01-31', 1, '2023-02-28'],
    ['2023-11-30', 3, '2024-02-29'],
    ['2024-12-01', 12, '2025-12-01'],
  ])('%s + %i months → %s', (funded, months, expected) => {
    expect(loanMilestoneDate(funded, months)).toBe(expected);
  });
});

describe('validateJourneyTemplates', () => {
  const def = (template: { zh: string; en?: string }, validHours?: number) =>
    journeyDefinitionSchema.parse({
      name: 't',
      trigger: { type: 'event', eventType: 'quote_viewed' },
      steps: [{ id: 'wait', type: 'wait', hours: 1 }, { id: 'send', type: 'send', channel: 'sms', template, ...(validHours ? { offer: { validHours } } : {}) }],
    });
  it('accepts fallbacks and a deadline on a timed offer', () => {
    expect(validateJourneyTemplates(def({ zh: '{{name|您好}}，{{offer_expires}}前有效' }, 72))).toEqual([]);
  });
  it('names the step and language of each problem', () => {
    const errors = validateJourneyTemplates(def({ zh: '{{name}}，{{offer_expires}}前有效', en: '{{nope|x}}' }));
    expect(errors.map((e) => e.field)).toEqual(['steps.1.template.zh', 'steps.1.template.zh', 'steps.1.template.en']);
  });
});
