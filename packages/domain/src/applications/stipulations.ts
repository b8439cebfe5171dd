import type { ApplicationActorKind, StipulationStatus, StipulationType } from '@autofin/contracts';
import { DomainError } from '../shared/domain-error.ts';

/** One stipulation as the application holds it: open until someone verifies or waives it. */
export interface StipulationState {
  readonly type: StipulationType;
  readonly status: StipulationStatus;
  /** larger_down_payment: the extra down payment asked for (fen). */
  readonly amountFen: number | null;
  readonly verifiedBy: { readonly kind: ApplicationActorKind; readonly id: string } | null;
  readonly verifiedAt: string | null;
  readonly note: string | null;
}

export function openStipulation(type: StipulationType, amountFen: number | null = null): StipulationState {
  return { type, status: 'open', amountFen, verifiedBy: null, verifiedAt: null, note: null };
}

export function openStipulations(stipulations: readonly StipulationState[]): StipulationState[] {
  return stipulations.filter((s) => s.status === 'open');
}

/** conditionally_approved → contracted needs every stipulation satisfied or waived. */
export function stipulationsSettled(stipulations: readonly StipulationState[]): boolean {
  return openStipulations(stipulations).length === 0;
}

/**
 * Who settles a stipulation. A reviewer verifies documents and may waive a condition (a risk
 * decision); the system satisfies what a device or a payment confirms (GPS installed, the
 * larger down payment received). Dealers upload evidence but never verify their own deal.
 */
const MAY_SATISFY: readonly ApplicationActorKind[] = ['reviewer', 'system'];
const MAY_WAIVE: readonly ApplicationActorKind[] = ['reviewer'];

export interface SettleRequest {
  readonly to: Exclude<StipulationStatus, 'open'>;
  readonly by: { readonly kind: ApplicationActorKind; readonly id: string };
  readonly at: string;
  readonly note?: string;
}

/** Marks an open stipulation satisfied or waived, recording who and when; throws STIPULATION_INVALID_TRANSITION otherwise. */
export function settleStipulation(stipulation: StipulationState, req: SettleRequest): StipulationState {
  if (stipulation.status !== 'open') {
    throw new DomainError('STIPULATION_INVALID_TRANSITION', `the ${stipulation.type} stipulation is already ${stipulation.status}`, [{ field: 'status', message: `is ${stipulation.status}, not open` }]);
  }
  const allowed = req.to === 'satisfied' ? MAY_SATISFY : MAY_WAIVE;
  if (!allowed.includes(req.by.kind)) {
    throw new DomainError('STIPULATION_INVALID_TRANSITION', `${req.by.kind} may not mark a stipulation ${req.to}`, [{ field: 'status', message: `${req.to} is set by ${allowed.join(' or ')}` }]);
  }
  if (req.to === 'waived' && !req.note?.trim()) {
    throw new DomainError('STIPULATION_INVALID_TRANSITION', 'a waiver needs a note saying why', [{ field: 'note', message: 'is required to waive a stipulation' }]);
  }
  return { ...stipulation, status: req.to, verifiedBy: req.by, verifiedAt: req.at, note: req.note?.trim() || null };
}
