import type { Database, SqlRunner } from '@autofin/db';
import { refreshDerived } from './event-ingest.service.ts';
import { runnerOf } from './sql-runner.ts';

/**
 * Adds profiles to the durable refresh queue (in the caller's transaction); a profile already queued
 * stays once. Ids go in sorted: two concurrent batches (the import runs two) that queue the same
 * profiles then wait on each other in one order instead of deadlocking.
 */
export async function enqueueRefresh(db: SqlRunner, customerIds: readonly string[], now: Date): Promise<void> {
  if (customerIds.length === 0) return;
  await db.query(`INSERT INTO customer_refresh_queue (customer_id, enqueued_at) SELECT unnest($1::uuid[]), $2::timestamptz ON CONFLICT (customer_id) DO NOTHING`, [
    `{${[...new Set(customerIds)].sort().join(',')}}`,
    now.toISOString(),
  ]);
}

/**
 * Takes up to `limit` queued profiles (FOR UPDATE SKIP LOCKED, so instances share the work), refreshes
 * their traits and memberships and removes them, all in one transaction: a crash leaves them queued.
 * Returns how many were processed.
 */
export async function processRefreshQueue(database: Database, limit = 5_000, now: () => Date = () => new Date()): Promise<number> {
  return (await processRefreshBatch(database, limit, now)).processed;
}

/** processRefreshQueue, also saying when the longest-waiting of the processed profiles was queued (null when none). */
export async function processRefreshBatch(database: Database, limit = 5_000, now: () => Date = () => new Date()): Promise<{ processed: number; oldestEnqueuedAt: Date | null }> {
  return database.db.transaction(async (tx) => {
    const db = runnerOf(tx);
    const rows = await db.query<{ customer_id: string; enqueued_at: string | Date }>(
      `DELETE FROM customer_refresh_queue WHERE customer_id IN (SELECT customer_id FROM customer_refresh_queue ORDER BY enqueued_at LIMIT ${Math.floor(limit)} FOR UPDATE SKIP LOCKED) RETURNING customer_id, enqueued_at`,
    );
    if (rows.length === 0) return { processed: 0, oldestEnqueuedAt: null };
    await refreshDerived(db, rows.map((r) => r.customer_id), now());
    const oldest = Math.min(...rows.map((r) => new Date(r.enqueued_at).getTime()));
    return { processed: rows.length, oldestEnqueuedAt: new Date(oldest) };
  });
}

/** Processes the queue until it is empty, waiting for batches another worker holds (tests, tools). */
export async function drainRefreshQueue(database: Database): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await processRefreshQueue(database);
    total += n;
    if (n > 0) continue;
    const [left] = await database.query<{ n: string }>(`SELECT count(*)::text AS n FROM customer_refresh_queue`);
    if (left?.n === '0') return total;
    await new Promise((r) => setTimeout(r, 20));
  }
}
