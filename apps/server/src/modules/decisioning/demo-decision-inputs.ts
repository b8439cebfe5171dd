import { sql, type DbOrTx } from '@autofin/db';
import type { DecisionData, DecisionInput, SalesChannel } from '@autofin/contracts';
import { decisionInputSchema, employmentTypes, type EmploymentType } from '@autofin/contracts';
import { residentIdCheckChar, type DataRow } from '@autofin/domain';
import { featureColumns, rowsOf, toRow, type FeatureRecord } from './demo-history.ts';

/**
 * The simulator's applications (演示数据) as the decision engine sees an application, so a
 * strategy can be replayed over the demo market before live decisions exist. The simulator keeps
 * less than an application form holds; what is missing is filled in as documented here:
 *
 *   monthly income      the declared band's representative figure (the income_band characteristic
 *                       then reads the same band): lt5k 4 000 · 5k_10k 7 500 · 10k_20k 15 000 ·
 *                       20k_50k 30 000 · ge50k 60 000 yuan
 *   other debts         0 (the simulator records none: its DTI is the new instalment's)
 *   resident ID number  not stored (only a keyed hash): a demo number is built from the birth
 *                       date and gender with region 110101 and a valid GB 11643 check digit,
 *                       never shown or stored
 *   vehicle value       the sale price (no appraisal is recorded)
 *   product             none named: the cheapest eligible product of today's catalogue
 *   consents            credit check authorised (every simulated applicant was bureau-checked)
 *   bureau              the application's bureau score; none = thin file
 *   velocity            earlier applications of the same customer in the 24 h / 7 d before
 *                       (one customer = one ID number and one phone in the simulator)
 *   blacklist, shared phones, dealer statistics, device: none recorded
 */
export interface ReplayCase {
  input: DecisionInput;
  data: DecisionData;
  /** The scorecard characteristics of the record as history maps them (demo-history.ts): what a stored decision would have scored. */
  characteristics: DataRow;
}

export const DEMO_INCOME_YUAN: Record<string, number> = { lt5k: 4_000, '5k_10k': 7_500, '10k_20k': 15_000, '20k_50k': 30_000, ge50k: 60_000 };
const CHANNELS: Record<string, SalesChannel> = { dealer: 'dealer', online: 'online', app: 'direct', ecommerce: 'partner' };

interface Record_ extends FeatureRecord {
  id: string;
  customer_id: string;
  partner_id: string | null;
  raw_channel: string;
  submitted_at: string | Date;
  vehicle_condition: string;
  vehicle_age_months: number;
  mileage_km: number;
  vehicle_price_fen: string | number;
  down_payment_fen: string | number;
  term_months: number;
  bureau_score: number | null;
  declared_income_band: string | null;
  birth_date: string | null;
  gender: string | null;
  phone: string;
  id_number_hash: string | null;
  occupation: string | null;
  fuel: string | null;
  city_tier: number | null;
  id_24h: string | number;
  id_7d: string | number;
}

/** A GB 11643-valid demo ID number for a birth date and gender (region 110101, sequence from the row). */
export function demoIdNumber(birthDate: string, gender: 'M' | 'F', sequence: number): string {
  // The 17th digit (the last of the 3-digit sequence) is odd for men, even for women.
  const seq = (sequence % 500) * 2 + (gender === 'M' ? 1 : 0);
  const body17 = `110101${birthDate.replaceAll('-', '')}${String(seq).padStart(3, '0')}`;
  return body17 + residentIdCheckChar(body17);
}

function toCase(r: Record_, index: number): ReplayCase {
  const birthDate = r.birth_date ?? '1985-01-01';
  const gender = r.gender === 'F' ? 'F' : 'M';
  const incomeYuan = DEMO_INCOME_YUAN[r.declared_income_band ?? ''] ?? DEMO_INCOME_YUAN['5k_10k']!;
  const used = r.vehicle_condition === 'used';
  const employment: EmploymentType = (employmentTypes as readonly string[]).includes(r.occupation ?? '') ? (r.occupation as EmploymentType) : 'other';
  const input = decisionInputSchema.parse({
    applicationId: r.id,
    submittedAt: new Date(r.submitted_at).toISOString(),
    type: 'individual',
    applicant: {
      idNumber: demoIdNumber(birthDate, gender, index),
      idNumberHash: r.id_number_hash ?? `demo-customer:${r.customer_id}`,
      birthDate,
      gender,
      phone: r.phone,
      employment,
      monthlyIncomeFen: incomeYuan * 100,
      monthlyDebtPaymentsFen: 0,
    },
    vehicle: {
      category: used ? 'used' : r.fuel === 'ICE' || r.fuel === null ? 'new-ice' : 'new-nev',
      fuel: r.fuel === 'BEV' || r.fuel === 'PHEV' || r.fuel === 'ICE' ? r.fuel : null,
      priceFen: Number(r.vehicle_price_fen),
      valuationFen: used ? Number(r.vehicle_price_fen) : null,
      ageMonths: used ? r.vehicle_age_months : 0,
      mileageKm: used ? r.mileage_km : 0,
    },
    deal: { downPaymentFen: Number(r.down_payment_fen), termMonths: r.term_months },
    dealerId: r.partner_id,
    channel: CHANNELS[r.raw_channel] ?? 'dealer',
    consents: { creditCheck: true },
  });
  const data: DecisionData = {
    bureau: r.bureau_score === null ? { status: 'thin_file' } : { status: 'scored', score: r.bureau_score },
    velocity: [
      { key: 'id_number', window: '24h', count: Number(r.id_24h) },
      { key: 'id_number', window: '7d', count: Number(r.id_7d) },
      { key: 'phone', window: '24h', count: Number(r.id_24h) },
      { key: 'phone', window: '7d', count: Number(r.id_7d) },
    ],
    blacklistHits: [],
    phoneIdentities: 0,
    dealer: null,
    cityTier: r.city_tier ?? 3,
  };
  return { input, data, characteristics: toRow(r) };
}

/** The demo market's applications submitted in [from, to), oldest first, as replay cases. */
export async function demoReplayCases(db: DbOrTx, from: Date, to: Date): Promise<ReplayCase[]> {
  const result = await db.execute(sql`
    SELECT ${featureColumns}, a.id, a.customer_id, a.partner_id, a.channel AS raw_channel, a.submitted_at, a.vehicle_condition, a.vehicle_age_months, a.mileage_km,
           a.vehicle_price_fen, a.down_payment_fen, a.term_months, a.bureau_score, a.declared_income_band,
           c.birth_date::text AS birth_date, c.gender, c.phone, c.id_number_hash, c.occupation, t.fuel, ci.tier AS city_tier,
           (SELECT count(*) FROM applications p WHERE p.customer_id = a.customer_id AND p.submitted_at < a.submitted_at AND p.submitted_at >= a.submitted_at - interval '24 hours') AS id_24h,
           (SELECT count(*) FROM applications p WHERE p.customer_id = a.customer_id AND p.submitted_at < a.submitted_at AND p.submitted_at >= a.submitted_at - interval '7 days') AS id_7d
      FROM applications a
      JOIN customers c ON c.id = a.customer_id
      LEFT JOIN cities ci ON ci.id = c.city_id
      LEFT JOIN trims t ON t.id = a.trim_id
     WHERE a.source = 'simulator' AND a.submitted_at >= ${from.toISOString()} AND a.submitted_at < ${to.toISOString()}
     ORDER BY a.submitted_at, a.id`);
  return rowsOf<Record_>(result).map(toCase);
}
