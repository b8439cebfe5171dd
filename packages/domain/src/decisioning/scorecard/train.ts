import type { ScorecardModel, ScorecardTrainingOptions, VariableSummary } from '@autofin/contracts';
import { SCORECARD_ARTEFACT_KIND, scorecardTrainingOptionsSchema } from '@autofin/contracts';
import { DomainError } from '../../shared/domain-error.ts';
import type { DataRow } from './data.ts';
import { columnNames, findOneHotGroups, inferColumnType, scorecardDataError, readTarget } from './data.ts';
import { binCategorical, binNumeric, binOfValue, smoothingRows, variableValue } from './binning.ts';
import type { BinnedVariable, VariableSource } from './binning.ts';
import { fitLogistic } from './logistic.ts';
import { makeScaling, pointsFromLogOdds } from './scaling.ts';
import { binIndexColumn, fitBinCoded } from './bin-coding.ts';
import { quantileEdges } from './psi.ts';
import { scoreDistribution, scorePerformance } from './report.ts';
import { stratifiedFolds } from './cross-validation.ts';
import { auc } from './metrics.ts';

export const defaultTrainingOptions: ScorecardTrainingOptions = {
  seed: 1,
  fineBins: 20,
  maxBins: 6,
  minBinShare: 0.05,
  woeSmoothing: 0.005,
  minIv: 0.02,
  maxCorrelation: 0.7,
  l2: 1,
  coding: 'woe',
  codingGrid: ['woe', 'bins'],
  tune: true,
  innerFolds: 4,
  l2Grid: [0.3, 1, 3, 10, 30, 100],
  minBinShareGrid: [0.03, 0.05],
  minIvGrid: [0.01, 0.02],
  rareCategoryShare: 0.01,
  turnGain: null,
  collapseOneHot: true,
  ratios: [],
  exclude: [],
};

export interface TrainScorecardInput {
  rows: readonly DataRow[];
  target: string;
  badValue: string;
  id: string;
  version: string;
  /** ISO timestamp, passed in: the domain has no clock. */
  trainedAt: string;
  options?: Partial<ScorecardTrainingOptions>;
  scaling?: { baseScore?: number; baseOdds?: number; pdo?: number };
}

/** The characteristics the data offers: its columns, one-hot groups folded back into one. */
export function variableSources(rows: readonly DataRow[], target: string, options: Pick<ScorecardTrainingOptions, 'collapseOneHot' | 'exclude' | 'ratios'>): VariableSource[] {
  const columns = columnNames(rows).filter((c) => c !== target && !options.exclude.includes(c));
  const types = new Map(columns.map((c) => [c, inferColumnType(rows, c)] as const));
  const groups = options.collapseOneHot
    ? findOneHotGroups(
        rows,
        columns.filter((c) => types.get(c) === 'numeric'),
      )
    : [];
  const grouped = new Map<string, (typeof groups)[number]>();
  for (const g of groups) for (const { column } of g.columns) grouped.set(column, g);
  const sources: VariableSource[] = [];
  const emitted = new Set<string>();
  for (const c of columns) {
    const g = grouped.get(c);
    if (g) {
      if (!emitted.has(g.name)) {
        emitted.add(g.name);
        sources.push({ name: g.name, type: 'categorical', oneHotColumns: g.columns });
      }
    } else sources.push({ name: c, type: types.get(c) ?? 'categorical' });
  }
  const all = columnNames(rows);
  for (const r of options.ratios) {
    for (const side of [r.numerator, r.denominator]) {
      if (!all.includes(side) || inferColumnType(rows, side) !== 'numeric') throw scorecardDataError('ratios', `ratio ${r.name}: "${side}" is not a numeric column of the data`);
    }
    if (all.includes(r.name) || sources.some((s) => s.name === r.name)) throw scorecardDataError('ratios', `ratio ${r.name}: the name is already a column`);
    sources.push({ name: r.name, type: 'numeric', ratio: { numerator: r.numerator, denominator: r.denominator } });
  }
  return sources;
}

/** Bins every variable on the training rows. */
export function binVariables(rows: readonly DataRow[], bad: ArrayLike<number>, sources: readonly VariableSource[], options: ScorecardTrainingOptions): BinnedVariable[] {
  return sources.map((s) => {
    const values = rows.map((r) => variableValue(s, r));
    return s.type === 'numeric' ? binNumeric(s, values, bad, options) : binCategorical(s, values, bad, options);
  });
}

function pearson(a: Float64Array, b: Float64Array): number {
  const n = a.length;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i] as number;
    mb += b[i] as number;
  }
  ma /= n;
  mb /= n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    const da = (a[i] as number) - ma;
    const db = (b[i] as number) - mb;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : 0;
}

/** Variables binned and screened (IV, correlation), with each candidate's WOE per row. */
export interface PreparedVariables {
  binned: BinnedVariable[];
  /** Kept after the IV and correlation screens, strongest first. */
  kept: BinnedVariable[];
  woeColumns: Map<string, Float64Array>;
  dropped: Map<string, string>;
}

export function woeColumn(v: BinnedVariable, rows: readonly DataRow[]): Float64Array {
  return Float64Array.from(rows, (r) => (v.bins[binOfValue(v, variableValue(v, r))] as { woe: number }).woe);
}

/** Bins every source and screens by information value and WOE correlation. */
export function prepareVariables(rows: readonly DataRow[], bad: ArrayLike<number>, sources: readonly VariableSource[], options: ScorecardTrainingOptions): PreparedVariables {
  return screenVariables(binVariables(rows, bad, sources, options), rows, options);
}

/** Keeps binned variables with IV ≥ minIv, then drops the weaker of any highly correlated pair. */
export function screenVariables(binned: BinnedVariable[], rows: readonly DataRow[], options: Pick<ScorecardTrainingOptions, 'minIv' | 'maxCorrelation'>): PreparedVariables {
  const dropped = new Map<string, string>();
  const woeColumns = new Map<string, Float64Array>();
  const candidates = binned
    .filter((v) => {
      if (v.iv < options.minIv) {
        dropped.set(v.name, `information value ${v.iv.toFixed(3)} below ${options.minIv}`);
        return false;
      }
      return true;
    })
    .sort((a, b) => b.iv - a.iv || (a.name < b.name ? -1 : 1));
  for (const v of candidates) woeColumns.set(v.name, woeColumn(v, rows));
  const kept: BinnedVariable[] = [];
  for (const v of candidates) {
    const col = woeColumns.get(v.name) as Float64Array;
    let clash: { name: string; r: number } | null = null;
    for (const other of kept) {
      const r = pearson(col, woeColumns.get(other.name) as Float64Array);
      if (Math.abs(r) > options.maxCorrelation) {
        clash = { name: other.name, r };
        break;
      }
    }
    if (clash) dropped.set(v.name, `WOE correlates with ${clash.name} (r = ${clash.r.toFixed(2)})`);
    else kept.push(v);
  }
  return { binned, kept, woeColumns, dropped };
}

export interface SelectedFit {
  selected: BinnedVariable[];
  intercept: number;
  coefficients: number[];
  /** Characteristics removed because their coefficient was not positive, with the reason. */
  removed: Map<string, string>;
}

/**
 * Fits the L2 logistic regression of good on the kept characteristics' WOE, removing one at a
 * time the characteristic with the most negative (or zero) coefficient and refitting, since a
 * non-positive coefficient would give its better bins fewer points.
 */
export function fitSelected(
  prepared: Pick<PreparedVariables, 'kept' | 'woeColumns'>,
  bad: ArrayLike<number>,
  l2: number,
  warm?: Pick<SelectedFit, 'selected' | 'intercept' | 'coefficients'>,
  tolerance?: number,
): SelectedFit {
  const n = bad.length;
  const good = Float64Array.from({ length: n }, (_, i) => 1 - (bad[i] as number));
  const removed = new Map<string, string>();
  let selected = prepared.kept;
  let goods = 0;
  for (let i = 0; i < n; i++) goods += good[i] as number;
  let fit = { intercept: Math.log(goods / (n - goods)), coefficients: [] as number[] };
  while (selected.length > 0) {
    const p = selected.length;
    const values = new Float64Array(n * p);
    selected.forEach((v, j) => {
      const col = prepared.woeColumns.get(v.name) as Float64Array;
      for (let i = 0; i < n; i++) values[i * p + j] = col[i] as number;
    });
    // A warm start from a fit on the same characteristics (e.g. at the previous penalty).
    const initial =
      warm && warm.selected.length === p && warm.selected.every((v, j) => v === selected[j]) ? { intercept: warm.intercept, coefficients: warm.coefficients } : undefined;
    const result = fitLogistic({ rows: n, columns: p, values }, good, { l2, ...(initial ? { initial } : {}), ...(tolerance ? { tolerance } : {}) });
    let worst = -1;
    for (let j = 0; j < p; j++) if ((result.coefficients[j] as number) <= 0 && (worst < 0 || (result.coefficients[j] as number) < (result.coefficients[worst] as number))) worst = j;
    if (worst < 0) {
      fit = result;
      break;
    }
    const v = selected[worst] as BinnedVariable;
    removed.set(v.name, `coefficient ${(result.coefficients[worst] as number).toFixed(3)} not positive beside the others`);
    selected = selected.filter((_, j) => j !== worst);
  }
  return { selected, intercept: fit.intercept, coefficients: fit.coefficients, removed };
}

export interface TuningResult {
  folds: number;
  candidates: Array<{ coding: ScorecardTrainingOptions['coding']; minBinShare: number; minIv: number; l2: number; auc: number }>;
  chosen: { coding: ScorecardTrainingOptions['coding']; minBinShare: number; minIv: number; l2: number };
}

/** The selected characteristics with each bin's contribution to the log-odds of good. */
export interface CodedFit {
  selected: BinnedVariable[];
  intercept: number;
  contributions: number[][];
  /** WOE coding: the coefficient of each selected characteristic. */
  coefficients: number[] | null;
  removed: Map<string, string>;
}

/** Fits the regression in the chosen coding. */
export function fitCoded(
  prepared: PreparedVariables,
  rows: readonly DataRow[],
  bad: ArrayLike<number>,
  options: Pick<ScorecardTrainingOptions, 'coding' | 'l2' | 'woeSmoothing'>,
  warm?: SelectedFit,
  tolerance?: number,
): CodedFit & { woeFit?: SelectedFit } {
  if (options.coding === 'woe') {
    const fit = fitSelected(prepared, bad, options.l2, warm, tolerance);
    return {
      selected: fit.selected,
      intercept: fit.intercept,
      contributions: fit.selected.map((v, j) => v.bins.map((b) => (fit.coefficients[j] as number) * b.woe)),
      coefficients: fit.coefficients,
      removed: fit.removed,
      woeFit: fit,
    };
  }
  const binColumns = new Map(prepared.kept.map((v) => [v.name, binIndexColumn(v, rows)] as const));
  const fit = fitBinCoded(prepared.kept, binColumns, bad, options.l2, smoothingRows(options, rows.length), tolerance);
  return { selected: fit.selected, intercept: fit.intercept, contributions: fit.contributions, coefficients: null, removed: new Map() };
}

/**
 * Chooses the coding, the minimum bin share, the IV threshold and the L2 penalty by stratified
 * k-fold cross-validation inside the training rows (binning, screening and regression all
 * refitted on each inner training part; AUC measured on its held-out part). Ties go to WOE
 * coding, the coarser bins, the stricter threshold and the stronger penalty.
 */
export function tuneOptions(rows: readonly DataRow[], bad: Uint8Array, sources: readonly VariableSource[], options: ScorecardTrainingOptions): TuningResult {
  const k = options.innerFolds;
  const folds = stratifiedFolds(bad, k, options.seed);
  const desc = (xs: readonly number[]): number[] => [...new Set(xs)].sort((a, b) => b - a);
  const codings = (['woe', 'bins'] as const).filter((c) => options.codingGrid.includes(c));
  const shares = desc(options.minBinShareGrid);
  const ivs = desc(options.minIvGrid);
  const l2s = desc(options.l2Grid);
  const key = (z: number, a: number, b: number, c: number): number => ((z * shares.length + a) * ivs.length + b) * l2s.length + c;
  const sums = new Float64Array(codings.length * shares.length * ivs.length * l2s.length);
  for (let f = 0; f < k; f++) {
    const trainIdx: number[] = [];
    const testIdx: number[] = [];
    for (let i = 0; i < rows.length; i++) (folds[i] === f ? testIdx : trainIdx).push(i);
    const trainRows = trainIdx.map((i) => rows[i] as DataRow);
    const testRows = testIdx.map((i) => rows[i] as DataRow);
    const trainBad = Uint8Array.from(trainIdx, (i) => bad[i] as number);
    const testBad = Uint8Array.from(testIdx, (i) => bad[i] as number);
    shares.forEach((minBinShare, a) => {
      const binned = binVariables(trainRows, trainBad, sources, { ...options, minBinShare });
      ivs.forEach((minIv, b) => {
        const prepared = screenVariables(binned, trainRows, { ...options, minIv });
        codings.forEach((coding, z) => {
          let previous: SelectedFit | undefined;
          l2s.forEach((l2, c) => {
            // Penalties from strong to weak, each warm-started from the last; a looser tolerance
            // is plenty for ranking candidates by AUC.
            const fit = fitCoded(prepared, trainRows, trainBad, { ...options, coding, l2 }, previous, 1e-6);
            previous = fit.woeFit;
            const columns = fit.selected.map((v) => binIndexColumn(v, testRows));
            const risk = testRows.map((_, i) => {
              let logOdds = fit.intercept;
              columns.forEach((col, j) => {
                logOdds += (fit.contributions[j] as number[])[col[i] as number] as number;
              });
              return -logOdds;
            });
            sums[key(z, a, b, c)] = (sums[key(z, a, b, c)] as number) + auc(risk, testBad);
          });
        });
      });
    });
  }
  const candidates: TuningResult['candidates'] = [];
  let chosen: TuningResult['chosen'] = { coding: options.coding, minBinShare: options.minBinShare, minIv: options.minIv, l2: options.l2 };
  let best = Number.NEGATIVE_INFINITY;
  codings.forEach((coding, z) =>
    shares.forEach((minBinShare, a) =>
      ivs.forEach((minIv, b) =>
        l2s.forEach((l2, c) => {
          const mean = (sums[key(z, a, b, c)] as number) / k;
          candidates.push({ coding, minBinShare, minIv, l2, auc: mean });
          if (mean > best + 1e-9) {
            best = mean;
            chosen = { coding, minBinShare, minIv, l2 };
          }
        }),
      ),
    ),
  );
  return { folds: k, candidates, chosen };
}

/**
 * Trains a points scorecard: bins every variable into WOE bins, keeps those with IV ≥ minIv,
 * drops the weaker of any pair whose WOE values correlate above maxCorrelation, fits an
 * L2-regularised logistic regression of good vs bad on the WOE values (removing, one at a time,
 * characteristics whose coefficient turns non-positive, as their points would contradict their
 * own bins), and scales the result to integer points. With `tune` on, the minimum bin share,
 * the IV threshold and the penalty are first chosen by cross-validation inside the training rows. Deterministic:
 * same rows and options (seed included), same model.
 */
export function trainScorecard(input: TrainScorecardInput): ScorecardModel {
  const parsedOptions = scorecardTrainingOptionsSchema.safeParse({ ...defaultTrainingOptions, ...input.options });
  if (!parsedOptions.success) {
    throw new DomainError(
      'SCORECARD_INVALID_DATA',
      'the training options are not valid',
      parsedOptions.error.issues.map((i) => ({ field: `options.${i.path.join('.')}`, message: i.message })),
    );
  }
  let options = parsedOptions.data;
  const scaling = makeScaling(input.scaling?.baseScore, input.scaling?.baseOdds, input.scaling?.pdo);
  const { rows } = input;
  const bad = readTarget(rows, input.target, input.badValue);
  const n = rows.length;

  const sources = variableSources(rows, input.target, options);
  if (sources.length === 0) throw scorecardDataError('data', 'the data has no columns besides the target');
  let tuning: TuningResult | null = null;
  if (options.tune) {
    let bads = 0;
    for (const b of bad) bads += b;
    if (bads < options.innerFolds || n - bads < options.innerFolds) {
      throw scorecardDataError('data', `tuning needs at least ${options.innerFolds} bads and goods; train with tune off or more rows`);
    }
    tuning = tuneOptions(rows, bad, sources, options);
    options = { ...options, ...tuning.chosen };
  }
  const prepared = prepareVariables(rows, bad, sources, options);
  const { binned } = prepared;
  const fit = fitCoded(prepared, rows, bad, options);
  const dropped = new Map([...prepared.dropped, ...fit.removed]);
  const { basePoints, points } = pointsFromLogOdds(scaling, fit.intercept, fit.contributions);
  const characteristics = fit.selected
    .map((v, j) => ({
      ...v,
      coefficient: fit.coefficients ? (fit.coefficients[j] as number) : null,
      bins: v.bins.map((b, i) => ({ ...b, points: (points[j] as number[])[i] as number })),
    }))
    .filter((c) => {
      // Every bin on the same points (a shrunk bins-coded effect): it cannot change a score.
      const flat = c.bins.every((b) => b.points === 0);
      if (flat) dropped.set(c.name, 'no effect on points beside the others');
      return !flat;
    });

  // Training scores from the integer points, exactly as scoring will compute them.
  const scores: number[] = new Array<number>(n).fill(basePoints);
  for (const c of characteristics) {
    for (let i = 0; i < n; i++) {
      const bin = binOfValue(c, variableValue(c, rows[i] as DataRow));
      scores[i] = (scores[i] as number) + (c.bins[bin] as { points: number }).points;
    }
  }
  const edges = quantileEdges(scores, 10);
  const variables: VariableSummary[] = binned.map((v) => ({
    name: v.name,
    type: v.type,
    iv: v.iv,
    bins: v.bins.filter((b) => b.kind !== 'missing' || b.count > 0).length,
    selected: characteristics.some((c) => c.name === v.name),
    dropped: dropped.get(v.name) ?? null,
  }));
  return {
    kind: SCORECARD_ARTEFACT_KIND,
    schemaVersion: 1,
    id: input.id,
    version: input.version,
    trainedAt: input.trainedAt,
    target: input.target,
    badValue: input.badValue,
    intercept: fit.intercept,
    basePoints,
    scaling,
    characteristics,
    scoreDistribution: scoreDistribution(scores, edges),
    options,
    report: { training: scorePerformance(scores, bad, scaling, edges), variables, tuning },
  };
}
