import type { DataRow } from './data.ts';
import { cellNumber, cellText, columnNames, inferColumnType, readTarget } from './data.ts';
import { fitLogistic, linearPredictor } from './logistic.ts';
import type { LogisticFit, DesignMatrix } from './logistic.ts';

/**
 * The peer the scorecard is measured against: a plain L2-regularised logistic regression on
 * one-hot-encoded text columns and standardised numeric columns (mean-imputed, with a missing
 * flag where training had gaps). λ = 1 on the summed log-loss is scikit-learn's default C = 1.
 */
export type BaselineFeature =
  | { kind: 'numeric'; column: string; mean: number; sd: number }
  | { kind: 'missing'; column: string }
  | { kind: 'category'; column: string; category: string | null };

export interface BaselineModel {
  features: BaselineFeature[];
  fit: LogisticFit;
}

export interface BaselineOptions {
  l2?: number;
  exclude?: readonly string[];
}

function encode(features: readonly BaselineFeature[], rows: readonly DataRow[]): DesignMatrix {
  const p = features.length;
  const values = new Float64Array(rows.length * p);
  rows.forEach((row, i) => {
    features.forEach((f, j) => {
      let v: number;
      if (f.kind === 'numeric') {
        const x = cellNumber(row[f.column]);
        v = x === null ? 0 : (x - f.mean) / f.sd;
      } else if (f.kind === 'missing') v = cellNumber(row[f.column]) === null ? 1 : 0;
      else v = cellText(row[f.column]) === f.category ? 1 : 0;
      values[i * p + j] = v;
    });
  });
  return { rows: rows.length, columns: p, values };
}

export function trainBaseline(rows: readonly DataRow[], target: string, badValue: string, options: BaselineOptions = {}): BaselineModel {
  const bad = readTarget(rows, target, badValue);
  const features: BaselineFeature[] = [];
  for (const column of columnNames(rows)) {
    if (column === target || options.exclude?.includes(column)) continue;
    if (inferColumnType(rows, column) === 'numeric') {
      const xs: number[] = [];
      for (const r of rows) {
        const x = cellNumber(r[column]);
        if (x !== null) xs.push(x);
      }
      const mean = xs.reduce((s, v) => s + v, 0) / xs.length;
      const sd = Math.sqrt(xs.reduce((s, v) => s + (v - mean) ** 2, 0) / xs.length);
      if (sd > 0) features.push({ kind: 'numeric', column, mean, sd });
      if (xs.length < rows.length) features.push({ kind: 'missing', column });
    } else {
      const categories = new Set<string | null>();
      for (const r of rows) categories.add(cellText(r[column]));
      for (const category of [...categories].sort((a, b) => String(a).localeCompare(String(b)))) features.push({ kind: 'category', column, category });
    }
  }
  const fit = fitLogistic(encode(features, rows), bad, { l2: options.l2 ?? 1 });
  return { features, fit };
}

/** Probability of the bad outcome for each row. */
export function baselinePd(model: BaselineModel, rows: readonly DataRow[]): Float64Array {
  const eta = linearPredictor(model.fit, encode(model.features, rows));
  return eta.map((z) => 1 / (1 + Math.exp(-z)));
}
