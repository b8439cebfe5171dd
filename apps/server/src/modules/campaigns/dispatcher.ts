import { createHash } from 'node:crypto';
import type { Database, SqlRunner } from '@autofin/db';
import { MAIN_ARM, type CampaignChannel, type ChannelCosts, type ContactPolicy } from '@autofin/contracts';
import type { TemplateValues } from '@autofin/domain';
import { runnerOf } from '../customers/sql-runner.ts';
import type { ChannelAdapter, ChannelCode, OutgoingMessage, Recipient, SendResult } from './channels/channel-adapter.ts';
import { loadContactFacts, recentComplainers, type ContactFacts } from './contact-facts.repository.ts';
import { customerTokens, decideContact, messageCostCentifen, renderMessage, type Decision, type RenderedMessage } from './policy-engine.ts';
import { channelCostsVersion, currentChannelCosts, currentContactPolicy } from './policy.repository.ts';
import { DEFAULT_SENDER_NAME, type CampaignDefinition } from './campaign.repository.ts';
import { offerTokensFor } from './offer-tokens.ts';

/** A claimed message is not taken by another dispatcher for this long (the provider call's timeout + margin). */
export const SEND_LEASE_SECONDS = 60;
/** Provider errors that may pass (4xx SMTP, timeouts) are retried this many times, 1, 2, 4 … minutes apart. */
export const MAX_ATTEMPTS = 5;

interface Claimed {
  id: string;
  campaign_id: string | null;
  journey_id: string | null;
  customer_id: string;
  arm: string;
  channel: CampaignChannel;
  purpose: 'marketing' | 'transactional';
  status: string;
  template: RenderedMessage['template'] | null;
  attempts: number;
  definition: CampaignDefinition | null;
  ends_at: Date | string | null;
  budget_fen: string | number | null;
  spent_centifen: string | number | null;
  costs_version: number | null;
}

interface RecipientRow {
  id: string;
  name: string;
  gender: string | null;
  phone: string | null;
  email: string | null;
  app_user: boolean;
  wechat: boolean;
  dealer_id: string | null;
  digital_score: number | null;
  preferred_channel: string | null;
  tier: number | null;
  age: number | null;
  city: string | null;
}

export interface DispatchResult {
  claimed: number;
  sent: number;
  deferred: number;
  suppressed: number;
  failed: number;
  retried: number;
}

interface Outcome {
  id: string;
  status: 'sending' | 'deferred' | 'suppressed';
  reason: string | null;
  reasons: string | null;
  notBefore: string | null;
  content: string | null;
  sha: string | null;
  segments: number | null;
  costCentifen: number | null;
}

/**
 * Sends the outbox (DESIGN.md rule 5): every instance runs it; a pass claims due messages with
 * FOR UPDATE SKIP LOCKED, takes a transaction-scoped advisory lock per customer (two instances
 * never decide for one customer at the same moment, so caps hold across campaigns and instances),
 * RE-EVALUATES the contact policy as of now (consent may have been withdrawn since launch; caps
 * count what was actually sent), renders, charges the campaign's budget with one conditional
 * UPDATE, and marks the message `sending` with sent_at — all in that transaction. The provider
 * calls come after the commit; their answers set `sent` (with the receipts to come) or `failed`,
 * or put a retryable failure back in the queue. A crash between the two leaves `sending` rows whose
 * lease runs out; they are claimed again (at-least-once toward the provider, as with webhooks).
 */
export class CampaignDispatcher {
  batchSize = 500;
  /** Provider calls in flight at once per pass. */
  concurrency = 50;
  onError: (err: unknown) => void = () => undefined;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(
    private readonly database: Database,
    private readonly adapters: ReadonlyMap<ChannelCode, ChannelAdapter>,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  start(intervalMs = 1_000): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.drain()
        .catch((err: unknown) => this.onError(err))
        .finally(() => {
          this.running = null;
        });
    }, intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (this.running) await this.running.catch(() => undefined);
    for (const a of new Set(this.adapters.values())) await a.close?.();
  }

  /** Passes until nothing is due (bounded so a timer tick never runs forever). */
  async drain(maxPasses = 200): Promise<DispatchResult> {
    const total: DispatchResult = { claimed: 0, sent: 0, deferred: 0, suppressed: 0, failed: 0, retried: 0 };
    for (let i = 0; i < maxPasses; i++) {
      const r = await this.runOnce();
      for (const k of Object.keys(total) as (keyof DispatchResult)[]) total[k] += r[k];
      if (r.claimed < this.batchSize) break;
    }
    return total;
  }

  async runOnce(): Promise<DispatchResult> {
    const now = this.clock();
    const result: DispatchResult = { claimed: 0, sent: 0, deferred: 0, suppressed: 0, failed: 0, retried: 0 };
    const toSend: OutgoingMessage[] = [];
    const costOf = new Map<string, { campaignId: string | null; costCentifen: number }>();
    // Offer tokens (the quote each running campaign's arms carry) are priced before the claim's
    // transaction: pricing reads and writes through its own connection (and PGlite has only one).
    const offerTokens = new Map<string, TemplateValues>();
    const running = await this.database.query<{ id: string; definition: CampaignDefinition }>(`SELECT id, definition FROM campaigns WHERE status = 'running'`);
    for (const c of running) {
      for (const arm of [MAIN_ARM, ...(c.definition.variants ?? []).map((v) => v.key)]) offerTokens.set(`${c.id}:${arm}`, await offerTokensFor(this.database, c.id, c.definition, arm, now));
    }
    await this.database.db.transaction(async (tx) => {
      const db = runnerOf(tx);
      const claimed = await db.query<Claimed>(
        `SELECT m.id, m.campaign_id, m.journey_id, m.customer_id, m.arm, m.channel, m.purpose, m.status, m.template, m.attempts,
                c.definition, c.ends_at, c.budget_fen, c.spent_centifen, c.costs_version
           FROM campaign_messages m LEFT JOIN campaigns c ON c.id = m.campaign_id
          WHERE m.status IN ('queued', 'deferred', 'sending') AND m.not_before <= $1::timestamptz
            AND (m.status <> 'sending' OR m.lease_until < $1::timestamptz)
            AND (m.campaign_id IS NULL OR c.status = 'running')
          ORDER BY m.not_before LIMIT ${this.batchSize}
          FOR UPDATE OF m SKIP LOCKED`,
        [now.toISOString()],
      );
      result.claimed = claimed.length;
      if (claimed.length === 0) return;
      const customers = [...new Set(claimed.map((m) => m.customer_id))].sort();
      // One decision per customer at a time across instances (sorted: no lock-order deadlock).
      await db.query(`SELECT pg_advisory_xact_lock(hashtextextended(c::text, 8)) FROM unnest($1::uuid[]) AS c ORDER BY c`, [`{${customers.join(',')}}`]);
      const policy = await currentContactPolicy(db);
      // A campaign's messages cost what its launch's unit costs say (the report prices them the same way); journeys use the current ones.
      const costs = (await currentChannelCosts(db)).value;
      const launchCosts = new Map<number, ChannelCosts>();
      for (const v of new Set(claimed.map((m) => m.costs_version).filter((v): v is number => v !== null))) launchCosts.set(v, (await channelCostsVersion(db, v)) ?? costs);
      const complainers = await recentComplainers(db, now);
      const recipients = await loadRecipients(db, customers, now, policy.value.defaultTimeZone);
      const facts = new Map<string, Map<string, ContactFacts>>();
      for (const channel of new Set(claimed.map((m) => m.channel))) {
        const ids = [...new Set(claimed.filter((m) => m.channel === channel).map((m) => m.customer_id))];
        facts.set(channel, await loadContactFacts(db, ids, channel, now, complainers, claimed.map((m) => m.id)));
      }
      const outcomes: Outcome[] = [];
      const spend = new Map<string, number>();
      for (const m of claimed) {
        const f = facts.get(m.channel)?.get(m.customer_id);
        const r = recipients.get(m.customer_id);
        const decision: Decision =
          !f || !r
            ? { kind: 'suppress', reason: 'no_contact_address', reasons: ['no_contact_address'] }
            : m.ends_at && new Date(m.ends_at).getTime() <= now.getTime()
              ? { kind: 'suppress', reason: 'campaign_ended', reasons: ['campaign_ended'] }
              : decideContact(policy.value, f, { channel: m.channel, purpose: m.purpose, now });
        if (decision.kind !== 'send') {
          outcomes.push({
            id: m.id,
            status: decision.kind === 'defer' ? 'deferred' : 'suppressed',
            reason: decision.reason,
            reasons: decision.kind === 'suppress' && decision.reasons.length > 1 ? JSON.stringify(decision.reasons) : null,
            notBefore: decision.kind === 'defer' ? decision.until.toISOString() : null,
            content: null,
            sha: null,
            segments: null,
            costCentifen: null,
          });
          if (decision.kind === 'defer') result.deferred++;
          else result.suppressed++;
          continue;
        }
        const rendered = renderMessage({
          template: m.template ?? templateOf(m.definition, m.arm),
          channel: m.channel,
          purpose: m.purpose,
          senderName: m.definition?.senderName ?? DEFAULT_SENDER_NAME,
          tokens: { ...customerTokens(r!), ...(offerTokens.get(`${m.campaign_id}:${m.arm}`) ?? {}) },
        });
        const costCentifen = messageCostCentifen((m.costs_version !== null ? launchCosts.get(m.costs_version) : undefined) ?? costs, m.channel, rendered.segments);
        // Budget: what this pass would spend on the campaign, checked against what is left.
        if (m.campaign_id && m.budget_fen !== null) {
          const already = Number(m.spent_centifen ?? 0) + (spend.get(m.campaign_id) ?? 0);
          if (already + costCentifen > Number(m.budget_fen) * 100) {
            outcomes.push({ id: m.id, status: 'suppressed', reason: 'budget_exhausted', reasons: null, notBefore: null, content: null, sha: null, segments: null, costCentifen: null });
            result.suppressed++;
            continue;
          }
        }
        if (m.campaign_id) spend.set(m.campaign_id, (spend.get(m.campaign_id) ?? 0) + costCentifen);
        // This send now counts toward the customer's caps for the rest of the batch.
        f!.recentSends.push({ channel: m.channel, purpose: m.purpose, at: now.getTime() });
        outcomes.push({ id: m.id, status: 'sending', reason: null, reasons: null, notBefore: null, content: rendered.masked, sha: sha256(rendered.text), segments: rendered.segments, costCentifen });
        costOf.set(m.id, { campaignId: m.campaign_id, costCentifen });
        toSend.push({ messageId: m.id, campaignId: m.campaign_id, journeyId: m.journey_id, channel: m.channel, purpose: m.purpose, recipient: toRecipient(r!), subject: rendered.subject, text: rendered.text });
      }
      await applyOutcomes(db, outcomes, now);
      for (const [campaignId, fen] of spend) {
        // The conditional UPDATE is the guard: under the customer locks two instances can still race on one campaign.
        const ok = await db.query(`UPDATE campaigns SET spent_centifen = spent_centifen + $2 WHERE id = $1::uuid AND (budget_fen IS NULL OR spent_centifen + $2 <= budget_fen * 100) RETURNING id`, [campaignId, fen]);
        if (!ok[0]) throw new Error(`budget race on campaign ${campaignId}; the pass is retried`);
      }
    });
    if (toSend.length === 0) return result;
    const answers = await sendAll(toSend, this.adapters, now, this.concurrency);
    await this.record(answers, costOf, now, result);
    return result;
  }

  private async record(answers: Array<{ m: OutgoingMessage; r: SendResult }>, costOf: Map<string, { campaignId: string | null; costCentifen: number }>, now: Date, result: DispatchResult): Promise<void> {
    await this.database.db.transaction(async (tx) => {
      const db = runnerOf(tx);
      const ok = answers.filter((a) => a.r.ok);
      if (ok.length > 0) {
        await db.query(
          `UPDATE campaign_messages m SET status = 'sent', provider = u.provider, provider_message_id = u.pid, lease_until = NULL
             FROM unnest($1::uuid[], $2::text[], $3::text[]) AS u(id, provider, pid) WHERE m.id = u.id`,
          [`{${ok.map((a) => a.m.messageId).join(',')}}`, textArray(ok.map((a) => a.r.provider)), textArray(ok.map((a) => (a.r.ok ? a.r.providerMessageId : '')))],
        );
        const receipts = ok.flatMap((a) => (a.r.ok ? a.r.receipts.map((x) => ({ a, x })) : []));
        if (receipts.length > 0) {
          await db.query(
            `INSERT INTO campaign_receipts (message_id, customer_id, provider, provider_message_id, kind, detail, occurred_at, due_at)
             SELECT * , u.occurred FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[]) AS u(mid, cid, provider, pid, kind, detail, occurred)`,
            [
              `{${receipts.map((x) => x.a.m.messageId).join(',')}}`,
              `{${receipts.map((x) => x.a.m.recipient.customerId).join(',')}}`,
              textArray(receipts.map((x) => x.a.r.provider)),
              textArray(receipts.map((x) => (x.a.r.ok ? x.a.r.providerMessageId : ''))),
              textArray(receipts.map((x) => x.x.kind)),
              textArray(receipts.map((x) => x.x.detail ?? null)),
              textArray(receipts.map((x) => x.x.at.toISOString())),
            ],
          );
        }
        result.sent += ok.length;
      }
      for (const a of answers) {
        if (a.r.ok) continue;
        const cost = costOf.get(a.m.messageId);
        if (cost?.campaignId) await db.query(`UPDATE campaigns SET spent_centifen = spent_centifen - $2 WHERE id = $1::uuid`, [cost.campaignId, cost.costCentifen]);
        const [row] = await db.query<{ attempts: number }>(`SELECT attempts FROM campaign_messages WHERE id = $1::uuid`, [a.m.messageId]);
        if (a.r.retryable && (row?.attempts ?? MAX_ATTEMPTS) < MAX_ATTEMPTS) {
          const delayMin = 2 ** Math.max(0, (row?.attempts ?? 1) - 1);
          await db.query(
            `UPDATE campaign_messages SET status = 'queued', sent_at = NULL, lease_until = NULL, cost_centifen = NULL, reason = $2, not_before = $3::timestamptz + make_interval(mins => $4) WHERE id = $1::uuid`,
            [a.m.messageId, a.r.error, now.toISOString(), delayMin],
          );
          result.retried++;
        } else {
          await db.query(`UPDATE campaign_messages SET status = 'failed', sent_at = NULL, lease_until = NULL, cost_centifen = NULL, reason = $2, provider = $3, failed_at = $4::timestamptz WHERE id = $1::uuid`, [
            a.m.messageId,
            a.r.error,
            a.r.provider,
            now.toISOString(),
          ]);
          result.failed++;
        }
      }
    });
  }
}

function textArray(values: readonly (string | null)[]): string {
  return `{${values.map((v) => (v === null ? 'NULL' : `"${v.replace(/[\\"]/g, '\\$&')}"`)).join(',')}}`;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function templateOf(def: CampaignDefinition | null, arm: string): RenderedMessage['template'] {
  if (!def) throw new Error('a journey message carries its template');
  return def.variants?.find((v) => v.key === arm)?.template ?? def.template;
}

async function applyOutcomes(db: SqlRunner, outcomes: readonly Outcome[], now: Date): Promise<void> {
  if (outcomes.length === 0) return;
  const col = <K extends keyof Outcome>(k: K) => outcomes.map((o) => (o[k] === null ? null : String(o[k])));
  await db.query(
    `UPDATE campaign_messages m SET
        status = u.status,
        reason = u.reason,
        reasons = u.reasons::jsonb,
        not_before = coalesce(u.not_before::timestamptz, m.not_before),
        deferred_at = CASE WHEN u.status = 'deferred' THEN coalesce(m.deferred_at, $8::timestamptz) ELSE m.deferred_at END,
        content_masked = u.content, content_sha256 = u.sha, segments = u.segments::smallint, cost_centifen = u.cost::int,
        attempts = m.attempts + CASE WHEN u.status = 'sending' THEN 1 ELSE 0 END,
        sent_at = CASE WHEN u.status = 'sending' THEN $8::timestamptz ELSE NULL END,
        lease_until = CASE WHEN u.status = 'sending' THEN $8::timestamptz + make_interval(secs => ${SEND_LEASE_SECONDS}) ELSE NULL END,
        decided_at = $8::timestamptz
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $9::text[], $10::text[]) AS u(id, status, reason, reasons, not_before, content, sha, segments, cost)
      WHERE m.id = u.id`,
    [
      `{${outcomes.map((o) => o.id).join(',')}}`,
      textArray(col('status')),
      textArray(col('reason')),
      textArray(col('reasons')),
      textArray(col('notBefore')),
      textArray(col('content')),
      textArray(col('sha')),
      now.toISOString(),
      textArray(col('segments')),
      textArray(col('costCentifen')),
    ],
  );
}

/** The recipients' addresses and profile facts; ages on the day `now` falls on in `timeZone` (the dispatcher's clock, not the real date). */
async function loadRecipients(db: SqlRunner, ids: readonly string[], now: Date, timeZone: string): Promise<Map<string, RecipientRow>> {
  const rows = await db.query<RecipientRow>(
    `SELECT c.id, c.name, c.gender, c.phone, c.email, c.app_user,
            EXISTS (SELECT 1 FROM customer_identities i WHERE i.customer_id = c.id AND i.type IN ('wechat_openid', 'wechat_unionid')) AS wechat,
            coalesce((SELECT a.partner_id FROM applications a WHERE a.customer_id = c.id AND a.partner_id IS NOT NULL ORDER BY a.submitted_at DESC LIMIT 1),
                     (SELECT l.partner_id FROM loans l WHERE l.customer_id = c.id AND l.partner_id IS NOT NULL ORDER BY l.funded_at DESC LIMIT 1)) AS dealer_id,
            c.digital_score, c.preferred_channel, ci.tier, ci.name AS city,
            CASE WHEN c.birth_date IS NULL THEN NULL ELSE date_part('year', age(($2::timestamptz AT TIME ZONE $3)::date, c.birth_date))::int END AS age
       FROM customers c LEFT JOIN cities ci ON ci.id = c.city_id WHERE c.id = ANY($1::uuid[])`,
    [`{${ids.join(',')}}`, now.toISOString(), timeZone],
  );
  return new Map(rows.map((r) => [r.id, r]));
}

function toRecipient(r: RecipientRow): Recipient {
  return {
    customerId: r.id,
    phone: r.phone,
    email: r.email,
    wechatLinked: r.wechat,
    appUser: r.app_user,
    dealerId: r.dealer_id,
    profile: { digitalScore: r.digital_score, preferredChannel: r.preferred_channel, cityTier: r.tier, ageYears: r.age },
  };
}

async function sendAll(messages: OutgoingMessage[], adapters: ReadonlyMap<ChannelCode, ChannelAdapter>, now: Date, concurrency: number): Promise<Array<{ m: OutgoingMessage; r: SendResult }>> {
  const out: Array<{ m: OutgoingMessage; r: SendResult }> = new Array(messages.length);
  let next = 0;
  const worker = async () => {
    while (next < messages.length) {
      const i = next++;
      const m = messages[i]!;
      const adapter = adapters.get(m.channel);
      let r: SendResult;
      try {
        r = adapter ? await adapter.send(m, now) : { ok: false, provider: 'none', error: `no adapter for ${m.channel}`, retryable: false };
      } catch (err) {
        r = { ok: false, provider: adapter?.provider ?? 'none', error: err instanceof Error ? err.message.slice(0, 300) : String(err), retryable: true };
      }
      out[i] = { m, r };
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, messages.length) }, worker));
  return out;
}

export type { ContactPolicy, ChannelCosts };
