import type { Database, SqlRunner } from '@autofin/db';
import { createCampaignBodySchema, HOLDOUT_ARM, type CampaignReport, type UpdateCampaignBody } from '@autofin/contracts';
import { armShares, assertValidCampaignTemplate, buildCampaignReport, DomainError } from '@autofin/domain';
import { runnerOf } from '../customers/sql-runner.ts';
import { recordAudit, type AuditActor } from '../audit/audit.repository.ts';
import { armsOf, findCampaign, mergeDefinition, transitionCampaign, updateCampaignDefinition, type CampaignDefinition } from './campaign.repository.ts';
import { campaignCounts, type ArmCounts } from './report.repository.ts';
import { channelCostsVersion, currentChannelCosts, currentContactPolicy } from './policy.repository.ts';

/** Checks what the contract's schema cannot: the templates' tokens against the offer. */
export function validateDefinition(def: CampaignDefinition): void {
  const hasOffer = (offer: CampaignDefinition['offer']) => Boolean(offer?.vehicle && offer.downPayment);
  assertValidCampaignTemplate(def.template, { hasOffer: hasOffer(def.offer), field: 'template' });
  def.variants?.forEach((v, i) => {
    if (v.template) assertValidCampaignTemplate(v.template, { hasOffer: hasOffer(v.offer ?? def.offer), field: `variants.${i}.template` });
  });
}

/** PATCH semantics on a draft: the merged definition is parsed again as a whole, so the result is always a valid campaign. */
export async function updateDraft(db: SqlRunner, id: string, patch: UpdateCampaignBody, now: Date): Promise<{ before: CampaignDefinition; after: CampaignDefinition }> {
  const row = await findCampaign(db, id, true);
  if (row.status !== 'draft') throw new DomainError('CAMPAIGN_WRONG_STATE', `the campaign is ${row.status}; only a draft can be edited`);
  const parsed = createCampaignBodySchema.safeParse(mergeDefinition(row.definition, patch));
  if (!parsed.success) {
    throw new DomainError(
      'VALIDATION_FAILED',
      'the campaign would not be valid after this change',
      parsed.error.issues.map((i) => ({ field: i.path.map(String).join('.') || '(body)', message: i.message })),
    );
  }
  validateDefinition(parsed.data);
  await updateCampaignDefinition(db, id, parsed.data, now);
  return { before: row.definition, after: parsed.data };
}

/**
 * Launch: needs the current revision approved. "now" → running (the audience build starts at once,
 * in the background, and resumes after a crash); "at" in the future → scheduled (the scheduler job
 * starts it then). The contact policy and channel costs in force are fixed on the campaign.
 */
export async function launchCampaign(database: Database, id: string, actor: AuditActor & { id: string }, requestId: string, now: Date): Promise<'running' | 'scheduled'> {
  return database.db.transaction(async (tx) => {
    const db = runnerOf(tx);
    const row = await findCampaign(db, id, true);
    if (row.status !== 'draft') throw new DomainError('CAMPAIGN_WRONG_STATE', `the campaign is ${row.status}; only a draft can be launched`);
    if (!row.approved_by || row.approved_revision !== row.revision) {
      throw new DomainError('CAMPAIGN_NOT_APPROVED', row.approved_by ? 'the campaign was changed after its approval; it needs a new approval' : 'a compliance officer (or an admin) other than its creator must approve it first');
    }
    const future = row.definition.schedule.type === 'at' && new Date(row.definition.schedule.at).getTime() > now.getTime();
    const to = future ? 'scheduled' : 'running';
    await startOrSchedule(db, id, to, actor.id, now);
    await recordAudit(tx, { actor, action: `campaign.${future ? 'scheduled' : 'launched'}`, entityType: 'campaign', entityId: id, after: { status: to }, requestId });
    return to;
  });
}

async function startOrSchedule(db: SqlRunner, id: string, to: 'running' | 'scheduled', actorId: string | null, now: Date): Promise<void> {
  if (to === 'scheduled') {
    await transitionCampaign(db, id, ['draft'], 'scheduled', actorId, 'scheduled launch', now, { launched_by: actorId });
    return;
  }
  const policy = await currentContactPolicy(db);
  const costs = await currentChannelCosts(db);
  await transitionCampaign(db, id, ['draft', 'scheduled'], 'running', actorId, 'launched', now, {
    launched_at: now.toISOString(),
    policy_version: policy.version,
    costs_version: costs.version,
  });
  if (actorId) await db.query(`UPDATE campaigns SET launched_by = $2 WHERE id = $1::uuid`, [id, actorId]);
}

/** Finishes running or paused campaigns past their endsAt (the scheduler job); what still waits ends as campaign_ended. */
export async function finishEndedCampaigns(database: Database, now: Date): Promise<string[]> {
  const due = await database.query<{ id: string }>(`SELECT id FROM campaigns WHERE status IN ('running', 'paused') AND ends_at <= $1::timestamptz`, [now.toISOString()]);
  const finished: string[] = [];
  for (const { id } of due) {
    try {
      await database.db.transaction(async (tx) => finishCampaign(runnerOf(tx), id, null, 'ends_at reached', now));
      finished.push(id);
    } catch (err) {
      if (!(err instanceof DomainError && err.code === 'CAMPAIGN_WRONG_STATE')) throw err; // another instance finished it
    }
  }
  return finished;
}

/** Starts scheduled campaigns whose time has come (the scheduler job; idempotent, any instance). */
export async function startDueCampaigns(database: Database, now: Date): Promise<string[]> {
  const due = await database.query<{ id: string }>(`SELECT id FROM campaigns WHERE status = 'scheduled' AND scheduled_at <= $1::timestamptz ORDER BY scheduled_at`, [now.toISOString()]);
  const started: string[] = [];
  for (const { id } of due) {
    try {
      await database.db.transaction(async (tx) => startOrSchedule(runnerOf(tx), id, 'running', null, now));
      started.push(id);
    } catch (err) {
      if (!(err instanceof DomainError && err.code === 'CAMPAIGN_WRONG_STATE')) throw err; // another instance started it
    }
  }
  return started;
}

/** Finish: nothing more is sent; what still waits in the outbox ends as campaign_ended. */
export async function finishCampaign(db: SqlRunner, id: string, actorId: string | null, reason: string | null, now: Date): Promise<number> {
  await transitionCampaign(db, id, ['scheduled', 'running', 'paused'], 'finished', actorId, reason ?? 'finished', now, { finished_at: now.toISOString() });
  const ended = await db.query(
    `UPDATE campaign_messages SET status = 'suppressed', reason = 'campaign_ended', decided_at = $2::timestamptz, lease_until = NULL
      WHERE campaign_id = $1::uuid AND status IN ('queued', 'deferred') RETURNING id`,
    [id, now.toISOString()],
  );
  return ended.length;
}

/** GET /report: counts in SQL (report.repository.ts), arithmetic and statistics in the domain (buildCampaignReport). */
export async function campaignReport(db: SqlRunner, id: string, now: Date): Promise<CampaignReport> {
  const row = await findCampaign(db, id);
  const def = row.definition;
  const counts = await campaignCounts(db, id);
  const costs = (row.costs_version ? await channelCostsVersion(db, row.costs_version) : null) ?? (await currentChannelCosts(db)).value;
  const byKey = new Map(counts.arms.map((a) => [a.arm, a]));
  const names = new Map(armsOf(def).map((a) => [a.key, a.name]));
  const total = (f: (a: ArmCounts) => number) => counts.arms.reduce((s, a) => s + f(a), 0);
  return buildCampaignReport({
    campaignId: id,
    status: row.status,
    asOf: now,
    channel: def.channel,
    costs,
    arms: armShares(def.holdoutPercent, def.variants ?? []).map((share) => {
      const c = byKey.get(share.key);
      return {
        key: share.key,
        name: share.kind === 'holdout' ? HOLDOUT_ARM : (names.get(share.key) ?? share.key),
        kind: share.kind,
        expectedShare: share.share,
        customers: c?.customers ?? 0,
        sent: share.kind === 'holdout' ? 0 : (c?.sent ?? 0),
        delivered: c?.delivered ?? 0,
        clicked: c?.clicked ?? 0,
        quotes: c?.quotes ?? 0,
        applications: c?.applications ?? 0,
        approved: c?.approved ?? 0,
        funded: c?.funded ?? 0,
        fundedAmountFen: c?.fundedFen ?? 0,
        revenueFen: c?.revenueFen ?? 0,
        billableUnits: c?.billableUnits ?? 0,
      };
    }),
    suppressed: counts.suppressed,
    deferredReleased: total((a) => a.deferredReleased),
    queued: total((a) => a.queued),
    failed: total((a) => a.failed),
    contactPolicyVersion: row.policy_label,
  });
}
