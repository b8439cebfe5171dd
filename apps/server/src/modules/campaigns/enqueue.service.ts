import type { SqlRunner } from '@autofin/db';
import type { CampaignChannel, CampaignTemplate, MessagePurpose } from '@autofin/contracts';
import { DomainError } from '@autofin/domain';
import { loadContactFacts, recentComplainers } from './contact-facts.repository.ts';
import { writeMessages, type NewMessage, type OutboxWriteResult } from './outbox.repository.ts';
import { decideContact, type Decision } from './policy-engine.ts';
import { currentContactPolicy } from './policy.repository.ts';

export interface EnqueueRequest {
  /** Journeys (the triggered-journey runner) pass their id; each item names its key, unique within the journey. */
  journeyId: string;
  items: ReadonlyArray<{ customerId: string; journeyKey: string }>;
  channel: CampaignChannel;
  purpose: MessagePurpose;
  /** Rendered at send time with the customer's and the offer's tokens ({{name|您好}}). */
  template: CampaignTemplate;
  /** Recorded on the message (e.g. the journey step or variant); default "journey". */
  arm?: string;
}

export interface EnqueueResult extends OutboxWriteResult {
  /** Items whose (journeyId, journeyKey) already had a message: nothing was added for them. */
  duplicates: number;
}

/**
 * Queues messages for customers outside a campaign launch (triggered journeys): evaluates the contact
 * policy now, per customer, with the same engine and the same facts a launch uses, and writes one
 * outbox row per item — queued, deferred (quiet hours) or suppressed with its reason. The dispatcher
 * evaluates queued and deferred rows again when it sends them. Runs in the caller's transaction
 * when given one (pass runnerOf(tx)). A repeated (journeyId, journeyKey) adds nothing.
 */
export async function enqueueMessages(db: SqlRunner, request: EnqueueRequest, now: Date): Promise<EnqueueResult> {
  if (request.items.length > 10_000) throw new DomainError('VALIDATION_FAILED', 'at most 10,000 messages per call', [{ field: 'items', message: 'has more than 10,000 items' }]);
  const policy = await currentContactPolicy(db);
  const complainers = await recentComplainers(db, now);
  const facts = await loadContactFacts(db, [...new Set(request.items.map((i) => i.customerId))], request.channel, now, complainers);
  const batch = new Map<string, number>();
  const messages: NewMessage[] = request.items.map((item) => {
    const f = facts.get(item.customerId);
    let decision: Decision;
    if (!f) decision = { kind: 'suppress', reason: 'no_contact_address', reasons: ['no_contact_address'] };
    else {
      decision = decideContact(policy.value, f, { channel: request.channel, purpose: request.purpose, now });
      // Several items for one customer in one call: each queued one counts toward the caps of the next.
      if (decision.kind === 'send') f.recentSends.push({ channel: request.channel, purpose: request.purpose, at: now.getTime() });
    }
    batch.set(item.customerId, (batch.get(item.customerId) ?? 0) + 1);
    return { customerId: item.customerId, arm: request.arm ?? 'journey', decision, journeyKey: item.journeyKey };
  });
  const written = await writeMessages(db, { campaignId: null, journeyId: request.journeyId, channel: request.channel, purpose: request.purpose, template: request.template, policyVersion: policy.version, now }, messages);
  return { ...written, duplicates: request.items.length - written.inserted };
}
