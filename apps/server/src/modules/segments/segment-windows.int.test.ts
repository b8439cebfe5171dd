import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { bulkInsert, createTestDatabase, type TestDatabase } from '@autofin/db';
import type { Condition, RuleGroup } from '@autofin/contracts';
import { countRule } from './membership.repository.ts';
import { combinedSetCandidates, compileRule, matchingProfiles, PROFILE_ACTIVE, PROFILE_FROM, windowKey, type WindowEstimates } from './segment-sql.ts';

/**
 * Whole-market counts (matchingProfiles: profiles without merged ones through semi-joins on their own
 * window events, the others per profile with their members' events — ADR 0017) must give exactly the
 * members of the per-profile evaluation membership refreshes use ('rows' over every profile), and of an
 * independent count done here in JavaScript over the generated events: random profiles (some merged
 * into others), random events (legacy type names, two channels, times up to 400 days back and a few
 * after the evaluation time, some exactly on a window's edge), inserted in several statements out of
 * time order, and random rules (every operator, counts 0–12, 1–365 day windows, with and without a
 * channel, AND/OR of two conditions). Whole-market, an AND's event conditions are checked in both forms the
 * planner-estimate guard chooses between (one combined set, separate joins; ADR 0021).
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

async function marketMembers(on: TestDatabase, rule: RuleGroup, at: Date, estimates?: WindowEstimates): Promise<string[]> {
  const { sql, params } = matchingProfiles(rule, estimates);
  return (await on.query<{ id: string }>(`SELECT id FROM (${sql}) m ORDER BY id`, [at.toISOString(), ...params])).map((r) => r.id);
}
async function rowMembers(on: TestDatabase, rule: RuleGroup, at: Date): Promise<string[]> {
  const { where, params } = compileRule(rule, 1, 'rows');
  return (await on.query<{ id: string }>(`SELECT c.id FROM ${PROFILE_FROM} WHERE ${PROFILE_ACTIVE} AND ${where} ORDER BY c.id`, [at.toISOString(), ...params])).map((r) => r.id);
}

describe('segment event counts: the whole-market path = the per-profile path = the definition', () => {
  it('gives identical members on random data', async () => {
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
          // several statements, each in the order generated (not by time): late arrivals of older events
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
          for (const [op, a, b] of rules) {
            const rule: RuleGroup = { op, rules: b ? [a, b] : [a] };
            const expected = ids.filter((_, i) => survivorOf[i] === i && (op === 'and' ? [a, b].every((c) => !c || holds(c, i, events, survivorOf)) : [a, b].some((c) => c && holds(c, i, events, survivorOf)))).sort();
            const market = await marketMembers(db, rule, now);
            const rows = await rowMembers(db, rule, now);
            // both forms an AND's event conditions may take whole-market (ADR 0021): estimates that make the guard
            // choose one set (every window empty), and the separate joins (every window larger than the market)
            const estimated = (events: number): WindowEstimates => ({ events: new Map(combinedSetCandidates(rule).map((c) => [windowKey(c), events])), profiles: PROFILES });
            const combined = await marketMembers(db, rule, now, estimated(0));
            const separate = await marketMembers(db, rule, now, estimated(PROFILES * 1000));
            expect({ rule, market, rows, combined, separate }).toEqual({ rule, market: expected, rows: expected, combined: expected, separate: expected });
          }
          // the preview's count is the number of those members
          const [op, a, b] = rules[0]!;
          const first: RuleGroup = { op, rules: b ? [a, b] : [a] };
          expect((await countRule(db, first, now, 0)).count).toBe((await rowMembers(db, first, now)).length);
        },
      ),
      { numRuns: 50 },
    );
  }, 240_000);
});

/**
 * The edges, by hand, on PostgreSQL's own clock arithmetic: "in the last 7 days" at 2026-11-22 12:00 UTC
 * is (2026-11-15 12:00, 2026-11-22 12:00] — an event exactly 7 days back is out, one a millisecond later
 * and one exactly at the evaluation time are in, one after it is out. Expected members are listed per
 * rule below and also counted by a direct SQL over customer_events written here (owner = merged_into or
 * the profile itself), not through the compiler.
 */
describe('segment event windows: edges, late events and a merged profile against a direct SQL', () => {
  let edge: TestDatabase;
  const P = Array.from({ length: 7 }, () => randomUUID());
  const at = (iso: string) => new Date(iso).toISOString();
  beforeAll(async () => {
    edge = await createTestDatabase();
    await bulkInsert(edge, 'customers', [
      { name: 'id', type: 'uuid', values: P },
      { name: 'name', type: 'text', values: P.map((_, i) => `边界${i}`) },
      { name: 'phone', type: 'text', values: P.map((_, i) => `1390000000${i}`) },
      { name: 'source', type: 'text', values: P.map(() => 'test') },
    ]);
    // P3 was merged into P4: P3's events count for P4, and P3 is never a member itself
    await edge.query(`UPDATE customers SET merged_into = $1 WHERE id = $2`, [P[4], P[3]]);
    const insert = async (rows: Array<[number, string, string, string?]>) =>
      bulkInsert(edge, 'customer_events', [
        { name: 'customer_id', type: 'uuid', values: rows.map((r) => P[r[0]]!) },
        { name: 'id', type: 'uuid', values: rows.map(() => randomUUID()) },
        { name: 'type', type: 'text', values: rows.map((r) => r[1]) },
        { name: 'channel', type: 'text', values: rows.map(() => 'web') },
        { name: 'occurred_at', type: 'timestamptz', values: rows.map((r) => at(r[2])) },
        { name: 'received_at', type: 'timestamptz', values: rows.map((r) => at(r[3] ?? r[2])) },
        { name: 'source', type: 'text', values: rows.map(() => 'test') },
      ]);
    await insert([
      [0, 'quote_viewed', '2026-11-15T12:00:00.000Z'], // exactly 7 days back: out
      [1, 'quote_viewed', '2026-11-15T12:00:00.001Z'], // a millisecond later: in
      [1, 'quote_viewed', '2026-11-22T12:00:00.000Z'], // exactly at the evaluation time: in
      [2, 'quote_viewed', '2026-10-20T09:00:00.000Z'], // a month back: out
      [3, 'quote_viewed', '2026-11-21T08:00:00.000Z'], // merged profile: counts for P4
      [4, 'quote_viewed', '2026-11-20T08:00:00.000Z'],
      [5, 'quote_viewed', '2026-11-22T13:00:00.000Z'], // after the evaluation time: out
      [5, 'application_started', '2026-11-21T10:00:00.000Z'],
      [6, 'quote_viewed', '2026-11-16T10:00:00.000Z'],
      [6, 'application_started', '2026-11-16T11:00:00.000Z'],
    ]);
    // a late arrival in a later statement: received now, happened three days ago, under the legacy name
    await insert([[2, 'quote_view', '2026-11-19T12:00:00.000Z', '2026-11-22T11:59:00.000Z']]);
  }, 60_000);
  afterAll(async () => edge?.destroy());

  const evaluatedAt = new Date('2026-11-22T12:00:00.000Z');
  const quoteIn7 = (op: 'gte' | 'eq', count: number) => ({ kind: 'event' as const, eventType: 'quote_viewed' as const, op, count, withinDays: 7 });
  const noApplication = { kind: 'event' as const, eventType: 'application_started' as const, op: 'eq' as const, count: 0, withinDays: 7 };
  /** Owners whose window count of these types satisfies `having`, straight from customer_events. */
  const direct = async (types: string[], having: string, exclude?: { types: string[] }) =>
    (
      await edge.query<{ id: string }>(
        `WITH owned AS (SELECT coalesce(c.merged_into, c.id) AS owner, e.type FROM customer_events e JOIN customers c ON c.id = e.customer_id
                         WHERE e.occurred_at > $1::timestamptz - interval '7 days' AND e.occurred_at <= $1::timestamptz)
         SELECT c.id FROM customers c
          WHERE c.merged_into IS NULL
            AND (SELECT count(*) FROM owned o WHERE o.owner = c.id AND o.type = ANY($2::text[])) ${having}
            AND NOT EXISTS (SELECT 1 FROM owned o WHERE o.owner = c.id AND o.type = ANY($3::text[]))
          ORDER BY c.id`,
        [evaluatedAt.toISOString(), `{${types.join(',')}}`, `{${(exclude?.types ?? []).join(',')}}`],
      )
    ).map((r) => r.id);
  const byHand = (...i: number[]) => i.map((k) => P[k]!).sort();
  const quoteTypes = ['quote_viewed', 'quote_view'];

  it('quote viewed at least once in 7 days: P1 (edge + now), P2 (late, legacy name), P4 (own + merged P3), P6', async () => {
    const rule: RuleGroup = { op: 'and', rules: [quoteIn7('gte', 1)] };
    expect(await direct(quoteTypes, '>= 1')).toEqual(byHand(1, 2, 4, 6));
    expect(await marketMembers(edge, rule, evaluatedAt)).toEqual(byHand(1, 2, 4, 6));
    expect(await rowMembers(edge, rule, evaluatedAt)).toEqual(byHand(1, 2, 4, 6));
  });

  it('at least twice: P1 (two in the window) and P4 (one own, one from the merged P3)', async () => {
    const rule: RuleGroup = { op: 'and', rules: [quoteIn7('gte', 2)] };
    expect(await direct(quoteTypes, '>= 2')).toEqual(byHand(1, 4));
    expect(await marketMembers(edge, rule, evaluatedAt)).toEqual(byHand(1, 4));
    expect((await countRule(edge, rule, evaluatedAt, 5)).count).toBe(2);
  });

  it('quote viewed and no application started: P6 applied, so P1, P2, P4', async () => {
    const rule: RuleGroup = { op: 'and', rules: [quoteIn7('gte', 1), noApplication] };
    expect(await direct(quoteTypes, '>= 1', { types: ['application_started'] })).toEqual(byHand(1, 2, 4));
    expect(await marketMembers(edge, rule, evaluatedAt)).toEqual(byHand(1, 2, 4));
  });

  it('no quote in 7 days: P0 (exactly on the edge) and P5 (only after the evaluation time); never the merged P3', async () => {
    const rule: RuleGroup = { op: 'and', rules: [quoteIn7('eq', 0)] };
    expect(await direct(quoteTypes, '= 0')).toEqual(byHand(0, 5));
    expect(await marketMembers(edge, rule, evaluatedAt)).toEqual(byHand(0, 5));
    expect(await rowMembers(edge, rule, evaluatedAt)).toEqual(byHand(0, 5));
  });
});
