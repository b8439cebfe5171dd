import type { ConsentPurpose } from '@autofin/contracts';

/**
 * Consent decisions (PIPL: per purpose and channel, checked at the time of use). Pure: the server
 * loads the customer's consent rows and asks here. Only an explicit grant in force at `at` allows a
 * use; no row, a withdrawal, or a grant dated after `at` refuses it. A grant for channel 'any'
 * covers every channel of that purpose.
 */
export interface ConsentRecord {
  purpose: string;
  channel: string;
  status: 'granted' | 'withdrawn' | string;
  grantedAt: number;
  withdrawnAt: number | null;
  textVersion?: string | null;
}

export interface ConsentDecision {
  allowed: boolean;
  /** stable reason code: CONSENT_GRANTED | CONSENT_WITHDRAWN | CONSENT_NOT_GIVEN | CONSENT_NOT_YET_GIVEN */
  reason: 'CONSENT_GRANTED' | 'CONSENT_WITHDRAWN' | 'CONSENT_NOT_GIVEN' | 'CONSENT_NOT_YET_GIVEN';
  /** the record the decision rests on */
  basis: ConsentRecord | null;
}

export function decideConsent(records: readonly ConsentRecord[], purpose: ConsentPurpose, channel: string, at: number): ConsentDecision {
  const relevant = records.filter((r) => r.purpose === purpose && (r.channel === channel || r.channel === 'any'));
  if (relevant.length === 0) return { allowed: false, reason: 'CONSENT_NOT_GIVEN', basis: null };
  // The exact channel speaks before 'any': a withdrawal for SMS is not overridden by a general grant.
  const ordered = [...relevant].sort((a, b) => (a.channel === channel ? 0 : 1) - (b.channel === channel ? 0 : 1));
  for (const r of ordered) {
    const withdrawn = r.withdrawnAt !== null && r.withdrawnAt <= at;
    if (withdrawn || (r.status === 'withdrawn' && r.withdrawnAt === null)) return { allowed: false, reason: 'CONSENT_WITHDRAWN', basis: r };
    if (r.grantedAt > at) return { allowed: false, reason: 'CONSENT_NOT_YET_GIVEN', basis: r };
    return { allowed: true, reason: 'CONSENT_GRANTED', basis: r };
  }
  return { allowed: false, reason: 'CONSENT_NOT_GIVEN', basis: null };
}
