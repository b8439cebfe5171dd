import { createHmac } from 'node:crypto';
import { INCOME_MEDIAN_BY_TIER, NEV_AFFINITY_BY_TIER } from './data/geo.data.ts';
import { GIVEN_FEMALE, GIVEN_MALE, PHONE_PREFIXES, SURNAMES } from './data/names.data.ts';
import { AD_CHANNELS, CAMPAIGN_THEME_BY_MONTH, OWNED_CHANNELS, applyLift, clickShare, type AdChannel, type Segment } from './data/channels.data.ts';
import { Rng, WeightedTable, clamp, sigmoid } from './random.ts';
import { IdKind, idPrefix, simId } from './ids.ts';
import { addMonthsOnDay, isoDate, isoTimestamp, ymd } from './dates.ts';
import { levelInstallmentFen, schedule } from './amortization.ts';
import type { Dealer, Market, Trim } from './reference.ts';
import type { CustomerBuffers } from './buffers.ts';

export const DECISION_VERSION = 'sim-policy-2025.1';
const STREAM_CUSTOMER = 2;
/**
 * Whether a profile is a company draws from its own stream, so adding companies left every person's
 * draws — and so the rest of the market of a seed — exactly as it was.
 */
const STREAM_COMPANY = 3;
/**
 * Share of profiles that are companies (fleet operators, ride-hailing and logistics firms, small
 * businesses buying vehicles in the company's name): a few percent of a consumer auto lender's
 * customers by count. The company is represented by its legal representative, whose demographics,
 * ID number (hashed), phone and credit file the profile keeps; its applications are corporate.
 */
export const COMPANY_SHARE = 0.03;
const COMPANY_TRADE_NAMES = ['顺达', '恒通', '鑫源', '宏运', '安捷', '华信', '众诚', '远航', '瑞丰', '嘉禾', '通力', '捷安'] as const;
const COMPANY_INDUSTRIES = ['物流', '运输', '汽车租赁', '网约车服务', '冷链物流', '商贸', '建材', '工程机械'] as const;
const SOURCE = 'simulator';
/** Seconds of a UTC day that fall in 08:00–23:59 Beijing time (UTC+8). */
const DAYTIME = 16 * 3600 - 1;
/** Customers who will apply this many days after the as-of date or sooner are shopping already. */
const IN_MARKET_DAYS = 14;

export interface GeneratorCounters {
  customers: number;
  consents: number;
  events: number;
  applications: number;
  loans: number;
  repayments: number;
}

export class CustomerGenerator {
  private readonly surnames = new WeightedTable(
    SURNAMES.map(([s]) => s),
    SURNAMES.map(([, w]) => w),
  );
  private readonly prefix: { customer: string; event: string; application: string; loan: string };
  private readonly newTrims: Trim[];
  private readonly hmacKey: string;
  readonly counters: GeneratorCounters = { customers: 0, consents: 0, events: 0, applications: 0, loans: 0, repayments: 0 };

  constructor(
    private readonly seed: number,
    private readonly market: Market,
    private readonly asOfDay: number,
    private readonly windowStartDay: number,
    private readonly out: CustomerBuffers,
  ) {
    this.prefix = {
      customer: idPrefix(seed, IdKind.customer),
      event: idPrefix(seed, IdKind.event),
      application: idPrefix(seed, IdKind.application),
      loan: idPrefix(seed, IdKind.loan),
    };
    // New cars are only sold where the brand has a franchised or direct store in this market.
    this.newTrims = market.trims.filter((t) => market.dealersByMake.has(t.make.id));
    // A real deployment keys this with a secret from its key store; the demo market derives it from the seed.
    this.hmacKey = `autofin-simulator-id-number-key-${seed}`;
  }

  generate(index: number): void {
    const rng = new Rng(this.seed, STREAM_CUSTOMER, index);
    const { market, asOfDay, out } = this;
    const id = simId(this.prefix.customer, index);
    const city = market.cityTable.draw(rng);
    const tier = city.tier;

    // --- demographics ---
    const male = rng.chance(0.6);
    const age = Math.round(clamp(34 + 9 * rng.normal(), 20, 65));
    const birthDay = Math.floor(asOfDay - age * 365.25 - rng.int(0, 364));
    const older = age > 45 ? 0.6 : 1;
    const pPost = [0.12, 0.08, 0.04, 0.02][tier - 1]! * older;
    const pBach = [0.45, 0.36, 0.26, 0.18][tier - 1]! * older;
    const u = rng.float();
    const education = u < pPost ? 'postgraduate' : u < pPost + pBach ? 'bachelor' : u < pPost + pBach + 0.25 ? 'associate' : 'high_school';
    const occupation =
      age >= 58 && rng.chance(0.7)
        ? 'retired'
        : rng.weighted(
            ['salaried', 'soe_employee', 'civil_servant', 'professional', 'self_employed', 'gig_worker'] as const,
            [40, 10, 6, education === 'postgraduate' ? 30 : 8, tier >= 3 ? 24 : 16, age < 30 && education === 'high_school' ? 22 : 8],
          );
    const eduFactor = { high_school: 0.75, associate: 0.9, bachelor: 1.15, postgraduate: 1.5 }[education];
    const occFactor = { salaried: 1, soe_employee: 1.05, civil_servant: 1, professional: 1.4, self_employed: 1.1, gig_worker: 0.8, retired: 0.6 }[occupation];
    const ageFactor = age < 28 ? 0.85 : age < 35 ? 1 : age <= 50 ? 1.1 : 0.95;
    const incomeYuan = Math.max(
      2_000,
      Math.round(rng.lognormal(INCOME_MEDIAN_BY_TIER[tier] * eduFactor * occFactor * ageFactor, occupation === 'self_employed' ? 0.7 : 0.45) / 100) * 100,
    );
    const pMarried = age < 26 ? 0.2 : age < 33 ? 0.55 : 0.82;
    const marital = rng.chance(pMarried) ? (age > 30 && rng.chance(0.06) ? 'divorced' : 'married') : 'single';
    const children = marital === 'married' ? rng.weighted([0, 1, 2, 3], [20, 50, 25, 5]) : marital === 'divorced' ? rng.weighted([0, 1], [50, 50]) : 0;
    const pThin = (age < 25 ? 0.5 : age < 30 ? 0.3 : 0.12) + (occupation === 'gig_worker' ? 0.15 : 0) + (tier === 4 ? 0.08 : 0);
    const pImpaired = 0.045 + (occupation === 'gig_worker' || occupation === 'self_employed' ? 0.035 : 0);
    const cu = rng.float();
    const creditFile = cu < pThin ? 'thin' : cu < pThin + pImpaired ? 'impaired' : 'established';

    // --- latent risk: the ground truth behind every missed payment ---
    const latentRisk =
      0.8 * rng.normal() +
      (creditFile === 'impaired' ? 1.3 : creditFile === 'thin' ? 0.25 : 0) +
      (age < 25 ? 0.35 : age > 55 ? 0.1 : 0) +
      (occupation === 'gig_worker' ? 0.4 : occupation === 'self_employed' ? 0.2 : occupation === 'civil_servant' || occupation === 'soe_employee' ? -0.3 : 0) +
      (incomeYuan < 5_000 ? 0.3 : incomeYuan > 20_000 ? -0.3 : 0) +
      (marital === 'married' ? -0.15 : 0) -
      0.3;
    const monthlyMiss = sigmoid(-4.3 + 1.25 * latentRisk);

    // --- digital habits ---
    const tierBonus = [0.4, 0.2, 0, -0.2][tier - 1]!;
    const digitalScore = Math.round(100 * sigmoid(2.0 - 0.07 * (age - 20) + tierBonus + 0.6 * rng.normal()));
    const ios = rng.chance(clamp([0.45, 0.35, 0.25, 0.18][tier - 1]! + (incomeYuan > 20_000 ? 0.15 : 0), 0, 0.9));
    const appUser = rng.chance((digitalScore / 100) * 0.5);
    const segment: Segment =
      incomeYuan >= 25_000
        ? 'premium'
        : age < 32 && tier <= 2
          ? 'young_urban'
          : marital === 'married' && children > 0
            ? 'family'
            : tier >= 3 && incomeYuan < 8_000
              ? 'value'
              : 'mainstream';
    const nevAffinity = clamp(
      NEV_AFFINITY_BY_TIER[tier] + (age < 35 ? 0.08 : age > 50 ? -0.1 : 0) + (city.plateRestricted ? 0.1 : 0) + 0.15 * rng.normal(),
      0.02,
      0.98,
    );
    const span = asOfDay - this.windowStartDay;
    const firstSeenDay = this.windowStartDay + Math.floor(span * Math.pow(rng.float(), 0.85));
    const firstSeenSec = rng.int(0, DAYTIME);

    // --- consent (PIPL: per purpose, per channel; a good share gives no marketing consent at all) ---
    const marketingOk = new Set<string>();
    const noMarketing = rng.chance(0.28 + (age > 50 ? 0.1 : 0));
    const consentAt = (): [number, string] => {
      const day = Math.min(asOfDay, firstSeenDay + (rng.chance(0.7) ? 0 : rng.int(1, 90)));
      return [day, isoTimestamp(day, rng.int(0, DAYTIME))];
    };
    const addConsent = (purpose: string, channel: string, via: string): void => {
      const [day, at] = consentAt();
      const withdrawn = rng.chance(0.05) && day < asOfDay;
      const withdrawnAt = withdrawn ? isoTimestamp(rng.int(day + 1, asOfDay), rng.int(0, DAYTIME)) : null;
      out.consents.push(id, purpose, channel, withdrawn ? 'withdrawn' : 'granted', at, withdrawnAt, via, SOURCE);
      this.counters.consents++;
      if (purpose === 'marketing' && !withdrawn) marketingOk.add(channel);
    };
    const via = appUser && rng.chance(0.6) ? 'app' : rng.weighted(['web', 'dealer', 'wechat', 'call_centre'], [35, 30, 25, 10]);
    if (!noMarketing) {
      const probs: Array<[string, number]> = [
        ['sms', 0.85],
        ['wechat', 0.6],
        ['email', 0.25],
        ['call', 0.2],
        ['app_push', appUser ? 0.8 : 0],
      ];
      let any = false;
      for (const [channel, p] of probs) {
        if (rng.chance(p)) {
          addConsent('marketing', channel, via);
          any = true;
        }
      }
      if (!any) addConsent('marketing', 'sms', via);
    }
    if (rng.chance(0.55)) addConsent('profiling', 'any', via);

    // --- ad clicks, with the true channel effects ---
    const eventPrefix = this.prefix.event;
    let seq = 0;
    const pushEvent = (type: string, channel: string, campaign: string | null, partnerId: string | null, day: number, sec: number, lagSec: number, payload: string): void => {
      const occurred = isoTimestamp(day, sec);
      const received = isoTimestamp(day, sec + lagSec);
      out.events.push(id, simId(eventPrefix, index, seq++), type, channel, campaign, partnerId, occurred, received, payload, SOURCE);
      this.counters.events++;
    };
    const channels = AD_CHANNELS.filter((c) => !OWNED_CHANNELS.has(c) || marketingOk.has(c));
    const channelWeights = channels.map((c) => clickShare(c, segment));
    const clicks = rng.poisson(0.3 + (2.4 * digitalScore) / 100);
    let notApply = 1;
    let acquisition: string | null = null;
    for (let k = 0; k < clicks; k++) {
      const channel = channels[rng.weightedIndex(channelWeights)]! as AdChannel;
      const day = k === 0 && rng.chance(0.7) ? firstSeenDay : rng.int(firstSeenDay, asOfDay);
      const sec = k === 0 && day === firstSeenDay ? firstSeenSec : rng.int(0, DAYTIME);
      if (k === 0 && day === firstSeenDay) acquisition = channel;
      const { y, m } = ymd(day);
      const campaign = `${channel}-${y}${String(m).padStart(2, '0')}-${CAMPAIGN_THEME_BY_MONTH[m - 1]}`;
      // Owned channels report within a minute; ad networks call back in batches; a few arrive days late.
      const lag = OWNED_CHANNELS.has(channel) ? rng.int(1, 60) : rng.chance(0.03) ? rng.int(86_400, 3 * 86_400) : rng.int(60, 7_200);
      pushEvent('ad_click', channel, campaign, null, day, sec, lag, `{"creative":"c${rng.int(1, 4)}"}`);
      notApply *= 1 - applyLift(channel, segment);
    }
    if (appUser) {
      const opens = rng.poisson(1.2);
      for (let k = 0; k < opens; k++) pushEvent('app_open', 'app', null, null, rng.int(firstSeenDay, asOfDay), rng.int(0, DAYTIME), rng.int(1, 30), '{}');
    }
    if (acquisition === null) acquisition = rng.weighted(['dealer', 'organic', 'referral'], [50, 35, 15]);

    const baseApply = clamp(
      0.07 + (age >= 25 && age <= 45 ? 0.04 : 0) + (marital === 'married' ? 0.02 : 0) + (children > 0 ? 0.02 : 0) + (incomeYuan >= 8_000 ? 0.02 : 0) + 0.03 * rng.normal(),
      0.01,
      0.4,
    );
    const applyPropensity = 1 - (1 - baseApply) * notApply;

    const prefs = ['wechat', 'sms', 'app_push', 'call', 'email', 'dealer'];
    const preferred = rng.weighted(prefs, [30 + digitalScore / 5, 20, appUser ? 25 : 0, 15 - digitalScore / 10, 5, 15]);

    const personName = this.surnames.draw(rng) + this.givenName(rng, male);
    const companyRng = new Rng(this.seed, STREAM_COMPANY, index);
    const company = companyRng.chance(COMPANY_SHARE);
    // e.g. 成都顺达物流有限公司 — the city's name without 市, a trade name, the line of business
    const name = company ? `${city.name.replace(/市$/, '')}${companyRng.pick(COMPANY_TRADE_NAMES)}${companyRng.pick(COMPANY_INDUSTRIES)}有限公司` : personName;
    const phone = rng.pick(PHONE_PREFIXES) + String(rng.int(0, 99_999_999)).padStart(8, '0');
    const idNumber = residentIdNumber(city.provinceId, birthDay, male, rng);

    out.customers.push(
      id,
      name,
      phone,
      createHmac('sha256', this.hmacKey).update(idNumber).digest('hex'),
      male ? 'M' : 'F',
      isoDate(birthDay),
      city.id,
      occupation,
      education,
      marital,
      children,
      incomeBand(incomeYuan),
      creditFile,
      digitalScore,
      ios ? 'ios' : 'android',
      appUser,
      preferred,
      acquisition,
      isoTimestamp(firstSeenDay, firstSeenSec),
      SOURCE,
      isoTimestamp(firstSeenDay, firstSeenSec),
      company ? 'company' : 'person',
    );
    out.truth.push(id, latentRisk, monthlyMiss, incomeYuan * 100, baseApply, applyPropensity, nevAffinity, segment);
    this.counters.customers++;

    // --- browsing without applying ---
    // In-market customers apply a few weeks after they show up (exponential delay, mean 40 days).
    const submittedDay = firstSeenDay + 3 + Math.floor(-Math.log(1 - rng.float()) * 40);
    const willApply = rng.chance(applyPropensity);
    const applies = willApply && submittedDay <= asOfDay;
    // In market now: they will apply within IN_MARKET_DAYS after the as-of date, so the shopping
    // that precedes an application (calculator, dealer visit, test drive, quotes) has begun —
    // "viewed a quote this week but has not applied" describes real people in the market.
    const inMarket = willApply && !applies && submittedDay <= asOfDay + IN_MARKET_DAYS;
    if (!applies && !inMarket) {
      if (rng.chance(0.2)) {
        pushEvent('calculator_use', appUser ? 'app' : 'web', null, null, rng.int(firstSeenDay, asOfDay), rng.int(0, DAYTIME), rng.int(1, 10), `{"price_yuan":${Math.round(incomeYuan * 12 * rng.lognormal(1.1, 0.3) / 1000) * 1000},"term":36}`);
      }
      if (rng.chance(0.06)) {
        const d = this.nearbyDealer(rng, city.id, city.provinceId, null);
        if (d) pushEvent('dealer_visit', 'dealer', null, d.partnerId, rng.int(firstSeenDay, asOfDay), rng.int(2 * 3600, 12 * 3600), rng.int(60, 3_600), '{}');
      }
      return;
    }

    // --- the application ---
    const submittedSec = rng.int(2 * 3600, 13 * 3600);
    const used = market.usedDealers.length > 0 && rng.chance(0.18 + (tier >= 3 ? 0.06 : 0) + (incomeYuan < 6_000 ? 0.08 : 0));
    const ageMonths = used ? Math.max(6, rng.weighted([1, 2, 3, 4, 5, 6, 7, 8], [10, 16, 18, 16, 13, 10, 9, 8]) * 12 - rng.int(0, 11)) : 0;
    const mileageKm = used ? Math.round(((ageMonths / 12) * rng.lognormal(15_000, 0.35)) / 100) * 100 : 0;
    const budgetFen = incomeYuan * 12 * rng.lognormal(1.1, 0.35) * 100;
    const candidates = used ? market.trims : this.newTrims;
    if (candidates.length === 0) return;
    const weights = candidates.map((t) => {
      const price = used ? usedPriceFen(t, ageMonths, mileageKm) : t.listPriceFen;
      const fit = Math.log(price / budgetFen);
      const nev = t.fuel !== 'ICE';
      const fuelMult = nev ? Math.pow(nevAffinity / 0.5, 1.6) * (city.plateRestricted && !used ? 1.25 : 1) : Math.pow((1 - nevAffinity) / 0.5, 1.6);
      return t.weight * fuelMult * Math.exp(-(fit * fit) / (2 * 0.45 * 0.45)) + 1e-9;
    });
    const trim = candidates[rng.weightedIndex(weights)]!;
    const dealer = (used ? this.nearbyDealer(rng, city.id, city.provinceId, null) : this.nearbyDealer(rng, city.id, city.provinceId, trim.make.id))!;
    const priceFen = used ? usedPriceFen(trim, ageMonths, mileageKm) : trim.listPriceFen;
    const nev = trim.fuel !== 'ICE';
    const channel = appUser && rng.chance(0.15) ? 'app' : rng.chance(0.1) ? 'online' : 'dealer';
    const lease = !used && rng.chance(0.08);
    const term = used ? rng.weighted([12, 24, 36], [15, 30, 55]) : rng.weighted([12, 24, 36, 48, 60], [8, 17, 45, 12, 18]);
    // Minimum down payments follow the PBoC/NFRA auto-loan rules (max LTV 85% NEV, 80% ICE, 70% used).
    const minDown = used ? 0.3 : nev ? 0.15 : 0.2;
    const downRatio = Math.min(0.7, minDown + Math.abs(rng.normal()) * 0.12);
    const downFen = Math.ceil((priceFen * downRatio) / 100_000) * 100_000;
    const requestedFen = priceFen - downFen;
    if (requestedFen < 1_000_000) return; // under 10,000 yuan nobody finances

    // Observable credit information (the lender never sees latent_risk itself).
    const scored = creditFile !== 'thin' || rng.chance(0.25);
    const bureauScore = scored
      ? Math.round(clamp(690 - 75 * (0.75 * latentRisk + 0.66 * rng.normal()) - (creditFile === 'impaired' ? 60 : 0) - (creditFile === 'thin' ? 40 : 0), 350, 950))
      : null;
    const declaredYuan = rng.chance(0.2) ? Math.round(incomeYuan * (1 + 0.3 * rng.float())) : incomeYuan;
    const promo = !used && ((nev && rng.chance(0.35)) || rng.chance(0.1));
    let rateBp: number;
    if (promo) rateBp = rng.pick([250, 288, 299, 350, 399]);
    else {
      const risk = bureauScore === null ? 250 : clamp((720 - bureauScore) * 2.2, -80, 500);
      const raw = 480 + (used ? 250 : 0) + (term >= 48 ? 40 : 0) + risk + (creditFile === 'impaired' ? 150 : 0);
      rateBp = clamp(Math.round(raw / 10) * 10 - 1, 250, 1_200);
    }
    const installmentFen = levelInstallmentFen(requestedFen, rateBp, term);
    const dtiBp = Math.round((installmentFen * 10_000) / (declaredYuan * 100));

    // --- decision: the simulated lender's policy ---
    type Reason = { code: string; detail: string };
    const reasons: Reason[] = [];
    let outcome: 'approved' | 'conditionally_approved' | 'declined' | 'referred';
    let referral: 'thin' | 'grey' | 'fraud' | null = null;
    if (rng.chance(0.02)) {
      outcome = 'referred';
      referral = 'fraud';
      reasons.push({ code: 'FRAUD_RULE_DEVICE_MISMATCH', detail: 'device and phone location disagree' });
    } else if (creditFile === 'impaired' && (bureauScore === null || bureauScore < 600)) {
      outcome = 'declined';
      reasons.push({ code: 'IMPAIRED_CREDIT', detail: 'serious delinquency on the credit report in the last 24 months' });
    } else if (bureauScore !== null && bureauScore < 540) {
      outcome = 'declined';
      reasons.push({ code: 'SCORE_BELOW_CUTOFF', detail: `score ${bureauScore} < 540` });
    } else if (dtiBp > 6_000) {
      outcome = 'declined';
      reasons.push({ code: 'DTI_ABOVE_LIMIT', detail: `instalment is ${(dtiBp / 100).toFixed(0)}% of income (limit 60%)` });
    } else if (bureauScore === null) {
      outcome = 'referred';
      referral = 'thin';
      reasons.push({ code: 'THIN_FILE_MANUAL_REVIEW', detail: 'no usable credit history' });
    } else if (bureauScore < 600) {
      outcome = 'referred';
      referral = 'grey';
      reasons.push({ code: 'SCORE_GREY_ZONE', detail: `score ${bureauScore} in 540–599` });
    } else if (dtiBp > 4_500) {
      outcome = 'conditionally_approved';
      reasons.push({ code: 'CONDITION_HIGHER_DOWN_PAYMENT', detail: `instalment is ${(dtiBp / 100).toFixed(0)}% of income; 10% more down payment required` });
    } else {
      outcome = 'approved';
      reasons.push({ code: 'SCORE_OK', detail: `score ${bureauScore} ≥ 600` }, { code: 'DTI_OK', detail: `instalment is ${(dtiBp / 100).toFixed(0)}% of income` });
    }
    let decidedDay = submittedDay;
    let decidedSec = submittedSec + rng.int(20, 600);
    let status: string = outcome;
    if (outcome === 'referred') {
      decidedDay = submittedDay + rng.int(1, 3);
      decidedSec = rng.int(1 * 3600, 10 * 3600);
      const pApprove = referral === 'thin' ? 0.6 : referral === 'grey' ? 0.5 : 0.7;
      if (decidedDay <= asOfDay) {
        status = rng.chance(pApprove) ? 'approved' : 'declined';
        reasons.push({ code: status === 'approved' ? 'MANUAL_REVIEW_APPROVED' : 'MANUAL_REVIEW_DECLINED', detail: 'underwriter decision' });
      }
    }
    const undecided = outcome !== 'referred' && submittedDay === asOfDay && rng.chance(0.3);
    if (undecided) status = rng.chance(0.5) ? 'received' : 'in_review';
    const approvedFen = status === 'approved' ? requestedFen : status === 'conditionally_approved' ? requestedFen - Math.ceil((priceFen * 0.1) / 100_000) * 100_000 : null;
    let fundDay: number | null = null;
    if ((status === 'approved' || status === 'conditionally_approved') && approvedFen !== null && approvedFen >= 1_000_000) {
      if (rng.chance(status === 'approved' ? 0.86 : 0.6)) {
        const contractDay = decidedDay + rng.int(0, 7);
        const funded = contractDay + rng.int(1, 5);
        if (contractDay > asOfDay) {
          /* still deciding whether to sign */
        } else if (funded > asOfDay) status = 'contracted';
        else {
          status = 'funded';
          fundDay = funded;
        }
      } else if (decidedDay + 30 <= asOfDay) status = rng.chance(0.5) ? 'withdrawn' : 'expired';
    }
    const decided = status !== 'received' && status !== 'in_review' && !(outcome === 'referred' && decidedDay > asOfDay);
    const appId = simId(this.prefix.application, index);

    // Journey events before the application: calculator, quotes, a dealer visit, a test drive.
    const before = (maxDays: number): number => Math.max(firstSeenDay, submittedDay - rng.int(0, maxDays));
    // An in-market customer's shopping reaches only to the as-of date; an applicant's ends before it.
    const shop = (type: string, channel: string, partnerId: string | null, day: number, sec: number, lagSec: number, payload: string): void => {
      if (day <= asOfDay) pushEvent(type, channel, null, partnerId, day, sec, lagSec, payload);
    };
    const calcs = rng.int(1, 3);
    for (let k = 0; k < calcs; k++) {
      shop('calculator_use', appUser ? 'app' : 'web', null, before(30), rng.int(0, DAYTIME), rng.int(1, 10), `{"price_yuan":${priceFen / 100},"term":${term},"down_ratio":${downRatio.toFixed(2)}}`);
    }
    const visitDay = before(14);
    shop('dealer_visit', 'dealer', dealer.partnerId, visitDay, rng.int(2 * 3600, 10 * 3600), rng.int(60, 3_600), '{}');
    if (rng.chance(used ? 0.3 : 0.65)) shop('test_drive', 'dealer', dealer.partnerId, visitDay, rng.int(10 * 3600, 11 * 3600), rng.int(60, 3_600), `{"trim_id":${trim.id}}`);
    const quotes = rng.int(1, 2);
    for (let k = 0; k < quotes; k++) {
      shop('quote_view', channel === 'dealer' ? 'dealer' : channel, dealer.partnerId, before(7), rng.int(0, DAYTIME), rng.int(1, 30), `{"trim_id":${trim.id},"rate_bp":${rateBp},"term":${term}}`);
    }
    if (inMarket) return;

    out.applications.push(
      appId,
      id,
      dealer.partnerId,
      channel,
      lease ? 'lease' : 'loan',
      `${used ? 'USED' : 'NEW'}-${lease ? 'LEASE' : 'LOAN'}${promo ? '-PROMO' : ''}`,
      trim.id,
      used ? 'used' : 'new',
      ageMonths,
      mileageKm,
      priceFen,
      downFen,
      requestedFen,
      term,
      rateBp,
      bureauScore,
      incomeBand(declaredYuan),
      dtiBp,
      status,
      approvedFen,
      isoTimestamp(submittedDay, submittedSec),
      decided ? isoTimestamp(decidedDay, decidedSec) : null,
      JSON.stringify(reasons),
      DECISION_VERSION,
      SOURCE,
      company ? 'corporate' : 'individual',
    );
    this.counters.applications++;
    // Applying for credit is the moment the customer authorises the credit check and sharing with the dealer.
    out.consents.push(id, 'credit_check', 'any', 'granted', isoTimestamp(submittedDay, submittedSec), null, channel === 'dealer' ? 'dealer' : channel === 'app' ? 'app' : 'web', SOURCE);
    this.counters.consents++;
    if (rng.chance(0.9)) {
      out.consents.push(id, 'data_sharing', 'any', 'granted', isoTimestamp(submittedDay, submittedSec), null, channel === 'dealer' ? 'dealer' : channel === 'app' ? 'app' : 'web', SOURCE);
      this.counters.consents++;
    }

    if (fundDay !== null && approvedFen !== null) this.fund(rng, index, id, appId, dealer, trim, approvedFen, rateBp, term, fundDay, latentRisk, monthlyMiss);
  }

  /** The funded loan and its repayment history up to the as-of date, driven by latent risk. */
  private fund(
    rng: Rng,
    index: number,
    customerId: string,
    appId: string,
    dealer: Dealer,
    trim: Trim,
    principalFen: number,
    rateBp: number,
    term: number,
    fundDay: number,
    latentRisk: number,
    monthlyMiss: number,
  ): void {
    const { asOfDay, out } = this;
    const loanId = simId(this.prefix.loan, index);
    const dueDayOfMonth = Math.min(ymd(fundDay).d, 28);
    const plan = schedule(principalFen, rateBp, term);
    const due: number[] = [];
    const paid: Array<number | null> = [];
    let arrears: number[] = [];
    let chargedOffDay: number | null = null;
    for (let k = 0; k < term; k++) {
      const dueDay = addMonthsOnDay(fundDay, k + 1, dueDayOfMonth);
      if (dueDay > asOfDay) break;
      due.push(dueDay);
      paid.push(null);
      if (arrears.length === 0) {
        if (rng.chance(monthlyMiss)) arrears.push(k);
        else {
          const late = rng.chance(0.05 + 2 * monthlyMiss) ? rng.int(1, 20) : 0;
          const day = late > 0 ? dueDay + late : Math.max(fundDay + 1, dueDay - rng.int(0, 4));
          if (day <= asOfDay) paid[k] = day;
          else arrears.push(k);
        }
      } else {
        const pCure = clamp(0.5 - 0.08 * arrears.length - 0.05 * latentRisk, 0.05, 0.8);
        const cureDay = dueDay + rng.int(0, 10);
        if (rng.chance(pCure) && cureDay <= asOfDay) {
          for (const j of arrears) paid[j] = cureDay;
          paid[k] = cureDay;
          arrears = [];
        } else {
          arrears.push(k);
          // Seven unpaid instalments ≈ 180 days past due: written off.
          if (arrears.length >= 7) {
            chargedOffDay = dueDay;
            break;
          }
        }
      }
    }
    let outstanding = principalFen;
    let lastPaid = fundDay;
    for (let k = 0; k < due.length; k++) {
      const inst = plan[k]!;
      const p = paid[k] ?? null;
      if (p !== null) {
        outstanding -= inst.principalFen;
        if (p > lastPaid) lastPaid = p;
      }
      out.repayments.push(
        loanId,
        inst.no,
        customerId,
        isoDate(due[k]!),
        inst.principalFen,
        inst.interestFen,
        inst.amountFen,
        p === null ? 0 : inst.amountFen,
        p === null ? null : isoDate(p),
        p === null ? asOfDay - due[k]! : Math.max(0, p - due[k]!),
      );
      this.counters.repayments++;
    }
    const oldestUnpaid = paid.findIndex((p) => p === null);
    const dpd = oldestUnpaid >= 0 ? asOfDay - due[oldestUnpaid]! : 0;
    const closed = chargedOffDay === null && due.length === term && oldestUnpaid < 0;
    const status = chargedOffDay !== null ? 'charged_off' : closed ? 'closed' : 'active';
    out.loans.push(
      loanId,
      appId,
      customerId,
      dealer.partnerId,
      trim.id,
      trim.fuel,
      principalFen,
      rateBp,
      term,
      plan[0]!.amountFen,
      isoDate(fundDay),
      isoDate(addMonthsOnDay(fundDay, 1, dueDayOfMonth)),
      status,
      dpd,
      outstanding,
      chargedOffDay !== null ? isoDate(chargedOffDay) : closed ? isoDate(lastPaid) : null,
      SOURCE,
    );
    this.counters.loans++;
  }

  private givenName(rng: Rng, male: boolean): string {
    const list = male ? GIVEN_MALE : GIVEN_FEMALE;
    return rng.chance(0.35) ? rng.pick(list) : rng.pick(list) + rng.pick(list);
  }

  /** A dealer selling `makeId` (or a used-car dealer when null): same city, else same province, else anywhere. */
  private nearbyDealer(rng: Rng, cityId: number, provinceId: number, makeId: number | null): Dealer | null {
    const list = makeId === null ? this.market.usedDealers : (this.market.dealersByMake.get(makeId) ?? []);
    if (list.length === 0) return null;
    const inCity = list.filter((d) => d.city.id === cityId);
    if (inCity.length > 0 && rng.chance(0.9)) return rng.pick(inCity);
    const inProvince = list.filter((d) => d.city.provinceId === provinceId);
    if (inProvince.length > 0 && rng.chance(0.8)) return rng.pick(inProvince);
    return rng.pick(list);
  }
}

export function incomeBand(yuan: number): string {
  return yuan < 5_000 ? 'lt5k' : yuan < 10_000 ? '5k_10k' : yuan < 20_000 ? '10k_20k' : yuan < 50_000 ? '20k_50k' : 'ge50k';
}

/** Used-car price: list × residual(age) × mileage adjustment, rounded to 100 yuan. */
export function usedPriceFen(trim: Trim, ageMonths: number, mileageKm: number): number {
  const t = ageMonths / 12;
  const y1 = trim.model.residualY1Bp / 10_000;
  const decay = trim.model.residualDecayBp / 10_000;
  const residual = t < 1 ? 1 - (1 - y1) * t : y1 * Math.pow(decay, t - 1);
  const expectedKm = 15_000 * t;
  const mileageAdj = clamp(1 - (0.02 * (mileageKm - expectedKm)) / 10_000, 0.85, 1.1);
  return Math.round((trim.listPriceFen * residual * mileageAdj) / 10_000) * 10_000;
}

/** An 18-digit resident ID number (GB 11643) with its ISO 7064 MOD 11-2 check digit; only ever hashed. */
export function residentIdNumber(provinceId: number, birthDay: number, male: boolean, rng: Rng): string {
  const region = String(provinceId * 10_000 + rng.int(1, 20) * 100 + rng.int(1, 30)).padStart(6, '0');
  const birth = isoDate(birthDay).replace(/-/g, '');
  const seq = rng.int(0, 99) * 10 + (male ? rng.int(0, 4) * 2 + 1 : rng.int(0, 4) * 2);
  const body = region + birth + String(seq).padStart(3, '0');
  return body + idCheckDigit(body);
}

/** ISO 7064 MOD 11-2 check character of the first 17 digits of a resident ID number (GB 11643-1999). */
export function idCheckDigit(body17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body17[i]) * weights[i]!;
  return '10X98765432'[sum % 11]!;
}
