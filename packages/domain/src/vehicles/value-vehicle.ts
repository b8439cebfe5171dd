import Decimal from 'decimal.js';
import type { Fuel, ValuationFactor, ValuationModel, VehicleSegment } from '@autofin/contracts';
import { fuelTypes, vehicleSegments } from '@autofin/contracts';
import { DomainError } from '../shared/domain-error.ts';
import { fuelClassOf } from './fit-valuation-model.ts';

const VDecimal = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
type VDecimal = InstanceType<typeof VDecimal>;

export interface ValuationInput {
  segment: VehicleSegment;
  fuel: Fuel;
  /** Manufacturer's guide price (指导价) when new, in fen. */
  listPriceFen: number;
  ageMonths: number;
  mileageKm: number;
}

export interface ValuationOutput {
  /** Value in fen, rounded half-up once, from the exact product list × age factor × mileage factor. */
  valueFen: number;
  /** valueFen / list price, percent with two places. */
  percentOfList: string;
  factors: ValuationFactor[];
  modelVersion: string;
}

function invalid(field: string, message: string): never {
  throw new DomainError('VALUATION_INVALID_INPUT', `${field} ${message}`, [{ field, message }]);
}

function checkInput(input: ValuationInput): void {
  if (!vehicleSegments.includes(input.segment)) invalid('segment', `must be one of ${vehicleSegments.join(', ')}`);
  if (!fuelTypes.includes(input.fuel)) invalid('fuel', `must be one of ${fuelTypes.join(', ')}`);
  if (!Number.isSafeInteger(input.listPriceFen) || input.listPriceFen <= 0) invalid('listPriceFen', 'must be a positive whole number of fen');
  if (!Number.isInteger(input.ageMonths) || input.ageMonths < 0 || input.ageMonths > 600) invalid('ageMonths', 'must be a whole number of months from 0 to 600');
  if (!Number.isInteger(input.mileageKm) || input.mileageKm < 0 || input.mileageKm > 2_000_000) invalid('mileageKm', 'must be a whole number of km from 0 to 2 000 000');
}

function f6(value: VDecimal): string {
  return value.toDecimalPlaces(6).toFixed(6);
}

/**
 * The value of a vehicle as the product of two factors:
 *
 * - AGE: the segment and fuel class's curve from the catalogue, which describes a car driven the
 *   expected distance. ln factor falls linearly in t (years) from 0 at t = 0 to ln y1 at t = 1
 *   (the first-year drop, spread geometrically over the months) and by ln decay a year after.
 * - MILEAGE: exp(β × (km − expected km for the age) / 10 000), β from the used-car price fit; the
 *   deviation is clamped to the spread of mileage the fit saw, so the model does not extrapolate.
 *
 * Value must never rise with age. Growing older also raises the expected mileage, which lifts
 * the mileage factor by at most |β| × expected km / 10 000 a year, so the age curve's yearly log
 * slope is held at least that steep (the detail says when it was); then value falls, or stays,
 * in both age and mileage, and never exceeds the list price.
 */
export function valueVehicle(input: ValuationInput, model: ValuationModel): ValuationOutput {
  checkInput(input);
  const fuelClass = fuelClassOf(input.fuel);
  const curve = model.ageCurves.find((c) => c.segment === input.segment && c.fuelClass === fuelClass);
  if (!curve) invalid('segment', `model ${model.modelVersion} has no age curve for ${input.segment} ${fuelClass}`);

  const beta = new VDecimal(model.mileage.logCoefPer10kKm);
  const perYear = new VDecimal(model.mileage.expectedKmPerYear);
  // The most the mileage factor's log can gain per year of age (β ≤ 0).
  const lift = beta.abs().mul(perYear).div(10_000);

  const t = new VDecimal(input.ageMonths).div(12);
  const lnY1 = new VDecimal(curve.y1).ln();
  const lnDecay = new VDecimal(curve.annualDecay).ln();
  const firstSlope = VDecimal.min(lnY1, lift.neg());
  const laterSlope = VDecimal.min(lnDecay, lift.neg());
  const steepened = firstSlope.lt(lnY1) || laterSlope.lt(lnDecay);
  const lnAge = firstSlope.mul(VDecimal.min(t, 1)).plus(laterSlope.mul(VDecimal.max(t.minus(1), 0)));
  const ageFactor = lnAge.exp();

  const expectedKm = perYear.mul(t);
  const rawDeviation = new VDecimal(input.mileageKm).minus(expectedKm);
  const deviation = VDecimal.min(VDecimal.max(rawDeviation, model.mileage.minDeviationKm), model.mileage.maxDeviationKm);
  const mileageFactor = beta.mul(deviation).div(10_000).exp();

  const value = new VDecimal(input.listPriceFen).mul(ageFactor).mul(mileageFactor).toDecimalPlaces(0, VDecimal.ROUND_HALF_UP);
  const valueFen = value.toNumber();

  const clamped = !deviation.eq(rawDeviation);
  const factors: ValuationFactor[] = [
    {
      code: 'AGE',
      label: { zh: '车龄折旧', en: 'Age depreciation' },
      factor: f6(ageFactor),
      detail:
        `${input.segment} ${fuelClass} curve: y1 ${curve.y1}, decay ${curve.annualDecay}/yr; ` +
        `t = ${input.ageMonths}/12 = ${t.toDecimalPlaces(4).toString()} yr → exp(${f6(firstSlope)} × min(t,1) + ${f6(laterSlope)} × max(t−1,0))` +
        (steepened ? `; slope held at −|β|×${model.mileage.expectedKmPerYear}/10000 = ${f6(lift.neg())} so value never rises with age` : ''),
    },
    {
      code: 'MILEAGE',
      label: { zh: '里程调整', en: 'Mileage adjustment' },
      factor: f6(mileageFactor),
      detail:
        `${input.mileageKm} km vs expected ${expectedKm.toDecimalPlaces(0).toString()} km (${model.mileage.expectedKmPerYear} km/yr) → ` +
        `deviation ${deviation.toDecimalPlaces(0).toString()} km${clamped ? ` (clamped to ${model.mileage.minDeviationKm}..${model.mileage.maxDeviationKm})` : ''}; ` +
        `exp(${model.mileage.logCoefPer10kKm} × deviation/10000)`,
    },
  ];
  return {
    valueFen,
    percentOfList: new VDecimal(valueFen).mul(100).div(input.listPriceFen).toDecimalPlaces(2).toFixed(2),
    factors,
    modelVersion: model.modelVersion,
  };
}

export interface ResidualInput extends ValuationInput {
  /** Contracted kilometres a year over the lease; the model's expected mileage when absent. */
  annualKm?: number;
}

/**
 * The vehicle's value `atMonths` from now (a lease's residual): older by atMonths, with
 * annualKm × atMonths / 12 more on the odometer (rounded half-up to the km).
 */
export function residualValue(input: ResidualInput, atMonths: number, model: ValuationModel): ValuationOutput & { atMonths: number } {
  if (!Number.isInteger(atMonths) || atMonths < 0 || atMonths > 240) invalid('atMonths', 'must be a whole number of months from 0 to 240');
  const annualKm = input.annualKm ?? model.mileage.expectedKmPerYear;
  if (!Number.isInteger(annualKm) || annualKm < 0 || annualKm > 200_000) invalid('annualKm', 'must be a whole number of km a year from 0 to 200 000');
  const addedKm = new VDecimal(annualKm).mul(atMonths).div(12).toDecimalPlaces(0, VDecimal.ROUND_HALF_UP).toNumber();
  const future = valueVehicle(
    { segment: input.segment, fuel: input.fuel, listPriceFen: input.listPriceFen, ageMonths: input.ageMonths + atMonths, mileageKm: input.mileageKm + addedKm },
    model,
  );
  return { ...future, atMonths };
}
