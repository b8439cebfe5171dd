import { createHmac } from 'node:crypto';
import { sql, type DbOrTx } from '@autofin/db';
import type { BureauData, DecisionData } from '@autofin/contracts';
import { demoBureauRecord } from '@autofin/simulator';
import type { MatchedCustomer } from '../customers/customer-identity.repository.ts';

function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

const DAY = 86_400_000;

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

export interface BureauLookup {
  bureau: BureauData;
  /** What the audit says about the source. */
  detail: string;
}

export interface LoadedDecisionData {
  customer: MatchedCustomer | null;
  velocity: DecisionData['velocity'];
  phoneIdentities: number;
  blacklistHits: DecisionData['blacklistHits'];
  dealer: DecisionData['dealer'];
  dealerExists: boolean;
  city: { tier: number; known: boolean };
  /** Null when the bureau was not asked (no consent). */
  bureau: BureauLookup | null;
}

interface Row {
  customer: MatchedCustomer | null;
  id24: number;
  id7: number;
  ph24: number;
  ph7: number;
  dv24: number;
  dv7: number;
  phone_ids: number;
  blacklist: DecisionData['blacklistHits'] | null;
  dealer_exists: boolean;
  dealer_week: number | null;
  dealer_trailing: number | null;
  dealer_ptv: number | string | null;
  city_tier: number | null;
  bureau_score: number | null;
}

/**
 * Everything outside the application that a decision uses, in ONE call of the SQL function
 * application_decision_data (a round trip per source, or one large statement planned on every
 * request, cost more than the decision itself):
 *
 * - the customer behind the ID number (keyed hash; the demo market's own hash too);
 * - velocity: earlier applications with the same ID number, phone or device in 24 h and 7 days,
 *   and how many other identities used this phone (index range scans on (hash, submitted_at));
 * - active internal blacklist entries for the ID number, phone, device or dealer;
 * - the dealer: does it exist, its volume this week against its trailing weekly average, and the
 *   mean sale price ÷ valuation of its recent used-car applications (over all its applications,
 *   simulated history included, so a surge shows against its real past);
 * - the city tier of the applicant's address (tier 2 when unknown);
 * - the demo market's credit bureau (演示数据), ONLY when `bureau` (the applicant's credit-check
 *   consent) is true: a simulated customer's score is the one on their latest simulated
 *   application; anyone else gets the demo bureau's deterministic record for their ID number
 *   (`demoBureauRecord`: the simulator's score distribution, 15 % thin files).
 */
export async function loadDecisionData(
  db: DbOrTx,
  q: { idNumberHashes: readonly string[]; keys: DecisionDataKeys; city: string | undefined; bureau: boolean },
): Promise<LoadedDecisionData> {
  const k = q.keys;
  const d1 = new Date(k.now.getTime() - DAY);
  const d7 = new Date(k.now.getTime() - 7 * DAY);
  const trailing = new Date(d7.getTime() - DEALER_TRAILING_WEEKS * 7 * DAY);
  const valuationSince = new Date(k.now.getTime() - DEALER_VALUATION_DAYS * DAY);
  const cityName = q.city ? q.city.trim().replace(/市$/, '') : null;
  const dealer = k.dealerId;
  const hashes = `{${q.idNumberHashes.map((h) => `"${h.replace(/["\\]/g, '')}"`).join(',')}}`;
  // The statement is the plpgsql function application_decision_data (migration 0008): planned
  // once per connection instead of on every request.
  const row = rowsOf<{ data: Row }>(
    await db.execute(sql`
      SELECT application_decision_data(${hashes}::text[], ${k.idNumberHash}, ${k.phoneHash}, ${k.deviceHash}, ${dealer}::uuid,
        ${d1}, ${d7}, ${trailing}, ${valuationSince}, ${cityName}, ${q.bureau}) AS data`),
  )[0]!.data;

  const hasDevice = k.deviceHash !== null;
  let bureau: BureauLookup | null = null;
  if (q.bureau) {
    if (row.customer?.source !== 'simulator') {
      // Someone new to the simulation: the demo bureau's deterministic record for this ID number.
      const record = demoBureauRecord(k.idNumberHash);
      bureau = {
        bureau: record,
        detail: record.status === 'scored' ? `demo bureau (演示数据): record drawn for this ID number, score ${record.score}` : 'demo bureau (演示数据): record drawn for this ID number: thin file',
      };
    }
    else if (row.bureau_score === null) bureau = { bureau: { status: 'thin_file' }, detail: 'demo bureau (演示数据): simulated customer with a thin file' };
    else bureau = { bureau: { status: 'scored', score: row.bureau_score }, detail: `demo bureau (演示数据): simulated customer, score ${row.bureau_score}` };
  }
  return {
    customer: row.customer,
    velocity: [
      { key: 'id_number', window: '24h', count: row.id24 },
      { key: 'id_number', window: '7d', count: row.id7 },
      { key: 'phone', window: '24h', count: row.ph24 },
      { key: 'phone', window: '7d', count: row.ph7 },
      { key: 'device', window: '24h', count: hasDevice ? row.dv24 : 0 },
      { key: 'device', window: '7d', count: hasDevice ? row.dv7 : 0 },
    ],
    phoneIdentities: row.phone_ids,
    blacklistHits: row.blacklist ?? [],
    dealerExists: row.dealer_exists,
    dealer: dealer
      ? { weekCount: (row.dealer_week ?? 0) + 1, trailingWeeklyAverage: (row.dealer_trailing ?? 0) / DEALER_TRAILING_WEEKS, priceToValuation: row.dealer_ptv === null ? null : Number(row.dealer_ptv) }
      : null,
    city: row.city_tier === null ? { tier: 2, known: false } : { tier: row.city_tier, known: true },
    bureau,
  };
}

/** The seed of the demo market recorded in app_meta; null without one. */
export async function demoMarketSeed(db: DbOrTx): Promise<number | null> {
  const rows = rowsOf<{ seed: number | null }>(await db.execute(sql`SELECT (value->>'seed')::int AS seed FROM app_meta WHERE key = 'demo_market'`));
  return rows[0]?.seed ?? null;
}

/**
 * The simulator's own keyed hash of a resident ID number (packages/simulator: HMAC-SHA256 under
 * `autofin-simulator-id-number-key-<seed>`): the demo market was generated before any platform
 * key existed, so its customers are found under this hash too.
 */
export function demoMarketIdHash(seed: number, idNumber: string): string {
  return createHmac('sha256', `autofin-simulator-id-number-key-${seed}`).update(idNumber).digest('hex');
}
