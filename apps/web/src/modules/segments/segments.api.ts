import type { Role, RuleGroup, Segment } from '@autofin/contracts';
import { ApiError, request } from '../../api/client.ts';
import type { CustomerSummary } from '../customers/customers.api.ts';

export const SEGMENT_READERS: readonly Role[] = ['admin', 'marketing', 'risk', 'compliance', 'viewer'];
export const SEGMENT_PREVIEWERS: readonly Role[] = ['admin', 'marketing', 'risk', 'compliance'];
export const SEGMENT_EDITORS: readonly Role[] = ['admin', 'marketing'];
export const SEGMENT_EXPORTERS: readonly Role[] = ['admin', 'marketing', 'compliance'];

export interface SegmentPreview {
  count: number;
  sample: CustomerSummary[];
  elapsedMs: number;
  evaluatedAt: string;
}

export function fetchSegments(signal?: AbortSignal): Promise<{ items: Segment[] }> {
  return request<{ items: Segment[] }>('/api/segments', { signal });
}

export function previewSegment(rule: RuleGroup, signal?: AbortSignal): Promise<SegmentPreview> {
  return request<SegmentPreview>('/api/segments/preview', { method: 'POST', body: { rule, sampleSize: 10 }, signal });
}

export function saveSegment(name: string, description: string | undefined, rule: RuleGroup): Promise<Segment> {
  return request<Segment>('/api/segments', { method: 'POST', body: { name, description, rule } });
}

/** The export is CSV, not JSON: fetched directly and handed to the browser as a download. */
export async function exportSegment(id: string, reason: string, channel: string | undefined): Promise<{ csv: string; withoutConsent: number }> {
  const res = await fetch(`/api/segments/${id}/export`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', accept: 'text/csv, application/problem+json' },
    body: JSON.stringify({ reason, ...(channel ? { channel } : {}) }),
  });
  if (!res.ok) {
    let problem = null;
    try {
      problem = await res.json();
    } catch {
      problem = null;
    }
    throw new ApiError(res.status, problem);
  }
  return { csv: await res.text(), withoutConsent: Number(res.headers.get('x-rows-without-consent') ?? 0) };
}
