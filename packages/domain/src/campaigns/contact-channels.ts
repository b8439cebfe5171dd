import type { CampaignChannel } from '@autofin/contracts';
import { decideConsent, type ConsentRecord } from '../customers/consent.ts';

/**
 * How a campaign channel maps onto the consent register (packages/contracts customers.ts: consent is
 * per purpose and per channel sms | email | call | app_push | wechat) and onto the contact address
 * it needs. A dealer follow-up task ends in the dealer phoning the customer, so it needs the phone
 * and the customer's marketing consent for calls, exactly like the lender's own call centre.
 */
export const CONSENT_CHANNEL_OF: Readonly<Record<CampaignChannel, 'sms' | 'email' | 'call' | 'app_push' | 'wechat'>> = {
  sms: 'sms',
  email: 'email',
  push: 'app_push',
  wechat: 'wechat',
  call_task: 'call',
  dealer_task: 'call',
};

export type ContactAddressKind = 'phone' | 'email' | 'app_device' | 'wechat_openid';

export const ADDRESS_KIND_OF: Readonly<Record<CampaignChannel, ContactAddressKind>> = {
  sms: 'phone',
  email: 'email',
  push: 'app_device',
  wechat: 'wechat_openid',
  call_task: 'phone',
  dealer_task: 'phone',
};

export function consentChannelFor(channel: CampaignChannel): (typeof CONSENT_CHANNEL_OF)[CampaignChannel] {
  return CONSENT_CHANNEL_OF[channel];
}

/**
 * The contact policy's consent input from the customer's consent rows: granted only by a marketing
 * grant in force at `at` for the channel (or 'any'); 'refused' when withdrawn, 'none' when never given
 * (the report says "withdrawn" and "not given" apart).
 */
export function consentStateFor(records: readonly ConsentRecord[], channel: CampaignChannel, at: Date | number): 'granted' | 'refused' | 'none' {
  const d = decideConsent(records, 'marketing', CONSENT_CHANNEL_OF[channel], typeof at === 'number' ? at : at.getTime());
  if (d.allowed) return 'granted';
  return d.reason === 'CONSENT_WITHDRAWN' ? 'refused' : 'none';
}
