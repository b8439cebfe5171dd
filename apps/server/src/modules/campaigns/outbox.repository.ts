import { randomBytes } from 'node:crypto';
import { arrayLiteral, bulkInsert, type BulkColumn, type BulkConstant, type SqlRunner } from '@autofin/db';
import type { Decision } from './policy-engine.ts';

/**
 * A time-ordered UUID (RFC 9562 version 7: 48-bit Unix milliseconds, then random bits): a million
 * new outbox rows land at the right edge of the primary-key index instead of all over it.
 */
export function uuidV7(ms: number = Date.now()): string {
  const b = randomBytes(16);
  b.writeUIntBE(ms, 0, 6);
  b[6] = (b[6]! & 0x0f) | 0x70;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * A campaign's holdout member: written to the outbox as status 'holdout' so that the outbox alone is
 * the audience (ADR 0016); the dispatcher never takes such a row.
 */
export const HOLDOUT_ROW = { kind: 'holdout' } as const;

/** One outbox row to write: who, which arm, and what the contact policy decided at queueing time. */
export interface NewMessage {
  customerId: string;
  arm: string;
  decision: Decision | typeof HOLDOUT_ROW;
  journeyKey?: string | null;
}

export interface OutboxWriteContext {
  campaignId: string | null;
  journeyId: string | null;
  channel: string;
  purpose: 'marketing' | 'transactional';
  /** Journeys: the template to render at send time (campaign messages render the arm's template). */
  template: unknown;
  policyVersion: number;
  now: Date;
  /**
   * Whether rows may exist already (a journey step repeated): then the existing ones are looked up
   * first so the counts say what this call added. A launch chunk is written once (its transaction
   * also moves the cursor), so it skips the lookup; ON CONFLICT still guards it.
   */
  mayExist?: boolean;
}

export interface OutboxWriteResult {
  inserted: number;
  holdout: number;
  queued: number;
  deferred: number;
  suppressed: Record<string, number>;
}

/**
 * Writes outbox rows in one multi-row INSERT … SELECT FROM unnest per chunk (DESIGN.md rule 6);
 * a row that exists already (same campaign and customer, or same journey key) is skipped, which is
 * what makes a resumed launch or a repeated journey step safe.
 */
export async function writeMessages(db: SqlRunner, ctx: OutboxWriteContext, messages: readonly NewMessage[]): Promise<OutboxWriteResult> {
  const result: OutboxWriteResult = { inserted: 0, holdout: 0, queued: 0, deferred: 0, suppressed: {} };
  if (messages.length === 0) return result;
  const nowIso = ctx.now.toISOString();
  const status: string[] = [];
  const reason: (string | null)[] = [];
  const reasons: (string | null)[] = [];
  const notBefore: string[] = [];
  const deferredAt: (string | null)[] = [];
  for (const m of messages) {
    const d = m.decision;
    if (d.kind === 'holdout') {
      status.push('holdout');
      reason.push(null);
      reasons.push(null);
      notBefore.push(nowIso);
      deferredAt.push(null);
    } else if (d.kind === 'send') {
      status.push('queued');
      reason.push(null);
      reasons.push(null);
      notBefore.push(nowIso);
      deferredAt.push(null);
    } else if (d.kind === 'defer') {
      status.push('deferred');
      reason.push(d.reason);
      reasons.push(null);
      notBefore.push(d.until.toISOString());
      deferredAt.push(nowIso);
    } else {
      status.push('suppressed');
      reason.push(d.reason);
      reasons.push(d.reasons.length > 1 ? JSON.stringify(d.reasons) : null);
      notBefore.push(nowIso);
      deferredAt.push(null);
    }
  }
  const conflict = ctx.campaignId ? `ON CONFLICT (campaign_id, customer_id) WHERE campaign_id IS NOT NULL DO NOTHING` : `ON CONFLICT (journey_id, journey_key) WHERE journey_id IS NOT NULL DO NOTHING`;
  const before = ctx.mayExist === false ? new Set<string>() : await countExisting(db, ctx, messages);
  const columns: BulkColumn[] = [
    { name: 'id', type: 'uuid', values: messages.map(() => uuidV7()) },
    { name: 'journey_key', type: 'text', values: messages.map((m) => m.journeyKey ?? null) },
    { name: 'customer_id', type: 'uuid', values: messages.map((m) => m.customerId) },
    { name: 'arm', type: 'text', values: messages.map((m) => m.arm) },
    { name: 'status', type: 'text', values: status },
    { name: 'reason', type: 'text', values: reason },
    { name: 'reasons', type: 'jsonb', values: reasons },
    { name: 'not_before', type: 'timestamptz', values: notBefore },
    { name: 'deferred_at', type: 'timestamptz', values: deferredAt },
  ];
  // What is the same for every row travels once (a launch chunk is 10,000 rows).
  const constants: BulkConstant[] = [
    { name: 'campaign_id', type: 'uuid', value: ctx.campaignId },
    { name: 'journey_id', type: 'uuid', value: ctx.journeyId },
    { name: 'channel', type: 'text', value: ctx.channel },
    { name: 'purpose', type: 'text', value: ctx.purpose },
    { name: 'template', type: 'jsonb', value: ctx.template === null || ctx.template === undefined ? null : JSON.stringify(ctx.template) },
    { name: 'policy_version', type: 'int4', value: ctx.policyVersion },
    { name: 'created_at', type: 'timestamptz', value: nowIso },
    { name: 'decided_at', type: 'timestamptz', value: nowIso },
  ];
  // A column that is NULL in every row is left out (its default is NULL): less to send and parse.
  await bulkInsert(db, 'campaign_messages', columns.filter((c) => c.values.some((v) => v !== null)), {
    chunkSize: 10_000,
    onConflict: conflict,
    constants: constants.filter((c) => c.value !== null),
  });
  // Counts of what this call decided (rows skipped as duplicates were decided by an earlier call).
  messages.forEach((m, i) => {
    if (before.has(m.journeyKey ?? m.customerId)) return;
    result.inserted++;
    if (status[i] === 'holdout') result.holdout++;
    else if (status[i] === 'queued') result.queued++;
    else if (status[i] === 'deferred') result.deferred++;
    else result.suppressed[reason[i]!] = (result.suppressed[reason[i]!] ?? 0) + 1;
  });
  return result;
}

/** Which of these already have a row (so the caller's counts say what this call added). */
async function countExisting(db: SqlRunner, ctx: OutboxWriteContext, messages: readonly NewMessage[]): Promise<Set<string>> {
  if (ctx.campaignId) {
    const rows = await db.query<{ k: string }>(`SELECT customer_id AS k FROM campaign_messages WHERE campaign_id = $1::uuid AND customer_id = ANY($2::uuid[])`, [
      ctx.campaignId,
      `{${messages.map((m) => m.customerId).join(',')}}`,
    ]);
    return new Set(rows.map((r) => r.k));
  }
  const keys = arrayLiteral(messages.map((m) => m.journeyKey ?? ''));
  const rows = await db.query<{ k: string }>(`SELECT journey_key AS k FROM campaign_messages WHERE journey_id = $1::uuid AND journey_key = ANY($2::text[])`, [ctx.journeyId, keys]);
  return new Set(rows.map((r) => r.k));
}
