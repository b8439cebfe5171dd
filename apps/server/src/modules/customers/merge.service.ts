import type { SqlRunner } from '@autofin/db';
import type { MergeRecord } from '@autofin/contracts';
import { DomainError } from '@autofin/domain';
import type { AuditActor } from '../audit/audit.repository.ts';
import { mergeProfiles } from './identity.repository.ts';
import { refreshDerived } from './event-ingest.service.ts';

interface MergeRow {
  id: string;
  survivor_id: string;
  merged_id: string;
  kind: 'auto' | 'manual';
  reason: string;
  actor_label: string | null;
  at: string | Date;
  reverted_at: string | Date | null;
  reverted_by: string | null;
  revert_reason: string | null;
  moved_identities: { identities?: Array<{ type: string; valueHash: string }>; repointed?: string[] } | string;
}

function iso(v: string | Date | null): string | null {
  return v === null ? null : v instanceof Date ? v.toISOString() : new Date(v).toISOString();
}

function toRecord(r: MergeRow): MergeRecord {
  return { id: r.id, survivorId: r.survivor_id, mergedId: r.merged_id, kind: r.kind, reason: r.reason, actorLabel: r.actor_label, at: iso(r.at)!, revertedAt: iso(r.reverted_at), revertedBy: r.reverted_by, revertReason: r.revert_reason };
}

export async function listMerges(db: SqlRunner, customerId: string): Promise<MergeRecord[]> {
  const rows = await db.query<MergeRow>(`SELECT * FROM customer_merges WHERE survivor_id = $1::uuid OR merged_id = $1::uuid ORDER BY at DESC, id`, [customerId]);
  return rows.map(toRecord);
}

/** A person decides two profiles are one (e.g. two identified profiles of the same person): recorded with who and why. */
export async function manualMerge(db: SqlRunner, req: { survivorId: string; mergedId: string; reason: string }, actor: AuditActor, now: Date): Promise<MergeRecord> {
  if (req.survivorId === req.mergedId) throw new DomainError('VALIDATION_FAILED', 'a profile cannot be merged into itself', [{ field: 'mergedId', message: 'must differ from survivorId' }]);
  const rows = await db.query<{ id: string; merged_into: string | null }>(`SELECT id, merged_into FROM customers WHERE id = ANY($1::uuid[]) FOR UPDATE`, [`{${req.survivorId},${req.mergedId}}`]);
  for (const field of ['survivorId', 'mergedId'] as const) {
    const row = rows.find((r) => r.id === req[field]);
    if (!row) throw new DomainError('NOT_FOUND', `no customer ${req[field]}`);
    if (row.merged_into) throw new DomainError('CONFLICT', `${field} ${req[field]} was already merged into ${row.merged_into}`);
  }
  const id = await mergeProfiles(db, { survivorId: req.survivorId, mergedId: req.mergedId, kind: 'manual', reason: req.reason, actor, at: now });
  await refreshDerived(db, [req.survivorId, req.mergedId], now);
  const [row] = await db.query<MergeRow>(`SELECT * FROM customer_merges WHERE id = $1::uuid`, [id]);
  return toRecord(row!);
}

/**
 * Reverses a merge: the merged profile stands alone again with exactly the identifiers it brought, and the
 * profiles that had been folded into it point back at it. The merge record stays, with who reverted it and why.
 */
export async function splitMerge(db: SqlRunner, mergeId: string, reason: string, actor: AuditActor, now: Date): Promise<MergeRecord> {
  const [m] = await db.query<MergeRow>(`SELECT * FROM customer_merges WHERE id = $1::uuid FOR UPDATE`, [mergeId]);
  if (!m) throw new DomainError('NOT_FOUND', `no merge ${mergeId}`);
  if (m.reverted_at) throw new DomainError('CONFLICT', `merge ${mergeId} was already reverted on ${iso(m.reverted_at)}`);
  const later = await db.query<{ id: string }>(`SELECT id FROM customer_merges WHERE survivor_id = $1::uuid AND merged_id = $2::uuid AND at > $3 AND reverted_at IS NULL`, [m.merged_id, m.survivor_id, iso(m.at)]);
  if (later.length > 0) throw new DomainError('CONFLICT', 'the survivor was itself merged afterwards; split that merge first');
  const moved = typeof m.moved_identities === 'string' ? (JSON.parse(m.moved_identities) as Exclude<MergeRow['moved_identities'], string>) : m.moved_identities;
  const identities = moved.identities ?? [];
  if (identities.length > 0) {
    await db.query(
      `UPDATE customer_identities k SET customer_id = $1::uuid FROM unnest($2::text[], $3::text[]) AS q(type, value_hash)
        WHERE k.type = q.type AND k.value_hash = q.value_hash AND k.customer_id = $4::uuid`,
      [m.merged_id, `{${identities.map((i) => i.type).join(',')}}`, `{${identities.map((i) => i.valueHash).join(',')}}`, m.survivor_id],
    );
  }
  await db.query(`UPDATE customers SET merged_into = NULL, updated_at = $2 WHERE id = $1::uuid`, [m.merged_id, now.toISOString()]);
  const repointed = moved.repointed ?? [];
  if (repointed.length > 0) await db.query(`UPDATE customers SET merged_into = $1::uuid, updated_at = $3 WHERE id = ANY($2::uuid[]) AND merged_into = $4::uuid`, [m.merged_id, `{${repointed.join(',')}}`, now.toISOString(), m.survivor_id]);
  await db.query(`UPDATE customer_merges SET reverted_at = $2, reverted_by = $3, revert_reason = $4 WHERE id = $1::uuid`, [mergeId, now.toISOString(), actor.label ?? actor.id ?? actor.type, reason]);
  await refreshDerived(db, [m.survivor_id, m.merged_id], now);
  const [row] = await db.query<MergeRow>(`SELECT * FROM customer_merges WHERE id = $1::uuid`, [mergeId]);
  return toRecord(row!);
}
