import type { ApplicationDetail, ManualDecisionBody, ReviewQueuePage, Role } from '@autofin/contracts';
import { request } from '../../api/client.ts';

/** The manual review queue is the risk analysts' (admin may do everything). */
export const REVIEWERS: readonly Role[] = ['risk', 'admin'];

export interface ReviewQueueFilters {
  claim?: 'all' | 'mine' | 'unclaimed';
  overdue?: boolean | undefined;
  dealerId?: string | undefined;
  limit?: number;
  cursor?: string | null | undefined;
}

export function fetchReviewQueue(filters: ReviewQueueFilters, signal?: AbortSignal): Promise<ReviewQueuePage> {
  return request<ReviewQueuePage>('/api/review-queue', {
    signal,
    query: {
      claim: filters.claim,
      overdue: filters.overdue === undefined ? undefined : String(filters.overdue),
      dealerId: filters.dealerId,
      limit: filters.limit,
      cursor: filters.cursor,
    },
  });
}

export interface ReviewClaimResult {
  applicationId: string;
  review: NonNullable<ApplicationDetail['review']>;
}

export function claimReview(applicationId: string): Promise<ReviewClaimResult> {
  return request<ReviewClaimResult>(`/api/review-queue/${encodeURIComponent(applicationId)}/claim`, { method: 'POST' });
}

/** The body as the console sends it (the contract's input: money as decimal strings). */
export type ManualDecisionRequest = Omit<ManualDecisionBody, 'stipulations'> & {
  stipulations?: Array<{ type: NonNullable<ManualDecisionBody['stipulations']>[number]['type']; amount?: string; note?: string }>;
};

export function decideReview(applicationId: string, body: ManualDecisionRequest): Promise<ApplicationDetail> {
  return request<ApplicationDetail>(`/api/review-queue/${encodeURIComponent(applicationId)}/decision`, { method: 'POST', body });
}
