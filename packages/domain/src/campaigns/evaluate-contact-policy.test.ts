import { describe, expect, it } from 'vitest';
import type { ContactPolicy } from '@autofin/contracts';
import { createContactPolicyEvaluator, evaluateContactPolicy, type ContactCustomer, type ContactDecision, type ContactHistoryEntry, type ContactPolicyInput } from './evaluate-contact-policy.ts';

/**
 * The contact policy as a table. Every instant is written in UTC with the customer's local wall time
 * beside it, worked out by hand from the zone's offset:
 *   Asia/Shanghai +08:00 all year (no DST since 1991); Asia/Kolkata +05:30 (no DST);
 *   Europe/Berlin +01:00, +02:00 from 2026-03-29 01:00Z to 2026-10-25 01:00Z;
 *   America/New_York −05:00, −04:00 from 2026-03-08 07:00Z (02:00 EST) to 2026-11-01 06:00Z.
 * 2026-11-22 is a Sunday, 2026-11-23 a Monday.
 */
const policy: ContactPolicy = {
  version: 'test-1',
  caps: { global: { day: 2, week: 3, month: 5 }, perChannel: { sms: { day: 1, week: 2 } } },
  quietHours: { start: '21:00', end: '08:00' },
  defaultTimeZone: 'Asia/Shanghai',
  transactionalExempt: true,
};
const noQuiet: ContactPolicy = { ...policy, version: 'test-no-quiet', quietHours: null };

const ok: ContactCustomer = { timeZone: 'Asia/Shanghai', consent: 'granted', hasAddress: true };
const sms = { channel: 'sms', purpose: 'marketing' } as const;
const email = { channel: 'email', purpose: 'marketing' } as const;
const txSms = { channel: 'sms', purpose: 'transactional' } as const;
const sent = (at: string, channel: ContactHistoryEntry['channel'] = 'sms', purpose: ContactHistoryEntry['purpose'] = 'marketing'): ContactHistoryEntry => ({ at: new Date(at), channel, purpose });

type Expected = 'send' | { defer: string } | { suppress: string; reasons?: string[] };
interface Case {
  name: string;
  at: string;
  customer?: Partial<ContactCustomer>;
  message?: ContactPolicyInput['message'];
  history?: ContactHistoryEntry[];
  policy?: ContactPolicy;
  expected: Expected;
}

function check(c: Case): void {
  const d: ContactDecision = evaluateContactPolicy({
    policy: c.policy ?? policy,
    at: new Date(c.at),
    message: c.message ?? sms,
    customer: { ...ok, ...c.customer },
    history: c.history ?? [],
  });
  if (c.expected === 'send') {
    expect(d).toMatchObject({ outcome: 'send' });
  } else if ('defer' in c.expected) {
    expect(d.outcome).toBe('defer');
    if (d.outcome === 'defer') {
      expect(d.reason).toBe('quiet_hours_deferred');
      expect(d.until.toISOString()).toBe(new Date(c.expected.defer).toISOString());
    }
  } else {
    expect(d.outcome).toBe('suppress');
    if (d.outcome === 'suppress') {
      expect(d.reason).toBe(c.expected.suppress);
      if (c.expected.reasons) expect(d.reasons).toEqual(c.expected.reasons);
      expect(d.detail.length).toBeGreaterThan(0);
    }
  }
}

// 10:00 Shanghai on Monday 2026-11-23
const MON_10 = '2026-11-23T02:00:00Z';

describe('contact policy: each rule alone', () => {
  it.each<Case>([
    { name: 'everything in order → send', at: MON_10, expected: 'send' },
    { name: 'no address for the channel', at: MON_10, customer: { hasAddress: false }, expected: { suppress: 'no_contact_address' } },
    { name: 'deceased', at: MON_10, customer: { deceased: true }, expected: { suppress: 'suppressed_deceased' } },
    { name: 'opted out', at: MON_10, customer: { optedOut: true }, expected: { suppress: 'suppressed_opted_out' } },
    { name: 'complained', at: MON_10, customer: { complained: true }, expected: { suppress: 'suppressed_complained' } },
    { name: 'delinquent / in collections', at: MON_10, customer: { delinquent: true }, expected: { suppress: 'suppressed_delinquent' } },
    { name: 'open application', at: MON_10, customer: { openApplication: true }, expected: { suppress: 'suppressed_open_application' } },
    { name: 'staff', at: MON_10, customer: { staff: true }, expected: { suppress: 'suppressed_staff' } },
    { name: 'no consent given', at: MON_10, customer: { consent: 'none' }, expected: { suppress: 'no_consent' } },
    { name: 'consent withdrawn', at: MON_10, customer: { consent: 'refused' }, expected: { suppress: 'no_consent' } },
    { name: 'sms day cap 1 reached by an sms at 09:00 local today', at: MON_10, history: [sent('2026-11-23T01:00:00Z')], expected: { suppress: 'frequency_cap' } },
    { name: 'inside quiet hours (22:00 local) → waits until 08:00 tomorrow local', at: '2026-11-23T14:00:00Z', expected: { defer: '2026-11-24T00:00:00Z' } },
  ])('$name', check);
});

describe('contact policy: rules in combination (first failing rule is the reason, all are listed)', () => {
  it.each<Case>([
    {
      name: 'no address + deceased + no consent',
      at: MON_10,
      customer: { hasAddress: false, deceased: true, consent: 'none' },
      expected: { suppress: 'no_contact_address', reasons: ['no_contact_address', 'suppressed_deceased', 'no_consent'] },
    },
    {
      name: 'opted out with a stray consent row: the suppression list wins',
      at: MON_10,
      customer: { optedOut: true, consent: 'granted' },
      expected: { suppress: 'suppressed_opted_out', reasons: ['suppressed_opted_out'] },
    },
    {
      name: 'delinquent + open application + staff + no consent, in rule order',
      at: MON_10,
      customer: { delinquent: true, openApplication: true, staff: true, consent: 'refused' },
      expected: { suppress: 'suppressed_delinquent', reasons: ['suppressed_delinquent', 'suppressed_open_application', 'suppressed_staff', 'no_consent'] },
    },
    {
      name: 'no consent + capped',
      at: MON_10,
      customer: { consent: 'none' },
      history: [sent('2026-11-23T01:00:00Z')],
      expected: { suppress: 'no_consent', reasons: ['no_consent', 'frequency_cap'] },
    },
    { name: 'no consent inside quiet hours: suppressed, not deferred', at: '2026-11-23T14:00:00Z', customer: { consent: 'none' }, expected: { suppress: 'no_consent' } },
    {
      name: 'capped for the release instant too: suppressed at once, not deferred (sms week cap 2: Mon and Tue sent, Wed 22:00 → Thu 08:00 same week)',
      at: '2026-11-25T14:00:00Z',
      history: [sent('2026-11-23T02:00:00Z'), sent('2026-11-24T02:00:00Z')],
      expected: { suppress: 'frequency_cap' },
    },
  ])('$name', check);
});

describe('contact policy: quiet hours, time zones and midnight edges', () => {
  it.each<Case>([
    { name: 'Shanghai 20:59 → send', at: '2026-11-23T12:59:00Z', expected: 'send' },
    { name: 'Shanghai 21:00 exactly → waits for 08:00 next day', at: '2026-11-23T13:00:00Z', expected: { defer: '2026-11-24T00:00:00Z' } },
    { name: 'Shanghai 23:59 → 08:00 next day', at: '2026-11-23T15:59:00Z', expected: { defer: '2026-11-24T00:00:00Z' } },
    { name: 'Shanghai 00:00 (midnight) → 08:00 the same local day', at: '2026-11-23T16:00:00Z', expected: { defer: '2026-11-24T00:00:00Z' } },
    { name: 'Shanghai 07:59 → 08:00 the same local day', at: '2026-11-23T23:59:00Z', expected: { defer: '2026-11-24T00:00:00Z' } },
    { name: 'Shanghai 08:00 exactly → send (the end is exclusive)', at: '2026-11-24T00:00:00Z', expected: 'send' },
    { name: 'Kolkata +05:30: 21:15 IST → 08:00 IST = 02:30Z', at: '2026-11-22T15:45:00Z', customer: { timeZone: 'Asia/Kolkata' }, expected: { defer: '2026-11-23T02:30:00Z' } },
    { name: 'Kolkata 10:00 IST → send (the same instant is 12:30 in Shanghai)', at: '2026-11-23T04:30:00Z', customer: { timeZone: 'Asia/Kolkata' }, expected: 'send' },
    {
      name: 'same instant, 10:30 Shanghai but 21:30 New York (EST) → defer to 08:00 EST = 13:00Z',
      at: '2026-11-23T02:30:00Z',
      customer: { timeZone: 'America/New_York' },
      expected: { defer: '2026-11-23T13:00:00Z' },
    },
    {
      name: 'Berlin, the night DST starts: Sat 22:00 CET → Sun 08:00 CEST = 06:00Z (not 07:00Z)',
      at: '2026-03-28T21:00:00Z',
      customer: { timeZone: 'Europe/Berlin' },
      expected: { defer: '2026-03-29T06:00:00Z' },
    },
    {
      name: 'Berlin, the night DST ends: Sat 22:00 CEST → Sun 08:00 CET = 07:00Z (not 06:00Z)',
      at: '2026-10-24T20:00:00Z',
      customer: { timeZone: 'Europe/Berlin' },
      expected: { defer: '2026-10-25T07:00:00Z' },
    },
    {
      name: 'New York, the night DST starts: Sat 21:30 EST → Sun 08:00 EDT = 12:00Z',
      at: '2026-03-08T02:30:00Z',
      customer: { timeZone: 'America/New_York' },
      expected: { defer: '2026-03-08T12:00:00Z' },
    },
    {
      name: 'quiet hours ending inside the DST gap (22:00–02:30, Berlin 2026-03-29): opens when the clock jumps 02:00→03:00, 01:00Z',
      at: '2026-03-29T00:30:00Z',
      customer: { timeZone: 'Europe/Berlin' },
      policy: { ...policy, quietHours: { start: '22:00', end: '02:30' } },
      expected: { defer: '2026-03-29T01:00:00Z' },
    },
    {
      name: 'quiet hours ending in the repeated hour (22:00–02:30, Berlin 2026-10-25): the first 02:30 (CEST) = 00:30Z',
      at: '2026-10-24T23:00:00Z',
      customer: { timeZone: 'Europe/Berlin' },
      policy: { ...policy, quietHours: { start: '22:00', end: '02:30' } },
      expected: { defer: '2026-10-25T00:30:00Z' },
    },
    {
      name: 'a window that does not cross midnight (12:00–14:00): 13:00 → 14:00 the same day',
      at: '2026-11-23T05:00:00Z',
      policy: { ...policy, quietHours: { start: '12:00', end: '14:00' } },
      expected: { defer: '2026-11-23T06:00:00Z' },
    },
    { name: 'no quiet hours in the policy: 03:00 local → send', at: '2026-11-22T19:00:00Z', policy: noQuiet, expected: 'send' },
    { name: 'unknown zone → the default zone (Shanghai): 22:00 there → defer', at: '2026-11-23T14:00:00Z', customer: { timeZone: 'Mars/Olympus_Mons' }, expected: { defer: '2026-11-24T00:00:00Z' } },
    { name: 'no zone → the default zone', at: '2026-11-23T14:00:00Z', customer: { timeZone: null }, expected: { defer: '2026-11-24T00:00:00Z' } },
  ])('$name', check);

  it('says which zone and policy version it used', () => {
    const d = evaluateContactPolicy({ policy, at: new Date(MON_10), message: sms, customer: { ...ok, timeZone: 'Mars/Olympus_Mons' }, history: [] });
    expect(d).toMatchObject({ outcome: 'send', timeZone: 'Asia/Shanghai', policyVersion: 'test-1' });
  });
});

describe('contact policy: caps across channels and calendar windows', () => {
  it.each<Case>([
    { name: 'an sms earlier today blocks a second sms (sms day cap 1)', at: MON_10, history: [sent('2026-11-23T01:00:00Z')], expected: { suppress: 'frequency_cap' } },
    { name: '… but not an e-mail (global day cap 2 has room)', at: MON_10, message: email, history: [sent('2026-11-23T01:00:00Z')], expected: 'send' },
    {
      name: 'sms + e-mail today: a push is blocked by the global day cap 2',
      at: MON_10,
      message: { channel: 'push', purpose: 'marketing' },
      history: [sent('2026-11-23T01:00:00Z'), sent('2026-11-23T01:30:00Z', 'email')],
      expected: { suppress: 'frequency_cap' },
    },
    {
      name: 'three e-mails this week (Mon, Tue, Wed): the global week cap 3 blocks an sms on Thu',
      at: '2026-11-26T02:00:00Z',
      history: [sent('2026-11-23T02:00:00Z', 'email'), sent('2026-11-24T02:00:00Z', 'email'), sent('2026-11-25T02:00:00Z', 'email')],
      expected: { suppress: 'frequency_cap' },
    },
    {
      name: 'the ISO week starts on Monday: 3 e-mails Thu–Sat of last week do not block Monday',
      at: MON_10,
      history: [sent('2026-11-19T02:00:00Z', 'email'), sent('2026-11-20T02:00:00Z', 'email'), sent('2026-11-21T02:00:00Z', 'email')],
      expected: 'send',
    },
    {
      name: 'Sunday counts in the week that began on Monday (Sun 22 Nov is in the week of 16 Nov)',
      at: '2026-11-22T02:00:00Z',
      message: email,
      history: [sent('2026-11-16T02:00:00Z', 'email'), sent('2026-11-18T02:00:00Z', 'email'), sent('2026-11-20T02:00:00Z', 'email')],
      expected: { suppress: 'frequency_cap' },
    },
    {
      name: 'transactional messages never use up the marketing caps',
      at: MON_10,
      history: [sent('2026-11-23T00:30:00Z', 'sms', 'transactional'), sent('2026-11-23T01:00:00Z', 'sms', 'transactional')],
      expected: 'send',
    },
    {
      name: 'month cap 5 (global), five messages in November → blocked on 30 Nov',
      at: '2026-11-30T02:00:00Z',
      message: email,
      history: ['2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23', '2026-11-26'].map((d) => sent(`${d}T02:00:00Z`, 'email')),
      expected: { suppress: 'frequency_cap' },
    },
    {
      name: '… and free again on 1 December local time (a Tuesday; the week cap has room)',
      at: '2026-12-01T02:00:00Z',
      message: email,
      history: ['2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23', '2026-11-26'].map((d) => sent(`${d}T02:00:00Z`, 'email')),
      expected: 'send',
    },
  ])('$name', check);

  it.each<Case>([
    {
      name: 'Shanghai: an sms at 23:59 local on the 22nd does not count on the 23rd at 00:00 local, though both are 22 Nov in UTC',
      at: '2026-11-22T16:00:00Z',
      history: [sent('2026-11-22T15:59:00Z')],
      policy: noQuiet,
      expected: 'send',
    },
    {
      name: 'London (UTC+0 in November): the same two instants are one local day → capped',
      at: '2026-11-22T16:00:00Z',
      customer: { timeZone: 'Europe/London' },
      history: [sent('2026-11-22T15:59:00Z')],
      policy: noQuiet,
      expected: { suppress: 'frequency_cap' },
    },
    {
      name: 'Shanghai month edge: 30 Nov 16:30Z is already 1 Dec 00:30 local → the November month cap does not apply',
      at: '2026-11-30T16:30:00Z',
      message: email,
      history: ['2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23', '2026-11-26'].map((d) => sent(`${d}T02:00:00Z`, 'email')),
      policy: noQuiet,
      expected: 'send',
    },
    {
      name: 'Kolkata day edge: 18:29Z is 23:59 IST, 18:30Z the next day → sms day cap resets',
      at: '2026-11-23T18:30:00Z',
      customer: { timeZone: 'Asia/Kolkata' },
      history: [sent('2026-11-23T18:29:00Z')],
      policy: noQuiet,
      expected: 'send',
    },
    {
      name: 'Berlin day with 25 hours (DST end): 00:30 CEST and 23:30 CET are the same local day → capped',
      at: '2026-10-25T22:30:00Z',
      customer: { timeZone: 'Europe/Berlin' },
      history: [sent('2026-10-24T22:30:00Z')],
      policy: noQuiet,
      expected: { suppress: 'frequency_cap' },
    },
    {
      name: 'a message deferred past midnight is checked against the day it will leave: sms at 10:00 today, now 22:00 → defer (tomorrow has room)',
      at: '2026-11-23T14:00:00Z',
      history: [sent('2026-11-23T02:00:00Z')],
      expected: { defer: '2026-11-24T00:00:00Z' },
    },
    {
      name: 'deferred across the week boundary: sms Mon + Tue, now Sun 22:00 → defer to Mon 08:00 (new week)',
      at: '2026-11-29T14:00:00Z',
      history: [sent('2026-11-23T02:00:00Z'), sent('2026-11-24T02:00:00Z')],
      expected: { defer: '2026-11-30T00:00:00Z' },
    },
  ])('$name', check);
});

describe('contact policy: transactional messages', () => {
  const everyFlag: Partial<ContactCustomer> = { consent: 'none', optedOut: true, complained: true, delinquent: true, openApplication: true, staff: true };
  it.each<Case>([
    { name: 'ignore marketing consent and marketing suppression lists (a delinquent customer gets the repayment notice)', at: MON_10, message: txSms, customer: everyFlag, expected: 'send' },
    { name: 'ignore quiet hours (22:00 local)', at: '2026-11-23T14:00:00Z', message: txSms, expected: 'send' },
    { name: 'ignore the caps', at: MON_10, message: txSms, history: [sent('2026-11-23T01:00:00Z'), sent('2026-11-23T01:30:00Z', 'email')], expected: 'send' },
    { name: 'still need an address', at: MON_10, message: txSms, customer: { hasAddress: false }, expected: { suppress: 'no_contact_address' } },
    { name: 'are never sent to a deceased customer', at: MON_10, message: txSms, customer: { deceased: true }, expected: { suppress: 'suppressed_deceased' } },
    {
      name: 'without transactionalExempt they wait for quiet hours like marketing',
      at: '2026-11-23T14:00:00Z',
      message: txSms,
      policy: { ...policy, transactionalExempt: false },
      expected: { defer: '2026-11-24T00:00:00Z' },
    },
    {
      name: 'without transactionalExempt they respect the caps (but still need no marketing consent)',
      at: MON_10,
      message: txSms,
      customer: { consent: 'none' },
      policy: { ...policy, transactionalExempt: false },
      history: [sent('2026-11-23T01:00:00Z')],
      expected: { suppress: 'frequency_cap', reasons: ['frequency_cap'] },
    },
  ])('$name', check);
});

describe('contact policy: a policy that cannot work is refused', () => {
  it('quiet hours that start and end at the same minute', () => {
    expect(() => createContactPolicyEvaluator({ ...policy, quietHours: { start: '21:00', end: '21:00' } })).toThrow(expect.objectContaining({ code: 'CONTACT_POLICY_INVALID' }));
  });
  it('an unknown default zone', () => {
    expect(() => createContactPolicyEvaluator({ ...policy, defaultTimeZone: 'Nowhere/Else' })).toThrow(expect.objectContaining({ code: 'CONTACT_POLICY_INVALID' }));
  });
});
