import { CAMPAIGN_CHANNELS, type CampaignChannel, type CapWindows, type ContactPolicy, type MessagePurpose, type SuppressionReason } from '@autofin/contracts';
import { DomainError } from '../shared/domain-error.ts';
import { DAY_MS, calendarWindowsOfDay, firstInstantAtOrAfterWallTime, isTimeZone, localDay, localTime } from './zoned-time.ts';

/**
 * The contact policy: ONE engine for every channel and purpose, evaluated when a message would leave,
 * in the customer's own time zone. docs/campaigns.md has the rules; ADR 0013 why caps use local
 * calendar windows.
 *
 * Order of the rules, and why:
 * 1. contact address — without a phone/e-mail/device/openid nothing can be sent; reported apart
 *    because it is a data gap, not a customer's wish;
 * 2. suppression lists (deceased, opted out, complained, delinquent/in collections, open
 *    application, staff) — they are conclusive facts that override any consent row: a stray grant
 *    must never be what lets a message reach an opted-out or deceased customer;
 * 3. consent for marketing on the channel — the legal gate (PIPL: per purpose and channel);
 * 4. frequency caps — the lender's own policy, checked for the instant the message would actually
 *    leave (after a quiet-hours wait, if any), so a message deferred to tomorrow 08:00 is checked
 *    against tomorrow's day window, and a message that will be capped is reported as capped at
 *    once instead of first as deferred;
 * 5. quiet hours — not a drop: the message is deferred to the exact instant the window opens.
 * The first failing rule is the reason; `reasons` lists every failing rule of 1–4 (the record keeps
 * them all, so a report can say "also had no consent").
 *
 * Transactional messages need an address and are never sent to a deceased customer; they need no
 * marketing consent (their lawful basis is the contract or the customer's own request, PIPL art.
 * 13(2)) and ignore the marketing suppression lists (a delinquent customer must still get the
 * repayment notice). With policy.transactionalExempt they also ignore caps and quiet hours; they
 * never count toward the marketing caps.
 *
 * A deferral is not a promise: when the message is released the caller evaluates it again with the
 * history as it is then (another campaign may have reached the customer meanwhile).
 */

export type ConsentState = 'granted' | 'refused' | 'none';

export interface ContactHistoryEntry {
  /** When the message left (entered the outbox). */
  at: Date | number;
  channel: CampaignChannel;
  purpose: MessagePurpose;
}

export interface ContactCustomer {
  /** IANA zone; null/unknown → the policy's default zone (the decision says which zone was used). */
  timeZone?: string | null;
  /** The customer's marketing consent for this channel at `at` (see consentChannelFor, decideConsent). */
  consent: ConsentState;
  /** Has the address this channel needs (phone, e-mail, app device, WeChat openid). */
  hasAddress: boolean;
  /** Suppression-list facts as they apply to this message's channel. */
  deceased?: boolean;
  optedOut?: boolean;
  complained?: boolean;
  /** Delinquent or in collections. */
  delinquent?: boolean;
  openApplication?: boolean;
  staff?: boolean;
}

export interface ContactPolicyInput {
  message: { channel: CampaignChannel; purpose: MessagePurpose };
  /** The instant the message would leave. */
  at: Date | number;
  customer: ContactCustomer;
  /** Messages already sent to this customer; entries older than the current month window are ignored. */
  history: readonly ContactHistoryEntry[];
}

interface DecisionBase {
  policyVersion: string;
  /** The zone the rules were evaluated in. */
  timeZone: string;
}
export type ContactDecision =
  | (DecisionBase & { outcome: 'send' })
  | (DecisionBase & { outcome: 'defer'; until: Date; reason: 'quiet_hours_deferred'; detail: string })
  | (DecisionBase & { outcome: 'suppress'; reason: SuppressionReason; reasons: SuppressionReason[]; detail: string });

interface CompiledCaps {
  day: number;
  week: number;
  month: number;
  any: boolean;
}

export type ContactPolicyEvaluator = (input: ContactPolicyInput) => ContactDecision;

function compileCaps(c: CapWindows | undefined): CompiledCaps {
  const day = c?.day ?? Number.POSITIVE_INFINITY;
  const week = c?.week ?? Number.POSITIVE_INFINITY;
  const month = c?.month ?? Number.POSITIVE_INFINITY;
  return { day, week, month, any: Number.isFinite(day) || Number.isFinite(week) || Number.isFinite(month) };
}

function minutesOf(hhmm: string): number {
  const m = /^(\d{2}):(\d{2})$/.exec(hhmm);
  if (!m) throw new DomainError('CONTACT_POLICY_INVALID', `"${hhmm}" is not a time HH:MM`, [{ field: 'quietHours', message: 'must be HH:MM' }]);
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 23 || min > 59) throw new DomainError('CONTACT_POLICY_INVALID', `"${hhmm}" is not a time of day`, [{ field: 'quietHours', message: 'must be 00:00–23:59' }]);
  return h * 60 + min;
}

function toMs(at: Date | number): number {
  return typeof at === 'number' ? at : at.getTime();
}

function wallText(minuteOfDay: number): string {
  return `${String(Math.floor(minuteOfDay / 60)).padStart(2, '0')}:${String(minuteOfDay % 60).padStart(2, '0')}`;
}

/**
 * Compiles a policy once (caps, quiet window, default zone) and returns the evaluator; a launch calls
 * it per customer. The work per call is a few integer operations per history entry plus, the first
 * time a zone meets a 15-minute bucket, one Intl lookup.
 */
export function createContactPolicyEvaluator(policy: ContactPolicy): ContactPolicyEvaluator {
  if (!isTimeZone(policy.defaultTimeZone)) {
    throw new DomainError('CONTACT_POLICY_INVALID', `unknown time zone ${policy.defaultTimeZone}`, [{ field: 'defaultTimeZone', message: 'must be an IANA time zone' }]);
  }
  const globalCaps = compileCaps(policy.caps.global);
  const channelCaps = new Map<CampaignChannel, CompiledCaps>(CAMPAIGN_CHANNELS.map((ch) => [ch, compileCaps(policy.caps.perChannel[ch])]));
  let quiet: { start: number; end: number } | null = null;
  if (policy.quietHours) {
    quiet = { start: minutesOf(policy.quietHours.start), end: minutesOf(policy.quietHours.end) };
    if (quiet.start === quiet.end) {
      throw new DomainError('CONTACT_POLICY_INVALID', 'quiet hours start and end at the same time', [
        { field: 'quietHours', message: 'start and end must differ (use null for no quiet hours)' },
      ]);
    }
  }
  const version = policy.version;
  const exempt = policy.transactionalExempt;
  const zoneOk = new Map<string, boolean>();

  const zoneFor = (tz: string | null | undefined): string => {
    if (!tz) return policy.defaultTimeZone;
    let ok = zoneOk.get(tz);
    if (ok === undefined) {
      ok = isTimeZone(tz);
      zoneOk.set(tz, ok);
    }
    return ok ? tz : policy.defaultTimeZone;
  };

  // A launch evaluates a million customers at (nearly) the same instant: remember the last send day's
  // windows, and the quiet-hours release instant per zone and local day, instead of recomputing them.
  let lastDay = Number.NaN;
  let lastWindows = calendarWindowsOfDay(0);
  const releases = new Map<string, Map<number, number>>();
  const releaseAt = (tz: string, day: number, minuteOfDay: number): number => {
    let byDay = releases.get(tz);
    if (!byDay) {
      byDay = new Map();
      releases.set(tz, byDay);
    }
    let until = byDay.get(day);
    if (until === undefined) {
      until = firstInstantAtOrAfterWallTime(tz, day, minuteOfDay);
      if (byDay.size > 10_000) byDay.clear();
      byDay.set(day, until);
    }
    return until;
  };

  /** When the quiet window holds a message at `atMs`, the instant it opens; otherwise null. */
  const quietRelease = (tz: string, atMs: number): { until: number; local: number } | null => {
    if (!quiet) return null;
    const { day, minuteOfDay: m } = localTime(tz, atMs);
    const { start, end } = quiet;
    let releaseDay: number;
    if (start < end) {
      if (m < start || m >= end) return null;
      releaseDay = day;
    } else if (m >= start) {
      releaseDay = day + 1; // evening part of a window that crosses midnight: opens tomorrow morning
    } else if (m < end) {
      releaseDay = day; // early-morning part: opens this morning
    } else {
      return null;
    }
    return { until: releaseAt(tz, releaseDay, end), local: m };
  };

  /** The first cap the message would break at `sendMs`, as "sms week cap 2 reached …" text, or null. */
  const capBreach = (tz: string, channel: CampaignChannel, sendMs: number, history: readonly ContactHistoryEntry[]): string | null => {
    const own = channelCaps.get(channel) as CompiledCaps;
    if (!globalCaps.any && !own.any) return null;
    const day = localDay(tz, sendMs);
    if (day !== lastDay) {
      lastDay = day;
      lastWindows = calendarWindowsOfDay(day);
    }
    const { weekStart, weekEnd, monthStart, monthEnd } = lastWindows;
    const first = Math.min(weekStart, monthStart);
    const last = Math.max(weekEnd, monthEnd);
    // Entries more than a day outside the windows cannot be in them whatever the zone's offset (< 1 day).
    const lowMs = (first - 1) * DAY_MS;
    const highMs = (last + 1) * DAY_MS;
    let gDay = 0;
    let gWeek = 0;
    let gMonth = 0;
    let cDay = 0;
    let cWeek = 0;
    let cMonth = 0;
    for (const h of history) {
      if (h.purpose !== 'marketing') continue; // transactional messages never use up marketing caps
      const hMs = toMs(h.at);
      if (hMs < lowMs || hMs >= highMs) continue;
      const hDay = localDay(tz, hMs);
      const same = h.channel === channel ? 1 : 0;
      if (hDay === day) {
        gDay++;
        cDay += same;
      }
      if (hDay >= weekStart && hDay < weekEnd) {
        gWeek++;
        cWeek += same;
      }
      if (hDay >= monthStart && hDay < monthEnd) {
        gMonth++;
        cMonth += same;
      }
    }
    if (cDay >= own.day) return `${channel} day cap ${own.day} reached (${cDay} ${channel} today)`;
    if (gDay >= globalCaps.day) return `global day cap ${globalCaps.day} reached (${gDay} messages today)`;
    if (cWeek >= own.week) return `${channel} week cap ${own.week} reached (${cWeek} ${channel} this week)`;
    if (gWeek >= globalCaps.week) return `global week cap ${globalCaps.week} reached (${gWeek} messages this week)`;
    if (cMonth >= own.month) return `${channel} month cap ${own.month} reached (${cMonth} ${channel} this month)`;
    if (gMonth >= globalCaps.month) return `global month cap ${globalCaps.month} reached (${gMonth} messages this month)`;
    return null;
  };

  return (input: ContactPolicyInput): ContactDecision => {
    const { message, customer } = input;
    const atMs = toMs(input.at);
    const timeZone = zoneFor(customer.timeZone);
    const marketing = message.purpose === 'marketing';

    // Rules 1–3 are flags: gather every failing one, the first is the reason.
    let reasons: SuppressionReason[] | null = null;
    const fail = (r: SuppressionReason) => {
      if (reasons) reasons.push(r);
      else reasons = [r];
    };
    if (!customer.hasAddress) fail('no_contact_address');
    if (customer.deceased) fail('suppressed_deceased');
    if (marketing) {
      if (customer.optedOut) fail('suppressed_opted_out');
      if (customer.complained) fail('suppressed_complained');
      if (customer.delinquent) fail('suppressed_delinquent');
      if (customer.openApplication) fail('suppressed_open_application');
      if (customer.staff) fail('suppressed_staff');
      if (customer.consent !== 'granted') fail('no_consent');
    }

    const policed = marketing || !exempt;
    const release = policed ? quietRelease(timeZone, atMs) : null;
    const sendMs = release ? release.until : atMs;
    const cap = policed ? capBreach(timeZone, message.channel, sendMs, input.history) : null;
    if (cap) fail('frequency_cap');

    const failed = reasons as SuppressionReason[] | null;
    if (failed) {
      const reason = failed[0] as SuppressionReason;
      return { outcome: 'suppress', reason, reasons: failed, detail: detailOf(reason, customer, message.channel, cap), policyVersion: version, timeZone };
    }
    if (release) {
      const until = new Date(release.until);
      return {
        outcome: 'defer',
        until,
        reason: 'quiet_hours_deferred',
        detail: `${wallText(release.local)} local time is inside quiet hours ${policy.quietHours?.start}–${policy.quietHours?.end} (${timeZone}); waits until ${until.toISOString()}`,
        policyVersion: version,
        timeZone,
      };
    }
    return { outcome: 'send', policyVersion: version, timeZone };
  };
}

function detailOf(reason: SuppressionReason, customer: ContactCustomer, channel: CampaignChannel, cap: string | null): string {
  switch (reason) {
    case 'no_contact_address':
      return `no contact address for ${channel}`;
    case 'no_consent':
      return customer.consent === 'refused' ? `marketing consent for ${channel} withdrawn` : `no marketing consent for ${channel}`;
    case 'frequency_cap':
      return cap ?? 'frequency cap reached';
    default:
      return `on the suppression list: ${reason.replace('suppressed_', '').replace('_', ' ')}`;
  }
}

const evaluators = new WeakMap<ContactPolicy, ContactPolicyEvaluator>();

/** One evaluation (the compiled policy is kept per policy object, so calling this in a loop stays cheap). */
export function evaluateContactPolicy(input: ContactPolicyInput & { policy: ContactPolicy }): ContactDecision {
  let evaluate = evaluators.get(input.policy);
  if (!evaluate) {
    evaluate = createContactPolicyEvaluator(input.policy);
    evaluators.set(input.policy, evaluate);
  }
  return evaluate(input);
}
