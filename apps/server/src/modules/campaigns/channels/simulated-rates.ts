import type { ChannelCode, Recipient } from './channel-adapter.ts';

/**
 * The simulated providers' base rates per channel (演示数据 — demo data). They are rounded from public
 * industry benchmarks, not from any lender's figures:
 * - SMS: mainland carriers' reported arrival rate for registered marketing templates is 95–98 %
 *   (China Mobile/Unicom 106 numbers); short-link click-through of marketing SMS is 0.5–2 %.
 * - E-mail: Mailchimp's published benchmarks for financial services: ~2–3 % hard/soft bounces
 *   (here 6 %: Chinese consumer mailboxes are stale more often), ~2.4 % click rate.
 * - App push: Airship/Braze benchmarks: 10–20 % of tokens are stale (uninstalls, revoked
 *   permission); opens 3–8 % — reachable only for customers who use the app.
 * - WeChat template (service account) messages: arrive for ~98 % of followers; click 4–8 %.
 * - Call tasks: outbound telemarketing connect rates 35–50 %; 'clicked' means the customer asked
 *   to hear the offer (≈12 % of connected calls).
 * - Dealer tasks: 'delivered' means the dealer logged a follow-up (≈75 %); 'clicked' a visit or
 *   call back (≈15 %).
 * The per-customer factor (clickFactor) follows the customer data foundation's own profile:
 * digital channels get more clicks from digitally active customers, every channel gets more from
 * customers who prefer it, and phone tasks connect less with young urban customers.
 */
export const SIMULATED_BASE_RATES: Readonly<Record<ChannelCode, { deliver: number; click: number }>> = {
  sms: { deliver: 0.96, click: 0.012 },
  email: { deliver: 0.94, click: 0.024 },
  push: { deliver: 0.85, click: 0.05 },
  wechat: { deliver: 0.98, click: 0.06 },
  call_task: { deliver: 0.42, click: 0.12 },
  dealer_task: { deliver: 0.75, click: 0.15 },
};

/** Channel code → the profile's preferred-channel vocabulary (customers.preferred_channel). */
const PREFERRED: Readonly<Record<ChannelCode, string>> = { sms: 'sms', email: 'email', push: 'app_push', wechat: 'wechat', call_task: 'call', dealer_task: 'dealer' };

const DIGITAL: ReadonlySet<ChannelCode> = new Set(['email', 'push', 'wechat', 'sms']);

/** The probability of delivery and of a click given delivery, for this customer on this channel. */
export function simulatedRates(channel: ChannelCode, profile: Recipient['profile']): { deliver: number; click: number } {
  const base = SIMULATED_BASE_RATES[channel];
  let click = base.click;
  let deliver = base.deliver;
  if (DIGITAL.has(channel) && profile.digitalScore !== null) click *= 0.5 + profile.digitalScore / 100; // 0.5× … 1.5×
  if (profile.preferredChannel === PREFERRED[channel]) click *= 1.5;
  if (channel === 'call_task' && profile.ageYears !== null && profile.ageYears < 35 && profile.cityTier !== null && profile.cityTier <= 2) deliver *= 0.75;
  return { deliver: Math.min(deliver, 0.995), click: Math.min(click, 0.5) };
}
