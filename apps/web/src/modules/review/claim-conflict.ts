import { ApiError } from '../../api/client.ts';

/**
 * Who holds a referral, read from a 409 REVIEW_CLAIMED problem (its errors[] says
 * "is claimed by <who>"); null for any other error.
 */
export function claimedByOther(error: unknown): string | null {
  if (!(error instanceof ApiError) || error.code !== 'REVIEW_CLAIMED') return null;
  const message = error.problem?.errors?.find((e) => e.field === 'applicationId')?.message ?? '';
  const who = /claimed by (.+)$/.exec(message)?.[1]?.trim();
  return who ?? error.problem?.detail ?? '?';
}
