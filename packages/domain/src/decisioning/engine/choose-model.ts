import type { ModelRef, ScorecardStage } from '@autofin/contracts';

/**
 * A stable number in [0, 1) from the application id (FNV-1a, 32 bits): the same application
 * always meets the same model, and ids spread evenly over the interval.
 */
export function trafficPoint(applicationId: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < applicationId.length; i++) {
    h ^= applicationId.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  // One more avalanche round (murmur3's finaliser) so ids differing only at the end spread too.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return (h >>> 0) / 0x1_0000_0000;
}

/** Challengers take consecutive slices of [0, 1) by their shares, in strategy order; the champion the rest. */
export function chooseModel(stage: Pick<ScorecardStage, 'champion' | 'challengers'>, applicationId: string): { ref: ModelRef; role: 'champion' | 'challenger' } {
  const u = trafficPoint(applicationId);
  let edge = 0;
  for (const c of stage.challengers) {
    edge += c.share;
    if (u < edge) return { ref: { modelId: c.modelId, modelVersion: c.modelVersion }, role: 'challenger' };
  }
  return { ref: stage.champion, role: 'champion' };
}
