import type { BurnDown, Promotion, PromotionDefinitionInput, Role } from '@autofin/contracts';
import { request } from '../../api/client.ts';

/** Roles of the promotions API (admin may do everything). */
export const PROMOTION_READERS: readonly Role[] = ['admin', 'marketing', 'compliance', 'risk', 'viewer'];
export const PROMOTION_EDITORS: readonly Role[] = ['admin', 'marketing'];
export const PROMOTION_APPROVERS: readonly Role[] = ['admin', 'compliance'];
export const PROMOTION_ENDERS: readonly Role[] = ['admin', 'marketing', 'compliance'];

const base = '/api/promotions';

export function fetchPromotions(signal?: AbortSignal): Promise<{ items: Promotion[] }> {
  return request<{ items: Promotion[] }>(base, { signal });
}

export function createPromotion(definition: PromotionDefinitionInput): Promise<Promotion> {
  return request<Promotion>(base, { method: 'POST', body: definition });
}

export function updatePromotion(id: string, definition: PromotionDefinitionInput): Promise<Promotion> {
  return request<Promotion>(`${base}/${id}`, { method: 'PUT', body: definition });
}

export type PromotionStep = 'submit' | 'approve' | 'end';

export function stepPromotion(id: string, step: PromotionStep): Promise<Promotion> {
  return request<Promotion>(`${base}/${id}/${step}`, { method: 'POST' });
}

export function rejectPromotion(id: string, reason: string): Promise<Promotion> {
  return request<Promotion>(`${base}/${id}/reject`, { method: 'POST', body: { reason } });
}

export function fetchBurnDown(id: string, bucket: 'day' | 'hour', signal?: AbortSignal): Promise<BurnDown> {
  return request<BurnDown>(`${base}/${id}/burn-down`, { query: { bucket }, signal });
}
