import type { GridPreview, GridPreviewRequest, GridSummary, PricingGrid, Role, StoredGrid } from '@autofin/contracts';
import { request } from '../../api/client.ts';

/** Roles the pricing API lets edit and publish grids (admin may do everything). */
export const GRID_EDITORS: readonly Role[] = ['admin', 'risk'];
/** Roles that may run the preview (and so use this page). */
export const GRID_PREVIEWERS: readonly Role[] = ['admin', 'risk', 'marketing', 'compliance'];

const base = '/api/pricing';

export function fetchGrids(signal?: AbortSignal): Promise<{ items: GridSummary[] }> {
  return request<{ items: GridSummary[] }>(`${base}/grids`, { signal });
}

export function fetchGrid(gridId: string, version: number, signal?: AbortSignal): Promise<StoredGrid> {
  return request<StoredGrid>(`${base}/grids/${encodeURIComponent(gridId)}/versions/${version}`, { signal });
}

export function createGridDraft(grid: PricingGrid): Promise<StoredGrid> {
  return request<StoredGrid>(`${base}/grids`, { method: 'POST', body: grid });
}

export function saveGridDraft(grid: PricingGrid): Promise<StoredGrid> {
  return request<StoredGrid>(`${base}/grids/${encodeURIComponent(grid.id)}/versions/${grid.version}`, { method: 'PUT', body: grid });
}

export function publishGrid(gridId: string, version: number): Promise<StoredGrid> {
  return request<StoredGrid>(`${base}/grids/${encodeURIComponent(gridId)}/versions/${version}/publish`, { method: 'POST' });
}

export function previewGrid(body: GridPreviewRequest, signal?: AbortSignal): Promise<GridPreview> {
  return request<GridPreview>(`${base}/preview`, { method: 'POST', body, signal });
}
