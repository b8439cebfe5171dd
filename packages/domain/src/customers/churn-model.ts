import { fitLogistic, matrixFromRows } from '../decisioning/scorecard/logistic.ts';
import { auc } from '../decisioning/scorecard/metrics.ts';
import { CHURN_MODEL } from './churn-model.data.ts';

/**
 * Churn risk: the probability that a customer goes silent — no event at all in the next 90 days.
 * A logistic regression (the scorecard pipeline's fitLogistic) over the features below, each
 * transformed by log1p and standardised with the training means and deviations. Trained on the
 * simulator's history by bench/customers/train-churn-model.ts (features as of a cut-off 90 days
 * before the market's as-of date, label = silent after it), which writes churn-model.data.ts with
 * the coefficients and the held-out AUC.
 */
export interface ChurnFeatures {
  recencyDays: number;
  events90d: number;
  tenureDays: number;
  intentEvents: number;
  applications: number;
  loansActive: number;
  complaints180d: number;
}

export const CHURN_FEATURE_NAMES: ReadonlyArray<keyof ChurnFeatures> = ['recencyDays', 'events90d', 'tenureDays', 'intentEvents', 'applications', 'loansActive', 'complaints180d'];

export interface ChurnModel {
  version: string;
  features: ReadonlyArray<keyof ChurnFeatures>;
  means: readonly number[];
  deviations: readonly number[];
  intercept: number;
  coefficients: readonly number[];
  /** held-out AUC and the sizes it was measured on */
  heldOutAuc: number;
  trainRows: number;
  testRows: number;
  trainedOn: string;
}

function transformed(f: ChurnFeatures): number[] {
  return CHURN_FEATURE_NAMES.map((n) => Math.log1p(Math.max(0, f[n])));
}

export function churnProbabilityWith(model: Pick<ChurnModel, 'means' | 'deviations' | 'intercept' | 'coefficients'>, f: ChurnFeatures): number {
  const x = transformed(f);
  let z = model.intercept;
  for (let j = 0; j < x.length; j++) z += (model.coefficients[j] as number) * (((x[j] as number) - (model.means[j] as number)) / (model.deviations[j] as number));
  return 1 / (1 + Math.exp(-z));
}

export function churnProbability(f: ChurnFeatures): number {
  return churnProbabilityWith(CHURN_MODEL, f);
}

/** Fits the model on train rows and measures AUC on the test rows (the caller splits, deterministically). */
export function trainChurnModel(
  train: ReadonlyArray<{ features: ChurnFeatures; silent: 0 | 1 }>,
  test: ReadonlyArray<{ features: ChurnFeatures; silent: 0 | 1 }>,
  trainedOn: string,
): ChurnModel {
  const p = CHURN_FEATURE_NAMES.length;
  const raw = train.map((r) => transformed(r.features));
  const means = Array.from({ length: p }, (_, j) => raw.reduce((s, r) => s + (r[j] as number), 0) / raw.length);
  const deviations = Array.from({ length: p }, (_, j) => Math.sqrt(raw.reduce((s, r) => s + ((r[j] as number) - (means[j] as number)) ** 2, 0) / raw.length) || 1);
  const standardised = raw.map((r) => r.map((v, j) => (v - (means[j] as number)) / (deviations[j] as number)));
  const fit = fitLogistic(matrixFromRows(standardised, p), train.map((r) => r.silent), { l2: 1 });
  const model = { means, deviations, intercept: fit.intercept, coefficients: fit.coefficients };
  const scores = test.map((r) => churnProbabilityWith(model, r.features));
  return {
    version: `churn-${trainedOn}`,
    features: CHURN_FEATURE_NAMES,
    ...model,
    heldOutAuc: auc(scores, test.map((r) => r.silent)),
    trainRows: train.length,
    testRows: test.length,
    trainedOn,
  };
}
