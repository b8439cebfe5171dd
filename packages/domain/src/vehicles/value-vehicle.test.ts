import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { ValuationModel } from '@autofin/contracts';
import { fuelTypes, vehicleSegments } from '@autofin/contracts';
import { isDomainError } from '../shared/domain-error.ts';
import { residualValue, valueVehicle } from './value-vehicle.ts';
import { valuationModelV1 } from './valuation-model.ts';

/** A model with round numbers, so the values can be worked by hand. */
const model: ValuationModel = {
  modelVersion: 'test-v1',
  mileage: { logCoefPer10kKm: '-0.05', expectedKmPerYear: 15_000, minDeviationKm: -30_000, maxDeviationKm: 50_000 },
  ageCurves: [
    { segment: 'mid', fuelClass: 'ICE', y1: '0.8', annualDecay: '0.9', entries: 1, source: 'catalogue' },
    // decay 0.95: ln 0.95 = −0.0513 is shallower than the mileage lift 0.05 × 1.5 = 0.075 a year
    { segment: 'mid', fuelClass: 'NEV', y1: '0.8', annualDecay: '0.95', entries: 1, source: 'catalogue' },
  ],
  fit: { dataset: 'hand', rows: 0, trainRows: 0, testRows: 0, split: '-', coefficients: [], heldOut: { model: { rmseLog: '0', mapePercent: '0' }, baseline: { rmseLog: '0', mapePercent: '0' } } },
};

const car = { segment: 'mid' as const, fuel: 'ICE' as const, listPriceFen: 20_000_000 };

describe('valueVehicle (hand-worked)', () => {
  it('new, never driven: the list price', () => {
    const v = valueVehicle({ ...car, ageMonths: 0, mileageKm: 0 }, model);
    expect(v.valueFen).toBe(20_000_000);
    expect(v.percentOfList).toBe('100.00');
  });

  it('3 years, 60 000 km', () => {
    // age: 0.8 × 0.9² = 0.648; expected 3 × 15 000 = 45 000 km → deviation +15 000
    // mileage: exp(−0.05 × 1.5) = exp(−0.075) = 0.9277434863
    // 200 000.00 × 0.648 × 0.9277434863 = 120 235.5558 yuan → 12 023 556 fen
    const v = valueVehicle({ ...car, ageMonths: 36, mileageKm: 60_000 }, model);
    expect(v.factors.map((f) => [f.code, f.factor])).toEqual([['AGE', '0.648000'], ['MILEAGE', '0.927743']]);
    expect(v.valueFen).toBe(12_023_556);
    expect(v.modelVersion).toBe('test-v1');
  });

  it('6 months at the expected 7 500 km: the first-year drop spread geometrically', () => {
    // age: 0.8^(1/2) = 0.8944271910; mileage factor 1 → 17 888 543.8 → 17 888 544 fen
    const v = valueVehicle({ ...car, ageMonths: 6, mileageKm: 7_500 }, model);
    expect(v.valueFen).toBe(17_888_544);
  });

  it('18 months, 10 000 km', () => {
    // age: 0.8 × 0.9^0.5 = 0.7589466384; expected 22 500 → deviation −12 500 → exp(0.0625) = 1.0644944589
    // 20 000 000 × 0.7589466384 × 1.0644944589 = 16 157 889.82 → 16 157 890 fen
    expect(valueVehicle({ ...car, ageMonths: 18, mileageKm: 10_000 }, model).valueFen).toBe(16_157_890);
  });

  it('a low-mileage 10-year-old car gets no more credit than the data supports', () => {
    // age: 0.8 × 0.9⁹ = 0.3099363912; deviation 20 000 − 150 000 = −130 000, clamped to −30 000 → exp(0.15) = 1.1618342427
    // 20 000 000 × 0.3099363912 × 1.1618342427 = 7 201 894.25 → 7 201 894 fen
    const v = valueVehicle({ ...car, ageMonths: 120, mileageKm: 20_000 }, model);
    expect(v.valueFen).toBe(7_201_894);
    expect(v.factors[1]!.detail).toMatch(/clamped/);
  });

  it('an age curve shallower than the mileage lift is held at the lift', () => {
    // NEV: later slope min(ln 0.95, −0.075) = −0.075; at 24 months and the expected 30 000 km:
    // 0.8 × exp(−0.075) = 0.7421947891 → 14 843 895.78 → 14 843 896 fen
    const v = valueVehicle({ ...car, fuel: 'BEV', ageMonths: 24, mileageKm: 30_000 }, model);
    expect(v.valueFen).toBe(14_843_896);
    expect(v.factors[0]!.detail).toMatch(/never rises with age/);
  });

  it('names a bad field', () => {
    try {
      valueVehicle({ ...car, ageMonths: -1, mileageKm: 0 }, model);
      expect.unreachable();
    } catch (err) {
      expect(isDomainError(err) && err.code).toBe('VALUATION_INVALID_INPUT');
      if (isDomainError(err)) expect(err.errors[0]!.field).toBe('ageMonths');
    }
  });
});

describe('monotone even where the age curve had to be steepened', () => {
  it('the hand model, ICE and the shallow NEV curve', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('ICE' as const, 'BEV' as const),
        fc.integer({ min: 0, max: 240 }),
        fc.integer({ min: 0, max: 400_000 }),
        fc.integer({ min: 1, max: 24 }),
        (fuel, ageMonths, mileageKm, more) => {
          const v = valueVehicle({ ...car, fuel, ageMonths, mileageKm }, model).valueFen;
          expect(valueVehicle({ ...car, fuel, ageMonths: ageMonths + more, mileageKm }, model).valueFen).toBeLessThanOrEqual(v);
          expect(valueVehicle({ ...car, fuel, ageMonths, mileageKm: mileageKm + more * 1_000 }, model).valueFen).toBeLessThanOrEqual(v);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('residualValue', () => {
  it('is the value at the lease end with the contracted mileage driven', () => {
    // 36 months at 20 000 km a year: 60 000 km at age 36 → the 3-year case above
    const r = residualValue({ ...car, ageMonths: 0, mileageKm: 0, annualKm: 20_000 }, 36, model);
    expect(r.valueFen).toBe(12_023_556);
    expect(r.atMonths).toBe(36);
  });

  it('defaults to the expected mileage', () => {
    // 24 months, 30 000 km: mileage factor 1; 0.8 × 0.9 = 0.72 → 14 400 000 fen
    expect(residualValue({ ...car, ageMonths: 0, mileageKm: 0 }, 24, model).valueFen).toBe(14_400_000);
  });
});

describe('the committed model: invariants', () => {
  const arb = fc.record({
    segment: fc.constantFrom(...vehicleSegments),
    fuel: fc.constantFrom(...fuelTypes),
    listPriceFen: fc.integer({ min: 3_000_000, max: 200_000_000 }),
    ageMonths: fc.integer({ min: 0, max: 240 }),
    mileageKm: fc.integer({ min: 0, max: 500_000 }),
  });

  it('value never rises with age, never rises with mileage, never exceeds the list price', () => {
    fc.assert(
      fc.property(arb, fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 100_000 }), (input, moreMonths, moreKm) => {
        const v = valueVehicle(input, valuationModelV1).valueFen;
        expect(valueVehicle({ ...input, ageMonths: input.ageMonths + moreMonths }, valuationModelV1).valueFen).toBeLessThanOrEqual(v);
        expect(valueVehicle({ ...input, mileageKm: input.mileageKm + moreKm }, valuationModelV1).valueFen).toBeLessThanOrEqual(v);
        expect(v).toBeLessThanOrEqual(input.listPriceFen);
        expect(v).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
  });

  it('NEVs hold less value than ICE cars of the same segment, age and mileage (the catalogue says so)', () => {
    for (const segment of vehicleSegments) {
      const ice = valueVehicle({ segment, fuel: 'ICE', listPriceFen: 20_000_000, ageMonths: 36, mileageKm: 45_000 }, valuationModelV1);
      const bev = valueVehicle({ segment, fuel: 'BEV', listPriceFen: 20_000_000, ageMonths: 36, mileageKm: 45_000 }, valuationModelV1);
      expect(bev.valueFen).toBeLessThan(ice.valueFen);
    }
  });
});
