import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CampaignReport, CreateCampaignBody } from '@autofin/contracts';
import { simulateMarket } from '@autofin/simulator';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { buildAudience } from './launch.service.ts';

let t: TestApp;
let marketing: string;
let compliance: string;
let admin: string;
let viewer: string;
let clock = new Date('2026-11-23T02:00:00Z'); // 10:00 in Shanghai: outside quiet hours

beforeAll(async () => {
  t = await createTestApp({ AUTOFIN_CAMPAIGN_JOBS: 'false' });
  await simulateMarket(t.database, { customers: 400, seed: 8 });
  t.app.setCampaignClock(() => clock);
  [marketing, compliance, admin, viewer] = await Promise.all([
    t.login('marketing@autofin.local'),
    t.login('compliance@autofin.local'),
    t.login('admin@autofin.local'),
    t.login('viewer@autofin.local'),
  ]);
}, 120_000);
afterAll(async () => t.close());

const req = (method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, cookie: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: { cookie }, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });
const one = async <T>(sql: string, params: unknown[] = []) => (await t.database.query<T>(sql, params))[0]!;
const count = async (sql: string, params: unknown[] = []) => Number((await one<{ n: string }>(`SELECT count(*)::text AS n FROM (${sql}) s`, params)).n);

/**
 * A segment of `size` simulated customers (first by id after an offset), all with a phone and a
 * granted SMS marketing consent — so what the policy holds back is only what each test arranges
 * (or the simulated market's delinquent loans and open applications, counted from SQL).
 */
async function segmentOf(size: number, offset: number): Promise<{ id: string; members: string[] }> {
  const seg = await one<{ id: string }>(`INSERT INTO segments (name, rule) VALUES ($1, '{"op":"and","rules":[]}'::jsonb) RETURNING id`, [`test ${offset}`]);
  const members = (await t.database.query<{ id: string }>(`SELECT id FROM customers WHERE merged_into IS NULL ORDER BY id OFFSET $1 LIMIT $2`, [offset, size])).map((r) => r.id);
  await t.database.query(`INSERT INTO segment_memberships (segment_id, customer_id, entered_at) SELECT $1::uuid, unnest($2::uuid[]), '2026-11-01T00:00:00Z'`, [seg.id, `{${members.join(',')}}`]);
  await t.database.query(
    `INSERT INTO customer_consents (customer_id, purpose, channel, status, granted_at, captured_via)
     SELECT unnest($1::uuid[]), 'marketing', 'sms', 'granted', '2026-01-01T00:00:00Z', 'app'
     ON CONFLICT (customer_id, purpose, channel) DO UPDATE SET status = 'granted', withdrawn_at = NULL, granted_at = '2026-01-01T00:00:00Z'`,
    [`{${members.join(',')}}`],
  );
  return { id: seg.id, members };
}

const body = (segmentId: string, extra: Partial<CreateCampaignBody> = {}): CreateCampaignBody => ({
  name: '新能源限时优惠',
  segmentId,
  channel: 'sms',
  template: { zh: '{{name|您好}}，新能源车贷限时优惠，详询经销商。' },
  schedule: { type: 'now' },
  holdoutPercent: 10,
  ...extra,
});

async function createApproved(segmentId: string, extra: Partial<CreateCampaignBody> = {}): Promise<string> {
  const created = await req('POST', '/api/campaigns', marketing, body(segmentId, extra));
  expect(created.statusCode, created.body).toBe(201);
  const id = created.json<{ id: string }>().id;
  const approved = await req('POST', `/api/campaigns/${id}/approve`, compliance);
  expect(approved.statusCode, approved.body).toBe(200);
  return id;
}

async function launch(id: string): Promise<void> {
  const res = await req('POST', `/api/campaigns/${id}/launch`, marketing);
  expect(res.statusCode, res.body).toBe(200);
  await t.app.campaignJobs.tick();
}

async function report(id: string): Promise<CampaignReport> {
  const res = await req('GET', `/api/campaigns/${id}/report`, viewer);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<CampaignReport>();
}

describe('campaigns: roles, four eyes, validation', () => {
  let segmentId: string;
  beforeAll(async () => {
    segmentId = (await segmentOf(20, 0)).id;
  });

  it('only marketing creates; a bad field is named; nothing is written', async () => {
    for (const cookie of [viewer, compliance]) expect((await req('POST', '/api/campaigns', cookie, body(segmentId))).statusCode).toBe(403);
    const before = await count(`SELECT 1 FROM campaigns`);
    const bad = await req('POST', '/api/campaigns', marketing, body(segmentId, { holdoutPercent: 80 }));
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ errors: Array<{ field: string }> }>().errors.map((e) => e.field)).toContain('holdoutPercent');
    const noSegment = await req('POST', '/api/campaigns', marketing, body('00000000-0000-4000-8000-000000000000'));
    expect(noSegment.statusCode).toBe(400);
    expect(noSegment.json<{ errors: Array<{ field: string }> }>().errors[0]!.field).toBe('segmentId');
    expect(await count(`SELECT 1 FROM campaigns`)).toBe(before);
  });

  it('launch needs an approval by a different compliance officer or admin; an edit clears it', async () => {
    const created = await req('POST', '/api/campaigns', marketing, body(segmentId));
    const id = created.json<{ id: string }>().id;
    const early = await req('POST', `/api/campaigns/${id}/launch`, marketing);
    expect([early.statusCode, early.json<{ code: string }>().code]).toEqual([409, 'CAMPAIGN_NOT_APPROVED']);
    expect((await req('POST', `/api/campaigns/${id}/approve`, marketing)).statusCode).toBe(403); // marketing may not approve
    expect((await req('POST', `/api/campaigns/${id}/approve`, compliance)).statusCode).toBe(200);
    const again = await req('POST', `/api/campaigns/${id}/approve`, admin);
    expect([again.statusCode, again.json<{ code: string }>().code]).toEqual([409, 'CAMPAIGN_WRONG_STATE']);
    // An edit after approval: the approval no longer covers it.
    expect((await req('PATCH', `/api/campaigns/${id}`, marketing, { holdoutPercent: 20 })).statusCode).toBe(200);
    const stale = await req('POST', `/api/campaigns/${id}/launch`, marketing);
    expect([stale.statusCode, stale.json<{ code: string }>().code]).toEqual([409, 'CAMPAIGN_NOT_APPROVED']);
    const badEdit = await req('PATCH', `/api/campaigns/${id}`, marketing, { variants: [{ key: 'a', name: 'A', share: 60 }, { key: 'b', name: 'B', share: 30 }] });
    expect(badEdit.statusCode).toBe(400);
    expect(badEdit.json<{ errors: Array<{ field: string }> }>().errors.map((e) => e.field).join()).toContain('variants');
  });

  it('whoever created a campaign cannot approve it, admin included', async () => {
    // admin passes every role check, so admin can create — and then must not approve their own campaign.
    const created = await req('POST', '/api/campaigns', admin, body(segmentId));
    expect(created.statusCode).toBe(201);
    const self = await req('POST', `/api/campaigns/${created.json<{ id: string }>().id}/approve`, admin);
    expect([self.statusCode, self.json<{ code: string }>().code]).toEqual([403, 'CAMPAIGN_SELF_APPROVAL']);
    expect((await req('POST', `/api/campaigns/${created.json<{ id: string }>().id}/approve`, compliance)).statusCode).toBe(200);
  });
});

describe('campaigns: launch, report, idempotency', () => {
  it('targeted = holdout + sent + suppressed, each equal to a direct SQL count; no_consent is exactly the customers who withdrew', async () => {
    clock = new Date('2026-11-23T02:00:00Z');
    const seg = await segmentOf(150, 20);
    // Five members with no loan and no application withdraw their SMS consent before launch.
    const withdrawn = (
      await t.database.query<{ id: string }>(
        `SELECT id FROM customers WHERE id = ANY($1::uuid[]) AND id NOT IN (SELECT customer_id FROM loans) AND id NOT IN (SELECT customer_id FROM applications) ORDER BY id LIMIT 5`,
        [`{${seg.members.join(',')}}`],
      )
    ).map((r) => r.id);
    expect(withdrawn).toHaveLength(5);
    await t.database.query(`UPDATE customer_consents SET status = 'withdrawn', withdrawn_at = '2026-11-20T00:00:00Z' WHERE customer_id = ANY($1::uuid[]) AND purpose = 'marketing'`, [`{${withdrawn.join(',')}}`]);
    const id = await createApproved(seg.id);
    await launch(id);
    const r = await report(id);

    const sqlTargeted = await count(`SELECT 1 FROM segment_memberships WHERE segment_id = $1::uuid AND left_at IS NULL`, [seg.id]);
    const sqlHoldout = await count(`SELECT 1 FROM campaign_messages WHERE campaign_id = $1::uuid AND arm = 'holdout'`, [id]);
    const sqlSent = await count(`SELECT 1 FROM campaign_messages WHERE campaign_id = $1::uuid AND status IN ('queued','sending','sent','delivered','failed','clicked')`, [id]);
    const sqlSuppressed = await t.database.query<{ reason: string; n: number }>(
      `SELECT CASE WHEN status = 'deferred' THEN 'quiet_hours_deferred' ELSE reason END AS reason, count(*)::int AS n FROM campaign_messages WHERE campaign_id = $1::uuid AND status IN ('suppressed','deferred') GROUP BY 1`,
      [id],
    );
    expect(r.targeted).toBe(150);
    expect(r.targeted).toBe(sqlTargeted);
    expect(r.holdout).toBe(sqlHoldout);
    expect(r.sent).toBe(sqlSent);
    for (const s of sqlSuppressed) expect(r.suppressed[s.reason as keyof CampaignReport['suppressed']]).toBe(s.n);
    expect(r.holdout + r.sent + r.suppressedTotal).toBe(r.targeted);
    // Independent expectation: the withdrawn customers who were not held out, and nobody else, lack consent.
    const withdrawnTreated = await count(`SELECT 1 FROM campaign_messages WHERE campaign_id = $1::uuid AND arm <> 'holdout' AND customer_id = ANY($2::uuid[])`, [id, `{${withdrawn.join(',')}}`]);
    expect(r.suppressed.no_consent ?? 0).toBe(withdrawnTreated);
    // Delinquent customers (a loan past due) in a treated arm are suppressed as such — counted straight from loans.
    const delinquentTreated = await count(
      `SELECT 1 FROM campaign_messages a WHERE a.campaign_id = $1::uuid AND a.arm <> 'holdout'
          AND EXISTS (SELECT 1 FROM loans l WHERE l.customer_id = a.customer_id AND ((l.status = 'active' AND l.days_past_due > 0) OR l.status = 'charged_off'))`,
      [id],
    );
    expect(r.suppressed.suppressed_delinquent ?? 0).toBe(delinquentTreated);
    // The holdout got nothing: its rows stay 'holdout', never queued, sent or suppressed; treated rows never are.
    expect(await count(`SELECT 1 FROM campaign_messages WHERE campaign_id = $1::uuid AND arm = 'holdout' AND (status <> 'holdout' OR sent_at IS NOT NULL)`, [id])).toBe(0);
    expect(await count(`SELECT 1 FROM campaign_messages WHERE campaign_id = $1::uuid AND arm <> 'holdout' AND status = 'holdout'`, [id])).toBe(0);
    // Every SMS that went out carries the signature and the opt-out; the stored copy has no full name.
    const sample = await one<{ content_masked: string; n: string }>(`SELECT content_masked, count(*) OVER () AS n FROM campaign_messages WHERE campaign_id = $1::uuid AND status = 'sent' LIMIT 1`, [id]);
    expect(Number(sample.n)).toBe(r.sent - r.queued);
    expect(sample.content_masked).toMatch(/^【autofin汽车金融】.*回T退订$/);
  });

  it('a launch that crashes mid-way resumes where it stopped and never queues anyone twice', async () => {
    clock = new Date('2026-11-23T03:00:00Z');
    const seg = await segmentOf(120, 170);
    const id = await createApproved(seg.id);
    const launched = await req('POST', `/api/campaigns/${id}/launch`, marketing);
    expect(launched.statusCode).toBe(200);
    // The build's clock fails on its fourth reading (lease, chunk 1, chunk 2, chunk 3 — read ahead while chunk 1 is written): chunk 1 of 40 is committed and the cursor is past it.
    let readings = 0;
    await expect(
      buildAudience(
        t.database,
        id,
        () => {
          if (++readings === 4) throw new Error('simulated crash');
          return clock;
        },
        40,
      ),
    ).rejects.toThrow('simulated crash');
    expect(await count(`SELECT 1 FROM campaign_messages WHERE campaign_id = $1::uuid`, [id])).toBe(40);
    // Still leased: a second builder keeps off until the lease runs out.
    expect(await buildAudience(t.database, id, () => clock, 40)).toBeNull();
    clock = new Date(clock.getTime() + 5 * 60_000);
    const resumed = await buildAudience(t.database, id, () => clock, 40);
    expect(resumed?.completed).toBe(true);
    expect(resumed?.targeted).toBe(80);
    // Run again after completion: nothing to do; and the table holds each customer once.
    expect(await buildAudience(t.database, id, () => clock, 40)).toBeNull();
    expect(await count(`SELECT 1 FROM campaign_messages WHERE campaign_id = $1::uuid`, [id])).toBe(120);
    expect(await count(`SELECT DISTINCT customer_id FROM campaign_messages WHERE campaign_id = $1::uuid`, [id])).toBe(await count(`SELECT 1 FROM campaign_messages WHERE campaign_id = $1::uuid`, [id]));
    const r = await report(id);
    expect(r.holdout + r.sent + r.suppressedTotal).toBe(120);
  });
});

describe('campaigns: the dispatcher re-evaluates at send time', () => {
  it('quiet hours defer until 08:00 local; a consent withdrawn meanwhile ends as no_consent', async () => {
    // 22:30 in Shanghai (UTC+8) is inside the default 21:00–08:00 quiet hours.
    clock = new Date('2026-11-24T14:30:00Z');
    const seg = await segmentOf(60, 300);
    const id = await createApproved(seg.id, { holdoutPercent: 0 });
    await launch(id);
    const deferred = await t.database.query<{ customer_id: string; not_before: Date }>(`SELECT customer_id, not_before FROM campaign_messages WHERE campaign_id = $1::uuid AND status = 'deferred'`, [id]);
    expect(deferred.length).toBeGreaterThan(40);
    // By hand: 08:00 on 25 Nov in Asia/Shanghai is 00:00Z on 25 Nov.
    for (const d of deferred) expect(new Date(d.not_before).toISOString()).toBe('2026-11-25T00:00:00.000Z');
    let r = await report(id);
    expect(r.sent).toBe(0);
    expect(r.suppressed.quiet_hours_deferred).toBe(deferred.length);
    // One of them withdraws consent during the night.
    const quitter = deferred[0]!.customer_id;
    await t.database.query(`UPDATE customer_consents SET status = 'withdrawn', withdrawn_at = '2026-11-24T20:00:00Z' WHERE customer_id = $1::uuid AND purpose = 'marketing'`, [quitter]);
    clock = new Date('2026-11-24T23:59:00Z'); // 07:59 local: still held
    await t.app.campaignJobs.tick();
    expect(await count(`SELECT 1 FROM campaign_messages WHERE campaign_id = $1::uuid AND status = 'deferred'`, [id])).toBe(deferred.length);
    clock = new Date('2026-11-25T00:00:30Z'); // 08:00:30 local: released
    await t.app.campaignJobs.tick();
    r = await report(id);
    expect(r.suppressed.quiet_hours_deferred ?? 0).toBe(0);
    expect(r.deferred.released).toBe(deferred.length - 1);
    const q = await one<{ status: string; reason: string }>(`SELECT status, reason FROM campaign_messages WHERE campaign_id = $1::uuid AND customer_id = $2::uuid`, [id, quitter]);
    expect(q).toEqual({ status: 'suppressed', reason: 'no_consent' });
    const sentAt = await one<{ min: Date }>(`SELECT min(sent_at) AS min FROM campaign_messages WHERE campaign_id = $1::uuid AND sent_at IS NOT NULL`, [id]);
    expect(new Date(sentAt.min).getTime()).toBeGreaterThanOrEqual(Date.parse('2026-11-25T00:00:00Z'));
  });

  it('caps hold across campaigns: a second campaign the same local day is capped (global 1 a day)', async () => {
    clock = new Date('2026-11-26T02:00:00Z');
    const seg = await segmentOf(40, 360);
    const first = await createApproved(seg.id, { holdoutPercent: 0 });
    await launch(first);
    const reached = await count(`SELECT 1 FROM campaign_messages WHERE campaign_id = $1::uuid AND sent_at IS NOT NULL`, [first]);
    expect(reached).toBeGreaterThan(20);
    clock = new Date('2026-11-26T06:00:00Z'); // 14:00 the same day in Shanghai
    const second = await createApproved(seg.id, { holdoutPercent: 0, channel: 'sms', name: '第二波' });
    await launch(second);
    const r = await report(second);
    // Everyone the first campaign reached today is capped for the second (by hand: cap 1/day, 1 already sent).
    const capped = await count(
      `SELECT 1 FROM campaign_messages m2 JOIN campaign_messages m1 ON m1.customer_id = m2.customer_id AND m1.campaign_id = $1::uuid AND m1.sent_at IS NOT NULL WHERE m2.campaign_id = $2::uuid`,
      [first, second],
    );
    expect(r.suppressed.frequency_cap).toBe(capped);
    expect(capped).toBe(reached);
    // Nobody received two marketing SMS on 26 Nov (local).
    expect(
      await count(
        `SELECT customer_id FROM campaign_messages WHERE sent_at IS NOT NULL AND purpose = 'marketing' AND (sent_at AT TIME ZONE 'Asia/Shanghai')::date = '2026-11-26' GROUP BY customer_id HAVING count(*) > 1`,
      ),
    ).toBe(0);
  });

  it('provider receipts arrive later: delivered and clicked update the messages and become customer events', async () => {
    const id = (await one<{ id: string }>(`SELECT id FROM campaigns WHERE name = '第二波'`)).id;
    const firstId = (await one<{ campaign_id: string }>(`SELECT campaign_id FROM campaign_messages WHERE sent_at = (SELECT min(sent_at) FROM campaign_messages WHERE sent_at >= '2026-11-26T02:00:00Z')`)).campaign_id;
    clock = new Date('2026-11-26T14:00:00Z'); // > 6 h later: every simulated receipt has arrived
    await t.app.campaignJobs.tick();
    const r = await report(firstId);
    expect(r.delivered).toBeGreaterThan(0);
    const events = await count(`SELECT 1 FROM customer_events WHERE type = 'message_delivered' AND campaign = $1`, [firstId]);
    expect(events).toBe(r.delivered);
    expect(await count(`SELECT 1 FROM campaign_receipts WHERE applied_at IS NULL AND due_at <= $1::timestamptz`, [clock.toISOString()])).toBe(0);
    expect(id).toBeTruthy();
  });

  it('messages list is masked; finish ends what still waits', async () => {
    const id = (await one<{ id: string }>(`SELECT id FROM campaigns WHERE name = '第二波'`)).id;
    const res = await req('GET', `/api/campaigns/${id}/messages?limit=5`, viewer);
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json<{ items: Array<{ customerName: string; customerPhone: string | null }> }>().items;
    expect(items.length).toBe(5);
    for (const m of items) {
      expect(m.customerPhone).toMatch(/^\d{3}\*{4}\d{4}$/);
      expect(m.customerName).toContain('*');
    }
  });

  it('the customer’s profile lists the messages they received, with the campaign and what became of each', async () => {
    const c = await one<{ customer_id: string; n: number }>(
      `SELECT customer_id::text, count(*)::int AS n FROM campaign_messages WHERE sent_at IS NOT NULL GROUP BY customer_id ORDER BY count(*) DESC, customer_id LIMIT 1`,
    );
    const expected = await t.database.query<{ id: string; status: string; name: string }>(
      `SELECT m.id::text, m.status, c.name FROM campaign_messages m JOIN campaigns c ON c.id = m.campaign_id WHERE m.customer_id = $1 AND m.sent_at IS NOT NULL ORDER BY m.sent_at DESC`,
      [c.customer_id],
    );
    const res = await req('GET', `/api/customers/${c.customer_id}`, marketing);
    expect(res.statusCode, res.body).toBe(200);
    const got = res.json<{ messages: Array<{ id: string; status: string; campaign: { name: string } | null }> }>().messages;
    expect(got.map((m) => [m.id, m.status, m.campaign?.name])).toEqual(expected.map((e) => [e.id, e.status, e.name]));
    // A customer held back or suppressed everywhere received nothing.
    const never = await one<{ customer_id: string }>(
      `SELECT customer_id::text FROM campaign_messages GROUP BY customer_id HAVING bool_and(sent_at IS NULL) ORDER BY customer_id LIMIT 1`,
    );
    const none = await req('GET', `/api/customers/${never.customer_id}`, marketing);
    expect(none.json<{ messages: unknown[] }>().messages).toEqual([]);
  });
});

describe('campaigns: schedule, suppression list, policy versions, preview, summary', () => {
  it('a scheduled launch waits for its time; the scheduler starts it then', async () => {
    clock = new Date('2026-11-27T01:00:00Z');
    const seg = await segmentOf(20, 200);
    const id = await createApproved(seg.id, { schedule: { type: 'at', at: '2026-11-27T03:00:00+00:00' } });
    const res = await req('POST', `/api/campaigns/${id}/launch`, marketing);
    expect(res.json<{ status: string }>().status).toBe('scheduled');
    await t.app.campaignJobs.tick();
    expect(await count(`SELECT 1 FROM campaign_messages WHERE campaign_id = $1::uuid`, [id])).toBe(0);
    clock = new Date('2026-11-27T03:00:01Z');
    await t.app.campaignJobs.tick();
    const c = await req('GET', `/api/campaigns/${id}`, viewer);
    expect(c.json<{ status: string; launchedAt: string }>()).toMatchObject({ status: 'running', launchedAt: '2026-11-27T03:00:01.000Z' });
    expect(await count(`SELECT 1 FROM campaign_messages WHERE campaign_id = $1::uuid`, [id])).toBe(20);
  });

  it('a customer put on the suppression list between launch and send is held back as opted out; removal is audited and kept', async () => {
    clock = new Date('2026-11-28T13:30:00Z'); // 21:30 local: launched into quiet hours, sent next morning
    const seg = await segmentOf(20, 220);
    const id = await createApproved(seg.id, { holdoutPercent: 0 });
    await launch(id);
    const target = (await one<{ customer_id: string }>(`SELECT customer_id FROM campaign_messages WHERE campaign_id = $1::uuid AND status = 'deferred' ORDER BY customer_id LIMIT 1`, [id])).customer_id;
    const viewerTry = await req('POST', '/api/campaigns/suppressions', viewer, { customerId: target, reason: 'opted_out' });
    expect(viewerTry.statusCode).toBe(403);
    const added = await req('POST', '/api/campaigns/suppressions', marketing, { customerId: target, reason: 'opted_out', source: 'sms_reply', note: '回T退订' });
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json<{ customerPhone: string }>().customerPhone).toMatch(/^\d{3}\*{4}\d{4}$/);
    const dup = await req('POST', '/api/campaigns/suppressions', marketing, { customerId: target, reason: 'opted_out' });
    expect(dup.statusCode).toBe(409);
    clock = new Date('2026-11-29T00:05:00Z');
    await t.app.campaignJobs.tick();
    expect(await one(`SELECT status, reason FROM campaign_messages WHERE campaign_id = $1::uuid AND customer_id = $2::uuid`, [id, target])).toEqual({ status: 'suppressed', reason: 'suppressed_opted_out' });
    const entryId = added.json<{ id: string }>().id;
    const removed = await req('POST', `/api/campaigns/suppressions/${entryId}/remove`, compliance, { reason: 'customer asked to receive offers again' });
    expect(removed.statusCode, removed.body).toBe(200);
    expect(removed.json<{ removedAt: string | null }>().removedAt).not.toBeNull();
    expect(await count(`SELECT 1 FROM audit_log WHERE action IN ('campaign.suppression.added', 'campaign.suppression.removed') AND entity_id = $1`, [target])).toBe(2);
  });

  it('the contact policy is versioned: compliance publishes, marketing may not, and a new launch records the version', async () => {
    const current = await req('GET', '/api/campaigns/contact-policy', viewer);
    expect(current.statusCode).toBe(200);
    const policy = current.json<{ version: number; policy: Record<string, unknown> }>();
    const next = { ...policy.policy, version: 'test-2026.11-2', quietHours: { start: '22:00', end: '08:00' } };
    expect((await req('PUT', '/api/campaigns/contact-policy', marketing, { policy: next })).statusCode).toBe(403);
    const bad = await req('PUT', '/api/campaigns/contact-policy', compliance, { policy: { ...next, quietHours: { start: '25:00', end: '08:00' } } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ errors: Array<{ field: string }> }>().errors[0]!.field).toContain('quietHours');
    const put = await req('PUT', '/api/campaigns/contact-policy', compliance, { policy: next, note: 'quiet hours from 22:00' });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json<{ version: number }>().version).toBe(policy.version + 1);
    clock = new Date('2026-11-30T13:30:00Z'); // 21:30 local: inside the old quiet hours, outside the new
    const seg = await segmentOf(10, 240);
    const id = await createApproved(seg.id, { holdoutPercent: 0 });
    await launch(id);
    const c = await req('GET', `/api/campaigns/${id}`, viewer);
    expect(c.json<{ contactPolicyVersion: string }>().contactPolicyVersion).toBe('test-2026.11-2');
    expect(await count(`SELECT 1 FROM campaign_messages WHERE campaign_id = $1::uuid AND status = 'deferred'`, [id])).toBe(0);
    // Back to the default for the rest of the suite.
    expect((await req('PUT', '/api/campaigns/contact-policy', compliance, { policy: policy.policy })).statusCode).toBe(200);
  });

  it('preview renders one customer’s message (name masked) with the SMS signature, opt-out, parts and cost', async () => {
    const seg = await segmentOf(5, 260);
    const created = await req('POST', '/api/campaigns', marketing, body(seg.id));
    const id = created.json<{ id: string }>().id;
    const res = await req('GET', `/api/campaigns/${id}/preview?customerId=${seg.members[0]}`, marketing);
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json<{ text: string; segments: number; cost: string; decision: { kind: string } }>();
    expect(p.text).toMatch(/^【autofin汽车金融】.+回T退订$/);
    // By hand: a message of at most 70 characters is one part; one SMS part costs the default 0.045 yuan.
    expect(p.text.length).toBeLessThanOrEqual(70);
    expect(p.segments).toBe(1);
    expect(p.cost).toBe('0.0450');
    const unknown = await req('GET', `/api/campaigns/${id}/preview?customerId=00000000-0000-4000-8000-000000000000`, marketing);
    expect(unknown.statusCode).toBe(400);
  });

  it('the summary per channel and segment adds up the campaigns', async () => {
    const res = await req('GET', '/api/campaigns/summary', viewer);
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json<{ items: Array<{ channel: string; campaigns: number; targeted: number }> }>().items;
    const sms = items.filter((i) => i.channel === 'sms');
    expect(sms.reduce((s, i) => s + i.targeted, 0)).toBe(await count(`SELECT 1 FROM campaign_messages a JOIN campaigns c ON c.id = a.campaign_id WHERE c.channel = 'sms'`));
    expect(sms.reduce((s, i) => s + i.campaigns, 0)).toBe(await count(`SELECT 1 FROM campaigns WHERE channel = 'sms' AND launched_at IS NOT NULL`));
  });
});

describe('campaigns: budget and end', () => {
  /** Members with no loan and no application: nothing but consent and caps can hold them back. */
  async function cleanSegment(size: number, offset: number): Promise<string> {
    const seg = await segmentOf(size * 4, offset);
    const clean = (
      await t.database.query<{ id: string }>(
        `SELECT id FROM customers WHERE id = ANY($1::uuid[]) AND id NOT IN (SELECT customer_id FROM loans) AND id NOT IN (SELECT customer_id FROM applications) ORDER BY id LIMIT $2`,
        [`{${seg.members.join(',')}}`, size],
      )
    ).map((r) => r.id);
    expect(clean).toHaveLength(size);
    await t.database.query(`UPDATE segment_memberships SET left_at = '2026-11-02T00:00:00Z' WHERE segment_id = $1::uuid AND NOT (customer_id = ANY($2::uuid[]))`, [seg.id, `{${clean.join(',')}}`]);
    return seg.id;
  }

  it('the budget stops sending exactly where the next message would overspend', async () => {
    clock = new Date('2026-12-01T02:00:00Z');
    const segmentId = await cleanSegment(10, 60);
    // By hand: budget 0.10 yuan; one SMS part costs 0.045 yuan → 2 messages (0.090) fit, a third (0.135) does not.
    const id = await createApproved(segmentId, { holdoutPercent: 0, budget: '0.10' });
    await launch(id);
    const r = await report(id);
    expect(r.targeted).toBe(10);
    expect(await count(`SELECT 1 FROM campaign_messages WHERE campaign_id = $1::uuid AND provider IS NOT NULL`, [id])).toBe(2);
    expect(r.suppressed.budget_exhausted).toBe(8);
    expect(r.cost).toBe('0.09');
    expect((await one<{ spent: string }>(`SELECT spent_centifen::text AS spent FROM campaigns WHERE id = $1::uuid`, [id])).spent).toBe('900');
  });

  it('messages still waiting when the campaign ends are recorded as campaign_ended', async () => {
    clock = new Date('2026-12-02T14:00:00Z'); // 22:00 local: deferred to 08:00
    const segmentId = await cleanSegment(5, 110);
    const id = await createApproved(segmentId, { holdoutPercent: 0, endsAt: '2026-12-02T20:00:00+00:00' });
    await launch(id);
    expect(await count(`SELECT 1 FROM campaign_messages WHERE campaign_id = $1::uuid AND status = 'deferred'`, [id])).toBe(5);
    clock = new Date('2026-12-03T00:30:00Z'); // after endsAt, after the window opens
    await t.app.campaignJobs.tick();
    const r = await report(id);
    expect(r.status).toBe('finished');
    expect(r.suppressed.campaign_ended).toBe(5);
    expect(r.sent).toBe(0);
  });
});

describe('campaigns: enqueueMessages (the journeys’ way into the outbox)', () => {
  it('applies the policy now, adds nothing for a repeated key, and the dispatcher sends the journey message', async () => {
    const { enqueueMessages } = await import('./enqueue.service.ts');
    clock = new Date('2026-12-05T02:00:00Z');
    const seg = await segmentOf(3, 150);
    const journeyId = '5f1d2c3b-4a59-4e6f-8a7b-9c0d1e2f3a4b';
    const items = seg.members.map((customerId) => ({ customerId, journeyKey: `reminder:${customerId}` }));
    await t.database.query(`UPDATE customer_consents SET status = 'withdrawn', withdrawn_at = '2026-12-01T00:00:00Z' WHERE customer_id = $1::uuid AND purpose = 'marketing'`, [seg.members[0]]);
    const template = { zh: '{{name|您好}}，您的申请还差一步，完成即可获得报价。' };
    const first = await enqueueMessages(t.database, { journeyId, items, channel: 'sms', purpose: 'marketing', template }, clock);
    expect(first.inserted).toBe(3);
    expect(first.suppressed.no_consent).toBe(1);
    const again = await enqueueMessages(t.database, { journeyId, items, channel: 'sms', purpose: 'marketing', template }, clock);
    expect(again).toMatchObject({ inserted: 0, duplicates: 3 });
    await t.app.campaignJobs.tick();
    const rows = await t.database.query<{ customer_id: string; status: string; content_masked: string | null }>(
      `SELECT customer_id, status, content_masked FROM campaign_messages WHERE journey_id = $1::uuid ORDER BY customer_id`,
      [journeyId],
    );
    expect(rows).toHaveLength(3);
    const sent = rows.filter((r) => r.status === 'sent');
    // The other two are sendable unless the simulated market made them delinquent or mid-application.
    const blocked = await count(
      `SELECT 1 FROM customers c WHERE c.id = ANY($1::uuid[]) AND (EXISTS (SELECT 1 FROM loans l WHERE l.customer_id = c.id AND ((l.status = 'active' AND l.days_past_due > 0) OR l.status = 'charged_off'))
          OR EXISTS (SELECT 1 FROM applications a WHERE a.customer_id = c.id AND a.status IN ('received','in_review','approved','conditionally_approved','referred','contracted')))`,
      [`{${seg.members.slice(1).join(',')}}`],
    );
    expect(sent).toHaveLength(2 - blocked);
    for (const r of sent) expect(r.content_masked).toMatch(/^【autofin汽车金融】.*您的申请还差一步.*回T退订$/);
  });
});
