/**
 * Marketing channels, customer segments and the TRUE effect of one ad click on the probability of
 * applying. These are the simulator's assumptions (written to sim_channel_effects), chosen so later
 * attribution work has something non-trivial to recover: high-intent vertical auto sites and search
 * convert best, short-video reach is wide but shallow, owned channels (SMS, app push) reach only
 * customers who consented to them.
 */
export const SEGMENTS = ['young_urban', 'family', 'value', 'premium', 'mainstream'] as const;
export type Segment = (typeof SEGMENTS)[number];

export const AD_CHANNELS = ['douyin', 'wechat', 'baidu', 'autohome', 'dongchedi', 'xiaohongshu', 'sms', 'app_push'] as const;
export type AdChannel = (typeof AD_CHANNELS)[number];

/** Channels that are marketing messages to the customer and so need the customer's consent on them. */
export const OWNED_CHANNELS: ReadonlySet<string> = new Set(['sms', 'app_push']);

/** Click share (relative weight) per channel × segment. */
const CLICK_SHARE: Record<AdChannel, Record<Segment, number>> = {
  douyin: { young_urban: 34, family: 22, value: 30, premium: 12, mainstream: 26 },
  wechat: { young_urban: 14, family: 22, value: 20, premium: 18, mainstream: 20 },
  baidu: { young_urban: 6, family: 12, value: 12, premium: 14, mainstream: 12 },
  autohome: { young_urban: 10, family: 14, value: 10, premium: 20, mainstream: 14 },
  dongchedi: { young_urban: 14, family: 12, value: 14, premium: 12, mainstream: 12 },
  xiaohongshu: { young_urban: 16, family: 6, value: 4, premium: 14, mainstream: 6 },
  sms: { young_urban: 2, family: 6, value: 6, premium: 4, mainstream: 6 },
  app_push: { young_urban: 4, family: 6, value: 4, premium: 6, mainstream: 4 },
};

/** Additive lift in the probability to apply from one click (absolute). */
const APPLY_LIFT: Record<AdChannel, Record<Segment, number>> = {
  douyin: { young_urban: 0.012, family: 0.008, value: 0.01, premium: 0.004, mainstream: 0.008 },
  wechat: { young_urban: 0.01, family: 0.02, value: 0.015, premium: 0.012, mainstream: 0.015 },
  baidu: { young_urban: 0.03, family: 0.035, value: 0.03, premium: 0.03, mainstream: 0.035 },
  autohome: { young_urban: 0.045, family: 0.05, value: 0.04, premium: 0.05, mainstream: 0.05 },
  dongchedi: { young_urban: 0.04, family: 0.04, value: 0.035, premium: 0.035, mainstream: 0.04 },
  xiaohongshu: { young_urban: 0.025, family: 0.01, value: 0.005, premium: 0.02, mainstream: 0.01 },
  sms: { young_urban: 0.002, family: 0.01, value: 0.012, premium: 0.003, mainstream: 0.008 },
  app_push: { young_urban: 0.015, family: 0.02, value: 0.015, premium: 0.02, mainstream: 0.02 },
};

export interface ChannelEffect {
  channel: AdChannel;
  segment: Segment;
  clickShare: number;
  applyLift: number;
}

export const CHANNEL_EFFECTS: readonly ChannelEffect[] = AD_CHANNELS.flatMap((channel) =>
  SEGMENTS.map((segment) => ({ channel, segment, clickShare: CLICK_SHARE[channel][segment], applyLift: APPLY_LIFT[channel][segment] })),
);

export function clickShare(channel: AdChannel, segment: Segment): number {
  return CLICK_SHARE[channel][segment];
}
export function applyLift(channel: AdChannel, segment: Segment): number {
  return APPLY_LIFT[channel][segment];
}

/** Campaign themes by calendar month (1–12): the Chinese retail calendar. */
export const CAMPAIGN_THEME_BY_MONTH: readonly string[] = ['newyear', 'spring', 'spring', 'autoshow', 'labourday', '618', 'summer', 'summer', 'goldenSeptember', 'goldenweek', '1111', 'yearend'];
