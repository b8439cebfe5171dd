import type { Role } from '@autofin/contracts';
import { request } from '../../api/client.ts';

/** Risk analysts (and admin) add and deactivate entries; compliance reads them. */
export const BLACKLIST_WRITERS: readonly Role[] = ['risk', 'admin'];
export const BLACKLIST_READERS: readonly Role[] = ['risk', 'admin', 'compliance'];

/** The lists the decision engine's POLICY_BLACKLIST rule looks up (see the server's blacklist.repository.ts). */
export const BLACKLIST_LISTS = ['id_number', 'phone', 'device', 'dealer'] as const;
export type BlacklistList = (typeof BLACKLIST_LISTS)[number];

/** An entry as the API shows it: never the value, only its last 4 characters. */
export interface BlacklistEntry {
  id: string;
  list: BlacklistList;
  last4: string | null;
  reason: string;
  active: boolean;
  addedBy: string | null;
  addedAt: string;
}

export function fetchBlacklist(signal?: AbortSignal): Promise<{ items: BlacklistEntry[] }> {
  return request<{ items: BlacklistEntry[] }>('/api/risk-blacklist', { signal });
}

export function addToBlacklist(body: { list: BlacklistList; value: string; reason: string }): Promise<BlacklistEntry> {
  return request<BlacklistEntry>('/api/risk-blacklist', { method: 'POST', body });
}

export function deactivateBlacklistEntry(id: string, reason: string): Promise<BlacklistEntry> {
  return request<BlacklistEntry>(`/api/risk-blacklist/${encodeURIComponent(id)}/deactivate`, { method: 'POST', body: { reason } });
}
