import { createHmac } from 'node:crypto';
import { sql, type DbOrTx } from '@autofin/db';
import type { BureauData, DecisionData } from '@autofin/contracts';

function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** How far back the dealer's trailing weekly average looks (8 weeks before the current one). */
export const DEALER_TRAILING_WEEKS = 8;
/** How far back the dealer's price-to-valuation average looks. */
export const DEALER_VALUATION_DAYS = 90;

export interface DecisionDataKeys {
  idNumberHash: string;
  phoneHash: string;
  deviceHash: string | null;
  dealerId: string | null;
  now: Date;
}

/**
 * Velocity (earlier applications with the same ID number, phone or device in 24 h and 7 days)
 * and the number of other identities that used this phone, in one statement over the keyed
 * hashes of application_details (index range scans on (hash, submitted_at)).
 */
export async function loadVelocity(db: DbOrTx, k: DecisionDataKeys): Promise<Pick<DecisionData, 'velocity' | 'phoneIdentities'>> {
  const d1 = new Date(k.now.getTime() - DAY);
  const d7 = new Date(k.now.getTime() - 7 * DAY);
  const row = rowsOf<{ id24: number; id7: number; ph24: number; ph7: number; dv24: number; dv7: number; phone_ids: number }>(
    await db.execute(sql`
      SELECT
        (SELECT count(*) FILTER (WHERE submitted_at >= ${d1})::int FROM application_details WHERE id_number_hash = ${k.idNumberHash} AND submitted_at >= ${d7}) AS id24,
        (SELECT count(*)::int FROM application_details WHERE id_number_hash = ${k.idNumberHash} AND submitted_at >= ${d7}) AS id7,
        (SELECT count(*) FILTER (WHERE submitted_at >= ${d1})::int FROM application_details WHERE phone_hash = ${k.phoneHash} AND submitted_at >= ${d7}) AS ph24,
        (SELECT count(*)::int FROM application_details WHERE phone_hash = ${k.phoneHash} AND submitted_at >= ${d7}) AS ph7,
        (SELECT count(*) FILTER (WHERE submitted_at >= ${d1})::int FROM application_details WHERE device_hash = ${k.deviceHash} AND submitted_at >= ${d7}) AS dv24,
        (SELECT count(*)::int FROM application_details WHERE device_hash = ${k.deviceHash} AND submitted_at >= ${d7}) AS dv7,
        (SELECT count(DISTINCT id_number_hash)::int FROM application_details WHERE phone_hash = ${k.phoneHash} AND id_number_hash <> ${k.idNumberHash}) AS phone_ids`),
  )[0]!;
  return {
    velocity: [
      { key: 'id_number', window: '24h', count: row.id24 },
      { key: 'id_number', window: '7d', count: row.id7 },
      { key: 'phone', window: '24h', count: row.ph24 },
      { key: 'phone', window: '7d', count: row.ph7 },
      { key: 'device', window: '24h', count: k.deviceHash ? row.dv24 : 0 },
      { key: 'device', window: '7d', count: k.deviceHash ? row.dv7 : 0 },
    ],
    phoneIdentities: row.phone_ids,
  };
}

/** Active internal blacklist entries for this ID number, phone, device or dealer. */
export async function loadBlacklistHits(db: DbOrTx, k: DecisionDataKeys): Promise<DecisionData['blacklistHits']> {
  const rows = rowsOf<{ list: DecisionData['blacklistHits'][number]['list']; reason: string }>(
    await db.execute(sql`
      SELECT list, reason FROM risk_blacklist
       WHERE active AND ((list = 'id_number' AND value_hash = ${k.idNumberHash}) OR (list = 'phone' AND value_hash = ${k.phoneHash})
          OR (list = 'device' AND value_hash = ${k.deviceHash}) OR (list = 'dealer' AND value_hash = ${k.dealerId}))
       ORDER BY list`),
  );
  return rows;
}

/**
 * The dealer's volume this week (this application included) against its trailing weekly
 * average, and the mean sale price ÷ valuation of its recent used-car applications — over every
 * application of the dealer, simulated history included, so a surge shows against its real past.
 */
export async function loadDealerStats(db: DbOrTx, k: DecisionDataKeys): Promise<DecisionData['dealer']> {
  if (!k.dealerId) return null;
  const week = new Date(k.now.getTime() - 7 * DAY);
  const trailing = new Date(week.getTime() - DEALER_TRAILING_WEEKS * 7 * DAY);
  const valuationSince = new Date(k.now.getTime() - DEALER_VALUATION_DAYS * DAY);
  const row = rowsOf<{ week: number; trailing: number; ptv: number | null }>(
    await db.execute(sql`
      SELECT count(*) FILTER (WHERE submitted_at >= ${week})::int AS week,
             count(*) FILTER (WHERE submitted_at < ${week} AND submitted_at >= ${trailing})::int AS trailing,
             avg(vehicle_price_fen::float8 / vehicle_valuation_fen) FILTER (WHERE vehicle_valuation_fen > 0 AND submitted_at >= ${valuationSince}) AS ptv
        FROM applications
       WHERE partner_id = ${k.dealerId} AND submitted_at >= ${trailing}`),
  )[0]!;
  return {
    weekCount: row.week + 1,
    trailingWeeklyAverage: row.trailing / DEALER_TRAILING_WEEKS,
    priceToValuation: row.ptv === null ? null : Number(row.ptv),
  };
}

/** The applicant's city tier from the address (a city of the catalogue); tier 2 when unknown. */
export async function loadCityTier(db: DbOrTx, city: string | undefined): Promise<{ tier: number; known: boolean }> {
  if (!city) return { tier: 2, known: false };
  const name = city.trim().replace(/市$/, '');
  const rows = rowsOf<{ tier: number }>(
    await db.execute(sql`SELECT tier::int AS tier FROM cities WHERE name = ${name} OR name = ${`${name}市`} OR lower(name_en) = lower(${name}) LIMIT 1`),
  );
  return rows[0] ? { tier: rows[0].tier, known: true } : { tier: 2, known: false };
}

/**
 * The simulator's own keyed hash of a resident ID number (packages/simulator: HMAC-SHA256 under
 * `autofin-simulator-id-number-key-<seed>`): the demo market was generated before any platform
 * key existed, so its customers are found under this hash too. Null without a demo market.
 */
export async function demoMarketIdHash(db: DbOrTx, idNumber: string): Promise<string | null> {
  const rows = rowsOf<{ seed: number | null }>(await db.execute(sql`SELECT (value->>'seed')::int AS seed FROM app_meta WHERE key = 'demo_market'`));
  const seed = rows[0]?.seed;
  if (seed === undefined || seed === null) return null;
  return createHmac('sha256', `autofin-simulator-id-number-key-${seed}`).update(idNumber).digest('hex');
}

export interface BureauLookup {
  bureau: BureauData;
  /** What the audit says about the source. */
  detail: string;
}

/**
 * The demo market's credit bureau (演示数据): a simulated customer's bureau score is the one on
 * their latest simulated application; anyone else has no file there (thin_file). Called only
 * when the applicant authorised the query: the service never asks without consent.
 */
export async function lookupDemoBureau(db: DbOrTx, customer: { id: string; source: string } | null): Promise<BureauLookup> {
  if (!customer || customer.source !== 'simulator') {
    return { bureau: { status: 'thin_file' }, detail: 'demo bureau (演示数据): no file for this person — only the simulated market’s customers have one' };
  }
  const rows = rowsOf<{ bureau_score: number | null }>(
    await db.execute(sql`SELECT bureau_score::int AS bureau_score FROM applications WHERE customer_id = ${customer.id} AND source = 'simulator' ORDER BY submitted_at DESC LIMIT 1`),
  );
  const score = rows[0]?.bureau_score ?? null;
  return score === null
    ? { bureau: { status: 'thin_file' }, detail: 'demo bureau (演示数据): simulated customer with a thin file' }
    : { bureau: { status: 'scored', score }, detail: `demo bureau (演示数据): simulated customer, score ${score}` };
}
