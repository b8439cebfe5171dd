import type { SqlRunner } from '@autofin/db';
import { ensureBuiltinSegments } from '../segments/segment.repository.ts';
import { refreshTraits } from './trait.repository.ts';

export interface CustomerDataSeedSummary {
  traitsComputed: number;
  segmentsCreated: number;
  seconds: number;
}

/**
 * Brings derived customer data up to date after customers were written in bulk (the simulator, a
 * customer import): traits for every profile that has none yet, in chunks, then the built-in segments
 * (created and evaluated once). Idempotent and cheap when nothing is missing, so it runs at every start.
 */
export async function seedCustomerData(db: SqlRunner, now: Date = new Date(), onProgress?: (done: number, total: number) => void): Promise<CustomerDataSeedSummary> {
  const t0 = performance.now();
  const [missing] = await db.query<{ n: number | string }>(
    `SELECT count(*) AS n FROM customers c WHERE c.merged_into IS NULL AND NOT EXISTS (SELECT 1 FROM customer_traits t WHERE t.customer_id = c.id)`,
  );
  const total = Number(missing?.n ?? 0);
  let done = 0;
  let after = '00000000-0000-0000-0000-000000000000';
  while (done < total) {
    const ids = await db.query<{ id: string }>(
      `SELECT c.id FROM customers c WHERE c.id > $1::uuid AND c.merged_into IS NULL AND NOT EXISTS (SELECT 1 FROM customer_traits t WHERE t.customer_id = c.id) ORDER BY c.id LIMIT 5000`,
      [after],
    );
    if (ids.length === 0) break;
    await refreshTraits(db, ids.map((r) => r.id), now);
    after = ids[ids.length - 1]!.id;
    done += ids.length;
    onProgress?.(done, total);
  }
  const segmentsCreated = await ensureBuiltinSegments(db, now);
  return { traitsComputed: done, segmentsCreated, seconds: (performance.now() - t0) / 1000 };
}
