import type { Database, SqlRunner } from '@autofin/db';
import { refreshDerived } from './event-ingest.service.ts';
import { runnerOf } from './sql-runner.ts';

/**
 * A worker claims queued profiles by moving their enqueued_at a thousand years ahead (plus the lease,
 * 5 minutes), commits at once, refreshes them, and deletes only rows that still carry its lease. So no
 * queue row is locked while traits and memberships are recomputed (seconds for thousands of profiles):
 * a loading batch that queues a profile being refreshed does not wait for it, it takes the lease back
 * (the row counts as queued again and is refreshed once more, now seeing its events). A worker that
 * dies leaves its rows claimable again when the lease runs out.
 */
const LEASED = `interval '1000 years'`;
const LEASE = `interval '1000 years 5 minutes'`;

/**
 * Which profiles a worker takes first. A live event (the API, a merge) must move its profile's segment
 * memberships within seconds even while the import command queues hundreds of thousands of profiles;
 * bulk profiles are refreshed in small batches in between (ADR 0020).
 */
export type RefreshLane = 'live' | 'bulk';
const LANE: Record<RefreshLane, number> = { live: 0, bulk: 1 };

/**
 * Bulk profiles a worker takes at a time: a live profile queued meanwhile waits for at most one such
 * batch (heavily evented profiles refresh at ≈ 1.5 ms each on the 1 M market, so well under a second).
 */
export const BULK_BATCH = 500;

/**
 * Adds profiles to the durable refresh queue (in the caller's transaction); a profile already queued
 * stays once, one a worker is refreshing right now is queued again, and one queued in the bulk lane
 * moves to the live lane when a live event arrives for it (keeping its place in time). Ids go in
 * sorted: two concurrent batches (the import runs two) that queue the same profiles then wait on each
 * other in one order instead of deadlocking.
 */
export async function enqueueRefresh(db: SqlRunner, customerIds: readonly string[], now: Date, lane: RefreshLane = 'live'): Promise<void> {
  if (customerIds.length === 0) return;
  await db.query(
    `WITH added AS (INSERT INTO customer_refresh_queue (customer_id, enqueued_at, lane) SELECT unnest($1::uuid[]), $2::timestamptz, $3::smallint ON CONFLICT (customer_id) DO NOTHING)
     UPDATE customer_refresh_queue SET enqueued_at = CASE WHEN enqueued_at >= '2500-01-01' THEN $2::timestamptz ELSE enqueued_at END, lane = least(lane, $3::smallint)
      WHERE customer_id = ANY($1::uuid[]) AND (enqueued_at >= '2500-01-01' OR lane > $3::smallint)`,
    [`{${[...new Set(customerIds)].sort().join(',')}}`, now.toISOString(), LANE[lane]],
  );
}

/**
 * Takes up to `limit` queued profiles (FOR UPDATE SKIP LOCKED, so instances share the work), refreshes
 * their traits and memberships and removes them; a crash leaves them queued (see the lease above).
 * Returns how many were processed.
 */
export async function processRefreshQueue(database: Database, limit = 5_000, now: () => Date = () => new Date()): Promise<number> {
  return (await processRefreshBatch(database, limit, now)).processed;
}

/** processRefreshQueue, also saying when the longest-waiting of the processed profiles was queued (null when none); `bulkLimit` caps a bulk-lane batch. */
export async function processRefreshBatch(
  database: Database,
  limit = 5_000,
  now: () => Date = () => new Date(),
  bulkLimit = BULK_BATCH,
): Promise<{ processed: number; oldestEnqueuedAt: Date | null }> {
  // The live lane first, as much as `limit`; only when it is empty, one small bulk batch.
  let claimed = await claim(database, LANE.live, limit);
  if (claimed.length === 0) claimed = await claim(database, LANE.bulk, Math.min(limit, bulkLimit));
  if (claimed.length === 0) return { processed: 0, oldestEnqueuedAt: null };
  const ids = `{${claimed.map((r) => r.customer_id).sort().join(',')}}`;
  const lease = claimed[0]!.lease;
  try {
    await database.db.transaction(async (tx) => {
      const db = runnerOf(tx);
      await refreshDerived(db, claimed.map((r) => r.customer_id), now());
      await db.query(
        `DELETE FROM customer_refresh_queue WHERE customer_id IN
           (SELECT customer_id FROM customer_refresh_queue WHERE customer_id = ANY($1::uuid[]) AND enqueued_at = $2::timestamptz ORDER BY customer_id FOR UPDATE)`,
        [ids, lease],
      );
    });
  } catch (err) {
    // Failed (a deadlock with a writer, say): give the profiles back at once rather than when the lease ends.
    await database.query(`UPDATE customer_refresh_queue SET enqueued_at = now() WHERE customer_id = ANY($1::uuid[]) AND enqueued_at = $2::timestamptz`, [ids, lease]);
    throw err;
  }
  // A row claimed again after an expired lease carries that lease, not a queueing time: left out.
  const times = claimed.map((r) => new Date(r.queued_at).getTime()).filter((t) => t < Date.UTC(2500, 0, 1));
  return { processed: claimed.length, oldestEnqueuedAt: times.length > 0 ? new Date(Math.min(...times)) : null };
}

/** Leases up to `limit` of one lane's queued profiles, oldest first, skipping rows another worker holds. */
function claim(database: Database, lane: number, limit: number) {
  return database.query<{ customer_id: string; queued_at: string | Date; lease: string }>(
    `UPDATE customer_refresh_queue q SET enqueued_at = now() + ${LEASE}
       FROM (SELECT customer_id, enqueued_at FROM customer_refresh_queue WHERE lane = $1::smallint AND enqueued_at < now() + ${LEASED}
              ORDER BY enqueued_at LIMIT ${Math.floor(limit)} FOR UPDATE SKIP LOCKED) s
      WHERE q.customer_id = s.customer_id
      RETURNING q.customer_id, s.enqueued_at AS queued_at, q.enqueued_at::text AS lease`,
    [lane],
  );
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
