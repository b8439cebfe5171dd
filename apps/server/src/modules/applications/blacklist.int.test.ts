import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '@autofin/db';
import type { ApplicationCreated, Problem } from '@autofin/contracts';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { addDemoBureauCustomer, prepareDecisioning } from './applications.fixture.ts';

// GB 11643 check digit worked by hand (weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2, map "10X98765432"):
//   11010519880101123: 1×7 + 1×9 + 0×10 + 1×5 + 0×8 + 5×4 + 1×2 + 9×1 + 8×6 + 8×3 + 0×7 + 1×9 + 0×10
//   + 1×5 + 1×8 + 2×4 + 3×2 = 160; 160 mod 11 = 6 → '6' → 110105198801011236 (…1237 is a bad check digit)
const ID_LISTED = '110105198801011236';
const ID_BAD_CHECK = '110105198801011237';
// 42010619910521111 → Σ 227, 227 mod 11 = 7 → '5' (review-queue.int.test.ts)
const ID_OTHER = '420106199105211115';
// 32010619920315002: 3×7 + 2×9 + 0×10 + 1×5 + 0×8 + 6×4 + 1×2 + 9×1 + 9×6 + 2×3 + 0×7 + 3×9 + 1×10 + 5×5
//   + 0×8 + 0×4 + 2×2 = 205; 205 mod 11 = 7 → '5'
const ID_DEVICE = '320106199203150025';

let t: TestApp;
let dealer: string;
let risk: string;
let compliance: string;

beforeAll(async () => {
  t = await createTestApp();
  await prepareDecisioning(t.database);
  // bureau 675 → the fixture scorecard's D band: referred, not declined, when nothing else fires
  for (const id of [ID_LISTED, ID_OTHER, ID_DEVICE]) await addDemoBureauCustomer(t.database, id, 675);
  [dealer, risk, compliance] = (await Promise.all(['dealer_ops', 'risk', 'compliance'].map((r) => t.login(`${r}@autofin.local`)))) as [string, string, string];
}, 300_000);
afterAll(async () => t.close());

async function submit(idNumber: string, phone: string, deviceId?: string): Promise<ApplicationCreated> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/applications',
    headers: { cookie: dealer },
    payload: {
      applicant: { name: '钱七', idNumber, phone, monthlyIncome: '25000.00', employment: 'salaried' },
      vehicle: { category: 'new-ice', make: 'Toyota', model: 'Camry', price: '200000.00' },
      deal: { downPayment: '60000.00', term: 36, productCode: 'NEW_CAR_LOAN' },
      consents: { creditCheck: true },
      ...(deviceId ? { device: { id: deviceId } } : {}),
    },
  });
  expect(res.statusCode).toBe(201);
  return res.json<ApplicationCreated>();
}

const add = (cookie: string, payload: Record<string, unknown>) => t.app.inject({ method: 'POST', url: '/api/risk-blacklist', headers: { cookie }, payload });
const list = (cookie: string) => t.app.inject({ method: 'GET', url: '/api/risk-blacklist', headers: { cookie } });
const deactivate = (id: string, cookie: string, reason: string) => t.app.inject({ method: 'POST', url: `/api/risk-blacklist/${id}/deactivate`, headers: { cookie }, payload: { reason } });
const codes = (a: ApplicationCreated) => a.decision!.reasons.map((r) => r.code);
const rows = async <T>(q: ReturnType<typeof sql>) => ((await t.database.db.execute(q)) as unknown as { rows: T[] }).rows;

describe('risk blacklist', () => {
  it('an ID number listed by risk declines the next application with POLICY_BLACKLIST; deactivated, it no longer hits', async () => {
    const created = await add(risk, { list: 'id_number', value: ID_LISTED, reason: '确认欺诈 confirmed fraud 2026-11' });
    expect(created.statusCode).toBe(201);
    const entry = created.json<{ id: string; list: string; last4: string; active: boolean; addedBy: string }>();
    expect(entry).toMatchObject({ list: 'id_number', last4: '1236', active: true, addedBy: 'risk@autofin.local' });
    expect(JSON.stringify(entry)).not.toContain(ID_LISTED);
    expect((await add(risk, { list: 'id_number', value: ID_LISTED.toLowerCase(), reason: 'again' })).statusCode).toBe(409);

    const hit = await submit(ID_LISTED, '13600000101');
    // the default strategy's POLICY_BLACKLIST outcome is 'decline'
    expect(hit.status).toBe('declined');
    expect(codes(hit)).toContain('POLICY_BLACKLIST');
    // the entry holds the very hash the application was stored under (and matched by the engine)
    const [stored] = await rows<{ id_number_hash: string }>(sql`SELECT id_number_hash FROM application_details WHERE application_id = ${hit.id}`);
    const [listed] = await rows<{ value_hash: string }>(sql`SELECT value_hash FROM risk_blacklist WHERE id = ${entry.id}`);
    expect(listed!.value_hash).toBe(stored!.id_number_hash);

    const off = await deactivate(entry.id, risk, '身份已核实 identity verified in branch');
    expect(off.statusCode).toBe(200);
    expect(off.json<{ active: boolean }>().active).toBe(false);
    expect((await deactivate(entry.id, risk, 'twice')).statusCode).toBe(409);
    const after = await submit(ID_LISTED, '13600000102');
    expect(codes(after)).not.toContain('POLICY_BLACKLIST');
    expect(after.status).not.toBe('declined');

    const audit = await rows<{ action: string; actor_label: string; before: unknown; after: unknown }>(
      sql`SELECT action, actor_label, before, after FROM audit_log WHERE entity_type = 'risk_blacklist' AND entity_id = ${entry.id} ORDER BY id`,
    );
    expect(audit.map((a) => [a.action, a.actor_label])).toEqual([
      ['risk_blacklist.added', 'risk@autofin.local'],
      ['risk_blacklist.deactivated', 'risk@autofin.local'],
    ]);
    expect(audit[1]!.after).toMatchObject({ active: false, reason: '身份已核实 identity verified in branch' });
    expect(JSON.stringify(audit)).not.toContain(ID_LISTED.slice(0, 14));
  });

  it('a phone listed in any common notation matches the applicant typing it plainly', async () => {
    const res = await add(risk, { list: 'phone', value: '+86 136-0000-0777', reason: 'mule phone' });
    expect(res.statusCode).toBe(201);
    expect(res.json<{ last4: string }>().last4).toBe('0777');
    const hit = await submit(ID_OTHER, '13600000777');
    expect(hit.status).toBe('declined');
    expect(codes(hit)).toContain('POLICY_BLACKLIST');
  });

  it('a listed device matches the device id sent with an application', async () => {
    expect((await add(risk, { list: 'device', value: ' dev-fp-7f3a9c ', reason: 'device farm' })).statusCode).toBe(201);
    const clean = await submit(ID_DEVICE, '13600000301', 'dev-fp-other');
    expect(codes(clean)).not.toContain('POLICY_BLACKLIST');
    const hit = await submit(ID_DEVICE, '13600000302', 'dev-fp-7f3a9c');
    expect(codes(hit)).toContain('POLICY_BLACKLIST');
  });

  it('rejects a bad check digit or a non-mobile number naming `value`, storing nothing', async () => {
    const before = await rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM risk_blacklist`);
    for (const payload of [
      { list: 'id_number', value: ID_BAD_CHECK, reason: 'fraud' },
      { list: 'phone', value: '02112345678', reason: 'fraud' },
      { list: 'dealer', value: '00000000-0000-4000-8000-000000000000', reason: 'fraud' },
    ]) {
      const res = await add(risk, payload);
      expect(res.statusCode).toBe(400);
      const problem = res.json<Problem>();
      expect(problem.errors?.map((e) => e.field)).toEqual(expect.arrayContaining(['value']));
    }
    expect(await rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM risk_blacklist`)).toEqual(before);
  });

  it('risk and admin write, compliance reads, dealer_ops neither', async () => {
    expect((await list(dealer)).statusCode).toBe(403);
    expect((await add(dealer, { list: 'phone', value: '13600000888', reason: 'x fraud' })).statusCode).toBe(403);
    expect((await add(compliance, { list: 'phone', value: '13600000888', reason: 'x fraud' })).statusCode).toBe(403);
    const page = await list(compliance);
    expect(page.statusCode).toBe(200);
    const items = page.json<{ items: Array<{ list: string; last4: string; active: boolean }> }>().items;
    expect(items.map((i) => [i.list, i.last4, i.active])).toEqual([
      ['device', '3a9c', true],
      ['phone', '0777', true],
      ['id_number', '1236', false],
    ]);
    expect(page.body).not.toContain(ID_LISTED);
    expect(page.body).not.toMatch(/[0-9a-f]{64}/); // no hash either
  });

  it('the raw table holds no plaintext value (SQL)', async () => {
    const [n] = await rows<{ n: number }>(sql`
      SELECT count(*)::int AS n FROM risk_blacklist r
      WHERE row_to_json(r)::text LIKE ${`%${ID_LISTED.slice(0, 14)}%`} OR row_to_json(r)::text LIKE '%13600000777%' OR row_to_json(r)::text LIKE '%136-0000%' OR row_to_json(r)::text LIKE '%dev-fp%'`);
    expect(n!.n).toBe(0);
    const [total] = await rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM risk_blacklist`);
    expect(total!.n).toBe(3);
  });
});
