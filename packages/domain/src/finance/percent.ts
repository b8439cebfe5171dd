/** A rate as a fraction (0.045) to the wire's percent number (4.5), to 1e-8 percent. */
export function toPercent(rate: number): number {
  return Number((rate * 100).toFixed(8));
}
