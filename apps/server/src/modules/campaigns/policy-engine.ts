import type { CampaignChannel, CampaignTemplate, ChannelCosts, ContactPolicy, MessagePurpose, SuppressionReason } from '@autofin/contracts';
import { assignArm, composeSms, exactCost, consentChannelFor, decideConsent, evaluateContactPolicy, maskName, renderTemplate, type ConsentState, type TemplateValues } from '@autofin/domain';
import type { ContactFacts } from './contact-facts.repository.ts';

/**
 * The server's one bridge to the campaigns domain (packages/domain/src/campaigns): turns the facts
 * loaded from the database into the pure contact policy's input, and its answer into what the outbox
 * stores. Nothing here decides anything itself.
 */

export type Decision =
  | { kind: 'send' }
  | { kind: 'defer'; until: Date; reason: 'quiet_hours_deferred' }
  | { kind: 'suppress'; reason: SuppressionReason; reasons: SuppressionReason[] };

function consentState(f: ContactFacts, channel: CampaignChannel, now: Date): ConsentState {
  if (f.consent.length === 0) return 'none';
  const d = decideConsent(f.consent, 'marketing', consentChannelFor(channel), now.getTime());
  if (d.allowed) return 'granted';
  return d.reason === 'CONSENT_WITHDRAWN' ? 'refused' : 'none';
}

export function decideContact(policy: ContactPolicy, f: ContactFacts, ctx: { channel: CampaignChannel; purpose: MessagePurpose; now: Date }): Decision {
  const d = evaluateContactPolicy({
    policy,
    message: { channel: ctx.channel, purpose: ctx.purpose },
    at: ctx.now,
    customer: { timeZone: f.timeZone, consent: consentState(f, ctx.channel, ctx.now), hasAddress: f.hasAddress, ...f.flags },
    history: f.recentSends.map((s) => ({ at: s.at, channel: s.channel as CampaignChannel, purpose: s.purpose as MessagePurpose })),
  });
  if (d.outcome === 'send') return { kind: 'send' };
  if (d.outcome === 'defer') return { kind: 'defer', until: d.until, reason: d.reason };
  return { kind: 'suppress', reason: d.reason, reasons: d.reasons };
}

export function assignArmFor(customerId: string, campaignId: string, holdoutPercent: number, arms: ReadonlyArray<{ key: string; share: number }>): string {
  // armsOf gives the one arm "main" without variants; the domain wants no variants then.
  const variants = arms.length === 1 && arms[0]!.share === 100 ? [] : arms;
  return assignArm(customerId, campaignId, holdoutPercent, variants).arm;
}

export interface RenderedMessage {
  template: CampaignTemplate;
  /** Exactly what goes out */
  text: string;
  /** The same with the customer's name masked: what the outbox keeps (PIPL: no second copy of L1) */
  masked: string;
  subject: string | null;
  /** Billed SMS parts; 1 for other channels */
  segments: number;
}

/** The customer-side tokens that carry personal data (L1): masked in the stored copy. */
const PERSONAL_TOKENS = ['name', 'surname'] as const;

/**
 * Renders a message for one customer with the domain's template engine; SMS get the 【signature】 and,
 * for marketing, the opt-out (composeSms). The stored copy is rendered again with the personal
 * tokens masked.
 */
export function renderMessage(input: {
  template: CampaignTemplate;
  channel: CampaignChannel;
  purpose: MessagePurpose;
  senderName: string;
  tokens: TemplateValues;
  language?: 'zh' | 'en';
}): RenderedMessage {
  const lang = input.language === 'en' && input.template.en ? 'en' : 'zh';
  const source = lang === 'en' ? input.template.en! : input.template.zh;
  const values: TemplateValues = { senderName: input.senderName, ...input.tokens };
  const maskedValues: TemplateValues = { ...values };
  for (const k of PERSONAL_TOKENS) {
    const v = values[k];
    if (typeof v === 'string' && v !== '') maskedValues[k] = maskName(v);
  }
  const full = renderTemplate(source, values);
  const masked = renderTemplate(source, maskedValues);
  const subjectTemplate = input.template.subject ? (lang === 'en' && input.template.subject.en ? input.template.subject.en : input.template.subject.zh) : null;
  const subject = subjectTemplate ? renderTemplate(subjectTemplate, values) : null;
  if (input.channel === 'sms') {
    const sms = composeSms({ body: full, senderName: input.senderName, language: lang, purpose: input.purpose });
    const smsMasked = composeSms({ body: masked, senderName: input.senderName, language: lang, purpose: input.purpose });
    return { template: input.template, text: sms.text, masked: smsMasked.text, subject: null, segments: sms.segments };
  }
  return { template: input.template, text: full, masked, subject, segments: 1 };
}

/** The customer's form of address (称呼) from the profile: surname + 先生/女士, as templates' {{name}} expects. */
export function customerTokens(c: { name: string | null; gender: string | null; city: string | null }): TemplateValues {
  const surname = c.name ? c.name.trim().slice(0, 1) : '';
  const title = c.gender === 'M' ? '先生' : c.gender === 'F' ? '女士' : '';
  return { name: surname && title ? `${surname}${title}` : undefined, surname: surname || undefined, city: c.city ?? undefined };
}

/** What one message costs in 0.0001 yuan (the domain's exact cost: per billed part for SMS). */
export function messageCostCentifen(costs: ChannelCosts, channel: CampaignChannel, segments: number): number {
  return Number(exactCost(costs, channel, channel === 'sms' ? segments : 1));
}
