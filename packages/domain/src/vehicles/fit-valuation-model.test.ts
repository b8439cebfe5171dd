import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isDomainError } from '../shared/domain-error.ts';
import { parseCarPricesCsv } from './car-prices.ts';
import type { CatalogueEntry } from './fit-valuation-model.ts';
import { catalogueEntriesFromModels, fitValuationModel, isHeldOut } from './fit-valuation-model.ts';
import { valuationModelV1 } from './valuation-model.ts';

const csv = readFileSync(new URL('../../../../../shared/data/car_prices.csv', import.meta.url), 'utf8');
const rows = parseCarPricesCsv(csv);

// A small hand-made catalogue: every segment has ICE; only mid has NEV.
const catalogue: CatalogueEntry[] = [
  { segment: 'economy', fuel: 'ICE', residualY1Bp: 7500, residualDecayBp: 8800 },
  { segment: 'mid', fuel: 'ICE', residualY1Bp: 8100, residualDecayBp: 9000 },
  { segment: 'mid', fuel: 'ICE', residualY1Bp: 6400, residualDecayBp: 8100 },
  { segment: 'mid', fuel: 'BEV', residualY1Bp: 6000, residualDecayBp: 8400 },
  { segment: 'premium', fuel: 'ICE', residualY1Bp: 8000, residualDecayBp: 9000 },
  { segment: 'luxury', fuel: 'ICE', residualY1Bp: 7000, residualDecayBp: 8600 },
];

describe('parseCarPricesCsv', () => {
  it('reads all 804 rows with make and body from the one-hot columns', () => {
    expect(rows).toHaveLength(804);
    // First data line: 22661.05,20105,6,4,1,0,0,1,0,0,0,0,0,0,0,0,1,0
    expect(rows[0]).toEqual({ price: 22661.05, mileageMiles: 20105, cylinder: 6, doors: 4, cruise: true, sound: false, leather: false, make: 'Buick', body: 'sedan' });
  });

  it('rejects a file with another header', () => {
    expect(() => parseCarPricesCsv('a,b\n1,2\n')).toThrow(/header/);
  });

  it('rejects a row with two makes set', () => {
    const header = csv.split('\n')[0]!;
    expect(() => parseCarPricesCsv(`${header}\n1000,1,4,4,0,0,0,1,1,0,0,0,0,0,0,0,1,0\n`)).toThrow(/line 2/);
  });
});

describe('fitValuationModel', () => {
  const report = fitValuationModel(rows, catalogue);

  it('holds out a deterministic fifth of the rows', () => {
    const held = rows.filter((_, i) => isHeldOut(i, 2026)).length;
    expect(report.testRows).toBe(held);
    expect(report.trainRows + report.testRows).toBe(804);
    expect(held / 804).toBeGreaterThan(0.17);
    expect(held / 804).toBeLessThan(0.23);
  });

  it('finds that mileage lowers price, and predicts held-out prices better than the baseline without it', () => {
    expect(Number(report.model.mileage.logCoefPer10kKm)).toBeLessThan(0);
    expect(report.heldOut.model.rmseLog).toBeLessThan(report.heldOut.baseline.rmseLog);
    expect(report.heldOut.model.mapePercent).toBeLessThan(report.heldOut.baseline.mapePercent);
  });

  it('fits each age curve as the geometric mean of its entries; an empty class borrows the pooled segment', () => {
    const mid = report.model.ageCurves.find((c) => c.segment === 'mid' && c.fuelClass === 'ICE')!;
    // y1: √(0.81 × 0.64) = √0.5184 = 0.72; decay: √(0.90 × 0.81) = √0.729 = 0.853815
    expect(mid).toMatchObject({ y1: '0.720000', annualDecay: '0.853815', entries: 2, source: 'catalogue' });
    const midNev = report.model.ageCurves.find((c) => c.segment === 'mid' && c.fuelClass === 'NEV')!;
    expect(midNev).toMatchObject({ y1: '0.600000', annualDecay: '0.840000', entries: 1, source: 'catalogue' });
    const luxNev = report.model.ageCurves.find((c) => c.segment === 'luxury' && c.fuelClass === 'NEV')!;
    expect(luxNev).toMatchObject({ y1: '0.700000', annualDecay: '0.860000', entries: 1, source: 'pooled' });
    expect(report.model.ageCurves).toHaveLength(8);
  });

  it('fails, naming the field, when a segment has no models', () => {
    try {
      fitValuationModel(rows, catalogue.filter((e) => e.segment !== 'luxury'));
      expect.unreachable();
    } catch (err) {
      expect(isDomainError(err) && err.code).toBe('VALUATION_FIT_FAILED');
      if (isDomainError(err)) expect(err.errors[0]!.field).toBe('catalogue');
    }
  });

  it('the committed model is this fit on car_prices.csv (mileage effect, split and held-out error)', () => {
    expect(valuationModelV1.mileage).toEqual(report.model.mileage);
    expect(valuationModelV1.fit).toEqual(report.model.fit);
  });
});

describe('catalogueEntriesFromModels', () => {
  it('counts a model once per fuel class, however many trims', () => {
    const entries = catalogueEntriesFromModels([
      { segment: 'mid', residualY1Bp: 8000, residualDecayBp: 9000, trims: [['a', 'ICE', 1], ['b', 'ICE', 2], ['c', 'PHEV', 3], ['d', 'BEV', 4]] },
    ]);
    expect(entries.map((e) => e.fuel)).toEqual(['ICE', 'PHEV']);
  });
});
