import type { BurnDown, Promotion, PromotionDefinitionInput, Reservation, ReservationRequest, Role } from '@autofin/contracts';
import { request } from '../../api/client.ts';

/** Roles of the promotions API (admin may do everything). */
export const PROMOTION_READERS: readonly Role[] = ['admin', 'marketing', 'compliance', 'risk', 'viewer'];
export const PROMOTION_EDITORS: readonly Role[] = ['admin', 'marketing'];
export const PROMOTION_APPROVERS: readonly Role[] = ['admin', 'compliance'];
export const PROMOTION_ENDERS: readonly Role[] = ['admin', 'marketing', 'compliance'];
/** Who may take up a promoted offer for a customer (charges the budget). */
export const PROMOTION_TAKERS: readonly Role[] = ['admin', 'dealer_ops', 'marketing'];

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

/** The customer takes a promoted offer of a stored quote: its cost is charged to the budget at once. */
export function reservePromotion(id: string, body: ReservationRequest): Promise<Reservation> {
  return request<Reservation>(`${base}/${id}/reservations`, { method: 'POST', body });
}
