/** The channels a campaign or journey can use (the contracts' CampaignChannel). */
export type ChannelCode = 'sms' | 'email' | 'push' | 'wechat' | 'call_task' | 'dealer_task';

/** What a channel needs to reach the customer, read from the profile at send time and never stored in the outbox. */
export interface Recipient {
  customerId: string;
  /** L1, full: only the adapter sees it */
  phone: string | null;
  email: string | null;
  /** true when a WeChat openid is linked (the provider keeps the openid; we only hold its keyed hash) */
  wechatLinked: boolean;
  appUser: boolean;
  /** The dealer that last dealt with the customer (application or loan), for dealer tasks */
  dealerId: string | null;
  /** Profile facts the simulated providers use for their per-segment rates (L2, no identity) */
  profile: { digitalScore: number | null; preferredChannel: string | null; cityTier: number | null; ageYears: number | null };
}

export interface OutgoingMessage {
  messageId: string;
  campaignId: string | null;
  journeyId: string | null;
  channel: ChannelCode;
  purpose: 'marketing' | 'transactional';
  recipient: Recipient;
  /** e-mail subject; other channels have none */
  subject: string | null;
  /** The exact text that goes out (SMS with signature and opt-out) */
  text: string;
}

/** A provider report that will arrive later (simulated providers know it at send time and write it ahead). */
export interface ScheduledReceipt {
  kind: 'delivered' | 'failed' | 'clicked';
  /** When it happened, and so when it "arrives" */
  at: Date;
  detail?: string;
}

export type SendResult =
  | { ok: true; provider: string; providerMessageId: string; receipts: ScheduledReceipt[] }
  | { ok: false; provider: string; error: string; /** try again later (provider down) rather than give up (no address) */ retryable: boolean };

/** One interface for every channel: SMS, e-mail, push, WeChat template messages, call-centre and dealer tasks. */
export interface ChannelAdapter {
  readonly channel: ChannelCode;
  readonly provider: string;
  send(message: OutgoingMessage, now: Date): Promise<SendResult>;
  close?(): Promise<void>;
}

/** The customer-event channel (issue 7's event vocabulary) a message on this channel is recorded under. */
export function eventChannelOf(channel: ChannelCode): 'sms' | 'email' | 'app_push' | 'wechat' | 'call' | 'dealer' {
  switch (channel) {
    case 'push':
      return 'app_push';
    case 'call_task':
      return 'call';
    case 'dealer_task':
      return 'dealer';
    default:
      return channel;
  }
}
