import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@autofin/db';
import { simulateMarket, hasMarket, readMarketRecord, MarketExistsError, SIMULATOR_VERSION, type SimulationSummary } from './index.ts';

/** One md5 over every row of a table in a stable order: two identical markets give identical digests. */
async function digest(db: TestDatabase, table: string, orderBy: string): Promise<string> {
  const [row] = await db.query<{ h: string }>(`SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY ${orderBy}), '')) AS h FROM ${table} t`);
  return row!.h;
}
const TABLES: Array<[string, string]> = [
  ['customers', 'id'],
  ['customer_consents', 'customer_id, purpose, channel'],
  ['customer_events', 'customer_id, id'],
  ['sim_customer_truth', 'customer_id'],
  ['partners', 'id'],
  ['dealers', 'partner_id'],
  ['applications', 'id'],
  ['loans', 'id'],
  ['loan_repayments', 'loan_id, installment_no'],
];
async function digests(db: TestDatabase): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [t, o] of TABLES) out[t] = await digest(db, t, o);
  return out;
}

describe('simulateMarket', () => {
  let a: TestDatabase;
  let b: TestDatabase;
  let summary: SimulationSummary;
  const N = 3_000;

  beforeAll(async () => {
    [a, b] = await Promise.all([createTestDatabase(), createTestDatabase()]);
    summary = await simulateMarket(a, { customers: N, seed: 7 });
  }, 240_000);
  afterAll(async () => {
    await Promise.all([a?.destroy(), b?.destroy()]);
  });

  it('reports what it wrote, and the counts match the tables', async () => {
    const [c] = await a.query<Record<string, number>>(
      `SELECT (SELECT count(*) FROM customers)::int customers, (SELECT count(*) FROM dealers)::int dealers,
              (SELECT count(*) FROM applications)::int applications, (SELECT count(*) FROM loans)::int loans,
              (SELECT count(*) FROM loan_repayments)::int repayments, (SELECT count(*) FROM customer_events)::int events,
              (SELECT count(*) FROM customer_consents)::int consents, (SELECT count(*) FROM sim_customer_truth)::int truth`,
    );
    expect(c).toEqual({
      customers: N,
      dealers: summary.dealers,
      applications: summary.applications,
      loans: summary.loans,
      repayments: summary.repayments,
      events: summary.events,
      consents: summary.consents,
      truth: N,
    });
    expect(summary.dealers).toBe(8); // default: one per 500 customers, at least 8
    // a handful of events per customer, a few hundred applications, most approved ones funded
    expect(summary.events / N).toBeGreaterThan(2);
    expect(summary.events / N).toBeLessThan(8);
    expect(summary.applications / N).toBeGreaterThan(0.1);
    expect(summary.loans / summary.applications).toBeGreaterThan(0.4);
  });

  it('records the run in app_meta and labels every row as simulated', async () => {
    expect(await hasMarket(a)).toBe(true);
    expect(await hasMarket(b)).toBe(false);
    const rec = await readMarketRecord(a);
    expect(rec).toMatchObject({ seed: 7, customers: N, dealers: 8, asOf: '2026-10-31', simulatorVersion: SIMULATOR_VERSION });
    const [s] = await a.query<{ n: number }>(
      `SELECT ((SELECT count(*) FROM customers WHERE source <> 'simulator') + (SELECT count(*) FROM applications WHERE source <> 'simulator')
             + (SELECT count(*) FROM loans WHERE source <> 'simulator') + (SELECT count(*) FROM partners WHERE source <> 'simulator'))::int n`,
    );
    expect(s!.n).toBe(0);
  });

  it('is deterministic: the same seed and size give identical rows, another seed does not', async () => {
    await simulateMarket(b, { customers: N, seed: 7 });
    expect(await digests(b)).toEqual(await digests(a));
    await simulateMarket(b, { customers: N, seed: 8, reset: true });
    const other = await digests(b);
    expect(other.customers).not.toBe((await digests(a)).customers);
  }, 240_000);

  it('refuses to write over an existing market unless reset is given', async () => {
    await expect(simulateMarket(b, { customers: 10, seed: 1 })).rejects.toBeInstanceOf(MarketExistsError);
    await simulateMarket(b, { customers: 10, seed: 1, reset: true });
    const [c] = await b.query<{ n: number }>('SELECT count(*)::int n FROM customers');
    expect(c!.n).toBe(10);
    expect((await readMarketRecord(b))?.seed).toBe(1);
  });

  it('stores personal data as classified: masked-able L1 fields, no plaintext ID numbers', async () => {
    const [r] = await a.query<{ bad_phone: number; bad_hash: number; bad_name: number; dup_hash: number }>(
      `SELECT count(*) FILTER (WHERE phone !~ '^1[3-9][0-9]{9}$')::int bad_phone,
              count(*) FILTER (WHERE id_number_hash !~ '^[0-9a-f]{64}$')::int bad_hash,
              count(*) FILTER (WHERE kind = 'person' AND char_length(name) NOT BETWEEN 2 AND 4 OR kind = 'company' AND name !~ '^.{2,8}(物流|运输|汽车租赁|网约车服务|冷链物流|商贸|建材|工程机械)有限公司$')::int bad_name,
              (count(*) - count(DISTINCT id_number_hash))::int dup_hash
         FROM customers`,
    );
    expect(r).toEqual({ bad_phone: 0, bad_hash: 0, bad_name: 0, dup_hash: 0 });
  });

  it('makes about 3 % of profiles companies, whose applications are corporate', async () => {
    const [r] = await a.query<{ companies: number; corporate_of_person: number; individual_of_company: number }>(
      `SELECT (SELECT count(*) FROM customers WHERE kind = 'company')::int companies,
              (SELECT count(*) FROM applications x JOIN customers c ON c.id = x.customer_id WHERE c.kind = 'person' AND x.type = 'corporate')::int corporate_of_person,
              (SELECT count(*) FROM applications x JOIN customers c ON c.id = x.customer_id WHERE c.kind = 'company' AND x.type <> 'corporate')::int individual_of_company`,
    );
    // 3 % of 3,000 = 90; a binomial's standard deviation is √(3000 · 0.03 · 0.97) ≈ 9.3, so 60–120 is > 3 σ either side
    expect(r!.companies).toBeGreaterThanOrEqual(60);
    expect(r!.companies).toBeLessThanOrEqual(120);
    expect({ corporate_of_person: r!.corporate_of_person, individual_of_company: r!.individual_of_company }).toEqual({ corporate_of_person: 0, individual_of_company: 0 });
  });

  it('has believable distributions: consent, city tiers, NEV share, prices and rates', async () => {
    const [consent] = await a.query<{ share: number }>(
      `SELECT (1 - count(DISTINCT cc.customer_id)::float8 / (SELECT count(*) FROM customers)) share
         FROM customer_consents cc WHERE purpose = 'marketing' AND status = 'granted'`,
    );
    // a good share of customers gave no marketing consent at all
    expect(consent!.share).toBeGreaterThan(0.2);
    expect(consent!.share).toBeLessThan(0.45);

    const tiers = await a.query<{ tier: number; share: number }>(
      `SELECT ci.tier::int tier, count(*)::float8 / sum(count(*)) OVER () share FROM customers cu JOIN cities ci ON ci.id = cu.city_id GROUP BY 1 ORDER BY 1`,
    );
    expect(tiers.map((t) => t.tier)).toEqual([1, 2, 3, 4]);
    expect(tiers[0]!.share).toBeGreaterThan(0.07);
    expect(tiers[0]!.share).toBeLessThan(0.2);
    expect(tiers[1]!.share).toBeGreaterThan(tiers[0]!.share);

    const [nev] = await a.query<{ share: number }>(
      `SELECT avg(CASE WHEN t.fuel <> 'ICE' THEN 1 ELSE 0 END)::float8 share FROM applications ap JOIN trims t ON t.id = ap.trim_id WHERE ap.vehicle_condition = 'new'`,
    );
    expect(nev!.share).toBeGreaterThan(0.38);
    expect(nev!.share).toBeLessThan(0.58);

    const [loans] = await a.query<{ min_rate: number; max_rate: number; bad_term: number; min_yuan: number; max_yuan: number }>(
      `SELECT min(rate_bp) min_rate, max(rate_bp) max_rate, count(*) FILTER (WHERE term_months NOT IN (12, 24, 36, 48, 60))::int bad_term,
              (min(principal_fen) / 100)::float8 min_yuan, (max(principal_fen) / 100)::float8 max_yuan FROM loans`,
    );
    expect(loans!.min_rate).toBeGreaterThanOrEqual(250);
    expect(loans!.max_rate).toBeLessThanOrEqual(1200);
    expect(loans!.bad_term).toBe(0);
    expect(loans!.min_yuan).toBeGreaterThanOrEqual(10_000);
    expect(loans!.max_yuan).toBeLessThan(600_000);
  });

  it('keeps every loan’s books straight: schedule principal, outstanding balance, days past due', async () => {
    const [r] = await a.query<{ bad_outstanding: number; bad_closed: number; bad_dpd: number; overpaid: number }>(
      `WITH s AS (
         SELECT l.id, l.principal_fen, l.outstanding_principal_fen, l.status, l.days_past_due, l.term_months,
                sum(r.principal_due_fen) FILTER (WHERE r.paid_at IS NOT NULL) paid_principal,
                sum(r.principal_due_fen) all_principal, count(r.*) n,
                min(r.due_date) FILTER (WHERE r.paid_at IS NULL) oldest_unpaid
           FROM loans l LEFT JOIN loan_repayments r ON r.loan_id = l.id GROUP BY l.id)
       SELECT count(*) FILTER (WHERE outstanding_principal_fen <> principal_fen - coalesce(paid_principal, 0))::int bad_outstanding,
              count(*) FILTER (WHERE status = 'closed' AND (all_principal <> principal_fen OR n <> term_months))::int bad_closed,
              count(*) FILTER (WHERE days_past_due <> coalesce(DATE '2026-10-31' - oldest_unpaid, 0))::int bad_dpd,
              count(*) FILTER (WHERE all_principal > principal_fen)::int overpaid
         FROM s`,
    );
    expect(r).toEqual({ bad_outstanding: 0, bad_closed: 0, bad_dpd: 0, overpaid: 0 });
  });

  it('makes delinquency rise with the latent risk score (ground truth vs. repayment history)', async () => {
    // Share of due instalments paid 30+ days late or still unpaid 30+ days, by latent-risk quartile of the borrower.
    const rows = await a.query<{ q: number; instalments: number; bad: number }>(
      `WITH q AS (SELECT customer_id, ntile(4) OVER (ORDER BY latent_risk) q FROM sim_customer_truth
                  WHERE customer_id IN (SELECT customer_id FROM loans))
       SELECT q.q::int q, count(*)::int instalments, avg(CASE WHEN r.days_late >= 30 THEN 1 ELSE 0 END)::float8 bad
         FROM loan_repayments r JOIN q ON q.customer_id = r.customer_id GROUP BY q.q ORDER BY q.q`,
    );
    expect(rows).toHaveLength(4);
    expect(rows[3]!.bad).toBeGreaterThan(rows[1]!.bad);
    expect(rows[3]!.bad).toBeGreaterThan(3 * rows[0]!.bad);
    // …and the observable bureau score is informative but not the truth itself.
    const [corr] = await a.query<{ c: number }>(
      `SELECT corr(ap.bureau_score, t.latent_risk)::float8 c FROM applications ap JOIN sim_customer_truth t ON t.customer_id = ap.customer_id WHERE ap.bureau_score IS NOT NULL`,
    );
    expect(corr!.c).toBeLessThan(-0.4);
    expect(corr!.c).toBeGreaterThan(-0.95);
  });

  it('has customers in the market now: shopping in the last week, no application yet, nothing after the as-of date', async () => {
    // The market is as of 2026-10-31 (UTC day numbers; the simulator places every event by day).
    // A customer who has not applied but will within 14 days has begun the shopping that precedes an
    // application; their quotes come in the 7 days before applying, which is after 2026-10-31, so
    // every quote such a customer viewed falls on 2026-10-25 … 2026-10-31.
    const [row] = await a.query<{ shoppers: number; outside_week: number; after_as_of: number; applicant_views_after_submit: number }>(
      `WITH views AS (SELECT customer_id, occurred_at FROM customer_events WHERE type = 'quote_view'),
            applicants AS (SELECT DISTINCT customer_id FROM applications)
       SELECT (SELECT count(DISTINCT v.customer_id)::int FROM views v WHERE v.customer_id NOT IN (SELECT customer_id FROM applicants)) AS shoppers,
              (SELECT count(*)::int FROM views v WHERE v.customer_id NOT IN (SELECT customer_id FROM applicants)
                  AND NOT (v.occurred_at >= '2026-10-25T00:00:00Z' AND v.occurred_at < '2026-11-01T00:00:00Z')) AS outside_week,
              (SELECT count(*)::int FROM customer_events WHERE occurred_at >= '2026-11-01T00:00:00Z') AS after_as_of,
              (SELECT count(*)::int FROM views v JOIN applications ap ON ap.customer_id = v.customer_id
                  WHERE v.occurred_at::date > ap.submitted_at::date) AS applicant_views_after_submit`,
    );
    // A small share of a market is in its last two weeks before applying: at 3,000 customers, a few.
    expect(row!.shoppers).toBeGreaterThan(0);
    expect(row!.outside_week).toBe(0);
    expect(row!.after_as_of).toBe(0);
    expect(row!.applicant_views_after_submit).toBe(0);
  });

  it('keeps ground truth for channel effects and only sends owned-channel marketing to consenting customers', async () => {
    const [eff] = await a.query<{ n: number }>('SELECT count(*)::int n FROM sim_channel_effects');
    expect(eff!.n).toBe(40);
    const [leak] = await a.query<{ n: number }>(
      `SELECT count(*)::int n FROM customer_events e
        WHERE e.type = 'ad_click' AND e.channel IN ('sms', 'app_push')
          AND NOT EXISTS (SELECT 1 FROM customer_consents c WHERE c.customer_id = e.customer_id AND c.purpose = 'marketing'
                          AND c.channel = e.channel AND c.status = 'granted')`,
    );
    expect(leak!.n).toBe(0);
    // Customers who clicked on high-lift channels apply more often (the truth table says so, the data agrees).
    const [lift] = await a.query<{ with_vertical: number; no_vertical: number }>(
      `WITH v AS (SELECT DISTINCT customer_id FROM customer_events WHERE type = 'ad_click' AND channel IN ('autohome', 'dongchedi', 'baidu'))
       SELECT avg(CASE WHEN ap.id IS NOT NULL THEN 1 ELSE 0 END) FILTER (WHERE v.customer_id IS NOT NULL)::float8 with_vertical,
              avg(CASE WHEN ap.id IS NOT NULL THEN 1 ELSE 0 END) FILTER (WHERE v.customer_id IS NULL)::float8 no_vertical
         FROM customers c LEFT JOIN v ON v.customer_id = c.id LEFT JOIN applications ap ON ap.customer_id = c.id`,
    );
    expect(lift!.with_vertical).toBeGreaterThan(lift!.no_vertical);
  });

  it('reset also empties rows that cascade from market rows, and refuses when a reference would block it', async () => {
    await b.query(`CREATE TABLE test_partner_notes (partner_id uuid NOT NULL REFERENCES partners(id) ON DELETE CASCADE, note text)`);
    await b.query(`INSERT INTO test_partner_notes SELECT id, 'x' FROM partners LIMIT 3`);
    await simulateMarket(b, { customers: 10, seed: 2, reset: true });
    const [n] = await b.query<{ n: number }>('SELECT count(*)::int n FROM test_partner_notes');
    expect(n!.n).toBe(0);
    await b.query(`CREATE TABLE test_customer_notes (customer_id uuid NOT NULL REFERENCES customers(id), note text)`);
    await b.query(`INSERT INTO test_customer_notes SELECT id, 'keep me' FROM customers LIMIT 1`);
    await expect(simulateMarket(b, { customers: 10, seed: 3, reset: true })).rejects.toThrow(/test_customer_notes/);
    const [kept] = await b.query<{ n: number }>('SELECT count(*)::int n FROM test_customer_notes');
    expect(kept!.n).toBe(1);
    await b.query('DROP TABLE test_customer_notes, test_partner_notes');
  });

  it('validates its options', async () => {
    await expect(simulateMarket(b, { customers: -1, seed: 1 })).rejects.toThrow(/customers/);
    await expect(simulateMarket(b, { customers: 1, seed: 1, asOf: '2026-13-01', reset: true })).rejects.toThrow(/as-of/);
  });
});
