import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client.ts';
import { claimedByOther } from './claim-conflict.ts';

describe('claimedByOther', () => {
  it('reads the holder from the 409 REVIEW_CLAIMED problem', () => {
    const problem = {
      type: 'https://autofin.dev/problems/review-claimed',
      title: 'Another reviewer has claimed this application',
      status: 409,
      detail: 'admin@autofin.local has claimed this application (since 2026-11-22T17:00:00.000Z)',
      code: 'REVIEW_CLAIMED',
      errors: [{ field: 'applicationId', message: 'is claimed by admin@autofin.local' }],
    };
    expect(claimedByOther(new ApiError(409, problem))).toBe('admin@autofin.local');
  });

  it('is null for any other error', () => {
    expect(claimedByOther(new ApiError(409, { type: 'x', title: 't', status: 409, code: 'APPLICATION_INVALID_TRANSITION' }))).toBeNull();
    expect(claimedByOther(new Error('boom'))).toBeNull();
  });
});
