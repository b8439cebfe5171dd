import { BLACKLIST_LISTS, type BlacklistEntry, type BlacklistList, type Role } from '@autofin/contracts';
import { request } from '../../api/client.ts';

/** Risk analysts (and admin) add and deactivate entries; compliance reads them. */
export const BLACKLIST_WRITERS: readonly Role[] = ['risk', 'admin'];
export const BLACKLIST_READERS: readonly Role[] = ['risk', 'admin', 'compliance'];

export { BLACKLIST_LISTS, type BlacklistList, type BlacklistEntry };

export function fetchBlacklist(signal?: AbortSignal): Promise<{ items: BlacklistEntry[] }> {
  return request<{ items: BlacklistEntry[] }>('/api/risk-blacklist', { signal });
}

export function addToBlacklist(body: { list: BlacklistList; value: string; reason: string }): Promise<BlacklistEntry> {
  return request<BlacklistEntry>('/api/risk-blacklist', { method: 'POST', body });
}

export function deactivateBlacklistEntry(id: string, reason: string): Promise<BlacklistEntry> {
  return request<BlacklistEntry>(`/api/risk-blacklist/${encodeURIComponent(id)}/deactivate`, { method: 'POST', body: { reason } });
}
