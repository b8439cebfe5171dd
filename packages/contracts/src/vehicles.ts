import { z } from 'zod';
import { amountSchema } from './common.ts';

/** Vehicle valuation: the fitted model artefact and the value of one vehicle with its factors. */

export const fuelTypes = ['ICE', 'BEV', 'PHEV'] as const;
export const fuelSchema = z.enum(fuelTypes);
/** ICE, or one of the new-energy kinds (BEV + PHEV = NEV, 新能源). */
export type Fuel = z.infer<typeof fuelSchema>;

export const vehicleSegments = ['economy', 'mid', 'premium', 'luxury'] as const;
export const vehicleSegmentSchema = z.enum(vehicleSegments);
export type VehicleSegment = z.infer<typeof vehicleSegmentSchema>;

/** The fuel classes an age curve is fitted for. */
export const fuelClasses = ['ICE', 'NEV'] as const;
export type FuelClass = (typeof fuelClasses)[number];

/** A decimal string (possibly negative), e.g. "-0.071234". */
const decimalString = z.string().regex(/^-?\d+(\.\d+)?$/, 'must be a decimal string');

const errorStatsSchema = z.object({
  /** Root mean squared error of log price. */
  rmseLog: decimalString,
  /** Mean absolute percentage error of price, in percent. */
  mapePercent: decimalString,
});

export const valuationModelSchema = z
  .object({
    modelVersion: z.string().min(1),
    mileage: z.object({
      /** Change in log value per 10,000 km driven (negative). */
      logCoefPer10kKm: decimalString,
      /** The mileage an average car has on it per year of age: the age curves already assume it. */
      expectedKmPerYear: z.number().int().min(0),
      /** Mileage deviations from the expected are clamped to the spread seen in the data. */
      minDeviationKm: z.number().int().max(0),
      maxDeviationKm: z.number().int().min(0),
    }),
    ageCurves: z
      .array(
        z.object({
          segment: vehicleSegmentSchema,
          fuelClass: z.enum(fuelClasses),
          /** Value after one year as a share of list price. */
          y1: decimalString,
          /** Yearly decay after the first year. */
          annualDecay: decimalString,
          /** Catalogue entries the curve was fitted on; `pooled` when the class had none and the segment's pool was used. */
          entries: z.number().int().min(0),
          source: z.enum(['catalogue', 'pooled']),
        }),
      )
      .min(1),
    fit: z.object({
      dataset: z.string(),
      rows: z.number().int(),
      trainRows: z.number().int(),
      testRows: z.number().int(),
      split: z.string(),
      coefficients: z.array(z.object({ name: z.string(), value: decimalString })),
      heldOut: z.object({ model: errorStatsSchema, baseline: errorStatsSchema }),
    }),
  })
  .meta({ id: 'ValuationModel' });
export type ValuationModel = z.infer<typeof valuationModelSchema>;

export const valuationRequestSchema = z
  .object({
    segment: vehicleSegmentSchema,
    fuel: fuelSchema,
    listPrice: amountSchema,
    ageMonths: z.number().int().min(0).max(600),
    mileageKm: z.number().int().min(0).max(2_000_000),
  })
  .meta({ id: 'ValuationRequest' });
export type ValuationRequest = z.infer<typeof valuationRequestSchema>;

export const valuationFactorSchema = z.object({
  code: z.enum(['AGE', 'MILEAGE']),
  label: z.object({ zh: z.string(), en: z.string() }),
  /** Multiplier on the list price (AGE) or on the age-depreciated value (MILEAGE), six places. */
  factor: z.string(),
  detail: z.string(),
});
export type ValuationFactor = z.infer<typeof valuationFactorSchema>;

export const valuationResultSchema = z
  .object({
    value: amountSchema,
    /** value / list price in percent, two places. */
    percentOfList: z.string(),
    factors: z.array(valuationFactorSchema),
    modelVersion: z.string(),
  })
  .meta({ id: 'ValuationResult' });
export type ValuationResult = z.infer<typeof valuationResultSchema>;
