import { journeyDefinitionSchema, type Journey, type JourneyDefinition, type JourneyStatus } from '@autofin/contracts';
import { DomainError } from '@autofin/domain';
import type { SqlRunner } from '@autofin/db';

/**
 * Journeys and their versions. Status moves (journeys.routes.ts):
 *
 *   draft ─approve (compliance/admin, not the creator)→ approved ─activate→ active ⇄ paused
 *   any edit (draft, approved, paused) → draft with version + 1, approval cleared
 *   anything but archived ─archive→ archived (active enrolments exit: journey_archived)
 *
 * An approval is for one version: activation checks approved_version = version, so an edit after
 * approval can never go live unreviewed.
 */

interface JourneyRow {
  id: string;
  status: JourneyStatus;
  version: number;
  definition: unknown;
  demo: boolean;
  created_by: string | null;
  approved_by: string | null;
  approved_version: number | null;
  approved_at: Date | string | null;
  activated_at: Date | string | null;
  paused_at: Date | string | null;
  cursor_at: Date | string | null;
  created_at: Date | string;
  updated_at: Date | string;
}

const iso = (v: Date | string | null): string | null => (v === null ? null : new Date(v).toISOString());

export function journeyView(r: JourneyRow): Journey {
  return {
    id: r.id,
    status: r.status,
    version: r.version,
    definition: journeyDefinitionSchema.parse(r.definition),
    demo: r.demo,
    createdBy: r.created_by,
    approvedBy: r.approved_version === r.version ? r.approved_by : null,
    approvedAt: r.approved_version === r.version ? iso(r.approved_at) : null,
    activatedAt: iso(r.activated_at),
    pausedAt: iso(r.paused_at),
    createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at)!,
  };
}

export interface StoredJourney extends Journey {
  approvedVersion: number | null;
  cursorAt: string | null;
}

export async function getJourney(db: SqlRunner, id: string, forUpdate = false): Promise<StoredJourney> {
  const rows = await db.query<JourneyRow>(`SELECT * FROM journeys WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id]);
  const row = rows[0];
  if (!row) throw new DomainError('NOT_FOUND', `No journey has the id ${id}.`);
  return { ...journeyView(row), approvedVersion: row.approved_version, cursorAt: iso(row.cursor_at) };
}

export async function listJourneys(db: SqlRunner): Promise<Journey[]> {
  const rows = await db.query<JourneyRow>(`SELECT * FROM journeys ORDER BY status = 'archived', created_at DESC`);
  return rows.map(journeyView);
}

export async function insertJourney(db: SqlRunner, definition: JourneyDefinition, createdBy: string | null, now: Date, demo = false): Promise<string> {
  const [row] = await db.query<{ id: string }>(
    `INSERT INTO journeys (status, version, definition, demo, created_by, created_at, updated_at) VALUES ('draft', 1, $1::jsonb, $2, $3, $4, $4) RETURNING id`,
    [JSON.stringify(definition), demo, createdBy, now],
  );
  await db.query(`INSERT INTO journey_versions (journey_id, version, definition, created_by, created_at) VALUES ($1, 1, $2::jsonb, $3, $4)`, [row!.id, JSON.stringify(definition), createdBy, now]);
  return row!.id;
}

function wrongState(j: StoredJourney, action: string, allowed: readonly JourneyStatus[]): DomainError {
  return new DomainError('JOURNEY_WRONG_STATE', `The journey is ${j.status}; it can be ${action} only when ${allowed.join(' or ')}.`, [{ field: 'status', message: `is ${j.status}` }]);
}

/** A new version of the definition; the journey goes back to draft and needs approval again. */
export async function updateJourneyDraft(db: SqlRunner, id: string, definition: JourneyDefinition, by: string, now: Date): Promise<void> {
  const j = await getJourney(db, id, true);
  const editable: JourneyStatus[] = ['draft', 'approved', 'paused'];
  if (!editable.includes(j.status)) throw wrongState(j, 'edited', editable);
  const version = j.version + 1;
  await db.query(`UPDATE journeys SET definition = $2::jsonb, version = $3, status = 'draft', updated_at = $4 WHERE id = $1`, [id, JSON.stringify(definition), version, now]);
  await db.query(`INSERT INTO journey_versions (journey_id, version, definition, created_by, created_at) VALUES ($1, $2, $3::jsonb, $4, $5)`, [id, version, JSON.stringify(definition), by, now]);
}

/** Four eyes: the approver is not the creator, nor the author of the version approved. */
export async function approveJourney(db: SqlRunner, id: string, approver: string, now: Date): Promise<void> {
  const j = await getJourney(db, id, true);
  if (j.status !== 'draft') throw wrongState(j, 'approved', ['draft']);
  const [author] = await db.query<{ created_by: string | null }>(`SELECT created_by FROM journey_versions WHERE journey_id = $1 AND version = $2`, [id, j.version]);
  if (j.createdBy === approver || author?.created_by === approver) {
    throw new DomainError('JOURNEY_SELF_APPROVAL', 'You created or last edited this journey; a different compliance officer or admin must approve it.');
  }
  await db.query(`UPDATE journeys SET status = 'approved', approved_by = $2, approved_version = version, approved_at = $3, updated_at = $3 WHERE id = $1`, [id, approver, now]);
}

/**
 * Starts (or resumes) enrolling. The trigger cursor starts at activation: a journey reacts to what
 * happens from now on, never to the history before it existed. Resuming after a pause moves the
 * cursor to now too — triggers that fired while it was paused are stale (an offer three days after
 * a quote makes no sense a fortnight later).
 */
export async function activateJourney(db: SqlRunner, id: string, now: Date): Promise<void> {
  const j = await getJourney(db, id, true);
  if (j.status !== 'approved' && j.status !== 'paused') throw wrongState(j, 'activated', ['approved', 'paused']);
  if (j.approvedVersion !== j.version) throw new DomainError('JOURNEY_NOT_APPROVED', `Version ${j.version} of this journey has not been approved.`);
  await db.query(`UPDATE journeys SET status = 'active', activated_at = coalesce(activated_at, $2), paused_at = NULL, cursor_at = $2, cursor_key = '', updated_at = $2 WHERE id = $1`, [id, now]);
}

export async function pauseJourney(db: SqlRunner, id: string, now: Date): Promise<void> {
  const j = await getJourney(db, id, true);
  if (j.status !== 'active') throw wrongState(j, 'paused', ['active']);
  await db.query(`UPDATE journeys SET status = 'paused', paused_at = $2, updated_at = $2 WHERE id = $1`, [id, now]);
}

export async function archiveJourney(db: SqlRunner, id: string, now: Date): Promise<number> {
  const j = await getJourney(db, id, true);
  if (j.status === 'archived') throw wrongState(j, 'archived', ['draft', 'approved', 'active', 'paused']);
  await db.query(`UPDATE journeys SET status = 'archived', updated_at = $2 WHERE id = $1`, [id, now]);
  const ended = await db.query<{ id: string }>(
    `UPDATE journey_enrolments SET status = 'exited', exit_reason = 'journey_archived', ended_at = $2, next_run_at = NULL, updated_at = $2 WHERE journey_id = $1 AND status = 'active' RETURNING id`,
    [id, now],
  );
  return ended.length;
}
