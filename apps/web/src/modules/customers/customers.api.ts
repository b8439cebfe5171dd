import type { ConsentChange, CustomerProfile, MergeRecord, Role } from '@autofin/contracts';
import { request } from '../../api/client.ts';

export const CUSTOMER_READERS: readonly Role[] = ['admin', 'marketing', 'risk', 'compliance', 'dealer_ops', 'viewer'];
/** Who may see L1 in clear (with a reason, audited); L3 (ID number) only risk and compliance. Mirrors the server. */
export const UNMASKERS: readonly Role[] = ['admin', 'compliance', 'risk', 'dealer_ops'];
export const CONSENT_EDITORS: readonly Role[] = ['admin', 'marketing', 'compliance', 'dealer_ops'];
export const MERGERS: readonly Role[] = ['admin', 'compliance', 'marketing'];

export interface CustomerSummary {
  id: string;
  name: string;
  phone: string;
  city: string | null;
  lifecycleStage: string | null;
  anonymous: boolean;
  source: string;
  demo: boolean;
}

export interface CustomerPage {
  items: CustomerSummary[];
  nextCursor: string | null;
}

export function searchCustomers(query: { q?: string; segmentId?: string; cursor?: string; limit?: number }, signal?: AbortSignal): Promise<CustomerPage> {
  return request<CustomerPage>('/api/customers', { query: { limit: 50, ...query }, signal });
}

export function fetchProfile(id: string, unmask?: { reason: string }, signal?: AbortSignal): Promise<CustomerProfile> {
  return request<CustomerProfile>(`/api/customers/${id}`, { query: unmask ? { unmask: 'true', reason: unmask.reason } : {}, signal });
}

export function changeConsent(id: string, change: ConsentChange): Promise<CustomerProfile> {
  return request<CustomerProfile>(`/api/customers/${id}/consents`, { method: 'POST', body: change });
}

export function fetchMerges(id: string): Promise<{ items: MergeRecord[] }> {
  return request<{ items: MergeRecord[] }>(`/api/customers/${id}/merges`);
}

export function mergeCustomers(survivorId: string, mergedId: string, reason: string): Promise<MergeRecord> {
  return request<MergeRecord>('/api/customers/merges', { method: 'POST', body: { survivorId, mergedId, reason } });
}

export function splitMerge(mergeId: string, reason: string): Promise<MergeRecord> {
  return request<MergeRecord>(`/api/customers/merges/${mergeId}/split`, { method: 'POST', body: { reason } });
}
