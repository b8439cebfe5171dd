import type { AuditPage, AuditQuery } from '@autofin/contracts';
import { request } from '../../api/client.ts';

/** The audit query as the console sends it: every filter optional, limit defaulted by the server. */
export type AuditFilters = Partial<AuditQuery>;

export function fetchAudit(filters: AuditFilters, signal?: AbortSignal): Promise<AuditPage> {
  return request<AuditPage>('/api/audit', { query: { ...filters }, signal });
}
