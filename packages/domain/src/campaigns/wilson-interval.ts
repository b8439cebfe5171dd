import { Z_95 } from './normal-distribution.ts';

/**
 * Wilson's score interval for a proportion (Wilson 1927; method 3 of Newcombe 1998): unlike the
 * Wald interval it stays inside [0, 1] and keeps its coverage for the small rates a campaign
 * measures (a funding rate of 0.3% on a few thousand customers).
 */
export function wilsonInterval(count: number, total: number, z = Z_95): { rate: number; low: number; high: number } | null {
  if (total <= 0) return null;
  if (count < 0 || count > total) throw new RangeError(`count ${count} outside 0…${total}`);
  const p = count / total;
  const z2 = z * z;
  const denom = 1 + z2 / total;
  const centre = (p + z2 / (2 * total)) / denom;
  const half = (z / denom) * Math.sqrt((p * (1 - p)) / total + z2 / (4 * total * total));
  return { rate: p, low: count === 0 ? 0 : Math.max(0, centre - half), high: count === total ? 1 : Math.min(1, centre + half) };
}
