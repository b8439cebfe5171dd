import { sql, type DbOrTx } from '@autofin/db';
import type { DataRow } from '@autofin/domain';

/**
 * The simulator's demo market (演示数据) read as scorecard feature records, with exactly the
 * names and units of the domain's APPLICATION_CHARACTERISTICS and the mapping each one documents
 * in its `history` field:
 *
 *   age_years          customers.birth_date at applications.submitted_at, whole years
 *   employment         customers.occupation
 *   income_band        applications.declared_income_band (the simulator keeps income only as a band)
 *   housing            not recorded by the simulator: missing
 *   pti, dti           applications.dti_bp ÷ 100 (the simulator records no other debts: DTI = PTI)
 *   ltv                requested_amount_fen ÷ vehicle_price_fen × 100, two decimals
 *   term_months        applications.term_months
 *   down_payment_pct   down_payment_fen ÷ vehicle_price_fen × 100, two decimals
 *   vehicle_category   used → used; new → new-ice (trim fuel ICE) or new-nev (BEV, PHEV)
 *   vehicle_age_months applications.vehicle_age_months
 *   bureau_score       applications.bureau_score (null = thin file)
 *   city_tier          customers.city_id → cities.tier
 *   channel            dealer → dealer, online → online, app → direct, ecommerce → partner
 *   has_co_applicant   no (the simulator has no joint applications)
 *
 * Set-based SQL, one query: the 20k-customer demo market reads in tens of milliseconds.
 */
export const featureColumns = sql`
  date_part('year', age(a.submitted_at::date, c.birth_date))::int AS age_years,
  c.occupation AS employment,
  a.declared_income_band AS income_band,
  round(a.dti_bp / 100.0, 2)::float8 AS pti,
  round(a.dti_bp / 100.0, 2)::float8 AS dti,
  CASE WHEN a.vehicle_price_fen > 0 THEN round(a.requested_amount_fen * 100.0 / a.vehicle_price_fen, 2)::float8 END AS ltv,
  a.term_months::int AS term_months,
  CASE WHEN a.vehicle_price_fen > 0 THEN round(a.down_payment_fen * 100.0 / a.vehicle_price_fen, 2)::float8 END AS down_payment_pct,
  CASE WHEN a.vehicle_condition = 'used' THEN 'used' WHEN t.fuel = 'ICE' OR t.fuel IS NULL THEN 'new-ice' ELSE 'new-nev' END AS vehicle_category,
  CASE WHEN a.vehicle_condition = 'used' THEN a.vehicle_age_months::int ELSE 0 END AS vehicle_age_months,
  a.bureau_score::int AS bureau_score,
  ci.tier::int AS city_tier,
  CASE a.channel WHEN 'app' THEN 'direct' WHEN 'ecommerce' THEN 'partner' ELSE a.channel END AS channel`;

/** Rows of a raw query, as node-postgres and PGlite both return them. */
export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

export interface FeatureRecord {
  age_years: number | null;
  employment: string | null;
  income_band: string | null;
  pti: number | null;
  dti: number | null;
  ltv: number | null;
  term_months: number;
  down_payment_pct: number | null;
  vehicle_category: string;
  vehicle_age_months: number;
  bureau_score: number | null;
  city_tier: number | null;
  channel: string;
}

export function toRow(r: FeatureRecord): Record<string, string | number | null> {
  return {
    age_years: r.age_years === null ? null : Number(r.age_years),
    employment: r.employment,
    income_band: r.income_band,
    housing: null,
    pti: r.pti === null ? null : Number(r.pti),
    dti: r.dti === null ? null : Number(r.dti),
    ltv: r.ltv === null ? null : Number(r.ltv),
    term_months: Number(r.term_months),
    down_payment_pct: r.down_payment_pct === null ? null : Number(r.down_payment_pct),
    vehicle_category: r.vehicle_category,
    vehicle_age_months: Number(r.vehicle_age_months),
    bureau_score: r.bureau_score === null ? null : Number(r.bureau_score),
    city_tier: r.city_tier === null ? null : Number(r.city_tier),
    channel: r.channel,
    has_co_applicant: 'no',
  };
}

/** The target column of the demo training rows and its bad value. */
export const DEMO_TARGET = 'bad_60dpd';
export const DEMO_BAD_VALUE = '1';
/** Instalments that must have fallen due before a loan's outcome counts (the performance window). */
export const DEMO_MIN_INSTALMENTS_DUE = 6;

/**
 * Training rows: every funded demo loan with at least DEMO_MIN_INSTALMENTS_DUE instalments due by
 * the market's as-of date, its application's characteristics, and the outcome
 * bad_60dpd = 1 when the loan was charged off or any instalment was (or still is) 60 or more
 * days late, else 0. Loans younger than the window are left out: they have not had the time
 * to go bad, and counting them as good would flatter the model.
 */
export async function demoTrainingRows(db: DbOrTx, asOf: string): Promise<DataRow[]> {
  const result = await db.execute(sql`
    WITH perf AS (
      SELECT r.loan_id,
             count(*) FILTER (WHERE r.due_date <= ${asOf}::date) AS due,
             max(r.days_late) AS max_late
        FROM loan_repayments r
       GROUP BY r.loan_id
    )
    SELECT ${featureColumns},
           CASE WHEN l.status = 'charged_off' OR coalesce(p.max_late, 0) >= 60 OR l.days_past_due >= 60 THEN '1' ELSE '0' END AS bad_60dpd
      FROM loans l
      JOIN perf p ON p.loan_id = l.id
      JOIN applications a ON a.id = l.application_id
      JOIN customers c ON c.id = a.customer_id
      LEFT JOIN cities ci ON ci.id = c.city_id
      LEFT JOIN trims t ON t.id = a.trim_id
     WHERE a.source = 'simulator' AND p.due >= ${DEMO_MIN_INSTALMENTS_DUE}
     ORDER BY a.submitted_at, a.id`);
  return rowsOf<FeatureRecord & { bad_60dpd: string }>(result).map((r) => ({ ...toRow(r), [DEMO_TARGET]: r.bad_60dpd }));
}

/** Every demo application (decided or not) submitted in [from, to), as feature records. */
export async function demoApplicationRows(db: DbOrTx, from: Date, to: Date): Promise<DataRow[]> {
  const result = await db.execute(sql`
    SELECT ${featureColumns}
      FROM applications a
      JOIN customers c ON c.id = a.customer_id
      LEFT JOIN cities ci ON ci.id = c.city_id
      LEFT JOIN trims t ON t.id = a.trim_id
     WHERE a.source = 'simulator' AND a.submitted_at >= ${from.toISOString()} AND a.submitted_at < ${to.toISOString()}
     ORDER BY a.submitted_at, a.id`);
  return rowsOf<FeatureRecord>(result).map(toRow);
}

/** The latest demo application's submission time: the end of the demo market's record. */
export async function demoRecordEnd(db: DbOrTx): Promise<Date | null> {
  const result = await db.execute(sql`SELECT max(submitted_at) AS last FROM applications WHERE source = 'simulator'`);
  const last = rowsOf<{ last: string | Date | null }>(result)[0]?.last;
  return last ? new Date(last) : null;
}
