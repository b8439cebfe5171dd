import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { bulkInsert, createTestDatabase, type TestDatabase } from '@autofin/db';
import type { RuleGroup } from '@autofin/contracts';
import { countRule } from './membership.repository.ts';
import { COMBINED_SET_MAX_SHARE, combinedSetCandidates, matchingProfiles, windowKey, type WindowEstimates } from './segment-sql.ts';
import { estimateWindows } from './window-estimates.ts';

/**
 * The guard of ADR 0021 (revised): before a whole-market count the planner is asked how many events each
 * candidate driver window holds; the event conditions of an AND form one set only while the driver's
 * customers (at most its events ÷ the count it requires) are at most COMBINED_SET_MAX_SHARE of the profiles.
 *
 * A market of 200 profiles, analysed, whose event types are spread evenly over the last 60 days (so the
 * planner's independent estimates of type and time are fair): a rare type (calculator uses: 60 events
 * among the first 30 profiles, ≈ 30 in 30 days → at most ≈ 15 customers with two: 7 % of the profiles)
 * and a common one (ad clicks: 1,200 events over everyone in 60 days → at most 600 customers with two, 3 ×
 * the profiles). Each rule's members are counted here by a direct SQL on customer_events, not through the
 * compiler, and must equal the count of the form the guard chose and of the other form.
 */
let db: TestDatabase;
const N = 200;
const ids = Array.from({ length: N }, () => randomUUID());
const now = new Date('2026-11-22T12:00:00.000Z');
const MINUTES_60_DAYS = 60 * 24 * 60;

beforeAll(async () => {
  db = await createTestDatabase();
  await bulkInsert(db, 'customers', [
    { name: 'id', type: 'uuid', values: ids },
    { name: 'name', type: 'text', values: ids.map((_, i) => `估计${i}`) },
    { name: 'phone', type: 'text', values: ids.map((_, i) => `137${String(i).padStart(8, '0')}`) },
    { name: 'source', type: 'text', values: ids.map(() => 'test') },
  ]);
  const rows: Array<[number, string, number]> = [];
  // event k of a type lands (k · 7919) mod 60 days back, in minutes: spread evenly, the same every run
  const spread = (type: string, count: number, who: (k: number) => number) => {
    for (let k = 0; k < count; k++) rows.push([who(k), type, ((k * 7919) % MINUTES_60_DAYS) + 1]);
  };
  spread('calculator_used', 60, (k) => (k * 7) % 30);
  spread('ad_click', 1200, (k) => (k * 13) % N);
  spread('application_started', 40, (k) => (k * 11) % N);
  await bulkInsert(db, 'customer_events', [
    { name: 'customer_id', type: 'uuid', values: rows.map((r) => ids[r[0]]!) },
    { name: 'id', type: 'uuid', values: rows.map(() => randomUUID()) },
    { name: 'type', type: 'text', values: rows.map((r) => r[1]) },
    { name: 'channel', type: 'text', values: rows.map(() => 'web') },
    { name: 'occurred_at', type: 'timestamptz', values: rows.map((r) => new Date(now.getTime() - r[2] * 60_000).toISOString()) },
    { name: 'source', type: 'text', values: rows.map(() => 'test') },
  ]);
  // the statistics the estimates come from (a live database has them from autovacuum)
  await db.query(`ANALYZE customers`);
  await db.query(`ANALYZE customer_events`);
}, 60_000);
afterAll(async () => db?.destroy());

const ev = (eventType: 'calculator_used' | 'ad_click' | 'application_started', op: 'gte' | 'eq', count: number, withinDays: number) => ({ kind: 'event' as const, eventType, op, count, withinDays });
const noApplication = ev('application_started', 'eq', 0, 7);
const twoCalculator = ev('calculator_used', 'gte', 2, 30);
const twoAdClicks = ev('ad_click', 'gte', 2, 60);

/** Events of a type in (now − days, now], straight from customer_events. */
const inWindow = (type: string, days: number) => `SELECT customer_id FROM customer_events WHERE type = '${type}' AND occurred_at > $1::timestamptz - interval '${days} days' AND occurred_at <= $1::timestamptz`;
const direct = async (where: string): Promise<number> =>
  Number((await db.query<{ n: string }>(`SELECT count(*)::text AS n FROM customers c WHERE c.merged_into IS NULL AND ${where}`, [now.toISOString()]))[0]!.n);
const eventsIn = async (type: string, days: number): Promise<number> => Number((await db.query<{ n: string }>(`SELECT count(*)::text AS n FROM (${inWindow(type, days)}) w`, [now.toISOString()]))[0]!.n);

const isCombined = (rule: RuleGroup, estimates: WindowEstimates | undefined) => matchingProfiles(rule, estimates).sql.includes('SELECT d.customer_id FROM');
const forced = (rule: RuleGroup, events: number): WindowEstimates => ({ events: new Map(combinedSetCandidates(rule).map((c) => [windowKey(c), events])), profiles: N });
async function members(rule: RuleGroup, estimates: WindowEstimates | undefined): Promise<number> {
  const { sql, params } = matchingProfiles(rule, estimates);
  return Number((await db.query<{ n: string }>(`SELECT count(*)::text AS n FROM (${sql}) m`, [now.toISOString(), ...params]))[0]!.n);
}

describe('combined event set: the planner-estimate guard', () => {
  it('estimates the windows close to their real event counts, and the profiles', async () => {
    const rule: RuleGroup = { op: 'and', rules: [twoAdClicks, twoCalculator, noApplication] };
    const est = (await estimateWindows(db, rule, now))!;
    const calc = await eventsIn('calculator_used', 30);
    const ads = await eventsIn('ad_click', 60);
    expect(ads).toBe(1200); // every ad click is within 60 days by construction
    expect(calc).toBeGreaterThan(20);
    expect(calc).toBeLessThan(40); // ≈ half of 60
    // only the required windows are candidates (not "no application")
    expect([...est.events.keys()].sort()).toEqual([windowKey(twoAdClicks), windowKey(twoCalculator)].sort());
    expect(est.events.get(windowKey(twoCalculator))).toBeGreaterThan(calc / 2);
    expect(est.events.get(windowKey(twoCalculator))).toBeLessThan(calc * 2);
    expect(est.events.get(windowKey(twoAdClicks))).toBeGreaterThan(ads / 2);
    expect(est.events.get(windowKey(twoAdClicks))).toBeLessThan(ads * 2);
    expect(est.profiles).toBe(N);
  });

  it('no candidate window (one event condition, or under an OR): nothing is asked', async () => {
    expect(await estimateWindows(db, { op: 'and', rules: [twoAdClicks] }, now)).toBeUndefined();
    expect(await estimateWindows(db, { op: 'or', rules: [twoAdClicks, noApplication] }, now)).toBeUndefined();
  });

  it('a rare driver (≥ 2 calculator uses in 30 days, no application in 7): one set, the direct count', async () => {
    const rule: RuleGroup = { op: 'and', rules: [twoCalculator, noApplication] };
    const expected = await direct(`c.id IN (${inWindow('calculator_used', 30)} GROUP BY customer_id HAVING count(*) >= 2) AND c.id NOT IN (${inWindow('application_started', 7)})`);
    expect(expected).toBeGreaterThan(0);
    const est = await estimateWindows(db, rule, now);
    // the premise, on the real count: ≈ 30 events ÷ 2 is far below the share of 200 profiles the set may take
    expect((await eventsIn('calculator_used', 30)) / 2).toBeLessThan(COMBINED_SET_MAX_SHARE * N / 2);
    expect(isCombined(rule, est)).toBe(true);
    expect((await countRule(db, rule, now, 3)).count).toBe(expected);
    expect(await members(rule, forced(rule, Infinity))).toBe(expected); // the separate form agrees
  });

  it('a driver over most of the market (≥ 2 ad clicks in 60 days, no application in 7): separate joins, the direct count', async () => {
    const rule: RuleGroup = { op: 'and', rules: [twoAdClicks, noApplication] };
    const expected = await direct(`c.id IN (${inWindow('ad_click', 60)} GROUP BY customer_id HAVING count(*) >= 2) AND c.id NOT IN (${inWindow('application_started', 7)})`);
    expect(expected).toBeGreaterThan(100);
    const est = await estimateWindows(db, rule, now);
    // the premise, on the real count: 1,200 events ÷ 2 is far above the share of 200 profiles the set may take
    expect((await eventsIn('ad_click', 60)) / 2).toBeGreaterThan(2 * COMBINED_SET_MAX_SHARE * N);
    expect(isCombined(rule, est)).toBe(false);
    expect((await countRule(db, rule, now, 3)).count).toBe(expected);
    expect(await members(rule, forced(rule, 0))).toBe(expected); // the combined form agrees
    // without estimates (validation, callers that do not count the market) the combined form stays as it was
    expect(isCombined(rule, undefined)).toBe(true);
  });

  it('two required windows: the one with fewer customers at most drives, still one set', async () => {
    const rule: RuleGroup = { op: 'and', rules: [twoAdClicks, ev('calculator_used', 'gte', 1, 30), noApplication] };
    const expected = await direct(
      `c.id IN (${inWindow('ad_click', 60)} GROUP BY customer_id HAVING count(*) >= 2) AND c.id IN (${inWindow('calculator_used', 30)}) AND c.id NOT IN (${inWindow('application_started', 7)})`,
    );
    expect(expected).toBeGreaterThan(0);
    const est = await estimateWindows(db, rule, now);
    expect(isCombined(rule, est)).toBe(true);
    // the driver is the calculator window (≈ 30 events, any count: not grouped), the ad clicks a grouped check on
    // its customers; without estimates the first count ≥ 2 drives (the ad clicks, grouped), as before
    const driverUngrouped = 'e.occurred_at <= $1::timestamptz) d WHERE d.customer_id IN (SELECT e.customer_id FROM customer_events e';
    expect(matchingProfiles(rule, est).sql).toContain(driverUngrouped);
    expect(matchingProfiles(rule).sql).not.toContain(driverUngrouped);
    expect(matchingProfiles(rule).sql).toMatch(/HAVING count\(\*\) >= \$\d+::int\) d WHERE EXISTS/);
    expect((await countRule(db, rule, now, 0)).count).toBe(expected);
    expect(await members(rule, forced(rule, Infinity))).toBe(expected);
  });
});
