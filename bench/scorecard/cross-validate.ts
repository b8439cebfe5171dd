// Stratified 5-fold cross-validation of the points scorecard against its peer, a standard
// L2-regularised logistic regression on one-hot-encoded, standardised features, on the same
// folds of each credit training set in ../shared/data. Prints per data set the mean over the
// folds of AUC, KS and Gini on the held-out fold, the scorecard/baseline AUC ratio and the
// training time. Run: npx tsx bench/scorecard/cross-validate.ts [--seed N] [--sets a,b]
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parse } from 'csv-parse/sync';
import {
  auc,
  baselinePd,
  ks,
  readTarget,
  scoreApplicants,
  stratifiedFolds,
  trainBaseline,
  trainScorecard,
} from '@autofin/domain';
import type { DataRow } from '@autofin/domain';
import type { ScorecardTrainingOptions } from '@autofin/contracts';

const here = dirname(fileURLToPath(import.meta.url));
const dataDir = process.env.AUTOFIN_DATA_DIR_SHARED ?? join(here, '..', '..', '..', 'shared', 'data');

interface DataSet {
  name: string;
  file: string;
  target: string;
  bad: string;
  /** Derived ratios worth a second run: the data's README points at Amount/Price (loan-to-value). */
  ratios?: Array<{ name: string; numerator: string; denominator: string }>;
}

export const dataSets: DataSet[] = [
  { name: 'credit_data', file: 'credit_data_train.csv', target: 'Status', bad: 'bad', ratios: [{ name: 'LTV', numerator: 'Amount', denominator: 'Price' }] },
  { name: 'german_credit', file: 'german_credit_train.csv', target: 'Class', bad: 'Bad' },
  { name: 'lending_club', file: 'lending_club_train.csv', target: 'Class', bad: 'bad' },
];

export function readRows(file: string): DataRow[] {
  return parse(readFileSync(join(dataDir, file), 'utf8'), { columns: true, skip_empty_lines: true, bom: true }) as DataRow[];
}

const mean = (xs: readonly number[]): number => xs.reduce((s, v) => s + v, 0) / xs.length;
const sd = (xs: readonly number[]): number => {
  const m = mean(xs);
  return Math.sqrt(xs.reduce((s, v) => s + (v - m) ** 2, 0) / Math.max(1, xs.length - 1));
};

export interface CvResult {
  name: string;
  rows: number;
  scorecard: { auc: number[]; ks: number[]; ms: number[]; characteristics: number[] };
  baseline: { auc: number[]; ks: number[]; ms: number[] };
}

/**
 * With `options.ratios`, the scorecard derives them itself and the baseline gets them as extra
 * standardised columns, so both see the same information.
 */
export function crossValidate(set: DataSet, seed: number, options: Partial<ScorecardTrainingOptions> = {}, k = 5): CvResult {
  const rows = readRows(set.file);
  const ratios = options.ratios ?? [];
  const baselineRows: DataRow[] =
    ratios.length === 0
      ? rows
      : rows.map((r) => {
          const extra: Record<string, string> = {};
          for (const q of ratios) {
            const num = Number(r[q.numerator]);
            const den = Number(r[q.denominator]);
            extra[q.name] = r[q.numerator] === '' || r[q.denominator] === '' || den === 0 ? '' : String(num / den);
          }
          return { ...r, ...extra };
        });
  const bad = readTarget(rows, set.target, set.bad);
  const folds = stratifiedFolds(bad, k, seed);
  const result: CvResult = {
    name: set.name,
    rows: rows.length,
    scorecard: { auc: [], ks: [], ms: [], characteristics: [] },
    baseline: { auc: [], ks: [], ms: [] },
  };
  for (let f = 0; f < k; f++) {
    const train = rows.filter((_, i) => folds[i] !== f);
    const test = rows.filter((_, i) => folds[i] === f);
    const testBad = bad.filter((_, i) => folds[i] === f);
    let t0 = performance.now();
    const model = trainScorecard({ rows: train, target: set.target, badValue: set.bad, id: set.name, version: `cv${f}`, trainedAt: '2026-11-22T00:00:00Z', options: { seed, ...options } });
    result.scorecard.ms.push(performance.now() - t0);
    result.scorecard.characteristics.push(model.characteristics.length);
    const risk = scoreApplicants(model, test, 0).map((r) => -r.score);
    result.scorecard.auc.push(auc(risk, testBad));
    result.scorecard.ks.push(ks(risk, testBad));
    t0 = performance.now();
    const base = trainBaseline(
      baselineRows.filter((_, i) => folds[i] !== f),
      set.target,
      set.bad,
    );
    result.baseline.ms.push(performance.now() - t0);
    const pd = baselinePd(
      base,
      baselineRows.filter((_, i) => folds[i] === f),
    );
    result.baseline.auc.push(auc(pd, testBad));
    result.baseline.ks.push(ks(pd, testBad));
  }
  return result;
}

function main(): void {
  const args = process.argv.slice(2);
  const seedAt = args.indexOf('--seed');
  const seed = seedAt >= 0 ? Number(args[seedAt + 1]) : 20261122;
  const setsAt = args.indexOf('--sets');
  const wanted = setsAt >= 0 ? (args[setsAt + 1] ?? '').split(',') : dataSets.map((d) => d.name);
  console.log(`Stratified 5-fold CV, seed ${seed}; figures are means over the held-out folds (± sd of AUC).`);
  console.log('peer: L2 logistic regression (λ = 1, i.e. C = 1) on one-hot + standardised features, same folds\n');
  const header = ['data set', 'rows', 'model', 'AUC', '± sd', 'KS', 'Gini', 'train ms/fold', 'chars'];
  const lines: string[][] = [];
  const runs: Array<{ set: DataSet; label: string; options: Partial<ScorecardTrainingOptions> }> = [];
  for (const set of dataSets.filter((d) => wanted.includes(d.name))) {
    runs.push({ set, label: set.name, options: {} });
    if (set.ratios) runs.push({ set, label: `${set.name} + ${set.ratios.map((q) => `${q.name}=${q.numerator}/${q.denominator}`).join(', ')}`, options: { ratios: set.ratios } });
  }
  for (const run of runs) {
    const r = crossValidate(run.set, seed, run.options);
    const sc = r.scorecard;
    const bl = r.baseline;
    lines.push([run.label, String(r.rows), 'scorecard', mean(sc.auc).toFixed(4), sd(sc.auc).toFixed(4), mean(sc.ks).toFixed(4), (2 * mean(sc.auc) - 1).toFixed(4), mean(sc.ms).toFixed(0), mean(sc.characteristics).toFixed(1)]);
    lines.push(['', '', 'baseline', mean(bl.auc).toFixed(4), sd(bl.auc).toFixed(4), mean(bl.ks).toFixed(4), (2 * mean(bl.auc) - 1).toFixed(4), mean(bl.ms).toFixed(0), '']);
    lines.push(['', '', 'ratio AUC', (mean(sc.auc) / mean(bl.auc)).toFixed(4), '', (mean(sc.ks) / mean(bl.ks)).toFixed(4), ((2 * mean(sc.auc) - 1) / (2 * mean(bl.auc) - 1)).toFixed(4), '', '']);
  }
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? '').length)));
  const fmt = (cells: string[]): string => cells.map((c, i) => (i < 3 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join('  ');
  console.log(fmt(header));
  for (const l of lines) console.log(fmt(l));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
