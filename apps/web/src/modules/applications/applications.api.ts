import type {
  ApplicationCreateBody,
  ApplicationCreated,
  ApplicationDetail,
  ApplicationPage,
  ApplicationStatus,
  Role,
  SimilarApplications,
} from '@autofin/contracts';
import { request } from '../../api/client.ts';

/** Who may open the applications area (the server answers 403 to anyone else). */
export const APPLICATION_READERS: readonly Role[] = ['risk', 'dealer_ops', 'compliance', 'viewer', 'admin'];
/** Who may submit an application from the console: the dealer's F&I staff and risk analysts. */
export const APPLICATION_CREATORS: readonly Role[] = ['dealer_ops', 'risk', 'admin'];
/** Who may see personal data in clear, with a reason that goes to the audit log. */
export const APPLICATION_UNMASKERS: readonly Role[] = ['risk', 'compliance', 'admin'];
/** Who acts for the dealer side of the lifecycle: sign the contract, withdraw (the server's roles; admin may do everything). */
export const APPLICATION_DEALER_SIDE: readonly Role[] = ['dealer_ops', 'admin'];
/** Who verifies stipulations (documents seen, GPS fitted) and confirms funding: the lender's risk side. */
export const STIPULATION_VERIFIERS: readonly Role[] = ['risk', 'admin'];
export const APPLICATION_FUNDERS: readonly Role[] = ['risk', 'admin'];
/** Who may see similar past applications and their outcomes. */
export const SIMILAR_READERS: readonly Role[] = ['risk', 'compliance', 'admin'];

export interface ApplicationFilters {
  status?: ApplicationStatus[] | undefined;
  dealerId?: string | undefined;
  updatedSince?: string | undefined;
  q?: string | undefined;
  limit?: number;
  cursor?: string | null | undefined;
}

export function fetchApplications(filters: ApplicationFilters, signal?: AbortSignal): Promise<ApplicationPage> {
  return request<ApplicationPage>('/api/applications', {
    signal,
    query: {
      status: filters.status && filters.status.length > 0 ? filters.status.join(',') : undefined,
      dealerId: filters.dealerId,
      updatedSince: filters.updatedSince,
      q: filters.q,
      limit: filters.limit,
      cursor: filters.cursor,
    },
  });
}

/** The detail; with `unmask` the personal data comes in clear and the reason is audited. */
export function fetchApplication(id: string, unmask?: { reason: string }, signal?: AbortSignal): Promise<ApplicationDetail> {
  return request<ApplicationDetail>(`/api/applications/${encodeURIComponent(id)}`, {
    signal,
    query: unmask ? { unmask: 'true', reason: unmask.reason } : undefined,
  });
}

export function createApplication(body: ApplicationCreateBody): Promise<ApplicationCreated> {
  return request<ApplicationCreated>('/api/applications', { method: 'POST', body });
}

export type LifecycleAction = 'withdraw' | 'contract' | 'fund';

export function moveApplication(id: string, action: LifecycleAction, note?: string): Promise<ApplicationDetail> {
  return request<ApplicationDetail>(`/api/applications/${encodeURIComponent(id)}/${action}`, { method: 'POST', body: note ? { note } : {} });
}

export function settleStipulation(id: string, stipulationId: string, status: 'satisfied' | 'waived', note: string): Promise<ApplicationDetail> {
  return request<ApplicationDetail>(`/api/applications/${encodeURIComponent(id)}/stipulations/${encodeURIComponent(stipulationId)}`, {
    method: 'PATCH',
    body: { status, note },
  });
}

export function fetchSimilar(id: string, signal?: AbortSignal): Promise<SimilarApplications> {
  return request<SimilarApplications>(`/api/applications/${encodeURIComponent(id)}/similar`, { signal });
}
