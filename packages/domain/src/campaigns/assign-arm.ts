import { HOLDOUT_ARM, MAIN_ARM } from '@autofin/contracts';
import { trafficPoint } from '../decisioning/engine/choose-model.ts';

/**
 * Which arm a customer is in: a pure function of (campaign, customer), so the launch, a re-run after
 * a crash, the report and a support query all agree without storing anything first, and another
 * campaign splits the same customers independently.
 *
 * The hash is the decisioning engine's traffic point (FNV-1a 32-bit with MurmurHash3's finaliser):
 * one well-known hash for every traffic split on the platform. The campaign id goes first so that
 * customer ids sharing a prefix still spread; 2³² points give shares to better than 1e-9.
 *
 * The holdout takes [0, h); the rest of the interval is rescaled to [0, 1) and cut into the
 * variants' shares in their listed order (without variants: one arm, "main").
 */
export interface ArmVariant {
  key: string;
  /** Percent of the treated group. */
  share: number;
}

export interface ArmAssignment {
  arm: string;
  kind: 'holdout' | 'treatment';
}

export function campaignHashPoint(campaignId: string, customerId: string): number {
  return trafficPoint(`${campaignId}:${customerId}`);
}

export function assignArm(customerId: string, campaignId: string, holdoutPercent: number, variants: readonly ArmVariant[] = []): ArmAssignment {
  const u = campaignHashPoint(campaignId, customerId);
  const h = holdoutPercent / 100;
  if (u < h) return { arm: HOLDOUT_ARM, kind: 'holdout' };
  if (variants.length === 0) return { arm: MAIN_ARM, kind: 'treatment' };
  const v = (u - h) / (1 - h);
  let edge = 0;
  for (const variant of variants) {
    edge += variant.share / 100;
    if (v < edge) return { arm: variant.key, kind: 'treatment' };
  }
  // Shares sum to 100 (the contract checks); floating-point rounding can leave v just under 1 past the last edge.
  return { arm: (variants[variants.length - 1] as ArmVariant).key, kind: 'treatment' };
}

/** The arms and their expected shares of ALL targeted customers, percent (holdout first when it has a share). */
export function armShares(holdoutPercent: number, variants: readonly ArmVariant[] = []): Array<{ key: string; kind: 'holdout' | 'treatment'; share: number }> {
  const treated = 100 - holdoutPercent;
  const arms: Array<{ key: string; kind: 'holdout' | 'treatment'; share: number }> = [];
  if (holdoutPercent > 0) arms.push({ key: HOLDOUT_ARM, kind: 'holdout', share: holdoutPercent });
  if (variants.length === 0) arms.push({ key: MAIN_ARM, kind: 'treatment', share: treated });
  else for (const v of variants) arms.push({ key: v.key, kind: 'treatment', share: (treated * v.share) / 100 });
  return arms;
}
