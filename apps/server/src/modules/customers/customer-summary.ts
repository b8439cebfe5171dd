import type { SqlRunner } from '@autofin/db';
import { displayName, displayPhone } from './customer-profile.repository.ts';

/** Masked list rows for these ids, in the given order (segment samples). */
export async function summariesByIds(db: SqlRunner, ids: readonly string[]) {
  if (ids.length === 0) return [];
  const rows = await db.query<{ id: string; name: string; phone: string; city: string | null; lifecycle_stage: string | null; anonymous: boolean; source: string }>(
    `SELECT c.id, c.name, c.phone, ci.name AS city, t.lifecycle_stage, c.anonymous, c.source
       FROM customers c LEFT JOIN cities ci ON ci.id = c.city_id LEFT JOIN customer_traits t ON t.customer_id = c.id WHERE c.id = ANY($1::uuid[])`,
    [`{${ids.join(',')}}`],
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids
    .map((id) => byId.get(id))
    .filter((r) => r !== undefined)
    .map((r) => ({ id: r.id, name: displayName(r.name, r.anonymous, false), phone: displayPhone(r.phone, false), city: r.city, lifecycleStage: r.lifecycle_stage, anonymous: r.anonymous, source: r.source, demo: r.source === 'simulator' }));
}
