// Shared fixtures of the decisioning tests (not a test file itself, never imported by the engine).
import type { DecisionInput, DecisionInputInput, DecisionStrategy, DecisionStrategyInput, ProductDefinitionInput, ScorecardBin, ScorecardModel } from '@autofin/contracts';
import { decisionInputSchema, productDefinitionSchema } from '@autofin/contracts';
import { residentIdCheckChar } from '../../applications/resident-id.ts';
import { defaultPricingGrid } from '../../pricing/default-grid.ts';
import { demoProducts } from '../../products/demo-catalogue.ts';
import { valuationModelV1 } from '../../vehicles/valuation-model.ts';
import { makeScaling } from '../scorecard/scaling.ts';
import { binLabel } from '../scorecard/labels.ts';
import { defaultTrainingOptions } from '../scorecard/train.ts';
import { defaultDecisionStrategy, DEMO_CHAMPION_MODEL } from '../strategy/default-strategy.ts';
import { parseDecisionStrategy } from '../strategy/parse-strategy.ts';
import type { DecisionContext } from './decision-context.ts';

export const NOW = '2026-11-22T10:00:00+08:00';
export const TODAY = '2026-11-22';

/** A resident ID number with a correct check digit: Beijing Chaoyang (110105), the birth date, a sequence. */
export function idFor(birthDate: string, seq = '123'): string {
  const body = `110105${birthDate.replace(/-/g, '')}${seq}`;
  return body + residentIdCheckChar(body);
}

/** A plain new-car loan without fees: its payment is the textbook annuity of the loan. */
const plainLoan: ProductDefinitionInput = {
  code: 'PLAIN_LOAN',
  name: { zh: '测试贷款', en: 'Test loan' },
  type: 'loan',
  vehicleCategories: ['new-ice', 'new-nev'],
  terms: [12, 24, 36, 48, 60],
  minDownPaymentPercent: '20',
  maxLtvPercent: '80',
  methods: ['equal-installment'],
  fees: [],
  prepayment: { type: 'none' },
  pricing: { gridProductCode: 'NEW_CAR_LOAN', adjustmentPercent: '0' },
  effectiveFrom: '2026-01-01',
};

export const PRODUCTS = [
  { version: 1, definition: productDefinitionSchema.parse(plainLoan) },
  ...demoProducts.filter((p) => p.code === 'USED_CAR_LOAN').map((definition) => ({ version: 1, definition })),
];

export function context(over: Partial<DecisionContext> = {}): DecisionContext {
  return {
    now: NOW,
    bureau: { status: 'scored', score: 760 },
    velocity: [],
    blacklistHits: [],
    phoneIdentities: 0,
    dealer: { weekCount: 6, trailingWeeklyAverage: 5, priceToValuation: null },
    cityTier: 2,
    products: PRODUCTS,
    grid: defaultPricingGrid,
    valuationModel: valuationModelV1,
    ...over,
  };
}

type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? DeepPartial<T[K]> : T[K] };

/**
 * A salaried 36-year-old earning 20,000 yuan a month with 2,000 of other debt, buying a
 * 250,000-yuan new petrol car with 75,000 down (loan 175,000, LTV 70%) over 36 months.
 */
export function application(over: DeepPartial<DecisionInputInput> = {}): DecisionInput {
  const base: DecisionInputInput = {
    applicationId: 'app-1',
    submittedAt: NOW,
    type: 'individual',
    applicant: {
      idNumber: idFor('1990-05-15'),
      idNumberHash: 'h-applicant',
      birthDate: '1990-05-15',
      gender: 'M',
      phone: '13812345678',
      employment: 'salaried',
      yearsAtEmployer: 5,
      monthlyIncomeFen: 2_000_000,
      monthlyDebtPaymentsFen: 200_000,
      housing: 'own_mortgage',
    },
    vehicle: { category: 'new-ice', make: 'Toyota', model: 'Camry', priceFen: 25_000_000 },
    deal: { downPaymentFen: 7_500_000, termMonths: 36, productCode: 'PLAIN_LOAN' },
    dealerId: '7f0c2a4e-1b7d-4c55-9d61-0d3b8f6a2e11',
    channel: 'dealer',
    consents: { creditCheck: true },
    deviceId: 'device-1',
  };
  const merged = {
    ...base,
    ...over,
    applicant: { ...base.applicant, ...over.applicant },
    vehicle: { ...base.vehicle, ...over.vehicle },
    deal: { ...base.deal, ...over.deal },
    consents: { ...base.consents, ...over.consents },
  };
  return decisionInputSchema.parse(merged);
}

function bin(partial: Partial<ScorecardBin> & Pick<ScorecardBin, 'kind' | 'points'>): ScorecardBin {
  const b = { lower: null, upper: null, categories: [], count: 100, goods: 95, bads: 5, woe: 0, iv: 0, ...partial };
  return { ...b, label: binLabel(b) };
}

/**
 * A hand-written two-characteristic scorecard on the engine's characteristics (600 = 50:1,
 * PDO 20): 560 base points; bureau_score < 600: 0, 600–700: 40, ≥ 700: 80, missing: 20;
 * pti < 30: 40, 30–45: 20, ≥ 45: 0, missing: 0.
 * E.g. bureau 760 and PTI 26 → 560 + 80 + 40 = 680 → tier A of the default strategy (≥ 660).
 */
export function handModel(id: string = DEMO_CHAMPION_MODEL.modelId, version: string = DEMO_CHAMPION_MODEL.modelVersion): ScorecardModel {
  return {
    kind: 'autofin.scorecard',
    schemaVersion: 1,
    id,
    version,
    trainedAt: '2026-11-01T00:00:00Z',
    target: 'bad',
    badValue: '1',
    intercept: 3,
    basePoints: 560,
    scaling: makeScaling(600, 50, 20),
    characteristics: [
      {
        name: 'bureau_score',
        type: 'numeric',
        trend: 'decreasing',
        iv: 0.5,
        coefficient: 1,
        unseenBin: 3,
        bins: [
          bin({ kind: 'range', upper: 600, points: 0 }),
          bin({ kind: 'range', lower: 600, upper: 700, points: 40 }),
          bin({ kind: 'range', lower: 700, points: 80 }),
          bin({ kind: 'missing', points: 20 }),
        ],
      },
      {
        name: 'pti',
        type: 'numeric',
        trend: 'increasing',
        iv: 0.2,
        coefficient: 1,
        unseenBin: 3,
        bins: [
          bin({ kind: 'range', upper: 30, points: 40 }),
          bin({ kind: 'range', lower: 30, upper: 45, points: 20 }),
          bin({ kind: 'range', lower: 45, points: 0 }),
          bin({ kind: 'missing', points: 0 }),
        ],
      },
    ],
    scoreDistribution: { edges: [], shares: [1] },
    options: defaultTrainingOptions,
    report: { training: { rows: 0, bads: 0, badRate: 0, auc: 0.5, ks: 0, gini: 0, calibration: [] }, variables: [], tuning: null },
  };
}

export const MODELS = [handModel()];

/** The default strategy with edits applied to a copy (stage by name, rule by code). */
export function strategyWith(edit: (s: DecisionStrategyInput) => void): DecisionStrategy {
  const copy = structuredClone(defaultDecisionStrategy) as DecisionStrategyInput;
  edit(copy);
  return parseDecisionStrategy(copy);
}

export { defaultDecisionStrategy };
