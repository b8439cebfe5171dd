import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Journey, JourneyDefinitionInput, JourneyStats } from '@autofin/contracts';
import { simulateMarket } from '@autofin/simulator';
import { arrayLiteral } from '@autofin/db';
import { validateJourneyTemplates } from '@autofin/domain';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { seedCustomerData } from '../customers/seed-customer-data.ts';
import { runJourneysOnce } from './journey-runner.ts';
import { DEMO_JOURNEYS, seedDemoJourneys } from './seed-demo-journeys.ts';
import { SETTLE_MS as SETTLE } from './journey-triggers.repository.ts';

let t: TestApp;
let marketing: string;
let compliance: string;
let admin: string;

/** Times in the runner tests count from the journey's activation (set by live()). */
let T0 = new Date();
const at = (ms: number) => new Date(T0.getTime() + ms);
const MIN = 60_000;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

beforeAll(async () => {
  t = await createTestApp({ AUTOFIN_CAMPAIGN_JOBS: 'false' });
  // The market as of yesterday in China, as the demo server seeds it: the runner tests run on the real
  // clock (a journey's activation), and a market as of the simulator's fixed 2026-10-31 would hold no
  // 36-month loan reaching month 30 in the 400 days after it once that date is 2½ years behind.
  await simulateMarket(t.database, { customers: 400, seed: 21, asOf: new Date(Date.now() + 8 * HOUR - DAY).toISOString().slice(0, 10) });
  await seedCustomerData(t.database);
  [marketing, compliance, admin] = await Promise.all([t.login('marketing@autofin.local'), t.login('compliance@autofin.local'), t.login('admin@autofin.local')]);
}, 180_000);
afterAll(async () => t.close());

const req = (method: 'GET' | 'POST' | 'PUT', url: string, cookie: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: { cookie }, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });
const q = <T>(sql: string, params: unknown[] = []) => t.database.query<T>(sql, params);

/** Creates (marketing), approves (compliance) and activates (marketing) a journey; returns it. */
async function live(def: JourneyDefinitionInput): Promise<Journey> {
  const created = await req('POST', '/api/journeys', marketing, def);
  expect(created.statusCode, created.body).toBe(201);
  const id = (created.json() as Journey).id;
  expect((await req('POST', `/api/journeys/${id}/approve`, compliance)).statusCode).toBe(200);
  const activated = await req('POST', `/api/journeys/${id}/activate`, marketing);
  expect(activated.statusCode, activated.body).toBe(200);
  const journey = activated.json() as Journey;
  T0 = new Date(journey.activatedAt!);
  return journey;
}

async function event(customerId: string, type: string, when: Date): Promise<void> {
  await q(`INSERT INTO customer_events (customer_id, type, channel, occurred_at, received_at, payload, source) VALUES ($1, $2, 'app', $3, $3, '{}', 'test')`, [customerId, type, when]);
}

/** Customers without any application (an open one would suppress marketing), with or without SMS marketing consent. */
async function pickCustomers(withSmsConsent: boolean, n: number, exclude: string[] = []): Promise<string[]> {
  const rows = await q<{ id: string }>(
    `SELECT c.id FROM customers c
      WHERE c.merged_into IS NULL AND NOT EXISTS (SELECT 1 FROM applications a WHERE a.customer_id = c.id)
        AND NOT EXISTS (SELECT 1 FROM loans l WHERE l.customer_id = c.id)
        AND ${withSmsConsent ? '' : 'NOT '}EXISTS (SELECT 1 FROM customer_consents k WHERE k.customer_id = c.id AND k.purpose = 'marketing' AND k.channel = 'sms' AND k.status = 'granted')
        ${withSmsConsent ? '' : `AND NOT EXISTS (SELECT 1 FROM customer_consents k WHERE k.customer_id = c.id AND k.purpose = 'marketing' AND k.status = 'granted')`}
        AND NOT (c.id = ANY($1::uuid[]))
      ORDER BY c.id LIMIT $2`,
    [arrayLiteral(exclude), n],
  );
  expect(rows.length).toBe(n);
  return rows.map((r) => r.id);
}

const abandoned: JourneyDefinitionInput = {
  name: 'test: application abandoned 24 h → reminder',
  trigger: { type: 'event', eventType: 'application_started' },
  steps: [
    { id: 'wait_24h', type: 'wait', hours: 24 },
    { id: 'not_submitted', type: 'condition', all: [{ kind: 'no_application' }] },
    { id: 'reminder', type: 'send', channel: 'sms', template: { zh: '{{name|您好}}，您的申请尚未提交。回T退订' } },
  ],
  exits: [{ kind: 'application_submitted' }],
  reentry: { mode: 'after_exit', cooldownDays: 30 },
};

describe('journeys API: versions and four eyes', () => {
  it('marketing creates; marketing cannot approve; the author cannot approve; compliance can; an edit needs a new approval', async () => {
    const created = await req('POST', '/api/journeys', admin, abandoned);
    expect(created.statusCode, created.body).toBe(201);
    const j = created.json() as Journey;
    expect(j).toMatchObject({ status: 'draft', version: 1, approvedBy: null, demo: false });
    expect((await req('POST', `/api/journeys/${j.id}/approve`, marketing)).statusCode).toBe(403); // role
    const self = await req('POST', `/api/journeys/${j.id}/approve`, admin);
    expect(self.statusCode).toBe(403);
    expect(self.json()).toMatchObject({ code: 'JOURNEY_SELF_APPROVAL' });
    expect((await req('POST', `/api/journeys/${j.id}/activate`, marketing)).json()).toMatchObject({ code: 'JOURNEY_WRONG_STATE' });
    const approved = await req('POST', `/api/journeys/${j.id}/approve`, compliance);
    expect(approved.json()).toMatchObject({ status: 'approved', version: 1 });
    // Editing the approved version makes version 2, back to draft, approval gone.
    const edited = await req('PUT', `/api/journeys/${j.id}`, marketing, { ...abandoned, name: 'edited' });
    expect(edited.json()).toMatchObject({ status: 'draft', version: 2, approvedBy: null });
    const versions = await q<{ version: number }>(`SELECT version FROM journey_versions WHERE journey_id = $1 ORDER BY version`, [j.id]);
    expect(versions.map((v) => v.version)).toEqual([1, 2]);
    // marketing wrote version 2, so compliance may approve it and marketing activate it.
    expect((await req('POST', `/api/journeys/${j.id}/approve`, compliance)).statusCode).toBe(200);
    expect((await req('POST', `/api/journeys/${j.id}/activate`, marketing)).json()).toMatchObject({ status: 'active' });
    expect((await req('PUT', `/api/journeys/${j.id}`, marketing, abandoned)).statusCode).toBe(409);
    expect((await req('POST', `/api/journeys/${j.id}/archive`, marketing)).json()).toMatchObject({ status: 'archived' });
    const audit = await q<{ action: string }>(`SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY at, id`, [j.id]);
    expect(audit.map((a) => a.action)).toEqual(['journey.created', 'journey.approved', 'journey.updated', 'journey.approved', 'journey.activated', 'journey.archived']);
  });

  it('bad definitions are 400 naming the field; a segment trigger must name a segment', async () => {
    const bad = await req('POST', '/api/journeys', marketing, { ...abandoned, steps: [{ id: 'w', type: 'wait', hours: 0 }] });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toContain('steps');
    const badTemplate = await req('POST', '/api/journeys', marketing, { ...abandoned, steps: [{ id: 'send', type: 'send', channel: 'sms', template: { zh: '{{name}}，{{offer_expires}}前有效' } }] });
    expect(badTemplate.statusCode).toBe(422);
    expect((badTemplate.json() as { errors: Array<{ field: string }> }).errors.map((e) => e.field)).toEqual(['steps.0.template.zh', 'steps.0.template.zh']);
    const noSeg = await req('POST', '/api/journeys', marketing, { ...abandoned, trigger: { type: 'segment_entered', segmentId: '00000000-0000-4000-8000-000000000000' } });
    expect(noSeg.statusCode).toBe(404);
    expect(Number((await q<{ n: string }>(`SELECT count(*) AS n FROM journeys WHERE definition->'trigger'->>'segmentId' = '00000000-0000-4000-8000-000000000000'`))[0]!.n)).toBe(0);
  });
});

describe('journey runner', () => {
  it('enrols on an event, waits 24 h, exits on an application, sends through the contact policy (no consent → a recorded suppression)', async () => {
    const j = await live(abandoned);
    const [consented, applying] = await pickCustomers(true, 2);
    const [noConsent] = await pickCustomers(false, 1);
    // Before activation: does not count (the journey reacts to what happens from now on).
    await event(consented!, 'application_started', at(-HOUR));
    for (const id of [consented!, noConsent!, applying!]) await event(id, 'application_started', at(MIN));

    let run = await runJourneysOnce(t.database, at(MIN + SETTLE - 1));
    expect(run.enrolled).toBe(0); // the events are not settled yet
    run = await runJourneysOnce(t.database, at(2 * MIN + SETTLE));
    expect(run.enrolled).toBe(3);
    const enrolments = await q<{ customer_id: string; step_index: number; next_run_at: Date; enrolled_at: Date }>(
      `SELECT customer_id, step_index, next_run_at, enrolled_at FROM journey_enrolments WHERE journey_id = $1`,
      [j.id],
    );
    expect(enrolments).toHaveLength(3);
    // The wait counts from the event (enrolled_at = when it happened): due exactly 24 h after it.
    for (const e of enrolments) expect(new Date(e.next_run_at).getTime()).toBe(at(MIN + DAY).getTime());

    // A second read of the same events enrols nobody twice.
    expect((await runJourneysOnce(t.database, at(3 * MIN + SETTLE))).enrolled).toBe(0);

    // One of them submits an application 5 hours later.
    await q(
      `INSERT INTO applications (customer_id, channel, vehicle_condition, vehicle_price_fen, down_payment_fen, requested_amount_fen, term_months, status, submitted_at, source)
       VALUES ($1, 'online', 'new', 20000000, 6000000, 14000000, 36, 'declined', $2, 'test')`,
      [applying, at(5 * HOUR)],
    );
    run = await runJourneysOnce(t.database, at(MIN + DAY));
    expect(run).toMatchObject({ exited: 1, completed: 2, sent: 1, suppressed: 1 });

    const msgs = await q<{ customer_id: string; status: string; reason: string | null; journey_key: string }>(
      `SELECT customer_id, status, reason, journey_key FROM campaign_messages WHERE journey_id = $1 ORDER BY status`,
      [j.id],
    );
    expect(msgs).toHaveLength(2);
    const byCustomer = new Map(msgs.map((m) => [m.customer_id, m]));
    expect(['queued', 'deferred']).toContain(byCustomer.get(consented!)!.status); // deferred if 24 h later falls in quiet hours
    expect(byCustomer.get(noConsent!)).toMatchObject({ status: 'suppressed', reason: 'no_consent' });
    expect(byCustomer.has(applying!)).toBe(false);

    const stats = (await req('GET', `/api/journeys/${j.id}/stats`, marketing)).json() as JourneyStats;
    expect(stats).toMatchObject({ enrolled: 3, active: 0, completed: 2, exited: { application_submitted: 1 }, messages: { queued: 1, suppressed: { no_consent: 1 } }, conversions: 1 });

    // Re-entry: the customer who just completed starts again; the 30-day cooldown keeps them out.
    await event(consented!, 'application_started', at(DAY + 2 * MIN));
    run = await runJourneysOnce(t.database, at(DAY + 4 * MIN));
    expect(run).toMatchObject({ enrolled: 0, skipped: 1 });
  });

  it('enrols a customer who enters a segment after activation (not the members before), and pauses', async () => {
    const seg = await req('POST', '/api/segments', marketing, { name: 'journey test segment', rule: { op: 'and', rules: [{ kind: 'attribute', field: 'occupation', op: 'eq', value: 'retired' }] } });
    expect(seg.statusCode, seg.body).toBe(201);
    const segmentId = (seg.json() as { id: string }).id;
    const before = Number((await q<{ n: string }>(`SELECT count(*) AS n FROM segment_memberships WHERE segment_id = $1 AND left_at IS NULL`, [segmentId]))[0]!.n);
    expect(before).toBeGreaterThan(0);
    const j = await live({ ...abandoned, name: 'test: entered segment', trigger: { type: 'segment_entered', segmentId } });
    // Two customers enter the segment after activation, at the same moment (as a rebuild writes them).
    const members = await q<{ customer_id: string }>(`SELECT customer_id FROM segment_memberships WHERE segment_id = $1`, [segmentId]);
    const newcomers = await pickCustomers(true, 2, members.map((m) => m.customer_id));
    await q(`INSERT INTO segment_memberships (segment_id, customer_id, entered_at) VALUES ($1, $2, $4), ($1, $3, $4) ON CONFLICT DO NOTHING`, [segmentId, newcomers[0], newcomers[1], at(30_000)]);
    const run = await runJourneysOnce(t.database, at(30_000 + SETTLE + 1000));
    expect(run.enrolled).toBe(2);
    const enrolled = await q<{ customer_id: string }>(`SELECT customer_id FROM journey_enrolments WHERE journey_id = $1 ORDER BY customer_id`, [j.id]);
    expect(enrolled.map((e) => e.customer_id)).toEqual([...newcomers].sort());

    // Paused: due enrolments stay where they are.
    expect((await req('POST', `/api/journeys/${j.id}/pause`, marketing)).json()).toMatchObject({ status: 'paused' });
    await runJourneysOnce(t.database, at(2 * DAY));
    const still = await q<{ n: string }>(`SELECT count(*) AS n FROM journey_enrolments WHERE journey_id = $1 AND status = 'active' AND step_index = 0`, [j.id]);
    expect(Number(still[0]!.n)).toBe(2);
  });

  it('enrols loans reaching 30 months of a 36-month term, as a direct SQL count of the loans says', async () => {
    const j = await live({
      name: 'test: loan 30 of 36',
      trigger: { type: 'loan_milestone', monthsOnBook: 30, termMonths: 36 },
      steps: [{ id: 'trade_in', type: 'send', channel: 'dealer_task', template: { zh: '置换邀约' } }],
      reentry: { mode: 'never', cooldownDays: 0 },
    });
    const activatedAt = new Date(j.activatedAt!);
    const now = at(400 * DAY);
    const until = new Date(now.getTime() - SETTLE);
    const [expected] = await q<{ n: string }>(
      `SELECT count(DISTINCT customer_id) AS n FROM loans
        WHERE status = 'active' AND term_months = 36
          AND (funded_at + interval '30 months')::timestamptz > $1 AND (funded_at + interval '30 months')::timestamptz <= $2`,
      [activatedAt, until],
    );
    expect(Number(expected!.n)).toBeGreaterThan(0);
    const run = await runJourneysOnce(t.database, now);
    const [got] = await q<{ n: string }>(`SELECT count(DISTINCT customer_id) AS n FROM journey_enrolments WHERE journey_id = $1`, [j.id]);
    expect(Number(got!.n)).toBe(Number(expected!.n));
    expect(run.enrolled).toBe(Number(expected!.n));
  });
});

describe('demo journeys', () => {
  it('the three issue journeys are seeded once with the demo market, as drafts labelled 演示数据', async () => {
    expect(await seedDemoJourneys(t.database)).toBe(3);
    expect(await seedDemoJourneys(t.database)).toBe(0);
    const list = (await req('GET', '/api/journeys', marketing)).json() as { items: Journey[] };
    const demo = list.items.filter((j) => j.demo);
    expect(demo).toHaveLength(DEMO_JOURNEYS.length);
    for (const j of demo) {
      expect(j.status).toBe('draft');
      expect(j.definition.name).toContain('演示数据');
    }
    expect(demo.map((j) => j.definition.trigger.type).sort()).toEqual(['event', 'event', 'loan_milestone']);
    // Their templates pass the outbox's template rules (what the API would refuse otherwise).
    for (const j of demo) expect(validateJourneyTemplates(j.definition)).toEqual([]);
  });
});
