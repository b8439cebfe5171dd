import type { Database, SqlRunner } from '@autofin/db';
import { HOLDOUT_ARM } from '@autofin/contracts';
import { armsOf, findCampaign, type CampaignRow } from './campaign.repository.ts';
import { loadContactFacts, recentComplainers } from './contact-facts.repository.ts';
import { HOLDOUT_ROW, writeMessages, type NewMessage } from './outbox.repository.ts';
import { assignArmFor, decideContact } from './policy-engine.ts';
import { contactPolicyVersion } from './policy.repository.ts';
import { runnerOf } from '../customers/sql-runner.ts';

/** Customers per chunk of the audience build: one read of facts and one INSERT per table per chunk. */
export const LAUNCH_CHUNK = 10_000;
/** A launch holds its lease this long per chunk; another instance takes over a build whose lease ran out. */
export const LAUNCH_LEASE_SECONDS = 120;
/**
 * Chunks written at once, each in its own transaction on its own connection: PostgreSQL inserts two
 * 10,000-row chunks on two connections in ≈ 0.55 of the time it takes one after the other (the
 * index maintenance runs on both cores), and the writes are the launch's critical path.
 */
export const LAUNCH_WRITERS = 2;

export interface LaunchProgress {
  campaignId: string;
  chunks: number;
  targeted: number;
  holdout: number;
  queued: number;
  deferred: number;
  suppressed: Record<string, number>;
  completed: boolean;
  /** Where the time went, ms: reading members, loading contact facts, deciding (hash + policy), writing */
  timings: { members: number; facts: number; decide: number; write: number };
}

/** Takes the build's lease if nobody holds it (or the holder's ran out). */
async function takeLease(db: SqlRunner, id: string, now: Date): Promise<boolean> {
  const rows = await db.query(
    `UPDATE campaigns SET launch_lease_until = $2::timestamptz + make_interval(secs => ${LAUNCH_LEASE_SECONDS})
      WHERE id = $1::uuid AND status IN ('running', 'paused') AND launch_completed_at IS NULL AND (launch_lease_until IS NULL OR launch_lease_until < $2::timestamptz)
      RETURNING id`,
    [id, now.toISOString()],
  );
  return rows.length > 0;
}

/**
 * Builds a launched campaign's audience and outbox, set-based and resumable (issue 8 §8):
 * streams the segment's members AT LAUNCH (entered before launched_at, not left by then) in chunks
 * ordered by customer id (keyset from launch_cursor), loads per chunk what the contact policy needs
 * (loadContactFacts: four set-based queries), assigns each customer's arm by the deterministic hash,
 * asks the contact policy about each treated customer, and writes the chunk's outbox rows (the
 * holdout's as status 'holdout': the outbox is the audience, ADR 0016) in one transaction; up to
 * LAUNCH_WRITERS chunks are written at once while the next one is read and decided. The cursor
 * moves past a chunk only once it and every chunk before it have committed, so a crash loses at most
 * the chunks in flight, which the next run repeats; the unique (campaign, customer) key makes a
 * repeat insert nothing twice, and the first chunks of every run count what exists already so that
 * the progress says what this run added.
 */
export async function buildAudience(database: Database, campaignId: string, clock: () => Date = () => new Date(), chunkSize = LAUNCH_CHUNK): Promise<LaunchProgress | null> {
  const db: SqlRunner = database;
  if (!(await takeLease(db, campaignId, clock()))) return null;
  const campaign = await findCampaign(db, campaignId);
  const policy = await contactPolicyVersion(db, campaign.policy_version!);
  if (!policy) throw new Error(`campaign ${campaignId} names contact policy version ${campaign.policy_version}, which does not exist`);
  const def = campaign.definition;
  const arms = armsOf(def);
  const launchedAt = new Date(campaign.launched_at!);
  const progress: LaunchProgress = { campaignId, chunks: 0, targeted: 0, holdout: 0, queued: 0, deferred: 0, suppressed: {}, completed: false, timings: { members: 0, facts: 0, decide: 0, write: 0 } };
  const complainers = await recentComplainers(db, launchedAt);
  const readMembers = async (after: string): Promise<string[]> => {
    const t0 = performance.now();
    const rows = await db.query<{ customer_id: string }>(
      `SELECT customer_id FROM segment_memberships
        WHERE segment_id = $1::uuid AND customer_id > $2::uuid AND entered_at <= $3::timestamptz AND (left_at IS NULL OR left_at > $3::timestamptz)
        ORDER BY customer_id LIMIT ${chunkSize}`,
      [campaign.segment_id, after, launchedAt.toISOString()],
    );
    progress.timings.members += performance.now() - t0;
    return rows.map((r) => r.customer_id);
  };
  const ctx: ChunkContext = { database, campaign, arms, policy, complainers, progress };
  // Pipelined: up to LAUNCH_WRITERS chunks are written (each its own transaction and connection)
  // while the next one's members and contact facts are read and decided (another connection).
  const inFlight: Array<{ last: string; now: Date; done: Promise<void> }> = [];
  const settleOldest = async () => {
    const w = inFlight.shift()!;
    await w.done;
    await advanceCursor(db, campaignId, w.last, w.now);
  };
  try {
    let ids = await readMembers(campaign.launch_cursor ?? '00000000-0000-0000-0000-000000000000');
    let prepared = ids.length > 0 ? prepareChunk(ctx, ids, clock()) : null;
    while (prepared) {
      const current = await prepared;
      const last = current.ids[current.ids.length - 1]!;
      ids = await readMembers(last);
      prepared = ids.length > 0 ? prepareChunk(ctx, ids, clock()) : null;
      // Promises that may reject while another is awaited must not reject unobserved.
      prepared?.catch(() => undefined);
      const done = writeChunk(ctx, current, progress.chunks < LAUNCH_WRITERS);
      done.catch(() => undefined);
      progress.chunks++;
      inFlight.push({ last, now: current.now, done });
      while (inFlight.length >= LAUNCH_WRITERS) await settleOldest();
    }
    while (inFlight.length > 0) await settleOldest();
  } catch (err) {
    // Keep what committed: move the cursor over the chunks that finished in order, then give up.
    while (inFlight.length > 0) {
      try {
        await settleOldest();
      } catch {
        break;
      }
    }
    throw err;
  }
  await db.query(`UPDATE campaigns SET launch_completed_at = $2::timestamptz, launch_lease_until = NULL WHERE id = $1::uuid`, [campaignId, clock().toISOString()]);
  progress.completed = true;
  return progress;
}

interface ChunkContext {
  database: Database;
  campaign: CampaignRow;
  arms: ReturnType<typeof armsOf>;
  policy: NonNullable<Awaited<ReturnType<typeof contactPolicyVersion>>>;
  complainers: ReadonlySet<string>;
  progress: LaunchProgress;
}

interface PreparedChunk {
  ids: readonly string[];
  now: Date;
  /** One per targeted customer: the holdout's rows and the treated ones' decisions */
  messages: NewMessage[];
}

async function prepareChunk(ctx: ChunkContext, ids: readonly string[], now: Date): Promise<PreparedChunk> {
  const { campaign, progress } = ctx;
  const def = campaign.definition;
  let t = performance.now();
  const assigned = ids.map((id) => ({ id, arm: assignArmFor(id, campaign.id, def.holdoutPercent, ctx.arms) }));
  const treated = assigned.filter((a) => a.arm !== HOLDOUT_ARM);
  progress.timings.decide += performance.now() - t;
  t = performance.now();
  // Facts as of now: consent given or withdrawn since launch counts (the dispatcher checks again at send time).
  const facts = await loadContactFacts(ctx.database, treated.map((a) => a.id), def.channel, now, ctx.complainers, [], true);
  progress.timings.facts += performance.now() - t;
  t = performance.now();
  const messages: NewMessage[] = [];
  for (const a of assigned) {
    if (a.arm === HOLDOUT_ARM) {
      messages.push({ customerId: a.id, arm: a.arm, decision: HOLDOUT_ROW });
      continue;
    }
    const f = facts.get(a.id);
    if (!f) continue; // merged away since the segment was evaluated: not a customer of its own any more
    messages.push({ customerId: a.id, arm: a.arm, decision: decideContact(ctx.policy, f, { channel: def.channel, purpose: def.purpose, now }) });
  }
  progress.timings.decide += performance.now() - t;
  return { ids, now, messages };
}

/** Moves the build's cursor past a chunk whose rows (and every earlier chunk's) have committed, and renews the lease. */
async function advanceCursor(db: SqlRunner, campaignId: string, last: string, now: Date): Promise<void> {
  await db.query(`UPDATE campaigns SET launch_cursor = $2::uuid, launch_lease_until = $3::timestamptz + make_interval(secs => ${LAUNCH_LEASE_SECONDS}) WHERE id = $1::uuid`, [
    campaignId,
    last,
    now.toISOString(),
  ]);
}

/** Writes one chunk's outbox rows in one transaction; `mayExist`: an earlier run may have written some (see buildAudience). */
async function writeChunk(ctx: ChunkContext, c: PreparedChunk, mayExist: boolean): Promise<void> {
  const { campaign, progress } = ctx;
  const def = campaign.definition;
  const t = performance.now();
  const written = await ctx.database.db.transaction((tx) =>
    writeMessages(runnerOf(tx), { campaignId: campaign.id, journeyId: null, channel: def.channel, purpose: def.purpose, template: null, policyVersion: campaign.policy_version!, now: c.now, mayExist }, c.messages),
  );
  progress.targeted += written.inserted;
  progress.holdout += written.holdout;
  progress.queued += written.queued;
  progress.deferred += written.deferred;
  for (const [k, v] of Object.entries(written.suppressed)) progress.suppressed[k] = (progress.suppressed[k] ?? 0) + v;
  progress.timings.write += performance.now() - t;
}

/** Campaigns launched but whose audience is not built yet (a fresh launch, or one a crash interrupted). */
export async function pendingLaunches(db: SqlRunner, now: Date): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    `SELECT id FROM campaigns WHERE status IN ('running', 'paused') AND launch_completed_at IS NULL AND (launch_lease_until IS NULL OR launch_lease_until < $1::timestamptz) ORDER BY launched_at`,
    [now.toISOString()],
  );
  return rows.map((r) => r.id);
}
