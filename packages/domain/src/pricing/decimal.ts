import Decimal from 'decimal.js';

/**
 * The Decimal flavour pricing works in: 40 significant digits and half-up rounding, so every
 * rounding in a price build-up is explicit (toDecimalPlaces) and never a binary-float accident.
 */
export const PDecimal = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
export type PDecimal = InstanceType<typeof PDecimal>;

// Decimals are immutable, and a grid holds a few dozen distinct percent strings that every price
// reads again: parsed once and shared. Bounded so arbitrary input cannot grow it without limit.
const parsed = new Map<string, PDecimal>();
const PARSED_MAX = 4096;

/** Percent strings in the grid go straight to Decimal: "2.60" → 2.60 (percent points). */
export function pct(value: string): PDecimal {
  let d = parsed.get(value);
  if (d === undefined) {
    d = new PDecimal(value);
    if (parsed.size >= PARSED_MAX) parsed.clear();
    parsed.set(value, d);
  }
  return d;
}

/** A signed four-place percent, e.g. "0.2326", "-0.1000", "0.0000". */
export function fmt4(value: PDecimal): string {
  const s = value.toDecimalPlaces(4, PDecimal.ROUND_HALF_UP).toFixed(4);
  return s === '-0.0000' ? '0.0000' : s;
}

/** Decimal places of a step such as "0.01" (2) or "0.05" (2) or "0.125" (3). */
export function placesOf(step: PDecimal): number {
  return step.decimalPlaces();
}

/** Rounds half-up to a multiple of `step` (step > 0). */
export function roundToStep(value: PDecimal, step: PDecimal): PDecimal {
  return value.div(step).toDecimalPlaces(0, PDecimal.ROUND_HALF_UP).mul(step);
}
