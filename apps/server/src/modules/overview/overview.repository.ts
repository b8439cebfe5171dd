import type { Database } from '@autofin/db';
import type { Overview } from '@autofin/contracts';

/** Delinquency buckets of active loans by days past due, in display order. */
const BUCKETS = [
  { bucket: 'current', min: 0, max: 0 },
  { bucket: '1-29', min: 1, max: 29 },
  { bucket: '30-59', min: 30, max: 59 },
  { bucket: '60-89', min: 60, max: 89 },
  { bucket: '90+', min: 90, max: null },
] as const;

/** Integer fen (as text from SQL, so int8 never passes through a float) → "12345.67" yuan. */
export function fenToYuan(fen: string | number | bigint): string {
  const v = BigInt(fen);
  if (v < 0n) throw new Error(`negative amount ${v} fen`);
  return `${v / 100n}.${(v % 100n).toString().padStart(2, '0')}`;
}

/**
 * The figures of the console's overview page, read with a handful of set-based queries.
 * Money is summed in SQL as int8/numeric and leaves the database as text; rates are plain ratios.
 */
export async function getOverview(database: Pick<Database, 'query'>): Promise<Overview> {
  // Independent queries: on PostgreSQL they run side by side on pooled connections.
  const [[totals], byCity, byStatus, buckets, byMonth, byFuel] = await Promise.all([
    database.query<{ dealers: number; applications: number; loans: number; funded_fen: string; outstanding_fen: string; demo: boolean }>(
      `SELECT (SELECT count(*) FROM dealers)::int AS dealers,
              (SELECT count(*) FROM applications)::int AS applications,
              (SELECT count(*) FROM loans)::int AS loans,
              (SELECT coalesce(sum(principal_fen), 0) FROM loans)::text AS funded_fen,
              (SELECT coalesce(sum(outstanding_principal_fen), 0) FROM loans WHERE status = 'active')::text AS outstanding_fen,
              EXISTS (SELECT 1 FROM app_meta WHERE key = 'demo_market') AS demo`,
    ),
    // One pass over customers gives both the total and the tier mix (customers without a city count in the total only).
    database.query<{ tier: number | null; customers: number }>(
      `SELECT ci.tier::int AS tier, sum(c.n)::int AS customers
         FROM (SELECT city_id, count(*) AS n FROM customers GROUP BY city_id) c
         LEFT JOIN cities ci ON ci.id = c.city_id
        GROUP BY ci.tier ORDER BY ci.tier`,
    ),
    database.query<{ status: string; count: number }>(`SELECT status, count(*)::int AS count FROM applications GROUP BY status ORDER BY count(*) DESC, status`),
    database.query<{ bucket: string; loans: number; principal_fen: string }>(
      `SELECT CASE WHEN days_past_due <= 0 THEN 'current'
                   WHEN days_past_due < 30 THEN '1-29'
                   WHEN days_past_due < 60 THEN '30-59'
                   WHEN days_past_due < 90 THEN '60-89'
                   ELSE '90+' END AS bucket,
              count(*)::int AS loans,
              coalesce(sum(outstanding_principal_fen), 0)::text AS principal_fen
         FROM loans WHERE status = 'active' GROUP BY 1`,
    ),
    // The most recent 24 months with fundings, oldest first.
    database.query<{ month: string; loans: number; amount_fen: string }>(
      `SELECT month, loans, amount_fen FROM (
         SELECT to_char(funded_at, 'YYYY-MM') AS month, count(*)::int AS loans, sum(principal_fen)::text AS amount_fen
           FROM loans GROUP BY 1 ORDER BY 1 DESC LIMIT 24) m
       ORDER BY month`,
    ),
    database.query<{ fuel: string; loans: number; amount_fen: string }>(
      `SELECT fuel, count(*)::int AS loans, sum(principal_fen)::text AS amount_fen FROM loans GROUP BY fuel ORDER BY count(*) DESC, fuel`,
    ),
  ]);
  const byTier = byCity.filter((r): r is { tier: number; customers: number } => r.tier !== null);
  const customerCount = byCity.reduce((a, r) => a + r.customers, 0);

  const bucketRows = BUCKETS.map(({ bucket }) => {
    const row = buckets.find((b) => b.bucket === bucket);
    return { bucket, loans: row?.loans ?? 0, principal: fenToYuan(row?.principal_fen ?? '0') };
  });
  const active = bucketRows.reduce((a, b) => a + b.loans, 0);
  const thirtyPlus = bucketRows.filter((b) => b.bucket !== 'current' && b.bucket !== '1-29').reduce((a, b) => a + b.loans, 0);

  return {
    customers: customerCount,
    dealers: totals?.dealers ?? 0,
    applications: totals?.applications ?? 0,
    loans: totals?.loans ?? 0,
    fundedAmount: fenToYuan(totals?.funded_fen ?? '0'),
    outstandingPrincipal: fenToYuan(totals?.outstanding_fen ?? '0'),
    applicationsByStatus: byStatus.map((r) => ({ status: r.status, count: r.count })),
    delinquency: { rate30Plus: active === 0 ? 0 : thirtyPlus / active, buckets: bucketRows },
    fundedByMonth: byMonth.map((r) => ({ month: r.month, loans: r.loans, amount: fenToYuan(r.amount_fen) })),
    customersByCityTier: byTier.map((r) => ({ tier: r.tier, customers: r.customers })),
    loansByFuel: byFuel.map((r) => ({ fuel: r.fuel, loans: r.loans, amount: fenToYuan(r.amount_fen) })),
    demoData: totals?.demo ?? false,
    generatedAt: new Date().toISOString(),
  };
}
