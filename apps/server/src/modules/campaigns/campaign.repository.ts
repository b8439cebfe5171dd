import type { SqlRunner } from '@autofin/db';
import {
  HOLDOUT_ARM,
  MAIN_ARM,
  type Campaign,
  type CampaignListItem,
  type CampaignStatus,
  type CampaignVariant,
  type ParsedCreateCampaignBody,
  type UpdateCampaignBody,
} from '@autofin/contracts';
import { DomainError, formatMoney, parseMoney } from '@autofin/domain';
import { ATTRIBUTION_DAYS } from './report.repository.ts';

/** The SMS signature (签名) when a campaign names none: the installation's registered sender. */
export const DEFAULT_SENDER_NAME = 'autofin汽车金融';

/** The stored definition: the create body after parsing (defaults applied). */
export type CampaignDefinition = ParsedCreateCampaignBody;

export interface CampaignRow {
  id: string;
  name: string;
  status: CampaignStatus;
  definition: CampaignDefinition;
  revision: number;
  segment_id: string | null;
  segment_name: string | null;
  channel: string;
  purpose: string;
  holdout_bp: number;
  schedule_type: string;
  scheduled_at: Date | string | null;
  ends_at: Date | string | null;
  budget_fen: string | number | null;
  created_by: string | null;
  created_at: Date | string;
  updated_at: Date | string;
  approved_by: string | null;
  approved_at: Date | string | null;
  approved_revision: number | null;
  launched_by: string | null;
  launched_at: Date | string | null;
  launch_cursor: string | null;
  launch_completed_at: Date | string | null;
  finished_at: Date | string | null;
  policy_version: number | null;
  costs_version: number | null;
  policy_label: string | null;
  costs_label: string | null;
}

export const iso = (v: Date | string | null): string | null => (v === null ? null : new Date(v).toISOString());

const SELECT = `SELECT c.*, s.name AS segment_name, p.policy->>'version' AS policy_label, k.costs->>'version' AS costs_label
  FROM campaigns c LEFT JOIN segments s ON s.id = c.segment_id
  LEFT JOIN contact_policy_versions p ON p.version = c.policy_version
  LEFT JOIN channel_cost_versions k ON k.version = c.costs_version`;

export async function findCampaign(db: SqlRunner, id: string, lock = false): Promise<CampaignRow> {
  const rows = lock
    ? await db.query<{ id: string }>(`SELECT id FROM campaigns WHERE id = $1::uuid FOR UPDATE`, [id]).then(async (r) => (r[0] ? db.query<CampaignRow>(`${SELECT} WHERE c.id = $1::uuid`, [id]) : []))
    : await db.query<CampaignRow>(`${SELECT} WHERE c.id = $1::uuid`, [id]);
  if (!rows[0]) throw new DomainError('NOT_FOUND', `no campaign ${id}`);
  return rows[0];
}

/** The arms a campaign assigns to: the holdout (when any) and its variants, or the one treated arm "main". */
export function armsOf(def: CampaignDefinition): Array<{ key: string; name: string; share: number }> {
  const variants: CampaignVariant[] = def.variants ?? [];
  return variants.length > 0 ? variants.map((v) => ({ key: v.key, name: v.name, share: v.share })) : [{ key: MAIN_ARM, name: MAIN_ARM, share: 100 }];
}

export function toCampaign(row: CampaignRow): Campaign {
  const d = row.definition;
  return {
    id: row.id,
    name: row.name,
    goal: d.goal ?? null,
    status: row.status,
    segmentId: row.segment_id,
    segmentName: row.segment_name,
    channel: d.channel,
    purpose: d.purpose,
    template: d.template,
    offer: d.offer ?? null,
    schedule: d.schedule,
    endsAt: d.endsAt ?? null,
    budget: row.budget_fen === null ? null : formatMoney(Number(row.budget_fen)),
    holdoutPercent: d.holdoutPercent,
    variants: d.variants ?? [],
    senderName: d.senderName ?? DEFAULT_SENDER_NAME,
    contactPolicyVersion: row.policy_label,
    channelCostsVersion: row.costs_label,
    createdBy: row.created_by,
    createdAt: iso(row.created_at)!,
    updatedAt: iso(row.updated_at)!,
    approvedBy: row.approved_by,
    approvedAt: iso(row.approved_at),
    launchedBy: row.launched_by,
    launchedAt: iso(row.launched_at),
    finishedAt: iso(row.finished_at),
  };
}

function columnsOf(def: CampaignDefinition) {
  return {
    name: def.name,
    segmentId: def.segmentId,
    channel: def.channel,
    purpose: def.purpose,
    holdoutBp: def.holdoutPercent * 100,
    scheduleType: def.schedule.type,
    scheduledAt: def.schedule.type === 'at' ? new Date(def.schedule.at).toISOString() : null,
    endsAt: def.endsAt ? new Date(def.endsAt).toISOString() : null,
    budgetFen: def.budget ? parseMoney(def.budget, 'budget') : null,
  };
}

async function assertSegment(db: SqlRunner, segmentId: string): Promise<void> {
  const rows = await db.query(`SELECT 1 FROM segments WHERE id = $1::uuid`, [segmentId]);
  if (!rows[0]) throw new DomainError('VALIDATION_FAILED', `no segment ${segmentId}`, [{ field: 'segmentId', message: 'is not a saved segment' }]);
}

export async function insertCampaign(db: SqlRunner, def: CampaignDefinition, by: string, now: Date): Promise<string> {
  await assertSegment(db, def.segmentId);
  const c = columnsOf(def);
  const [row] = await db.query<{ id: string }>(
    `INSERT INTO campaigns (name, status, definition, segment_id, channel, purpose, holdout_bp, schedule_type, scheduled_at, ends_at, budget_fen, created_by, created_at, updated_at)
     VALUES ($1, 'draft', $2::jsonb, $3::uuid, $4, $5, $6, $7, $8::timestamptz, $9::timestamptz, $10, $11, $12::timestamptz, $12::timestamptz) RETURNING id`,
    [c.name, JSON.stringify(def), c.segmentId, c.channel, c.purpose, c.holdoutBp, c.scheduleType, c.scheduledAt, c.endsAt, c.budgetFen, by, now.toISOString()],
  );
  await recordStatus(db, row!.id, null, 'draft', by, 'created', now);
  return row!.id;
}

/** Applies a partial update to a draft (null clears an optional field); the approval is cleared. */
export function mergeDefinition(def: CampaignDefinition, patch: UpdateCampaignBody): Record<string, unknown> {
  const next: Record<string, unknown> = { ...def };
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) continue;
    if (v === null) delete next[k];
    else next[k] = v;
  }
  return next;
}

export async function updateCampaignDefinition(db: SqlRunner, id: string, def: CampaignDefinition, now: Date): Promise<void> {
  await assertSegment(db, def.segmentId);
  const c = columnsOf(def);
  const rows = await db.query(
    `UPDATE campaigns SET name = $2, definition = $3::jsonb, segment_id = $4::uuid, channel = $5, purpose = $6, holdout_bp = $7, schedule_type = $8,
            scheduled_at = $9::timestamptz, ends_at = $10::timestamptz, budget_fen = $11, revision = revision + 1, updated_at = $12::timestamptz,
            approved_by = NULL, approved_at = NULL, approved_revision = NULL
      WHERE id = $1::uuid AND status = 'draft' RETURNING id`,
    [id, c.name, JSON.stringify(def), c.segmentId, c.channel, c.purpose, c.holdoutBp, c.scheduleType, c.scheduledAt, c.endsAt, c.budgetFen, now.toISOString()],
  );
  if (!rows[0]) throw new DomainError('CAMPAIGN_WRONG_STATE', 'only a draft campaign can be edited');
}

export async function recordStatus(db: SqlRunner, id: string, from: string | null, to: string, actorId: string | null, reason: string | null, now: Date): Promise<void> {
  await db.query(`INSERT INTO campaign_status_history (campaign_id, from_status, to_status, actor_id, reason, at) VALUES ($1::uuid, $2, $3, $4, $5, $6::timestamptz)`, [
    id,
    from,
    to,
    actorId,
    reason,
    now.toISOString(),
  ]);
}

/**
 * Moves a campaign from one of `from` to `to` with one conditional UPDATE (concurrent requests cannot
 * both succeed) and records the change; refuses with CAMPAIGN_WRONG_STATE otherwise.
 */
export async function transitionCampaign(
  db: SqlRunner,
  id: string,
  from: readonly CampaignStatus[],
  to: CampaignStatus,
  actorId: string | null,
  reason: string | null,
  now: Date,
  extra: Record<string, string | number | null> = {},
): Promise<void> {
  const sets = Object.keys(extra).map((k, i) => `${k} = $${i + 5}`);
  const rows = await db.query<{ prev: string }>(
    `UPDATE campaigns c SET status = $2, updated_at = $4::timestamptz${sets.length ? ', ' + sets.join(', ') : ''}
       FROM (SELECT id, status AS prev FROM campaigns WHERE id = $1::uuid FOR UPDATE) o
      WHERE c.id = o.id AND o.prev = ANY($3::text[]) RETURNING o.prev`,
    [id, to, `{${from.join(',')}}`, now.toISOString(), ...Object.values(extra)],
  );
  if (!rows[0]) {
    const cur = await db.query<{ status: string }>(`SELECT status FROM campaigns WHERE id = $1::uuid`, [id]);
    if (!cur[0]) throw new DomainError('NOT_FOUND', `no campaign ${id}`);
    throw new DomainError('CAMPAIGN_WRONG_STATE', `the campaign is ${cur[0].status}; this needs it to be ${from.join(' or ')}`);
  }
  await recordStatus(db, id, rows[0].prev, to, actorId, reason, now);
}

export async function listCampaigns(db: SqlRunner, filter: { status?: string; from?: string; to?: string }): Promise<CampaignListItem[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.status) {
    params.push(filter.status);
    where.push(`c.status = $${params.length}`);
  }
  // Calendar: campaigns whose run [start, end] overlaps [from, to].
  if (filter.to) {
    params.push(filter.to);
    where.push(`coalesce(c.launched_at, c.scheduled_at, c.created_at) <= $${params.length}::timestamptz`);
  }
  if (filter.from) {
    params.push(filter.from);
    where.push(`coalesce(c.finished_at, c.ends_at, 'infinity'::timestamptz) >= $${params.length}::timestamptz`);
  }
  const rows = await db.query<CampaignRow & { targeted: number; sent: number; funded: number }>(
    `${SELECT.replace('SELECT c.*', `SELECT c.*,
        (SELECT count(*)::int FROM campaign_messages a WHERE a.campaign_id = c.id) AS targeted,
        (SELECT count(*)::int FROM campaign_messages m WHERE m.campaign_id = c.id AND m.status IN ('queued','sending','sent','delivered','failed','clicked')) AS sent,
        CASE WHEN c.launched_at IS NULL THEN 0 ELSE (
          SELECT count(DISTINCT l.customer_id)::int FROM campaign_messages a
            JOIN applications p ON p.customer_id = a.customer_id AND p.submitted_at >= c.launched_at AND p.submitted_at < c.launched_at + make_interval(days => ${ATTRIBUTION_DAYS})
            JOIN loans l ON l.application_id = p.id
           WHERE a.campaign_id = c.id AND a.arm <> 'holdout') END AS funded`)}
     ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY coalesce(c.launched_at, c.scheduled_at, c.created_at) DESC LIMIT 500`,
    params,
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    status: r.status,
    channel: r.definition.channel,
    purpose: r.definition.purpose,
    segmentId: r.segment_id,
    segmentName: r.segment_name,
    holdoutPercent: r.definition.holdoutPercent,
    variants: r.definition.variants?.length ?? 0,
    startsAt: iso(r.launched_at) ?? iso(r.scheduled_at),
    endsAt: iso(r.finished_at) ?? iso(r.ends_at),
    approved: r.approved_by !== null && r.approved_revision === r.revision,
    createdBy: r.created_by,
    createdAt: iso(r.created_at)!,
    targeted: Number(r.targeted),
    sent: Number(r.sent),
    funded: Number(r.funded),
  }));
}

export { HOLDOUT_ARM };
