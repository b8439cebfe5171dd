import type { Overview } from '@autofin/contracts';
import { request } from '../../api/client.ts';

export function fetchOverview(signal?: AbortSignal): Promise<Overview> {
  return request<Overview>('/api/overview', { signal });
}
