import type { DecisionInput, LocalizedText } from '@autofin/contracts';
import type { DataRow } from '../scorecard/data.ts';
import type { DecisionContext } from './decision-context.ts';
import type { ApplicationMeasures } from './measure-application.ts';
import { consentedBureau, measureApplication } from './measure-application.ts';

/**
 * The application characteristics a decisioning scorecard is trained on and scores: one feature
 * record per application, keyed by these names. A training row built from history must use the
 * same names and the same units; `history` says how each maps onto the simulator's (and any
 * lender's) stored applications, customers and loans.
 */
export interface CharacteristicSpec {
  readonly name: string;
  readonly type: 'numeric' | 'categorical';
  readonly label: LocalizedText;
  /** Unit and how it is computed from a live application. */
  readonly definition: string;
  /** How a historical record (packages/simulator tables) maps onto it. */
  readonly history: string;
}

export const APPLICATION_CHARACTERISTICS: readonly CharacteristicSpec[] = [
  {
    name: 'age_years',
    type: 'numeric',
    label: { en: 'Age', zh: '年龄' },
    definition: 'whole years (周岁) on the decision date, from the declared birth date',
    history: 'customers.birth_date at applications.submitted_at (whole years)',
  },
  {
    name: 'employment',
    type: 'categorical',
    label: { en: 'Employment', zh: '职业类型' },
    definition: 'salaried | civil_servant | soe_employee | professional | self_employed | gig_worker | retired | other',
    history: 'customers.occupation (same values)',
  },
  {
    name: 'income_band',
    type: 'categorical',
    label: { en: 'Monthly income', zh: '月收入' },
    definition: 'the applicants\u2019 pooled monthly income in yuan, banded: lt5k (< 5 000) | 5k_10k | 10k_20k | 20k_50k | ge50k (≥ 50 000)',
    history: 'applications.declared_income_band (same bands: the simulator stores the declared income only as a band)',
  },
  {
    name: 'housing',
    type: 'categorical',
    label: { en: 'Housing', zh: '住房情况' },
    definition: 'own_outright | own_mortgage | rent | family | employer | other; missing when not declared',
    history: 'not recorded by the simulator: missing (a training set without it drops it for zero IV)',
  },
  {
    name: 'pti',
    type: 'numeric',
    label: { en: 'Payment-to-income %', zh: '月供收入比 %' },
    definition: 'new instalment ÷ monthly income × 100, two decimals; missing when the deal cannot be priced',
    history: 'applications.dti_bp ÷ 100 (the simulator\u2019s dti_bp is the new instalment ÷ declared income)',
  },
  {
    name: 'dti',
    type: 'numeric',
    label: { en: 'Debt-to-income %', zh: '负债收入比 %' },
    definition: '(existing monthly obligations + new instalment) ÷ monthly income × 100, two decimals',
    history: 'applications.dti_bp ÷ 100 (the simulator records no other debts, so DTI = PTI there)',
  },
  {
    name: 'ltv',
    type: 'numeric',
    label: { en: 'Loan-to-value %', zh: '贷款价值比 %' },
    definition: '(price − down payment − trade-in equity) ÷ vehicle value × 100, two decimals; value = price (new) or min(price, valuation) (used)',
    history: 'applications.requested_amount_fen ÷ applications.vehicle_price_fen × 100',
  },
  {
    name: 'term_months',
    type: 'numeric',
    label: { en: 'Term (months)', zh: '期限（月）' },
    definition: 'the requested term in months',
    history: 'applications.term_months',
  },
  {
    name: 'down_payment_pct',
    type: 'numeric',
    label: { en: 'Down payment %', zh: '首付比例 %' },
    definition: '(cash down + trade-in equity) ÷ price × 100, two decimals',
    history: 'applications.down_payment_fen ÷ applications.vehicle_price_fen × 100',
  },
  {
    name: 'vehicle_category',
    type: 'categorical',
    label: { en: 'Vehicle', zh: '车辆类别' },
    definition: 'new-ice | new-nev | used | commercial-ice | commercial-nev',
    history: 'vehicle_condition = used → used; new → new-ice when trims.fuel = ICE, else new-nev (join applications.trim_id)',
  },
  {
    name: 'vehicle_age_months',
    type: 'numeric',
    label: { en: 'Vehicle age (months)', zh: '车龄（月）' },
    definition: '0 for a new car',
    history: 'applications.vehicle_age_months',
  },
  {
    name: 'bureau_score',
    type: 'numeric',
    label: { en: 'Credit bureau score', zh: '征信评分' },
    definition: 'the bureau score; missing without the credit-check authorisation or for a thin file',
    history: 'applications.bureau_score (null = thin file; every simulated applicant authorised the check)',
  },
  {
    name: 'city_tier',
    type: 'numeric',
    label: { en: 'City tier', zh: '城市等级' },
    definition: '1 (Beijing, Shanghai …) … 4 (county towns)',
    history: 'customers.city_id → cities.tier',
  },
  {
    name: 'channel',
    type: 'categorical',
    label: { en: 'Channel', zh: '渠道' },
    definition: 'direct | dealer | online | partner',
    history: 'applications.channel: dealer → dealer, online → online, app → direct',
  },
  {
    name: 'has_co_applicant',
    type: 'categorical',
    label: { en: 'Co-applicant', zh: '共同借款人' },
    definition: 'yes for a joint application with a co-applicant, else no',
    history: 'no (the simulator has no joint applications)',
  },
];

export const APPLICATION_CHARACTERISTIC_NAMES: readonly string[] = APPLICATION_CHARACTERISTICS.map((c) => c.name);

/** The simulator's and the engine's income bands (yuan a month). */
export function incomeBandOf(monthlyIncomeFen: number): string {
  const yuan = monthlyIncomeFen / 100;
  return yuan < 5_000 ? 'lt5k' : yuan < 10_000 ? '5k_10k' : yuan < 20_000 ? '10k_20k' : yuan < 50_000 ? '20k_50k' : 'ge50k';
}

const two = (d: { toDecimalPlaces(n: number): { toNumber(): number } } | null): number | null => (d === null ? null : d.toDecimalPlaces(2).toNumber());

/**
 * The scorecard's feature record of a live application. `measures` are the engine's (pass them
 * to avoid pricing twice); without them the application is measured here.
 * The bureau score is present only with consents.creditCheck (DESIGN.md rule 8).
 */
export function applicationCharacteristics(input: DecisionInput, ctx: DecisionContext, measures: ApplicationMeasures = measureApplication(input, ctx)): DataRow {
  const bureau = consentedBureau(input, ctx);
  const price = input.vehicle.priceFen;
  const down = input.deal.downPaymentFen + measures.tradeInEquityFen;
  return {
    age_years: measures.ageYears,
    employment: input.applicant.employment,
    income_band: incomeBandOf(measures.incomeFen),
    housing: input.applicant.housing,
    pti: two(measures.pti),
    dti: two(measures.dti),
    ltv: two(measures.ltv),
    term_months: input.deal.termMonths,
    down_payment_pct: price > 0 ? Math.round((down * 10_000) / price) / 100 : null,
    vehicle_category: input.vehicle.category,
    vehicle_age_months: input.vehicle.category === 'used' ? input.vehicle.ageMonths : 0,
    bureau_score: bureau?.status === 'scored' ? bureau.score : null,
    city_tier: ctx.cityTier,
    channel: input.channel,
    has_co_applicant: input.type === 'joint' && input.coApplicant !== null ? 'yes' : 'no',
  };
}
