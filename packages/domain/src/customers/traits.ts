import type { LifecycleStage } from '@autofin/contracts';
import { churnProbability, type ChurnFeatures } from './churn-model.ts';

/**
 * Computed traits of one customer (issue 7 §4), a pure function of what the database aggregates for
 * that customer (TraitInputs) and the clock. The server recomputes them for every customer an ingest
 * batch touches, in the batch's transaction, so they are current when the batch commits.
 * Definitions are in docs/customers.md; each constant below is named there.
 */
export const TRAITS_VERSION = 'traits-2026.11.1';

const DAY_MS = 86_400_000;

export interface TraitInputs {
  /** customer attributes */
  cityTier: number | null;
  plateRestricted: boolean;
  age: number | null;
  incomeBand: string | null;
  preferredChannel: string | null;
  /** false when the customer has not granted (or has withdrawn) consent to profiling / personalisation */
  profilingConsent: boolean;
  /** behaviour (canonical event types) */
  lastEventAt: number | null;
  firstSeenAt: number;
  events90d: number;
  /** events of the last 180 days by engagement channel (ad clicks, messages clicked, app/web use) */
  channelEngagement180d: Readonly<Record<string, number>>;
  calculatorUses: number;
  quotesViewed: number;
  applicationsStarted: number;
  complaints180d: number;
  /** interactions with a new-energy vehicle (calculator/quote/test drive/application flagged NEV) and with ICE */
  nevSignals: number;
  iceSignals: number;
  /** credit history with us */
  applications: number;
  promoApplications: number;
  usedCarApplications: number;
  loansFunded: number;
  loansActive: number;
  /** sum of principal funded, fen */
  principalFen: number;
  /** Σ outstanding principal × remaining months over active loans (fen·months), for the expected margin */
  activeBalanceMonthsFen: number;
  /** months since the most recent loan was funded (null without one) */
  monthsSinceLastFunding: number | null;
  maxDaysPastDue: number;
}

export interface ComputedTraits {
  lifecycleStage: LifecycleStage;
  lastEventAt: number | null;
  frequency90d: number;
  monetaryFen: number;
  rfmScore: string;
  channelPreference: string | null;
  nevAffinity: number;
  priceSensitivity: number;
  predictedLtvFen: number;
  churnRisk: number | null;
  nextBestProduct: string | null;
  personalised: boolean;
}

/** Population prior of NEV interest by city tier (new-energy share of new-car sales, 2025, roughly). */
const NEV_PRIOR_BY_TIER: Record<number, number> = { 1: 0.55, 2: 0.48, 3: 0.4, 4: 0.33 };
const NEV_PRIOR_UNKNOWN = 0.45;
/** Income band → price-sensitivity log-odds shift. */
const INCOME_PRICE_SHIFT: Record<string, number> = { lt5k: 0.9, '5k_10k': 0.4, '10k_20k': 0, '20k_50k': -0.6, ge50k: -1.2 };
/** Lender's net margin on the average outstanding balance, per year (funding cost, opex and expected loss deducted). */
export const NET_MARGIN_PER_YEAR = 0.02;
/** A prospect's loan if they take one: the median financed amount in the demo market, fen. */
const TYPICAL_PRINCIPAL_FEN = 12_000_000;
const TYPICAL_TERM_MONTHS = 36;
/** Probability that a customer at each stage takes a loan (first or next) in the coming year. */
const TAKE_UP_BY_STAGE: Record<LifecycleStage, number> = { prospect: 0.02, engaged: 0.08, applicant: 0.35, customer: 0.05, repeat: 0.1, churn_risk: 0.01, churned: 0.005 };

function logit(p: number): number {
  return Math.log(p / (1 - p));
}
function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}
function round4(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}

export function recencyDays(lastEventAt: number | null, asOf: number): number | null {
  return lastEventAt === null ? null : Math.max(0, Math.floor((asOf - lastEventAt) / DAY_MS));
}

/** R, F and M each scored 1–5 on fixed thresholds (not quintiles, so a score means the same in every market). */
export function rfmScore(recency: number | null, frequency90d: number, monetaryFen: number): string {
  const r = recency === null ? 1 : recency <= 7 ? 5 : recency <= 30 ? 4 : recency <= 90 ? 3 : recency <= 180 ? 2 : 1;
  const f = frequency90d >= 10 ? 5 : frequency90d >= 5 ? 4 : frequency90d >= 3 ? 3 : frequency90d >= 1 ? 2 : 1;
  const m = monetaryFen >= 20_000_000 ? 5 : monetaryFen >= 10_000_000 ? 4 : monetaryFen >= 5_000_000 ? 3 : monetaryFen > 0 ? 2 : 1;
  return `R${r}F${f}M${m}`;
}

export function lifecycleStage(i: TraitInputs, churnRisk: number | null, asOf: number): LifecycleStage {
  const recency = recencyDays(i.lastEventAt, asOf);
  if (i.loansFunded > 0) {
    if (i.loansActive === 0 && (recency === null || recency > 180)) return 'churned';
    if (churnRisk !== null && churnRisk >= 0.5) return 'churn_risk';
    if (i.complaints180d > 0 && i.loansActive > 0 && (recency === null || recency > 90)) return 'churn_risk';
    return i.loansFunded >= 2 ? 'repeat' : 'customer';
  }
  if (i.applications > 0 || i.applicationsStarted > 0) return 'applicant';
  const intent = i.calculatorUses + i.quotesViewed;
  if (recency !== null && recency <= 90 && (intent > 0 || i.events90d >= 2)) return 'engaged';
  return 'prospect';
}

/** The channel the customer engaged through most in 180 days; the stated preference breaks ties and fills gaps. */
export function channelPreference(engagement: Readonly<Record<string, number>>, stated: string | null): string | null {
  let best: string | null = null;
  let bestCount = 0;
  for (const [channel, n] of Object.entries(engagement).sort(([a], [b]) => a.localeCompare(b))) {
    if (n > bestCount || (n === bestCount && n > 0 && channel === stated)) {
      best = channel;
      bestCount = n;
    }
  }
  return best ?? stated;
}

/** Prior from where and who (tier, plate rationing, age), moved by each NEV or ICE interaction. */
export function nevAffinity(i: Pick<TraitInputs, 'cityTier' | 'plateRestricted' | 'age' | 'nevSignals' | 'iceSignals'>, personalised: boolean): number {
  const prior = i.cityTier === null ? NEV_PRIOR_UNKNOWN : (NEV_PRIOR_BY_TIER[i.cityTier] ?? NEV_PRIOR_UNKNOWN);
  if (!personalised) return prior;
  const z = logit(prior) + (i.plateRestricted ? 0.4 : 0) + (i.age === null ? 0 : i.age < 35 ? 0.3 : i.age > 50 ? -0.4 : 0) + 0.9 * Math.min(i.nevSignals, 5) - 0.6 * Math.min(i.iceSignals, 5);
  return round4(sigmoid(z));
}

export function priceSensitivity(i: Pick<TraitInputs, 'incomeBand' | 'calculatorUses' | 'quotesViewed' | 'promoApplications'>, personalised: boolean): number {
  const base = -0.3 + (i.incomeBand ? (INCOME_PRICE_SHIFT[i.incomeBand] ?? 0) : 0);
  if (!personalised) return round4(sigmoid(base));
  const z = base + 0.25 * Math.min(i.calculatorUses, 6) + (i.quotesViewed >= 3 ? 0.4 : 0) + 0.8 * Math.min(i.promoApplications, 2);
  return round4(sigmoid(z));
}

/**
 * Expected margin (fen): the active loans' remaining margin, halved for amortisation (the average balance
 * of an annuity is about half its principal), plus the chance of a next loan times a typical loan's margin.
 */
export function predictedLtvFen(i: Pick<TraitInputs, 'activeBalanceMonthsFen'>, stage: LifecycleStage, churnRisk: number | null): number {
  const survival = 1 - (churnRisk ?? 0);
  const activeMargin = (i.activeBalanceMonthsFen / 12) * NET_MARGIN_PER_YEAR * 0.5;
  const typical = TYPICAL_PRINCIPAL_FEN * NET_MARGIN_PER_YEAR * (TYPICAL_TERM_MONTHS / 12) * 0.5;
  return Math.round(activeMargin + TAKE_UP_BY_STAGE[stage] * typical * survival);
}

export function nextBestProduct(i: TraitInputs, nev: number, price: number, stage: LifecycleStage): string | null {
  if (stage === 'churned') return 'WIN-BACK-OFFER';
  if (i.loansActive > 0) return i.monthsSinceLastFunding !== null && i.monthsSinceLastFunding >= 24 ? 'NEW-LOAN-UPGRADE' : 'INSURANCE-BUNDLE';
  if (i.usedCarApplications > 0 || (i.incomeBand === 'lt5k' && price >= 0.6)) return 'USED-LOAN';
  if (nev >= 0.6 && price >= 0.5) return 'NEW-LOAN-NEV-PROMO';
  if (nev >= 0.6) return 'NEW-LOAN-NEV';
  if (price >= 0.6) return 'NEW-LOAN-PROMO';
  if (i.incomeBand === 'ge50k') return 'NEW-LEASE';
  return 'NEW-LOAN';
}

export function churnFeatures(i: TraitInputs, asOf: number): ChurnFeatures {
  const recency = recencyDays(i.lastEventAt, asOf);
  return {
    recencyDays: recency ?? Math.max(0, Math.floor((asOf - i.firstSeenAt) / DAY_MS)),
    events90d: i.events90d,
    tenureDays: Math.max(0, Math.floor((asOf - i.firstSeenAt) / DAY_MS)),
    intentEvents: i.calculatorUses + i.quotesViewed,
    applications: i.applications,
    loansActive: i.loansActive,
    complaints180d: i.complaints180d,
  };
}

export function computeTraits(i: TraitInputs, asOf: number): ComputedTraits {
  const personalised = i.profilingConsent;
  const churnRisk = round4(churnProbability(churnFeatures(i, asOf)));
  const stage = lifecycleStage(i, churnRisk, asOf);
  const recency = recencyDays(i.lastEventAt, asOf);
  const nev = nevAffinity(i, personalised);
  const price = priceSensitivity(i, personalised);
  return {
    lifecycleStage: stage,
    lastEventAt: i.lastEventAt,
    frequency90d: i.events90d,
    monetaryFen: i.principalFen,
    rfmScore: rfmScore(recency, i.events90d, i.principalFen),
    channelPreference: personalised ? channelPreference(i.channelEngagement180d, i.preferredChannel) : i.preferredChannel,
    nevAffinity: nev,
    priceSensitivity: price,
    predictedLtvFen: predictedLtvFen(i, stage, churnRisk),
    churnRisk,
    nextBestProduct: personalised ? nextBestProduct(i, nev, price, stage) : null,
    personalised,
  };
}
