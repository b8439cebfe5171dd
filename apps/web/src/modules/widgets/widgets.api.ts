import type { DealerWidgetList, Role } from '@autofin/contracts';
import { request } from '../../api/client.ts';

/** Who may list the dealers' widgets (GET /api/widgets); admin passes everywhere. */
export const WIDGET_READERS: readonly Role[] = ['admin', 'dealer_ops', 'marketing'];

export function fetchWidgets(signal?: AbortSignal): Promise<DealerWidgetList> {
  return request<DealerWidgetList>('/api/widgets', { signal });
}
