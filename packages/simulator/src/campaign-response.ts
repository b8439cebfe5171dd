import { createHash } from 'node:crypto';
import type { Segment } from './data/channels.data.ts';
import { clamp } from './random.ts';

/**
 * The simulated market's answer to a campaign (演示数据), with a TRUE effect so the platform's
 * measured lift can be checked against it (issue 8 §3, §7).
 *
 * For every audience member — treated and holdout alike — the chance to apply within the
 * attribution window is a BASELINE, from the customer's simulated truth: sim_customer_truth's
 * base_apply_propensity is the chance to apply at all, and the customer generator spreads
 * applications with an exponential delay of mean 40 days, so the chance within a W-day window is
 * base × (1 − e^(−W/40)). A treated member whose message was DELIVERED gains an additive UPLIFT,
 * more if they CLICKED, per channel, scaled by the segment's responsiveness and by the offer (a
 * priced, time-limited offer moves people more than a reminder). A holdout member, or a treated one
 * whose message was suppressed or failed, gets no uplift — so the expected lift of the treated arm
 * over the holdout is the mean uplift over the treated arm (intention to treat), returned as
 * `trueEffect`.
 *
 * Pure and seeded: a member's draws come from SHA-256(seed, campaign, customer), so the same
 * campaign answers the same way however the audience is ordered or split into days.
 */

export type ResponseChannel = 'sms' | 'email' | 'push' | 'wechat' | 'call_task' | 'dealer_task';

/** The mean delay (days) of the simulated market's applications after a customer shows interest. */
export const APPLY_DELAY_MEAN_DAYS = 40;
/** Probability that an approved (or conditionally approved, conditions met) application is funded. */
export const FUND_PROBABILITY = 0.7;
/** Probability that a conditionally approved applicant meets the conditions (e.g. the larger down payment). */
export const CONDITIONS_MET_PROBABILITY = 0.6;

/**
 * Additive uplift in the window's apply probability for a delivered message (seen, not clicked) and
 * the extra for a click. Assumptions of the simulation, in the range direct-marketing literature
 * reports for incremental response (0.5–3 points for a delivered offer; a click marks an engaged,
 * in-market customer): phone and dealer contacts persuade most, WeChat and app push more than
 * SMS and e-mail, which are easily ignored.
 */
export const DELIVERED_UPLIFT: Readonly<Record<ResponseChannel, number>> = { sms: 0.01, email: 0.006, push: 0.012, wechat: 0.015, call_task: 0.03, dealer_task: 0.04 };
export const CLICK_UPLIFT: Readonly<Record<ResponseChannel, number>> = { sms: 0.15, email: 0.12, push: 0.12, wechat: 0.15, call_task: 0.12, dealer_task: 0.15 };
/** Responsiveness per simulated segment: premium buyers are least moved by an offer, value buyers most. */
export const SEGMENT_RESPONSIVENESS: Readonly<Record<Segment, number>> = { young_urban: 1.0, family: 1.1, value: 1.25, premium: 0.6, mainstream: 1.0 };
/** A message carrying a priced offer (product and/or promotion) against a plain message. */
export const OFFER_MULTIPLIER = 1.5;

export interface ResponseMember {
  customerId: string;
  /** 'holdout' or the treated arm's key (a variant). */
  arm: string;
  /** sim_customer_truth of the customer; null for someone outside the simulation (a typical baseline is used). */
  truth: { baseApplyPropensity: number; segment: Segment } | null;
  /** The message as the providers left it; null when none was sent (holdout, suppressed). */
  message: { channel: ResponseChannel; delivered: boolean; clicked: boolean } | null;
}

export interface ResponseOptions {
  seed: number;
  /** Distinguishes campaigns: the campaign id. */
  campaignKey: string;
  /** Attribution window in days. */
  windowDays: number;
  /** The campaign carries a priced offer. */
  hasOffer: boolean;
}

export interface MemberResponse {
  customerId: string;
  arm: string;
  baseline: number;
  uplift: number;
  probability: number;
  applies: boolean;
  /** 0-based day of the window on which the application comes (null if none). */
  day: number | null;
  /** Why: the customer was going to apply anyway, or the message moved them. */
  cause: 'baseline' | 'campaign' | null;
  /** Fixed draws for what happens after the decision, so it is seeded too. */
  conditionsMetDraw: number;
  fundDraw: number;
}

export interface TrueEffect {
  treated: number;
  holdout: number;
  /** Mean apply probability within the window, per arm group. */
  expectedTreatedRate: number;
  expectedHoldoutRate: number;
  /** Mean uplift over the treated members: the incremental application rate the campaign causes. */
  expectedIncrementalRate: number;
  /** The same, in applications: sum of uplifts over the treated members. */
  expectedIncrementalApplications: number;
}

/** A typical simulated customer's base propensity (the generator's mean, ≈ 0.12), for people outside it. */
const DEFAULT_BASE = 0.12;

function uniforms(seed: number, campaignKey: string, customerId: string): number[] {
  const h = createHash('sha256').update(`autofin-campaign-response\u0000${seed}\u0000${campaignKey}\u0000${customerId}`).digest();
  return [0, 1, 2, 3, 4].map((i) => (h.readUInt32BE(i * 4) + 0.5) / 2 ** 32);
}

export function windowBaseline(baseApplyPropensity: number, windowDays: number): number {
  return baseApplyPropensity * (1 - Math.exp(-windowDays / APPLY_DELAY_MEAN_DAYS));
}

export function memberUplift(member: ResponseMember, hasOffer: boolean): number {
  if (member.arm === 'holdout' || !member.message || !member.message.delivered) return 0;
  const ch = member.message.channel;
  const responsiveness = SEGMENT_RESPONSIVENESS[member.truth?.segment ?? 'mainstream'];
  return (DELIVERED_UPLIFT[ch] + (member.message.clicked ? CLICK_UPLIFT[ch] : 0)) * responsiveness * (hasOffer ? OFFER_MULTIPLIER : 1);
}

export function simulateCampaignResponse(members: readonly ResponseMember[], options: ResponseOptions): { responses: MemberResponse[]; trueEffect: TrueEffect } {
  const responses = members.map((m): MemberResponse => {
    const baseline = windowBaseline(m.truth?.baseApplyPropensity ?? DEFAULT_BASE, options.windowDays);
    const uplift = memberUplift(m, options.hasOffer);
    const probability = clamp(baseline + uplift, 0, 0.95);
    const [uApply, uDay, uCond, uFund] = uniforms(options.seed, options.campaignKey, m.customerId) as [number, number, number, number];
    const applies = uApply < probability;
    // The first `baseline` of the unit interval are the customers who would have applied anyway:
    // a holdout member and a treated one with the same draw behave alike unless the message moved them.
    const cause = !applies ? null : uApply < baseline ? 'baseline' : 'campaign';
    // Baseline applications come evenly over the window; the campaign's within days of the message
    // (exponential, mean 2 days), always inside the window.
    let day: number | null = null;
    if (cause === 'baseline') day = Math.min(options.windowDays - 1, Math.floor(uDay * options.windowDays));
    else if (cause === 'campaign') day = Math.min(options.windowDays - 1, Math.floor(-Math.log(1 - uDay) * 2));
    return { customerId: m.customerId, arm: m.arm, baseline, uplift, probability, applies, day, cause, conditionsMetDraw: uCond, fundDraw: uFund };
  });
  const treated = responses.filter((r) => r.arm !== 'holdout');
  const holdout = responses.filter((r) => r.arm === 'holdout');
  const mean = (xs: readonly number[]) => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);
  const incremental = treated.reduce((a, r) => a + (r.probability - r.baseline), 0);
  return {
    responses,
    trueEffect: {
      treated: treated.length,
      holdout: holdout.length,
      expectedTreatedRate: mean(treated.map((r) => r.probability)),
      expectedHoldoutRate: mean(holdout.map((r) => r.probability)),
      expectedIncrementalRate: treated.length === 0 ? 0 : incremental / treated.length,
      expectedIncrementalApplications: incremental,
    },
  };
}
