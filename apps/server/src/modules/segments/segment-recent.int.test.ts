import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { bulkInsert, createTestDatabase, type TestDatabase } from '@autofin/db';
import type { Condition, RuleGroup } from '@autofin/contracts';
import { countRule } from './membership.repository.ts';

/**
 * Whole-market event counts from customer_event_recent (the default) must give exactly the answers of
 * the scan over customer_events they replace — and both the answer of an independent count done here
 * in JavaScript over the generated events: random profiles (some merged into others), random events
 * (legacy type names, two channels, times up to 400 days back and a few after the evaluation time,
 * some exactly on a window's edge), inserted in several statements out of time order, and random
 * rules (every operator, counts 0–12 so some exceed the ten kept times, 1–365 day windows, with and
 * without a channel, AND/OR of two conditions).
 */
let db: TestDatabase;
const PROFILES = 6;
const ids = Array.from({ length: PROFILES }, () => randomUUID());
const now = new Date('2026-11-22T12:00:00.000Z');
const DAY = 86_400_000;

beforeAll(async () => {
  db = await createTestDatabase();
  await bulkInsert(db, 'customers', [
    { name: 'id', type: 'uuid', values: ids },
    { name: 'name', type: 'text', values: ids.map((_, i) => `测试${i}`) },
    { name: 'phone', type: 'text', values: ids.map((_, i) => `1380000000${i}`) },
    { name: 'source', type: 'text', values: ids.map(() => 'test') },
  ]);
}, 60_000);
afterAll(async () => db?.destroy());

interface Ev {
  who: number;
  type: string;
  channel: string;
  at: number;
}
type EventCond = Extract<Condition, { kind: 'event' }>;

const WINDOWS = [1, 7, 30, 365];
const eventArb: fc.Arbitrary<Ev> = fc.record({
  who: fc.integer({ min: 0, max: PROFILES - 1 }),
  type: fc.constantFrom('quote_viewed', 'quote_view', 'application_started', 'ad_click'),
  channel: fc.constantFrom('web', 'douyin'),
  // minutes back (negative: after the evaluation time), or exactly on a window's edge
  at: fc.oneof(
    fc.integer({ min: -3 * 24 * 60, max: 400 * 24 * 60 }).map((m) => now.getTime() - m * 60_000),
    fc.integer({ min: -2 * 24 * 60, max: 8 * 24 * 60 }).map((m) => now.getTime() - m * 60_000),
    fc.constantFrom(0, ...WINDOWS).map((d) => now.getTime() - d * DAY),
  ),
});
const condArb: fc.Arbitrary<EventCond> = fc.record(
  {
    kind: fc.constant('event' as const),
    eventType: fc.constantFrom('quote_viewed' as const, 'application_started' as const, 'ad_click' as const),
    op: fc.constantFrom('eq' as const, 'gt' as const, 'gte' as const, 'lt' as const, 'lte' as const),
    count: fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 12 })),
    withinDays: fc.constantFrom(...WINDOWS),
    channel: fc.constantFrom('douyin', 'web'),
  },
  { requiredKeys: ['kind', 'eventType', 'op', 'count', 'withinDays'] },
);

/** The count of one condition for one profile, straight from the definition. */
function holds(c: EventCond, owner: number, events: readonly Ev[], survivorOf: readonly number[]): boolean {
  const types = c.eventType === 'quote_viewed' ? ['quote_viewed', 'quote_view'] : [c.eventType];
  const since = now.getTime() - c.withinDays * DAY;
  const n = events.filter((e) => survivorOf[e.who] === owner && types.includes(e.type) && (!c.channel || e.channel === c.channel) && e.at > since && e.at <= now.getTime()).length;
  return { eq: n === c.count, gt: n > c.count, gte: n >= c.count, lt: n < c.count, lte: n <= c.count }[c.op];
}

describe('segment event counts: customer_event_recent = the events scan = the definition', () => {
  it('gives identical counts on random data', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(eventArb, { minLength: 5, maxLength: 120, size: 'max' }),
        fc.array(fc.option(fc.integer({ min: 0, max: 2 }), { nil: null }), { minLength: 3, maxLength: 3 }),
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.tuple(fc.constantFrom('and' as const, 'or' as const), condArb, fc.option(condArb, { nil: null })), { minLength: 10, maxLength: 10 }),
        async (events, mergeTargets, statements, rules) => {
          // profiles 3..5 may be merged into 0..2
          const survivorOf = ids.map((_, i) => (i >= 3 && mergeTargets[i - 3] != null ? mergeTargets[i - 3]! : i));
          await db.query(`UPDATE customers SET merged_into = NULL`);
          for (let i = 3; i < PROFILES; i++) if (survivorOf[i] !== i) await db.query(`UPDATE customers SET merged_into = $1 WHERE id = $2`, [ids[survivorOf[i]!], ids[i]]);
          await db.query(`TRUNCATE customer_events`);
          // several statements, each in the order generated (not by time): the trigger merges them
          const per = Math.ceil(events.length / statements) || 1;
          for (let s = 0; s < events.length; s += per) {
            const part = events.slice(s, s + per);
            await bulkInsert(db, 'customer_events', [
              { name: 'customer_id', type: 'uuid', values: part.map((e) => ids[e.who]!) },
              { name: 'id', type: 'uuid', values: part.map(() => randomUUID()) },
              { name: 'type', type: 'text', values: part.map((e) => e.type) },
              { name: 'channel', type: 'text', values: part.map((e) => e.channel) },
              { name: 'occurred_at', type: 'timestamptz', values: part.map((e) => new Date(e.at).toISOString()) },
              { name: 'source', type: 'text', values: part.map(() => 'test') },
            ]);
          }
          // the derived table is what it says: per profile and type, the latest time and the ten newest
          const drift = await db.query(
            `(SELECT customer_id, type, max(occurred_at) AS last_at, (array_agg(occurred_at ORDER BY occurred_at DESC))[1:10] AS recent FROM customer_events GROUP BY 1, 2
              EXCEPT SELECT customer_id, type, last_at, recent FROM customer_event_recent)
             UNION ALL
             (SELECT customer_id, type, last_at, recent FROM customer_event_recent
              EXCEPT SELECT customer_id, type, max(occurred_at), (array_agg(occurred_at ORDER BY occurred_at DESC))[1:10] FROM customer_events GROUP BY 1, 2)`,
          );
          expect(drift).toEqual([]);
          for (const [op, a, b] of rules) {
            const rule: RuleGroup = { op, rules: b ? [a, b] : [a] };
            const expected = ids.filter((_, i) => survivorOf[i] === i && (op === 'and' ? [a, b].every((c) => !c || holds(c, i, events, survivorOf)) : [a, b].some((c) => c && holds(c, i, events, survivorOf)))).length;
            const fromRecent = await countRule(db, rule, now, 0, 'recent');
            const fromEvents = await countRule(db, rule, now, 0, 'events');
            expect({ rule, recent: fromRecent.count, events: fromEvents.count }).toEqual({ rule, recent: expected, events: expected });
          }
        },
      ),
      { numRuns: 50 },
    );
  }, 240_000);
});
