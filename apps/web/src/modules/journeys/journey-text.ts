import type { JourneyCheck, JourneyExit, JourneyTrigger } from '@autofin/contracts';
import type { Widen } from '../../i18n/module-messages.ts';
import type { JourneysMessages } from './journeys.i18n.ts';
import { fill } from '../campaigns/fill.ts';

type M = Widen<JourneysMessages>;

export function eventName(m: M, type: string): string {
  return m.events[type] ?? type;
}

/** A trigger in a sentence: "进入分群“新能源意向”" / "Loan 30 months on book (36-month loans only)". */
export function triggerText(m: M, trigger: JourneyTrigger, segmentName: (id: string) => string): string {
  switch (trigger.type) {
    case 'segment_entered':
      return fill(m.trigger.segmentOf, { segment: segmentName(trigger.segmentId) });
    case 'event':
      return fill(m.trigger.eventOf, { event: eventName(m, trigger.eventType) });
    case 'loan_milestone':
      return trigger.termMonths ? fill(m.trigger.milestoneTermOf, { months: trigger.monthsOnBook, term: trigger.termMonths }) : fill(m.trigger.milestoneOf, { months: trigger.monthsOnBook });
  }
}

export function checkText(m: M, check: JourneyCheck): string {
  return check.kind === 'no_application' ? m.check.no_application : fill(m.check[check.kind], { event: eventName(m, check.eventType) });
}

export function exitText(m: M, exit: JourneyExit): string {
  return exit.kind === 'application_submitted' ? m.exit.application_submitted : fill(m.exit.event, { event: eventName(m, exit.eventType) });
}

/** Hours as a person says them: whole days as days (72 → "3 天"), otherwise hours. */
export function durationText(m: M, hours: number): string {
  return hours % 24 === 0 ? fill(m.step.days, { n: hours / 24 }) : fill(m.step.hours, { n: hours });
}

/** An exit reason from the stats (application_submitted, event:<type>, condition_not_met:<step>, journey_archived). */
export function exitReasonText(m: M, reason: string): string {
  if (reason.startsWith('event:')) return fill(m.exit.event, { event: eventName(m, reason.slice('event:'.length)) });
  if (reason.startsWith('condition_not_met:')) return `${m.step.condition} ${reason.slice('condition_not_met:'.length)}`;
  return m.exitReasons[reason] ?? reason;
}
