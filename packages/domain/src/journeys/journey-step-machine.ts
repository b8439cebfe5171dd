import type { JourneyCheck, JourneyDefinition, JourneyExit, JourneyStep } from '@autofin/contracts';

/**
 * The journey step machine: given where an enrolment stands, what the customer did since enrolling
 * and `now`, what happens next. Pure — the runner (apps/server/src/modules/journeys) loads the facts,
 * calls this, carries out the action and stores the returned position.
 *
 * Instant steps (a condition that holds, a wait already over) are walked through in one call, so one
 * runner pass moves an enrolment as far as it can go; it stops at a wait that is not over yet, at a
 * send (the runner sends, then stores the position after it), at an exit or at the end.
 */

export interface EnrolmentPosition {
  /** Index of the step the enrolment is at (steps.length = past the last step). */
  stepIndex: number;
  /** When the enrolment reached that step (a wait counts from here). ISO 8601. */
  stepStartedAt: string;
}

export interface EnrolmentFacts {
  /** When the customer was enrolled (ISO 8601): facts before it do not count. */
  enrolledAt: string;
  /** The customer's events since enrolment (type and when it happened). */
  events: ReadonlyArray<{ type: string; at: string }>;
  /** Applications the customer submitted since enrolment. */
  applications: ReadonlyArray<{ submittedAt: string }>;
}

export type JourneyAction =
  /** Nothing to do before `until`: the runner sleeps the enrolment until then. */
  | { kind: 'wait'; until: string; position: EnrolmentPosition }
  /** Send `step` now; afterwards the enrolment stands at `position` (the step after the send). */
  | { kind: 'send'; step: Extract<JourneyStep, { type: 'send' }>; position: EnrolmentPosition }
  /** The enrolment ends early: an exit rule fired or a condition failed. */
  | { kind: 'exit'; reason: string; at: string }
  /** Every step done. */
  | { kind: 'complete'; at: string };

const HOUR_MS = 3_600_000;

function after(at: string, enrolledAt: string): boolean {
  return Date.parse(at) >= Date.parse(enrolledAt);
}

/** Does the check hold for these facts? */
export function checkHolds(check: JourneyCheck, facts: EnrolmentFacts): boolean {
  switch (check.kind) {
    case 'no_application':
      return !facts.applications.some((a) => after(a.submittedAt, facts.enrolledAt));
    case 'no_event':
      return !facts.events.some((e) => e.type === check.eventType && after(e.at, facts.enrolledAt));
    case 'has_event':
      return facts.events.some((e) => e.type === check.eventType && after(e.at, facts.enrolledAt));
  }
}

/** The first exit rule that fired, as its reason code (application_submitted, event:<type>), or null. */
export function firedExit(exits: readonly JourneyExit[], facts: EnrolmentFacts): string | null {
  for (const exit of exits) {
    if (exit.kind === 'application_submitted' && !checkHolds({ kind: 'no_application' }, facts)) return 'application_submitted';
    if (exit.kind === 'event' && checkHolds({ kind: 'has_event', eventType: exit.eventType }, facts)) return `event:${exit.eventType}`;
  }
  return null;
}

export function nextJourneyAction(definition: Pick<JourneyDefinition, 'steps' | 'exits'>, position: EnrolmentPosition, facts: EnrolmentFacts, now: string): JourneyAction {
  // Exits first: a customer who applied must not get the next message, even if it is due.
  const exit = firedExit(definition.exits, facts);
  if (exit) return { kind: 'exit', reason: exit, at: now };
  const nowMs = Date.parse(now);
  let index = position.stepIndex;
  let startedAt = position.stepStartedAt;
  // Bounded by the number of steps: each pass moves forward or returns.
  while (index < definition.steps.length) {
    const step = definition.steps[index]!;
    if (step.type === 'wait') {
      const endMs = Date.parse(startedAt) + step.hours * HOUR_MS;
      if (nowMs < endMs) return { kind: 'wait', until: new Date(endMs).toISOString(), position: { stepIndex: index, stepStartedAt: startedAt } };
      // The next step starts when the wait ended, not when the runner noticed: waits do not drift.
      index += 1;
      startedAt = new Date(endMs).toISOString();
      continue;
    }
    if (step.type === 'condition') {
      if (!step.all.every((c) => checkHolds(c, facts))) return { kind: 'exit', reason: `condition_not_met:${step.id}`, at: now };
      index += 1;
      continue;
    }
    return { kind: 'send', step, position: { stepIndex: index + 1, stepStartedAt: now } };
  }
  return { kind: 'complete', at: now };
}
