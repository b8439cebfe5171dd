import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RuleGroup, Segment } from '@autofin/contracts';
import { simulateMarket } from '@autofin/simulator';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { seedCustomerData } from '../customers/seed-customer-data.ts';

let t: TestApp;
let marketing: string;
let viewer: string;

beforeAll(async () => {
  t = await createTestApp();
  // The market as of 30 days ago in China: segments are evaluated on the real date, and the customers of
  // a market as of the simulator's fixed 2026-10-31 age with it (from about 2041 none of them would be
  // young enough for the built-in young_white_collar segment); its history still ends weeks ago, which
  // the calculator test below needs.
  await simulateMarket(t.database, { customers: 600, seed: 5, asOf: new Date(Date.now() + 8 * 3_600_000 - 30 * 86_400_000).toISOString().slice(0, 10) });
  await seedCustomerData(t.database);
  [marketing, viewer] = await Promise.all([t.login('marketing@autofin.local'), t.login('viewer@autofin.local')]);
}, 120_000);
afterAll(async () => t.close());

const post = (url: string, cookie: string, payload: unknown) => t.app.inject({ method: 'POST', url, headers: { cookie }, payload: payload as Record<string, unknown> });
const count = async (sql: string, params: unknown[] = []) => Number((await t.database.query<{ n: string }>(`SELECT count(*)::text AS n FROM (${sql}) s`, params))[0]!.n);
const preview = async (rule: RuleGroup) => {
  const res = await post('/api/segments/preview', marketing, { rule, sampleSize: 3 });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { count: number; sample: Array<{ phone: string }> };
};
const one = (c: RuleGroup['rules'][number]): RuleGroup => ({ op: 'and', rules: [c] });
const active = `SELECT c.* FROM customers c WHERE c.merged_into IS NULL`;

// Each operator and window against a count written directly in SQL (not through the compiler).
const cases: Array<[string, RuleGroup, string]> = [
  ['eq', one({ kind: 'attribute', field: 'occupation', op: 'eq', value: 'self_employed' }), `${active} AND c.occupation = 'self_employed'`],
  ['neq', one({ kind: 'attribute', field: 'occupation', op: 'neq', value: 'salaried' }), `${active} AND c.occupation IS DISTINCT FROM 'salaried'`],
  ['in', one({ kind: 'attribute', field: 'income_band', op: 'in', value: ['20k_50k', 'ge50k'] }), `${active} AND c.income_band IN ('20k_50k','ge50k')`],
  ['not_in', one({ kind: 'attribute', field: 'education', op: 'not_in', value: ['bachelor', 'postgraduate'] }), `${active} AND (c.education IS NULL OR c.education NOT IN ('bachelor','postgraduate'))`],
  ['gt', one({ kind: 'attribute', field: 'digital_score', op: 'gt', value: 60 }), `${active} AND c.digital_score > 60`],
  ['gte', one({ kind: 'attribute', field: 'digital_score', op: 'gte', value: 60 }), `${active} AND c.digital_score >= 60`],
  ['lt', one({ kind: 'attribute', field: 'children', op: 'lt', value: 1 }), `${active} AND c.children < 1`],
  ['lte', one({ kind: 'attribute', field: 'children', op: 'lte', value: 1 }), `${active} AND c.children <= 1`],
  ['between (age)', one({ kind: 'attribute', field: 'age', op: 'between', value: [25, 35] }), `${active} AND date_part('year', age(current_date, c.birth_date)) BETWEEN 25 AND 35`],
  ['city tier in', one({ kind: 'attribute', field: 'city_tier', op: 'in', value: [3, 4] }), `${active} AND c.city_id IN (SELECT id FROM cities WHERE tier IN (3,4))`],
  ['bool attribute', one({ kind: 'attribute', field: 'has_loan', op: 'eq', value: true }), `${active} AND c.id IN (SELECT customer_id FROM loans)`],
  ['trait gte', one({ kind: 'trait', field: 'nev_affinity', op: 'gte', value: 0.5 }), `${active} AND c.id IN (SELECT customer_id FROM customer_traits WHERE nev_affinity >= 0.5)`],
  ['trait in', one({ kind: 'trait', field: 'lifecycle_stage', op: 'in', value: ['applicant', 'customer'] }), `${active} AND c.id IN (SELECT customer_id FROM customer_traits WHERE lifecycle_stage IN ('applicant','customer'))`],
  [
    'event ≥ 1 in 60 days (legacy quote_view counts as quote_viewed)',
    one({ kind: 'event', eventType: 'quote_viewed', op: 'gte', count: 1, withinDays: 60 }),
    `${active} AND c.id IN (SELECT customer_id FROM customer_events WHERE type IN ('quote_view','quote_viewed') AND occurred_at > now() - interval '60 days')`,
  ],
  [
    'event ≥ 2 in 365 days',
    one({ kind: 'event', eventType: 'calculator_used', op: 'gte', count: 2, withinDays: 365 }),
    `${active} AND c.id IN (SELECT customer_id FROM customer_events WHERE type IN ('calculator_use','calculator_used') AND occurred_at > now() - interval '365 days' GROUP BY customer_id HAVING count(*) >= 2)`,
  ],
  [
    'event = 1 in 365 days',
    one({ kind: 'event', eventType: 'calculator_used', op: 'eq', count: 1, withinDays: 365 }),
    `${active} AND c.id IN (SELECT customer_id FROM customer_events WHERE type IN ('calculator_use','calculator_used') AND occurred_at > now() - interval '365 days' GROUP BY customer_id HAVING count(*) = 1)`,
  ],
  [
    'event = 0 in 90 days',
    one({ kind: 'event', eventType: 'dealer_visit', op: 'eq', count: 0, withinDays: 90 }),
    `${active} AND c.id NOT IN (SELECT customer_id FROM customer_events WHERE type = 'dealer_visit' AND occurred_at > now() - interval '90 days')`,
  ],
  [
    'event < 2 in 730 days',
    one({ kind: 'event', eventType: 'ad_click', op: 'lt', count: 2, withinDays: 730 }),
    `${active} AND c.id NOT IN (SELECT customer_id FROM customer_events WHERE type = 'ad_click' AND occurred_at > now() - interval '730 days' GROUP BY customer_id HAVING count(*) >= 2)`,
  ],
  [
    'event > 2 on one channel in 730 days',
    one({ kind: 'event', eventType: 'ad_click', channel: 'douyin', op: 'gt', count: 0, withinDays: 730 }),
    `${active} AND c.id IN (SELECT customer_id FROM customer_events WHERE type = 'ad_click' AND channel = 'douyin' AND occurred_at > now() - interval '730 days')`,
  ],
  [
    'event ≤ 1 in 730 days',
    one({ kind: 'event', eventType: 'ad_click', op: 'lte', count: 1, withinDays: 730 }),
    `${active} AND c.id NOT IN (SELECT customer_id FROM customer_events WHERE type = 'ad_click' AND occurred_at > now() - interval '730 days' GROUP BY customer_id HAVING count(*) >= 2)`,
  ],
  [
    'consent (WeChat marketing)',
    one({ kind: 'consent', purpose: 'marketing', channel: 'wechat', granted: true }),
    `${active} AND c.id IN (SELECT customer_id FROM customer_consents WHERE purpose = 'marketing' AND channel IN ('wechat','any') AND status = 'granted')
       AND c.id NOT IN (SELECT customer_id FROM customer_consents WHERE purpose = 'marketing' AND channel = 'wechat' AND status = 'withdrawn')`,
  ],
  [
    // several event conditions in one AND: compiled to one set driven by a required window (segment-sql.ts eventSet)
    'events combined: ≥ 2 calculator uses in 365 days and no dealer visit in 90 days',
    { op: 'and', rules: [{ kind: 'event', eventType: 'calculator_used', op: 'gte', count: 2, withinDays: 365 }, { kind: 'event', eventType: 'dealer_visit', op: 'eq', count: 0, withinDays: 90 }] },
    `${active} AND c.id IN (SELECT customer_id FROM customer_events WHERE type IN ('calculator_use','calculator_used') AND occurred_at > now() - interval '365 days' GROUP BY customer_id HAVING count(*) >= 2)
       AND c.id NOT IN (SELECT customer_id FROM customer_events WHERE type = 'dealer_visit' AND occurred_at > now() - interval '90 days')`,
  ],
  [
    'events combined: a quote in 365 days, exactly 1 calculator use in 365 days, fewer than 2 dealer visits in 365 days, an attribute',
    {
      op: 'and',
      rules: [
        { kind: 'event', eventType: 'quote_viewed', op: 'gt', count: 0, withinDays: 365 },
        { kind: 'event', eventType: 'calculator_used', op: 'eq', count: 1, withinDays: 365 },
        { kind: 'event', eventType: 'dealer_visit', op: 'lt', count: 2, withinDays: 365 },
        { kind: 'attribute', field: 'income_band', op: 'in', value: ['10k_20k', '20k_50k', 'ge50k'] },
      ],
    },
    `${active} AND c.income_band IN ('10k_20k','20k_50k','ge50k')
       AND c.id IN (SELECT customer_id FROM customer_events WHERE type IN ('quote_view','quote_viewed') AND occurred_at > now() - interval '365 days')
       AND c.id IN (SELECT customer_id FROM customer_events WHERE type IN ('calculator_use','calculator_used') AND occurred_at > now() - interval '365 days' GROUP BY customer_id HAVING count(*) = 1)
       AND c.id NOT IN (SELECT customer_id FROM customer_events WHERE type = 'dealer_visit' AND occurred_at > now() - interval '365 days' GROUP BY customer_id HAVING count(*) >= 2)`,
  ],
  [
    'OR group',
    { op: 'or', rules: [{ kind: 'attribute', field: 'credit_file', op: 'eq', value: 'impaired' }, { kind: 'attribute', field: 'income_band', op: 'eq', value: 'ge50k' }] },
    `${active} AND (c.credit_file = 'impaired' OR c.income_band = 'ge50k')`,
  ],
];

describe('segment rules: every operator and window equals a direct SQL count', () => {
  it.each(cases)('%s', async (_name, rule, sql) => {
    const expected = await count(sql);
    const got = await preview(rule);
    expect(got.count).toBe(expected);
  });

  it('the "done means" question: NEV-curious in tier-2 cities, quote viewed recently, no application, may be messaged by WeChat', async () => {
    const rule: RuleGroup = {
      op: 'and',
      rules: [
        { kind: 'trait', field: 'nev_affinity', op: 'gte', value: 0.4 },
        { kind: 'attribute', field: 'city_tier', op: 'eq', value: 2 },
        { kind: 'event', eventType: 'quote_viewed', op: 'gte', count: 1, withinDays: 120 },
        { kind: 'event', eventType: 'application_started', op: 'eq', count: 0, withinDays: 120 },
        { kind: 'consent', purpose: 'marketing', channel: 'wechat', granted: true },
      ],
    };
    const expected = await count(`${active}
      AND c.id IN (SELECT customer_id FROM customer_traits WHERE nev_affinity >= 0.4)
      AND c.city_id IN (SELECT id FROM cities WHERE tier = 2)
      AND c.id IN (SELECT customer_id FROM customer_events WHERE type IN ('quote_view','quote_viewed') AND occurred_at > now() - interval '120 days')
      AND c.id NOT IN (SELECT customer_id FROM customer_events WHERE type IN ('application_started') AND occurred_at > now() - interval '120 days')
      AND c.id IN (SELECT customer_id FROM customer_consents WHERE purpose = 'marketing' AND channel IN ('wechat','any') AND status = 'granted')
      AND c.id NOT IN (SELECT customer_id FROM customer_consents WHERE purpose = 'marketing' AND channel = 'wechat' AND status = 'withdrawn')`);
    const got = await preview(rule);
    expect(got.count).toBe(expected);
    for (const s of got.sample) expect(s.phone).toMatch(/^1\d{2}\*{4}\d{4}$/);
  });

  it('refuses operators that do not fit the field, naming it', async () => {
    const res = await post('/api/segments/preview', marketing, { rule: one({ kind: 'attribute', field: 'occupation', op: 'gt', value: 'x' }) });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ errors: [{ field: 'rule.rules[0].op' }] });
  });

  it('values travel as parameters: a quote in a value is just a value', async () => {
    const got = await preview(one({ kind: 'attribute', field: 'occupation', op: 'eq', value: "x' OR '1'='1" }));
    expect(got.count).toBe(0);
  });
});

describe('built-in segments and membership', () => {
  it('GET /api/segments lists the built-in segments of the demo market with counts equal to their members', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/segments', headers: { cookie: viewer } });
    const items = (res.json() as { items: Segment[] }).items;
    expect(items.map((s) => s.code)).toEqual(expect.arrayContaining(['high_income', 'credit_impaired', 'eco_nev', 'young_white_collar', 'lower_tier_blue_collar']));
    const impaired = items.find((s) => s.code === 'credit_impaired')!;
    expect(impaired.count).toBe(await count(`${active} AND c.credit_file = 'impaired'`));
    expect(impaired.count).toBeGreaterThan(0);
    // Entry time is the evaluation time to the microsecond, also for rules that read today's date (age).
    const young = items.find((s) => s.code === 'young_white_collar')!;
    const off = await t.database.query<{ n: string }>(
      `SELECT count(*)::text AS n FROM segment_memberships sm JOIN segments s ON s.id = sm.segment_id WHERE s.id = $1 AND (sm.entered_at <> s.created_at OR s.evaluated_at <> s.created_at)`,
      [young.id],
    );
    expect(young.count).toBeGreaterThan(0);
    expect(off[0]!.n).toBe('0');
  });

  it('a saved segment records who entered when an event arrives, within 5 s (the refresh worker)', async () => {
    const created = await post('/api/segments', marketing, { name: 'Calculator today', rule: one({ kind: 'event', eventType: 'calculator_used', op: 'gte', count: 1, withinDays: 1 }) });
    expect(created.statusCode, created.body).toBe(201);
    const seg = created.json() as Segment;
    expect(seg.count).toBe(0); // the simulated history ends weeks ago
    const [c] = await t.database.query<{ id: string }>(`SELECT id FROM customers WHERE source = 'simulator' ORDER BY id LIMIT 1`);
    const since = new Date(Date.now() - 1000).toISOString();
    const t0 = performance.now();
    const ev = await post('/api/events', marketing, { events: [{ type: 'calculator_used', occurredAt: new Date().toISOString(), channel: 'web', customerId: c!.id, payload: { price_yuan: 150000 } }] });
    expect(ev.statusCode, ev.body).toBe(202);
    // What a campaign does: poll the changes until the customer shows.
    let items: Array<{ customerId: string; leftAt: string | null }> = [];
    while (items.length === 0 && performance.now() - t0 < 10_000) {
      const changes = await t.app.inject({ method: 'GET', url: `/api/segments/${seg.id}/changes?since=${encodeURIComponent(since)}`, headers: { cookie: marketing } });
      items = (changes.json() as { items: typeof items }).items;
      if (items.length === 0) await new Promise((r) => setTimeout(r, 50));
    }
    const latencyMs = performance.now() - t0;
    expect(items).toEqual([expect.objectContaining({ customerId: c!.id, leftAt: null })]);
    expect(latencyMs).toBeLessThan(5_000);
    const after = (await t.app.inject({ method: 'GET', url: `/api/segments/${seg.id}`, headers: { cookie: marketing } })).json() as Segment;
    expect(after.count).toBe(1);
  });

  it('export is masked, consent-filtered when a channel is given, and audited', async () => {
    const list = (await t.app.inject({ method: 'GET', url: '/api/segments', headers: { cookie: marketing } })).json() as { items: Segment[] };
    const seg = list.items.find((s) => s.code === 'high_income')!;
    const res = await post(`/api/segments/${seg.id}/export`, marketing, { reason: 'November SMS campaign', channel: 'sms' });
    expect(res.statusCode, res.body).toBe(200);
    const lines = res.body.trim().split('\n');
    const expected = await count(
      `SELECT sm.customer_id FROM segment_memberships sm WHERE sm.segment_id = $1 AND sm.left_at IS NULL
         AND sm.customer_id IN (SELECT customer_id FROM customer_consents WHERE purpose = 'marketing' AND channel IN ('sms','any') AND status = 'granted')
         AND sm.customer_id NOT IN (SELECT customer_id FROM customer_consents WHERE purpose = 'marketing' AND channel = 'sms' AND status = 'withdrawn')`,
      [seg.id],
    );
    expect(lines.length - 1).toBe(expected);
    for (const l of lines.slice(1)) expect(l.split(',')[2]).toMatch(/^1\d{2}\*{4}\d{4}$/);
    const audit = await t.database.query<{ after: { rows: number; reason: string } }>(`SELECT after FROM audit_log WHERE action = 'segment.exported'`);
    expect(audit[0]!.after).toMatchObject({ rows: expected, reason: 'November SMS campaign' });
  });
});
