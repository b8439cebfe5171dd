import type { Fuel, FuelClass, ValuationModel, VehicleSegment } from '@autofin/contracts';
import { fuelClasses, vehicleSegments } from '@autofin/contracts';
import { DomainError } from '../shared/domain-error.ts';
import type { CarPriceRow } from './car-prices.ts';
import { leastSquares } from './least-squares.ts';

/** One catalogue model as sold in one fuel class, with its residual curve (value at t ≥ 1 years = y1 × decay^(t−1)). */
export interface CatalogueEntry {
  segment: VehicleSegment;
  fuel: Fuel;
  residualY1Bp: number;
  residualDecayBp: number;
}

/** The simulator's catalogue shape (models with trims `[name, fuel, price]`), structurally: the domain does not import the simulator. */
export interface CatalogueModelLike {
  segment: VehicleSegment;
  residualY1Bp: number;
  residualDecayBp: number;
  trims: ReadonlyArray<readonly [string, Fuel, number]>;
}

export function fuelClassOf(fuel: Fuel): FuelClass {
  return fuel === 'ICE' ? 'ICE' : 'NEV';
}

/** One entry per model and fuel class it is sold in: a model counts once however many trims it has. */
export function catalogueEntriesFromModels(models: readonly CatalogueModelLike[]): CatalogueEntry[] {
  const entries: CatalogueEntry[] = [];
  for (const model of models) {
    const seen = new Set<FuelClass>();
    for (const [, fuel] of model.trims) {
      const cls = fuelClassOf(fuel);
      if (seen.has(cls)) continue;
      seen.add(cls);
      entries.push({ segment: model.segment, fuel, residualY1Bp: model.residualY1Bp, residualDecayBp: model.residualDecayBp });
    }
  }
  return entries;
}

export interface FitOptions {
  modelVersion?: string;
  /** Mileage the catalogue's age curves are taken to assume; 15 000 km a year is typical for a private car in China. */
  expectedKmPerYear?: number;
  /** Seed of the train/test split. */
  splitSeed?: number;
  dataset?: string;
}

export interface FitReport {
  model: ValuationModel;
  /** Numbers behind the strings in model.fit, for printing. */
  heldOut: { model: ErrorStats; baseline: ErrorStats };
  trainRows: number;
  testRows: number;
}

export interface ErrorStats {
  rmseLog: number;
  mapePercent: number;
}

export const KM_PER_MILE = 1.609344;

/** murmur3's 32-bit finaliser: a well-mixed hash of the row index, so the split does not follow the file's order. */
export function mix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Row i is held out when mix32(i × 0x9e3779b1 xor seed) mod 5 = 0: about 20 %, the same rows on every run. */
export function isHeldOut(rowIndex: number, seed: number): boolean {
  return mix32((Math.imul(rowIndex, 0x9e3779b1) ^ seed) >>> 0) % 5 === 0;
}

interface Feature {
  name: string;
  value: (row: CarPriceRow) => number;
}

const MILEAGE_FEATURE = 'mileage_per_10k_km';

// Controls for what the set records besides mileage; Chevy sedans with 4 cylinders are the reference.
// Doors is left out: it is exactly 4 − 2 × (coupe + convertible) in this set, so it adds nothing.
const CONTROLS: Feature[] = [
  { name: 'intercept', value: () => 1 },
  { name: 'cylinder_6', value: (r) => (r.cylinder === 6 ? 1 : 0) },
  { name: 'cylinder_8', value: (r) => (r.cylinder === 8 ? 1 : 0) },
  { name: 'cruise', value: (r) => (r.cruise ? 1 : 0) },
  { name: 'sound', value: (r) => (r.sound ? 1 : 0) },
  { name: 'leather', value: (r) => (r.leather ? 1 : 0) },
  { name: 'make_buick', value: (r) => (r.make === 'Buick' ? 1 : 0) },
  { name: 'make_cadillac', value: (r) => (r.make === 'Cadillac' ? 1 : 0) },
  { name: 'make_pontiac', value: (r) => (r.make === 'Pontiac' ? 1 : 0) },
  { name: 'make_saab', value: (r) => (r.make === 'Saab' ? 1 : 0) },
  { name: 'make_saturn', value: (r) => (r.make === 'Saturn' ? 1 : 0) },
  { name: 'body_convertible', value: (r) => (r.body === 'convertible' ? 1 : 0) },
  { name: 'body_coupe', value: (r) => (r.body === 'coupe' ? 1 : 0) },
  { name: 'body_hatchback', value: (r) => (r.body === 'hatchback' ? 1 : 0) },
  { name: 'body_wagon', value: (r) => (r.body === 'wagon' ? 1 : 0) },
];

const FULL: Feature[] = [...CONTROLS.slice(0, 1), { name: MILEAGE_FEATURE, value: (r) => (r.mileageMiles * KM_PER_MILE) / 10_000 }, ...CONTROLS.slice(1)];

interface LinearModel {
  features: Feature[];
  coefficients: number[];
}

function fitLogPrice(rows: readonly CarPriceRow[], features: Feature[]): LinearModel {
  const x = rows.map((r) => features.map((f) => f.value(r)));
  const y = rows.map((r) => Math.log(r.price));
  const { coefficients } = leastSquares(x, y, features.map((f) => f.name));
  return { features, coefficients };
}

function predictLog(model: LinearModel, row: CarPriceRow): number {
  let s = 0;
  model.features.forEach((f, j) => {
    s += model.coefficients[j]! * f.value(row);
  });
  return s;
}

/** RMSE of log price and MAPE of price (the prediction being exp of the log prediction). */
function errorStats(model: LinearModel, rows: readonly CarPriceRow[]): ErrorStats {
  let sq = 0;
  let ape = 0;
  for (const row of rows) {
    const pred = predictLog(model, row);
    const err = pred - Math.log(row.price);
    sq += err * err;
    ape += Math.abs(Math.exp(pred) - row.price) / row.price;
  }
  return { rmseLog: Math.sqrt(sq / rows.length), mapePercent: (100 * ape) / rows.length };
}

function fixed(value: number, places: number): string {
  const s = value.toFixed(places);
  return /^-0\.?0*$/.test(s) ? s.slice(1) : s;
}

/**
 * Age curves: per segment and fuel class, the least-squares fit of log(value share) on years
 * over the catalogue's curves. Every curve is log-linear in t from year 1, so the fitted line's
 * intercept and slope are the means of ln y1 and ln decay: the geometric means of the entries.
 * A class with no entries borrows its segment's pooled curve (source "pooled").
 */
function fitAgeCurves(catalogue: readonly CatalogueEntry[]): ValuationModel['ageCurves'] {
  const curves: ValuationModel['ageCurves'] = [];
  for (const segment of vehicleSegments) {
    const inSegment = catalogue.filter((e) => e.segment === segment);
    if (inSegment.length === 0) {
      throw new DomainError('VALUATION_FIT_FAILED', `the catalogue has no ${segment} models`, [{ field: 'catalogue', message: `needs at least one ${segment} model` }]);
    }
    for (const fuelClass of fuelClasses) {
      const own = inSegment.filter((e) => fuelClassOf(e.fuel) === fuelClass);
      const used = own.length > 0 ? own : inSegment;
      const geo = (pick: (e: CatalogueEntry) => number): number => Math.exp(used.reduce((s, e) => s + Math.log(pick(e) / 10_000), 0) / used.length);
      curves.push({
        segment,
        fuelClass,
        y1: fixed(geo((e) => e.residualY1Bp), 6),
        annualDecay: fixed(geo((e) => e.residualDecayBp), 6),
        entries: used.length,
        source: own.length > 0 ? 'catalogue' : 'pooled',
      });
    }
  }
  return curves;
}

function checkCatalogue(catalogue: readonly CatalogueEntry[]): void {
  catalogue.forEach((e, i) => {
    for (const key of ['residualY1Bp', 'residualDecayBp'] as const) {
      const v = e[key];
      if (!Number.isInteger(v) || v <= 0 || v > 10_000) {
        throw new DomainError('VALUATION_FIT_FAILED', `catalogue[${i}].${key} must be 1..10000 basis points`, [{ field: `catalogue[${i}].${key}`, message: 'must be 1..10000 basis points' }]);
      }
    }
  });
}

/**
 * Fits the valuation model: (a) the mileage effect, a log-price linear model with mileage and
 * the set's make, body and equipment controls, by least squares on a seeded 80 % of the rows;
 * its error on the other 20 % is reported beside a baseline with the same controls but no
 * mileage; (b) the age curves per segment and fuel class from the catalogue. Pure: the caller
 * reads the CSV and the catalogue.
 */
export function fitValuationModel(rows: readonly CarPriceRow[], catalogue: readonly CatalogueEntry[], options: FitOptions = {}): FitReport {
  const seed = options.splitSeed ?? 2026;
  const expectedKmPerYear = options.expectedKmPerYear ?? 15_000;
  checkCatalogue(catalogue);
  const train: CarPriceRow[] = [];
  const test: CarPriceRow[] = [];
  rows.forEach((row, i) => (isHeldOut(i, seed) ? test : train).push(row));
  if (test.length === 0 || train.length <= FULL.length) {
    throw new DomainError('VALUATION_FIT_FAILED', `too few rows (${rows.length}) for a held-out fit`, [{ field: 'rows', message: `need more than ${FULL.length} training rows and at least one held-out row` }]);
  }

  const full = fitLogPrice(train, FULL);
  const baseline = fitLogPrice(train, CONTROLS);
  const heldOut = { model: errorStats(full, test), baseline: errorStats(baseline, test) };

  const beta = full.coefficients[FULL.findIndex((f) => f.name === MILEAGE_FEATURE)]!;
  if (!(beta < 0)) {
    throw new DomainError('VALUATION_FIT_FAILED', `the fitted mileage effect is not negative (${beta})`, [{ field: MILEAGE_FEATURE, message: 'must come out negative' }]);
  }
  // The spread of mileage the fit has seen, around its mean: value adjustments stay inside it.
  const kms = train.map((r) => r.mileageMiles * KM_PER_MILE);
  const meanKm = kms.reduce((s, v) => s + v, 0) / kms.length;
  const minDeviationKm = Math.round(Math.min(...kms) - meanKm);
  const maxDeviationKm = Math.round(Math.max(...kms) - meanKm);

  const model: ValuationModel = {
    modelVersion: options.modelVersion ?? 'valuation-v1',
    mileage: { logCoefPer10kKm: fixed(beta, 8), expectedKmPerYear, minDeviationKm, maxDeviationKm },
    ageCurves: fitAgeCurves(catalogue),
    fit: {
      dataset: options.dataset ?? 'car_prices.csv (Kelley Blue Book, 2005 GM cars; modeldata 1.1.0)',
      rows: rows.length,
      trainRows: train.length,
      testRows: test.length,
      split: `held out when mix32(rowIndex × 0x9e3779b1 xor ${seed}) mod 5 = 0`,
      coefficients: full.features.map((f, j) => ({ name: f.name, value: fixed(full.coefficients[j]!, 8) })),
      heldOut: {
        model: { rmseLog: fixed(heldOut.model.rmseLog, 6), mapePercent: fixed(heldOut.model.mapePercent, 4) },
        baseline: { rmseLog: fixed(heldOut.baseline.rmseLog, 6), mapePercent: fixed(heldOut.baseline.mapePercent, 4) },
      },
    },
  };
  return { model, heldOut, trainRows: train.length, testRows: test.length };
}
