import { describe, expect, it } from 'vitest';
import { decideConsent, type ConsentRecord } from './consent.ts';

const T = Date.parse('2026-11-01T00:00:00Z');
const day = 86_400_000;
const sms = (over: Partial<ConsentRecord> = {}): ConsentRecord => ({ purpose: 'marketing', channel: 'sms', status: 'granted', grantedAt: T - 10 * day, withdrawnAt: null, ...over });

describe('decideConsent', () => {
  it('allows a use covered by a grant in force', () => {
    expect(decideConsent([sms()], 'marketing', 'sms', T)).toMatchObject({ allowed: true, reason: 'CONSENT_GRANTED' });
  });
  it('refuses another channel of the same purpose (per channel, not per purpose)', () => {
    expect(decideConsent([sms()], 'marketing', 'wechat', T)).toMatchObject({ allowed: false, reason: 'CONSENT_NOT_GIVEN' });
  });
  it('refuses after a withdrawal, but allowed a use before it (checked at the time of use)', () => {
    const r = sms({ status: 'withdrawn', withdrawnAt: T - day });
    expect(decideConsent([r], 'marketing', 'sms', T).reason).toBe('CONSENT_WITHDRAWN');
    expect(decideConsent([r], 'marketing', 'sms', T - 2 * day).allowed).toBe(true);
  });
  it('refuses a use dated before the grant', () => {
    expect(decideConsent([sms()], 'marketing', 'sms', T - 11 * day).reason).toBe('CONSENT_NOT_YET_GIVEN');
  });
  it("a purpose-wide 'any' grant covers a channel, but an explicit channel withdrawal wins over it", () => {
    const any: ConsentRecord = { purpose: 'profiling', channel: 'any', status: 'granted', grantedAt: T - day, withdrawnAt: null };
    expect(decideConsent([any], 'profiling', 'app_push', T).allowed).toBe(true);
    const mk: ConsentRecord = { ...any, purpose: 'marketing' };
    expect(decideConsent([mk, sms({ status: 'withdrawn', withdrawnAt: T - day })], 'marketing', 'sms', T).allowed).toBe(false);
  });
  it('a different purpose never counts', () => {
    expect(decideConsent([sms()], 'data_sharing', 'sms', T).allowed).toBe(false);
  });
});
