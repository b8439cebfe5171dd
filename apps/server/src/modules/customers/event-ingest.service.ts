import { randomUUID } from 'node:crypto';
import { bulkInsert, type Database, type SqlRunner } from '@autofin/db';
import { eventInputSchema, MAX_EVENT_BATCH, type EventBatchResponse, type EventInput, type FieldError } from '@autofin/contracts';
import { DomainError } from '@autofin/domain';
import type { PersonalDataProtector } from '../../security/personal-data.ts';
import { claimOf, resolveClaims, type IdentityClaim } from './identity.repository.ts';
import { refreshTraits } from './trait.repository.ts';
import { loadSavedRules, refreshMemberships } from '../segments/membership.repository.ts';
import { runnerOf } from './sql-runner.ts';
import { enqueueRefresh, type RefreshLane } from './refresh-queue.ts';

/** One problem of a batch: which event (0-based index in the batch, or the file line), which field, why. */
export interface EventValidationIssue {
  index: number;
  field: string;
  reason: string;
}

/** Parses every event; returns the valid ones or all the problems (nothing is written when there is one). */
export function validateEvents(raw: readonly unknown[]): { events: EventInput[]; issues: EventValidationIssue[] } {
  const events: EventInput[] = [];
  const issues: EventValidationIssue[] = [];
  raw.forEach((item, index) => {
    const parsed = eventInputSchema.safeParse(item);
    if (parsed.success) events.push(parsed.data);
    else for (const i of parsed.error.issues) issues.push({ index, field: i.path.map(String).join('.') || '(event)', reason: i.message });
  });
  return { events, issues };
}

export function issuesToFieldErrors(issues: readonly EventValidationIssue[], label = 'events'): FieldError[] {
  return issues.map((i) => ({ field: `${label}[${i.index}].${i.field}`, message: i.reason }));
}

export interface IngestOptions {
  protector: PersonalDataProtector;
  /** api | import | partner:<id> … stored as the events' source */
  source: string;
  now?: Date;
  /**
   * What happens to the touched profiles' traits and memberships: 'inline' recomputes them in this
   * transaction; 'queue' (the API) adds them to customer_refresh_queue, which the refresh worker
   * processes within a second; 'defer' leaves them to the caller (the import refreshes once at the end).
   */
  derived?: 'inline' | 'queue' | 'defer';
  /** With 'queue': the live lane (default: refreshed first) or the bulk lane (the import command; ADR 0020). */
  lane?: RefreshLane;
}

/**
 * Ingests one batch, all or nothing: resolves identities, appends the events (received_at = now),
 * recomputes the touched profiles' traits and re-evaluates their segment memberships — all in one
 * transaction. A concurrent batch linking the same new identifier makes one of them fail on the
 * unique index; it is retried (the second attempt sees the first one's profile).
 */
export async function ingestEvents(database: Database, raw: readonly unknown[], options: IngestOptions): Promise<EventBatchResponse & { affected: string[] }> {
  if (raw.length > MAX_EVENT_BATCH) throw new DomainError('VALIDATION_FAILED', `at most ${MAX_EVENT_BATCH} events per batch`, [{ field: 'events', message: `has ${raw.length} events; send at most ${MAX_EVENT_BATCH} per batch` }]);
  const { events, issues } = validateEvents(raw);
  if (issues.length > 0) throw new DomainError('VALIDATION_FAILED', `${issues.length} problem(s) in the batch; nothing was stored`, issuesToFieldErrors(issues));
  for (let attempt = 1; ; attempt++) {
    try {
      return await database.db.transaction(async (tx) => ingestValid(runnerOf(tx), events, options));
    } catch (err) {
      if (attempt < 3 && isRetryableIngestError(err)) continue;
      throw err;
    }
  }
}

/**
 * Worth running the batch again: a concurrent batch linked the same new identifier first (unique
 * violation), or two batches updating the same profiles' customer_event_recent rows deadlocked
 * (the trigger takes them in key order, so this is rare; PostgreSQL aborts one of the two).
 */
export function isRetryableIngestError(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string } };
  const code = e?.code ?? e?.cause?.code;
  return code === '23505' || code === '40P01';
}

/** The batch after validation, inside a transaction (also used by the import command). */
export async function ingestValid(db: SqlRunner, events: readonly EventInput[], options: IngestOptions): Promise<EventBatchResponse & { affected: string[] }> {
  const now = options.now ?? new Date();
  const nowIso = now.toISOString();
  const owner: string[] = new Array<string>(events.length);

  // Known customer ids: follow merges; unknown ones are a validation problem, reported by index.
  const given = [...new Set(events.filter((e) => e.customerId).map((e) => e.customerId!))];
  if (given.length > 0) {
    const rows = await db.query<{ id: string; survivor: string }>(`SELECT id, coalesce(merged_into, id) AS survivor FROM customers WHERE id = ANY($1::uuid[])`, [`{${given.join(',')}}`]);
    const survivor = new Map(rows.map((r) => [r.id, r.survivor]));
    const missing: EventValidationIssue[] = [];
    events.forEach((e, i) => {
      if (!e.customerId) return;
      const s = survivor.get(e.customerId);
      if (s) owner[i] = s;
      else missing.push({ index: i, field: 'customerId', reason: 'no customer with this id' });
    });
    if (missing.length > 0) throw new DomainError('VALIDATION_FAILED', `${missing.length} event(s) name an unknown customer; nothing was stored`, issuesToFieldErrors(missing));
  }

  const claimIdx: number[] = [];
  const claims: IdentityClaim[] = [];
  events.forEach((e, i) => {
    if (!e.customerId && e.identifiers) {
      claimIdx.push(i);
      claims.push(claimOf(e.identifiers, options.protector));
    }
  });
  const outcome = claims.length > 0 ? await resolveClaims(db, claims, options.protector, options.source.split(':')[0] ?? 'api', now) : { targets: [], created: 0, merged: 0, mergedIds: [], conflicts: 0 };
  claimIdx.forEach((eventIndex, k) => (owner[eventIndex] = outcome.targets[k]!));

  // The batch's arrival time and source are the same for every row: sent once, not parsed n times.
  await bulkInsert(
    db,
    'customer_events',
    [
      { name: 'customer_id', type: 'uuid', values: owner },
      { name: 'id', type: 'uuid', values: events.map(() => randomUUID()) },
      { name: 'type', type: 'text', values: events.map((e) => e.type) },
      { name: 'channel', type: 'text', values: events.map((e) => e.channel) },
      { name: 'campaign', type: 'text', values: events.map((e) => e.campaign ?? null) },
      { name: 'partner_id', type: 'uuid', values: events.map((e) => e.partnerId ?? null) },
      { name: 'occurred_at', type: 'timestamptz', values: events.map((e) => e.occurredAt) },
      { name: 'payload', type: 'jsonb', values: events.map((e) => JSON.stringify(e.payload)) },
    ],
    {
      constants: [
        { name: 'received_at', type: 'timestamptz', value: nowIso },
        { name: 'source', type: 'text', value: options.source },
      ],
    },
  );

  const affected = [...new Set(owner)];
  const mode = options.derived ?? 'inline';
  if (mode === 'inline') await refreshDerived(db, [...affected, ...outcome.mergedIds], now);
  else if (mode === 'queue') await enqueueRefresh(db, [...affected, ...outcome.mergedIds], now, options.lane ?? 'live');
  return { accepted: events.length, customersResolved: affected.length, customersCreated: outcome.created, profilesMerged: outcome.merged, receivedAt: nowIso, affected };
}

/** Traits, then segment memberships, of these profiles (survivors only), as of now. */
export async function refreshDerived(db: SqlRunner, customerIds: readonly string[], now: Date): Promise<void> {
  if (customerIds.length === 0) return;
  const active = await db.query<{ id: string }>(`SELECT id FROM customers WHERE id = ANY($1::uuid[]) AND merged_into IS NULL`, [`{${customerIds.join(',')}}`]);
  const ids = active.map((r) => r.id);
  await refreshTraits(db, ids, now);
  // Merged-away ids are passed too, so they leave their segments.
  await refreshMemberships(db, customerIds, await loadSavedRules(db), now);
}

/** The transaction-bound SQL runner, for callers outside this module (the import command). */
export { runnerOf as runnerFor } from './sql-runner.ts';
