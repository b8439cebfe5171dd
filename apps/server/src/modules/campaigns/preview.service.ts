import type { Database } from '@autofin/db';
import { MAIN_ARM } from '@autofin/contracts';
import { DomainError } from '@autofin/domain';
import { armsOf, DEFAULT_SENDER_NAME, findCampaign } from './campaign.repository.ts';
import { loadContactFacts, recentComplainers } from './contact-facts.repository.ts';
import { centifenText } from './messages.repository.ts';
import { offerQuote, tokensOfQuote } from './offer-tokens.ts';
import { assignArmFor, customerTokens, decideContact, messageCostCentifen, renderMessage } from './policy-engine.ts';
import { contactPolicyVersion, currentChannelCosts, currentContactPolicy } from './policy.repository.ts';

/**
 * One customer's message as it would go out now: the arm the hash gives them (or the one asked for),
 * the template rendered with their tokens and the offer's quote (priced by the quotes module and
 * stored like any quote), the SMS parts and cost, and what the contact policy would decide now.
 * The name is shown masked: the preview is for the marketing officer, not the customer.
 */
export async function previewMessage(database: Database, campaignId: string, customerId: string, armAsked: string | undefined, by: string, now: Date) {
  const row = await findCampaign(database, campaignId);
  const def = row.definition;
  const arms = armsOf(def);
  if (armAsked && !arms.some((a) => a.key === armAsked)) throw new DomainError('VALIDATION_FAILED', `no arm ${armAsked}`, [{ field: 'arm', message: `must be one of ${arms.map((a) => a.key).join(', ')}` }]);
  const [customer] = await database.query<{ id: string; name: string; gender: string | null; city: string | null }>(
    `SELECT c.id, c.name, c.gender, ci.name AS city FROM customers c LEFT JOIN cities ci ON ci.id = c.city_id WHERE c.id = $1::uuid`,
    [customerId],
  );
  if (!customer) throw new DomainError('VALIDATION_FAILED', `no customer ${customerId}`, [{ field: 'customerId', message: 'is not a known customer' }]);
  const assigned = assignArmFor(customerId, campaignId, def.holdoutPercent, arms);
  const arm = armAsked ?? (assigned === 'holdout' ? (arms[0]?.key ?? MAIN_ARM) : assigned);
  const quote = await offerQuote(database, def, arm, now, by);
  const template = def.variants?.find((v) => v.key === arm)?.template ?? def.template;
  const rendered = renderMessage({ template, channel: def.channel, purpose: def.purpose, senderName: def.senderName ?? DEFAULT_SENDER_NAME, tokens: { ...customerTokens(customer), ...tokensOfQuote(quote) } });
  const costs = await currentChannelCosts(database);
  const policy = (row.policy_version ? await contactPolicyVersion(database, row.policy_version) : null) ?? (await currentContactPolicy(database)).value;
  const facts = (await loadContactFacts(database, [customerId], def.channel, now, await recentComplainers(database, now))).get(customerId);
  const decision = facts ? decideContact(policy, facts, { channel: def.channel, purpose: def.purpose, now }) : ({ kind: 'suppress', reason: 'no_contact_address', reasons: [] } as const);
  const offer = quote?.offers[0];
  return {
    campaignId,
    customerId,
    arm: assigned === 'holdout' && !armAsked ? 'holdout' : arm,
    channel: def.channel,
    subject: rendered.subject,
    text: rendered.masked,
    segments: rendered.segments,
    cost: centifenText(messageCostCentifen(costs.value, def.channel, rendered.segments)),
    decision: { kind: decision.kind, reason: decision.kind === 'send' ? null : decision.reason, until: decision.kind === 'defer' ? decision.until.toISOString() : null },
    quote: offer && quote ? { quoteId: quote.quoteId, productCode: offer.productCode, productName: offer.productName.zh, monthlyPayment: offer.monthlyPayment, customerRate: offer.customerRate, term: offer.term } : null,
  };
}
