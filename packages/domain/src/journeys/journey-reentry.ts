import type { JourneyReentry } from '@autofin/contracts';

export interface PastEnrolment {
  status: 'active' | 'completed' | 'exited';
  enrolledAt: string;
  /** When it completed or exited; null while active. */
  endedAt: string | null;
}

export type EnrolDecision = { enrol: true } | { enrol: false; reason: 'already_active' | 'enrolled_before' | 'cooldown' };

const DAY_MS = 86_400_000;

/**
 * May the customer be enrolled again? One active enrolment per customer and journey, always; then
 * the journey's re-entry rule: `never` (once per customer), or `after_exit` once the cooldown since
 * the last enrolment ended has passed — so a customer who keeps viewing quotes is not sent the same
 * offer every few days.
 */
export function mayEnrol(rule: JourneyReentry, past: readonly PastEnrolment[], now: string): EnrolDecision {
  if (past.some((p) => p.status === 'active')) return { enrol: false, reason: 'already_active' };
  if (past.length === 0) return { enrol: true };
  if (rule.mode === 'never') return { enrol: false, reason: 'enrolled_before' };
  const lastEnd = Math.max(...past.map((p) => Date.parse(p.endedAt ?? p.enrolledAt)));
  if (Date.parse(now) < lastEnd + rule.cooldownDays * DAY_MS) return { enrol: false, reason: 'cooldown' };
  return { enrol: true };
}
