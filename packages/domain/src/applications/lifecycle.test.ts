import { describe, expect, it } from 'vitest';
import type { ApplicationActorKind, ApplicationStatus } from '@autofin/contracts';
import { applicationActorKinds, applicationStatuses } from '@autofin/contracts';
import { DomainError } from '../shared/domain-error.ts';
import { allowedTransitions, transitionApplication } from './lifecycle.ts';
import { openStipulation, settleStipulation, stipulationsSettled } from './stipulations.ts';

// The lifecycle as the issue states it, written out by hand (independent of the table in lifecycle.ts).
const ALLOWED: Array<[ApplicationStatus, ApplicationStatus, ApplicationActorKind[]]> = [
  ['received', 'in_review', ['system']],
  ['received', 'approved', ['system']],
  ['received', 'conditionally_approved', ['system']],
  ['received', 'referred', ['system']],
  ['received', 'declined', ['system']],
  ['received', 'withdrawn', ['partner', 'dealer_ops']],
  ['received', 'expired', ['system']],
  ['in_review', 'approved', ['system', 'reviewer']],
  ['in_review', 'conditionally_approved', ['system', 'reviewer']],
  ['in_review', 'referred', ['system']],
  ['in_review', 'declined', ['system', 'reviewer']],
  ['in_review', 'withdrawn', ['partner', 'dealer_ops']],
  ['in_review', 'expired', ['system']],
  ['referred', 'approved', ['reviewer']],
  ['referred', 'conditionally_approved', ['reviewer']],
  ['referred', 'declined', ['reviewer']],
  ['referred', 'withdrawn', ['partner', 'dealer_ops']],
  ['referred', 'expired', ['system']],
  ['approved', 'contracted', ['partner', 'dealer_ops']],
  ['approved', 'withdrawn', ['partner', 'dealer_ops']],
  ['approved', 'expired', ['system']],
  ['conditionally_approved', 'approved', ['reviewer']],
  ['conditionally_approved', 'declined', ['reviewer']],
  ['conditionally_approved', 'contracted', ['partner', 'dealer_ops']],
  ['conditionally_approved', 'withdrawn', ['partner', 'dealer_ops']],
  ['conditionally_approved', 'expired', ['system']],
  ['contracted', 'funded', ['system']],
];

function code(fn: () => unknown): string | null {
  try {
    fn();
    return null;
  } catch (err) {
    return err instanceof DomainError ? err.code : 'not a DomainError';
  }
}

describe('application lifecycle', () => {
  it('allows exactly the listed transitions, for exactly the listed actors', () => {
    for (const from of applicationStatuses) {
      for (const to of applicationStatuses) {
        for (const actor of applicationActorKinds) {
          const listed = ALLOWED.some(([f, t, actors]) => f === from && t === to && actors.includes(actor));
          const c = code(() => transitionApplication({ from, to, actor, stipulations: [] }));
          expect(c, `${from} → ${to} by ${actor}`).toBe(listed ? null : 'APPLICATION_INVALID_TRANSITION');
        }
      }
    }
  });

  it('forbids a sample of moves with the typed error, naming the status', () => {
    const samples: Array<[ApplicationStatus, ApplicationStatus, ApplicationActorKind]> = [
      ['declined', 'approved', 'reviewer'], // final
      ['funded', 'withdrawn', 'dealer_ops'], // final
      ['received', 'funded', 'system'], // skips the decision and the contract
      ['referred', 'approved', 'system'], // a referral is decided by a person
      ['approved', 'contracted', 'reviewer'], // the dealer signs, not risk
      ['withdrawn', 'received', 'partner'],
      ['contracted', 'withdrawn', 'dealer_ops'], // a signed contract is not withdrawn here
    ];
    for (const [from, to, actor] of samples) {
      try {
        transitionApplication({ from, to, actor });
        expect.unreachable(`${from} → ${to}`);
      } catch (err) {
        expect(err).toBeInstanceOf(DomainError);
        expect((err as DomainError).code).toBe('APPLICATION_INVALID_TRANSITION');
        expect((err as DomainError).errors[0]!.field).toBe('status');
      }
    }
  });

  it('lists what an actor may do next', () => {
    expect(allowedTransitions('referred', 'reviewer').sort()).toEqual(['approved', 'conditionally_approved', 'declined']);
    expect(allowedTransitions('approved', 'dealer_ops').sort()).toEqual(['contracted', 'withdrawn']);
    expect(allowedTransitions('funded', 'system')).toEqual([]);
  });

  it('signs a conditional approval only when every stipulation is satisfied or waived', () => {
    const income = openStipulation('proof_of_income');
    const down = openStipulation('larger_down_payment', 600_000);
    try {
      transitionApplication({ from: 'conditionally_approved', to: 'contracted', actor: 'dealer_ops', stipulations: [income, down] });
      expect.unreachable();
    } catch (err) {
      expect((err as DomainError).code).toBe('APPLICATION_STIPULATIONS_OPEN');
      expect((err as DomainError).errors.map((e) => e.field)).toEqual(['stipulations.proof_of_income', 'stipulations.larger_down_payment']);
    }
    const satisfied = settleStipulation(income, { to: 'satisfied', by: { kind: 'reviewer', id: 'risk@autofin.local' }, at: '2026-11-22T10:00:00Z' });
    const waived = settleStipulation(down, { to: 'waived', by: { kind: 'reviewer', id: 'risk@autofin.local' }, at: '2026-11-22T10:05:00Z', note: 'trade-in equity confirmed' });
    expect(stipulationsSettled([satisfied, waived])).toBe(true);
    expect(transitionApplication({ from: 'conditionally_approved', to: 'contracted', actor: 'dealer_ops', stipulations: [satisfied, waived] })).toBe('contracted');
    expect(satisfied.verifiedBy).toEqual({ kind: 'reviewer', id: 'risk@autofin.local' });
    expect(waived.note).toBe('trade-in equity confirmed');
  });

  it('settles a stipulation once, by the right actor, and a waiver needs a note', () => {
    const s = openStipulation('gps_installation');
    const by = { kind: 'reviewer' as const, id: 'r1' };
    expect(code(() => settleStipulation(s, { to: 'waived', by: { kind: 'dealer_ops', id: 'd1' }, at: 't', note: 'x' }))).toBe('STIPULATION_INVALID_TRANSITION');
    expect(code(() => settleStipulation(s, { to: 'satisfied', by: { kind: 'dealer_ops', id: 'd1' }, at: 't' }))).toBe('STIPULATION_INVALID_TRANSITION');
    expect(code(() => settleStipulation(s, { to: 'waived', by, at: 't' }))).toBe('STIPULATION_INVALID_TRANSITION');
    const done = settleStipulation(s, { to: 'satisfied', by: { kind: 'system', id: 'gps-callback' }, at: 't' });
    expect(code(() => settleStipulation(done, { to: 'waived', by, at: 't', note: 'n' }))).toBe('STIPULATION_INVALID_TRANSITION');
  });
});
