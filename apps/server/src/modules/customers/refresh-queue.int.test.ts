import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@autofin/db';
import { enqueueRefresh, processRefreshBatch } from './refresh-queue.ts';

// The refresh queue's lease (refresh-queue.ts): a worker claims rows and commits before it refreshes,
// so writers queueing the same profile never wait for a refresh; what a worker claimed but did not
// finish comes back when its lease ends; a profile queued again while claimed is refreshed again.
let db: TestDatabase;
const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';
const queue = () => db.query<{ customer_id: string; leased: boolean }>(`SELECT customer_id, enqueued_at >= '2500-01-01' AS leased FROM customer_refresh_queue ORDER BY customer_id`);

beforeAll(async () => {
  db = await createTestDatabase();
  await db.query(`INSERT INTO customers (id, name, phone, anonymous) VALUES ($1, '', '', true), ($2, '', '', true)`, [A, B]);
  await db.query(
    `INSERT INTO customer_events (customer_id, type, channel, occurred_at, received_at, payload, source)
     VALUES ($1, 'page_view', 'web', now() - interval '1 day', now(), '{}', 'test'), ($2, 'quote_viewed', 'web', now() - interval '1 day', now(), '{}', 'test')`,
    [A, B],
  );
}, 60_000);
afterAll(async () => db.destroy());

it('refreshes queued profiles once each and empties the queue; the oldest wait is the earliest queueing time', async () => {
  await enqueueRefresh(db, [B, A, A], new Date('2026-11-22T10:00:00Z'));
  await enqueueRefresh(db, [A], new Date('2026-11-22T10:05:00Z')); // already queued: stays once, keeps its time
  expect(await queue()).toEqual([
    { customer_id: A, leased: false },
    { customer_id: B, leased: false },
  ]);
  const r = await processRefreshBatch(db, 10);
  expect(r).toEqual({ processed: 2, oldestEnqueuedAt: new Date('2026-11-22T10:00:00Z') });
  expect(await queue()).toEqual([]);
  const traits = await db.query<{ customer_id: string }>(`SELECT customer_id FROM customer_traits ORDER BY customer_id`);
  expect(traits.map((t) => t.customer_id)).toEqual([A, B]);
});

it('a claimed row is not taken by another worker; queueing it again takes the claim back; an expired claim is taken again', async () => {
  await enqueueRefresh(db, [A, B], new Date());
  // A worker claimed both (as processRefreshBatch does) and has not finished: nothing for the next one.
  await db.query(`UPDATE customer_refresh_queue SET enqueued_at = now() + interval '1000 years 5 minutes'`);
  expect(await processRefreshBatch(db, 10)).toEqual({ processed: 0, oldestEnqueuedAt: null });
  // New events for A arrive while A is claimed: A is queued again (no longer leased), B stays claimed.
  const again = new Date('2026-11-22T11:00:00Z');
  await enqueueRefresh(db, [A], again);
  expect(await queue()).toEqual([
    { customer_id: A, leased: false },
    { customer_id: B, leased: true },
  ]);
  expect(await processRefreshBatch(db, 10)).toEqual({ processed: 1, oldestEnqueuedAt: again });
  expect(await queue()).toEqual([{ customer_id: B, leased: true }]);
  // B's worker died: once its 5-minute claim has run out, B is claimable again.
  await db.query(`UPDATE customer_refresh_queue SET enqueued_at = now() + interval '1000 years' - interval '1 second'`);
  const r = await processRefreshBatch(db, 10);
  expect(r.processed).toBe(1);
  expect(r.oldestEnqueuedAt).toBeNull(); // its queueing time was overwritten by the claim
  expect(await queue()).toEqual([]);
});

// Lanes (ADR 0020): the import command queues in the bulk lane; a live event's profile is refreshed
// before every bulk one, however long the bulk lane, and bulk profiles go in small batches.
const lanes = () => db.query<{ customer_id: string; lane: number; leased: boolean }>(`SELECT customer_id, lane, enqueued_at >= '2500-01-01' AS leased FROM customer_refresh_queue ORDER BY customer_id`);
const C = '00000000-0000-4000-8000-00000000000c';
const D = '00000000-0000-4000-8000-00000000000d';

it('takes the live lane first, then bulk profiles in batches of at most bulkLimit, oldest first', async () => {
  await db.query(`INSERT INTO customers (id, name, phone, anonymous) VALUES ($1, '', '', true), ($2, '', '', true) ON CONFLICT DO NOTHING`, [C, D]);
  await enqueueRefresh(db, [A], new Date('2026-11-22T09:00:00Z'), 'bulk');
  await enqueueRefresh(db, [B, C], new Date('2026-11-22T09:30:00Z'), 'bulk');
  await enqueueRefresh(db, [D], new Date('2026-11-22T10:00:00Z')); // live by default, queued last
  // D first although it is the newest; then A (09:00) and one of B, C (bulk batches of 2); then the last.
  expect(await processRefreshBatch(db, 10, undefined, 2)).toEqual({ processed: 1, oldestEnqueuedAt: new Date('2026-11-22T10:00:00Z') });
  expect((await lanes()).map((r) => r.customer_id)).toEqual([A, B, C]);
  expect(await processRefreshBatch(db, 10, undefined, 2)).toEqual({ processed: 2, oldestEnqueuedAt: new Date('2026-11-22T09:00:00Z') });
  expect((await lanes()).map((r) => r.customer_id)).not.toContain(A);
  expect(await processRefreshBatch(db, 10, undefined, 2)).toEqual({ processed: 1, oldestEnqueuedAt: new Date('2026-11-22T09:30:00Z') });
  expect(await lanes()).toEqual([]);
});

it('a live event moves a bulk-queued profile to the live lane (keeping its time), also one a bulk worker holds; bulk never demotes live', async () => {
  await enqueueRefresh(db, [A, B], new Date('2026-11-22T12:00:00Z'), 'bulk');
  await enqueueRefresh(db, [C], new Date('2026-11-22T12:01:00Z'));
  await enqueueRefresh(db, [C], new Date('2026-11-22T12:02:00Z'), 'bulk'); // already live: stays live
  await enqueueRefresh(db, [A], new Date('2026-11-22T12:03:00Z')); // queued in bulk, now live at its old time
  expect(await lanes()).toEqual([
    { customer_id: A, lane: 0, leased: false },
    { customer_id: B, lane: 1, leased: false },
    { customer_id: C, lane: 0, leased: false },
  ]);
  const [a] = await db.query<{ at: Date | string }>(`SELECT enqueued_at AS at FROM customer_refresh_queue WHERE customer_id = $1`, [A]);
  expect(new Date(a!.at)).toEqual(new Date('2026-11-22T12:00:00Z'));
  expect(await processRefreshBatch(db, 10)).toEqual({ processed: 2, oldestEnqueuedAt: new Date('2026-11-22T12:00:00Z') });
  // B is claimed by a bulk worker (as processRefreshBatch does) when a live event for it arrives:
  // taken back into the live lane, so it is refreshed again, first.
  await db.query(`UPDATE customer_refresh_queue SET enqueued_at = now() + interval '1000 years 5 minutes' WHERE customer_id = $1`, [B]);
  await enqueueRefresh(db, [B], new Date('2026-11-22T12:05:00Z'));
  expect(await lanes()).toEqual([{ customer_id: B, lane: 0, leased: false }]);
  expect(await processRefreshBatch(db, 10)).toEqual({ processed: 1, oldestEnqueuedAt: new Date('2026-11-22T12:05:00Z') });
  expect(await lanes()).toEqual([]);
});
