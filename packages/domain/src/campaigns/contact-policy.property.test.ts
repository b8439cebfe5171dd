import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CAMPAIGN_CHANNELS, type CampaignChannel, type CapWindows, type ContactPolicy, type MessagePurpose } from '@autofin/contracts';
import { createContactPolicyEvaluator, type ContactHistoryEntry } from './evaluate-contact-policy.ts';

/**
 * Property: replay random send attempts for one customer through the engine in time order (a deferred
 * message comes back at its release instant and is evaluated again, as the dispatcher does). Whatever
 * the policy, zone and attempts, no marketing message is sent inside quiet hours, and no calendar
 * day, ISO week or month — in the customer's zone — holds more marketing messages than any global or
 * per-channel cap allows.
 *
 * The checks use their own calendar arithmetic (Intl's local date string, then Date.UTC for the
 * weekday), not the engine's zoned-time helpers, so a bug there cannot hide itself.
 */
const ZONES = ['Asia/Shanghai', 'Asia/Kolkata', 'Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Pacific/Chatham'] as const;
// Spans the spring (March) and autumn (October/November) DST changes of the northern and southern zones.
const STARTS = [Date.UTC(2026, 1, 20), Date.UTC(2026, 8, 20)];
const MINUTE = 60_000;

const localParts = (() => {
  const cache = new Map<string, Intl.DateTimeFormat>();
  return (tz: string, ms: number) => {
    let f = cache.get(tz);
    if (!f) {
      f = new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
      cache.set(tz, f);
    }
    const p = Object.fromEntries(f.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
    const y = Number(p.year);
    const m = Number(p.month);
    const d = Number(p.day);
    const dow = new Date(Date.UTC(y, m - 1, d)).getUTCDay(); // 0 = Sunday
    const monday = new Date(Date.UTC(y, m - 1, d - ((dow + 6) % 7)));
    return {
      day: `${p.year}-${p.month}-${p.day}`,
      week: monday.toISOString().slice(0, 10),
      month: `${p.year}-${p.month}`,
      minuteOfDay: Number(p.hour) * 60 + Number(p.minute),
    };
  };
})();

const capArb: fc.Arbitrary<CapWindows> = fc.record({ day: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }), week: fc.option(fc.integer({ min: 0, max: 6 }), { nil: undefined }), month: fc.option(fc.integer({ min: 0, max: 12 }), { nil: undefined }) }, { requiredKeys: [] });

const wall = fc.integer({ min: 0, max: 1439 }).map((m) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`);

const policyArb: fc.Arbitrary<ContactPolicy> = fc
  .record({
    global: capArb,
    perChannel: fc.dictionary(fc.constantFrom(...CAMPAIGN_CHANNELS), capArb, { maxKeys: 3 }),
    quiet: fc.option(fc.tuple(wall, wall).filter(([a, b]) => a !== b), { nil: null }),
  })
  .map(({ global, perChannel, quiet }) => ({
    version: 'prop',
    caps: { global, perChannel },
    quietHours: quiet ? { start: quiet[0], end: quiet[1] } : null,
    defaultTimeZone: 'Asia/Shanghai',
    transactionalExempt: true,
  }));

const attemptArb = fc.record({
  minute: fc.integer({ min: 0, max: 70 * 24 * 60 }),
  channel: fc.constantFrom<CampaignChannel>('sms', 'email', 'push', 'sms', 'call_task'),
  purpose: fc.constantFrom<MessagePurpose>('marketing', 'marketing', 'marketing', 'transactional'),
});

const inQuiet = (policy: ContactPolicy, minuteOfDay: number): boolean => {
  if (!policy.quietHours) return false;
  const toMin = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3));
  const start = toMin(policy.quietHours.start);
  const end = toMin(policy.quietHours.end);
  return start < end ? minuteOfDay >= start && minuteOfDay < end : minuteOfDay >= start || minuteOfDay < end;
};

describe('contact policy property: caps and quiet hours are never breached', () => {
  it('replaying random attempts in time order', () => {
    fc.assert(
      fc.property(policyArb, fc.constantFrom(...ZONES), fc.constantFrom(...STARTS), fc.array(attemptArb, { minLength: 1, maxLength: 80 }), (policy, tz, start, attempts) => {
        const evaluate = createContactPolicyEvaluator(policy);
        const queue = attempts.map((a) => ({ at: start + a.minute * MINUTE, channel: a.channel, purpose: a.purpose }));
        queue.sort((a, b) => a.at - b.at);
        const history: ContactHistoryEntry[] = [];
        let guard = 0;
        while (queue.length > 0) {
          const next = queue.shift() as (typeof queue)[number];
          if (++guard > 1000) throw new Error('a message kept being deferred');
          const d = evaluate({ message: { channel: next.channel, purpose: next.purpose }, at: next.at, customer: { timeZone: tz, consent: 'granted', hasAddress: true }, history });
          if (d.outcome === 'send') {
            history.push({ at: next.at, channel: next.channel, purpose: next.purpose });
          } else if (d.outcome === 'defer') {
            const until = d.until.getTime();
            expect(until).toBeGreaterThan(next.at);
            // the release instant itself is outside quiet hours, and is the first such minute
            expect(inQuiet(policy, localParts(tz, until).minuteOfDay)).toBe(false);
            expect(inQuiet(policy, localParts(tz, until - MINUTE).minuteOfDay)).toBe(true);
            const item = { ...next, at: until };
            const i = queue.findIndex((q) => q.at > until);
            queue.splice(i < 0 ? queue.length : i, 0, item);
          }
        }
        const counts = new Map<string, number>();
        for (const h of history) {
          if (h.purpose !== 'marketing') continue;
          const ms = typeof h.at === 'number' ? h.at : h.at.getTime();
          const p = localParts(tz, ms);
          expect(inQuiet(policy, p.minuteOfDay)).toBe(false);
          for (const w of ['day', 'week', 'month'] as const) {
            for (const scope of ['*', h.channel]) {
              const key = `${scope}|${w}|${p[w]}`;
              counts.set(key, (counts.get(key) ?? 0) + 1);
            }
          }
        }
        for (const [key, n] of counts) {
          const [scope, w] = key.split('|') as [string, 'day' | 'week' | 'month'];
          const cap = scope === '*' ? policy.caps.global[w] : policy.caps.perChannel[scope as CampaignChannel]?.[w];
          if (cap !== undefined) expect(n, `${key} holds ${n} > cap ${cap}`).toBeLessThanOrEqual(cap);
        }
      }),
      { numRuns: 300, seed: 20261122 },
    );
  });
});
