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
