import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@autofin/db';
import { overviewSchema } from '@autofin/contracts';
import { simulateMarket } from '@autofin/simulator';
import { fenToYuan, getOverview } from './overview.repository.ts';

describe('fenToYuan', () => {
  it('formats integer fen exactly, beyond 2^53', () => {
    expect(fenToYuan('0')).toBe('0.00');
    expect(fenToYuan(5)).toBe('0.05');
    expect(fenToYuan('1234567')).toBe('12345.67');
    expect(fenToYuan('900719925474099312')).toBe('9007199254740993.12');
    expect(() => fenToYuan(-1)).toThrow();
  });
});

describe('getOverview', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  }, 120_000);
  afterAll(async () => {
    await db?.destroy();
  });

  it('reports an empty database as zeros, not demo data', async () => {
    const o = overviewSchema.parse(await getOverview(db));
    expect(o).toMatchObject({ customers: 0, dealers: 0, applications: 0, loans: 0, fundedAmount: '0.00', outstandingPrincipal: '0.00', demoData: false });
    expect(o.delinquency.rate30Plus).toBe(0);
    expect(o.delinquency.buckets.map((b) => b.bucket)).toEqual(['current', '1-29', '30-59', '60-89', '90+']);
    expect(o.fundedByMonth).toEqual([]);
  });

  it('matches direct SQL over a simulated market', async () => {
    await simulateMarket(db, { customers: 2_500, seed: 11 });
    const o = overviewSchema.parse(await getOverview(db));

    // Independent expectations: plain counts and numeric (not int8→float) sums formatted by PostgreSQL.
    const [x] = await db.query<{
      customers: number;
      dealers: number;
      applications: number;
      loans: number;
      funded: string;
      outstanding: string;
      active: number;
      dpd30: number;
    }>(
      `SELECT (SELECT count(*) FROM customers)::int customers,
              (SELECT count(*) FROM partners WHERE type = 'dealer')::int dealers,
              (SELECT count(*) FROM applications)::int applications,
              (SELECT count(*) FROM loans)::int loans,
              (SELECT to_char(sum(principal_fen)::numeric / 100, 'FM9999999999990.00') FROM loans) funded,
              (SELECT to_char(sum(outstanding_principal_fen)::numeric / 100, 'FM9999999999990.00') FROM loans WHERE status = 'active') outstanding,
              (SELECT count(*) FROM loans WHERE status = 'active')::int active,
              (SELECT count(*) FROM loans WHERE status = 'active' AND days_past_due >= 30)::int dpd30`,
    );
    expect(o.customers).toBe(2_500);
    expect(o.customers).toBe(x!.customers);
    expect(o.dealers).toBe(x!.dealers);
    expect(o.applications).toBe(x!.applications);
    expect(o.loans).toBe(x!.loans);
    expect(o.fundedAmount).toBe(x!.funded);
    expect(o.outstandingPrincipal).toBe(x!.outstanding);
    expect(o.demoData).toBe(true);

    expect(o.applicationsByStatus.reduce((a, s) => a + s.count, 0)).toBe(x!.applications);
    const funded = o.applicationsByStatus.find((s) => s.status === 'funded');
    expect(funded?.count).toBe(x!.loans);

    expect(o.delinquency.buckets.reduce((a, b) => a + b.loans, 0)).toBe(x!.active);
    expect(o.delinquency.rate30Plus).toBeCloseTo(x!.dpd30 / x!.active, 12);
    expect(o.delinquency.rate30Plus).toBeGreaterThan(0);
    expect(o.delinquency.rate30Plus).toBeLessThan(0.1);
    // bucket principals add up to the outstanding principal, to the fen
    const bucketFen = o.delinquency.buckets.reduce((a, b) => a + BigInt(b.principal.replace('.', '')), 0n);
    expect(bucketFen).toBe(BigInt(o.outstandingPrincipal.replace('.', '')));

    expect(o.fundedByMonth.length).toBeGreaterThan(12);
    expect(o.fundedByMonth.length).toBeLessThanOrEqual(24);
    expect(o.fundedByMonth.map((m) => m.month)).toEqual([...o.fundedByMonth.map((m) => m.month)].sort());
    expect(o.fundedByMonth.reduce((a, m) => a + m.loans, 0)).toBe(x!.loans);

    expect(o.customersByCityTier.map((t) => t.tier)).toEqual([1, 2, 3, 4]);
    expect(o.customersByCityTier.reduce((a, t) => a + t.customers, 0)).toBe(x!.customers);

    const fuels = await db.query<{ fuel: string; loans: number; amount: string }>(
      `SELECT fuel, count(*)::int loans, to_char(sum(principal_fen)::numeric / 100, 'FM9999999999990.00') amount FROM loans GROUP BY fuel`,
    );
    expect([...o.loansByFuel].sort((a, b) => a.fuel.localeCompare(b.fuel))).toEqual(fuels.sort((a, b) => a.fuel.localeCompare(b.fuel)));
  }, 240_000);
});
