import type { ChannelAdapter, ChannelCode } from './channel-adapter.ts';
import { SimulatedProvider } from './simulated-provider.ts';
import { SmtpEmailAdapter } from './smtp-email.adapter.ts';

export const CHANNEL_CODES: readonly ChannelCode[] = ['sms', 'email', 'push', 'wechat', 'call_task', 'dealer_task'];

export interface ChannelSettings {
  /** The simulator's seed (AUTOFIN_SEED): the simulated providers' outcomes follow it */
  seed: number;
  /** AUTOFIN_SMTP_URL: when set, e-mail goes through this SMTP server instead of the simulated provider */
  smtpUrl?: string | undefined;
  smtpFrom?: string | undefined;
}

/** One adapter per channel: the simulated providers by default, real SMTP for e-mail when configured. */
export function buildChannelAdapters(settings: ChannelSettings): Map<ChannelCode, ChannelAdapter> {
  const adapters = new Map<ChannelCode, ChannelAdapter>();
  for (const c of CHANNEL_CODES) adapters.set(c, new SimulatedProvider(c, settings.seed));
  if (settings.smtpUrl) adapters.set('email', new SmtpEmailAdapter({ url: settings.smtpUrl, from: settings.smtpFrom ?? 'autofin <no-reply@autofin.local>' }));
  return adapters;
}
