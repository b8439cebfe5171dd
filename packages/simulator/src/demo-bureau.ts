import { createHash } from 'node:crypto';

/** What the demo credit bureau answers for one person (演示数据). */
export type DemoBureauRecord = { status: 'thin_file' } | { status: 'scored'; score: number };

/** Share of people the demo bureau has no usable file for (young, new to credit). */
export const DEMO_BUREAU_THIN_SHARE = 0.15;
/** Share of scored files with a past default on record (the simulator's "impaired" file). */
export const DEMO_BUREAU_IMPAIRED_SHARE = 0.05;

/**
 * The demo credit bureau's record for someone outside the simulated market (演示数据).
 *
 * The simulated market's own customers keep the score of their simulated history; a person the
 * console or a dealer types in is new to the simulation, and a real bureau would still know them.
 * So the demo answers with a record drawn deterministically from the applicant's keyed ID-number
 * hash — the same person always gets the same record — from the distribution the simulator uses
 * for scored files (690 − 75·z, an impaired file 60 points lower, clamped to 350–950), with a
 * thin-file share. It stands in for a bureau adapter and is labelled as demo data wherever shown.
 */
export function demoBureauRecord(personKey: string): DemoBureauRecord {
  const h = createHash('sha256').update(`autofin-demo-bureau\u0000${personKey}`).digest();
  // Four independent uniforms in (0, 1) from the digest's first 16 bytes.
  const u = (i: number) => (h.readUInt32BE(i * 4) + 0.5) / 2 ** 32;
  if (u(0) < DEMO_BUREAU_THIN_SHARE) return { status: 'thin_file' };
  // Box–Muller: a standard normal from two uniforms.
  const z = Math.sqrt(-2 * Math.log(u(1))) * Math.cos(2 * Math.PI * u(2));
  const impaired = u(3) < DEMO_BUREAU_IMPAIRED_SHARE;
  const score = Math.round(Math.min(950, Math.max(350, 690 - 75 * z - (impaired ? 60 : 0))));
  return { status: 'scored', score };
}
