import type { ApplicationActorKind, ApplicationStatus } from '@autofin/contracts';
import { DomainError } from '../shared/domain-error.ts';
import type { StipulationState } from './stipulations.ts';
import { openStipulations } from './stipulations.ts';

/**
 * The application lifecycle, modelled on the dealer networks' credit-application messages
 * (received → in review → decision → contract → funding):
 *
 *   received ─→ in_review ─→ approved | conditionally_approved | referred | declined
 *   referred ─→ approved | conditionally_approved | declined            (manual review)
 *   approved ─→ contracted ─→ funded
 *   conditionally_approved ─→ contracted (every stipulation satisfied or waived) | approved | declined
 *   any open state ─→ withdrawn | expired
 *
 * Open states are the ones still waiting for a decision or a signature: received, in_review,
 * referred, approved, conditionally_approved. A signed contract is not withdrawn here: it is
 * cancelled or funded. declined, funded, withdrawn and expired are final.
 */
export const OPEN_STATUSES: readonly ApplicationStatus[] = ['received', 'in_review', 'referred', 'approved', 'conditionally_approved'];
export const FINAL_STATUSES: readonly ApplicationStatus[] = ['declined', 'funded', 'withdrawn', 'expired'];

type Table = Readonly<Partial<Record<ApplicationStatus, Readonly<Partial<Record<ApplicationStatus, readonly ApplicationActorKind[]>>>>>>;

const DECISIONS = ['approved', 'conditionally_approved', 'referred', 'declined'] as const;
const CUSTOMER_SIDE: readonly ApplicationActorKind[] = ['partner', 'dealer_ops'];

/**
 * Who may move an application from one status to another:
 * - system: the decision engine (automatic decisions), the funding and expiry jobs;
 * - reviewer: a risk analyst working the manual review queue;
 * - partner / dealer_ops: the dealer (through /v1 or the console) signs the contract or withdraws.
 */
export const APPLICATION_TRANSITIONS: Table = {
  received: {
    in_review: ['system'],
    ...Object.fromEntries(DECISIONS.map((d) => [d, ['system']])),
    withdrawn: CUSTOMER_SIDE,
    expired: ['system'],
  },
  in_review: {
    approved: ['system', 'reviewer'],
    conditionally_approved: ['system', 'reviewer'],
    referred: ['system'],
    declined: ['system', 'reviewer'],
    withdrawn: CUSTOMER_SIDE,
    expired: ['system'],
  },
  referred: {
    approved: ['reviewer'],
    conditionally_approved: ['reviewer'],
    declined: ['reviewer'],
    withdrawn: CUSTOMER_SIDE,
    expired: ['system'],
  },
  approved: {
    contracted: CUSTOMER_SIDE,
    withdrawn: CUSTOMER_SIDE,
    expired: ['system'],
  },
  conditionally_approved: {
    // The reviewer lifts the conditions (all settled) or declines when one cannot be met.
    approved: ['reviewer'],
    declined: ['reviewer'],
    contracted: CUSTOMER_SIDE,
    withdrawn: CUSTOMER_SIDE,
    expired: ['system'],
  },
  contracted: {
    funded: ['system'],
  },
};

export function allowedActors(from: ApplicationStatus, to: ApplicationStatus): readonly ApplicationActorKind[] {
  return APPLICATION_TRANSITIONS[from]?.[to] ?? [];
}

/** The statuses `actor` may move an application in status `from` to. */
export function allowedTransitions(from: ApplicationStatus, actor: ApplicationActorKind): ApplicationStatus[] {
  const row = APPLICATION_TRANSITIONS[from] ?? {};
  return (Object.keys(row) as ApplicationStatus[]).filter((to) => row[to]?.includes(actor));
}

export function isOpenStatus(status: ApplicationStatus): boolean {
  return OPEN_STATUSES.includes(status);
}

export interface TransitionRequest {
  readonly from: ApplicationStatus;
  readonly to: ApplicationStatus;
  readonly actor: ApplicationActorKind;
  /** The application's stipulations: conditionally_approved → contracted / approved needs them settled. */
  readonly stipulations?: readonly StipulationState[];
}

/**
 * Checks one status change and returns the new status; throws APPLICATION_INVALID_TRANSITION
 * (the move does not exist, or not for this actor) or APPLICATION_STIPULATIONS_OPEN (naming
 * each open stipulation).
 */
export function transitionApplication(req: TransitionRequest): ApplicationStatus {
  const actors = allowedActors(req.from, req.to);
  if (actors.length === 0) {
    throw new DomainError('APPLICATION_INVALID_TRANSITION', `an application that is ${req.from} cannot become ${req.to}`, [{ field: 'status', message: `${req.from} → ${req.to} is not a step of the lifecycle` }]);
  }
  if (!actors.includes(req.actor)) {
    throw new DomainError('APPLICATION_INVALID_TRANSITION', `${req.from} → ${req.to} is done by ${actors.join(' or ')}, not ${req.actor}`, [{ field: 'status', message: `${req.actor} may not move ${req.from} to ${req.to}` }]);
  }
  if (req.from === 'conditionally_approved' && (req.to === 'contracted' || req.to === 'approved')) {
    const open = openStipulations(req.stipulations ?? []);
    if (open.length > 0) {
      throw new DomainError(
        'APPLICATION_STIPULATIONS_OPEN',
        `${open.length} stipulation(s) still open: ${open.map((s) => s.type).join(', ')}`,
        open.map((s) => ({ field: `stipulations.${s.type}`, message: 'is still open: satisfy or waive it first' })),
      );
    }
  }
  return req.to;
}
