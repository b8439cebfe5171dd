import type {
  ModelDetail,
  ModelListResponse,
  ModelPsi,
  ModelSummary,
  Role,
  StoredStrategy,
  StrategyVersionSummary,
  WhatIfRequest,
  WhatIfRun,
} from '@autofin/contracts';
import { request } from '../../api/client.ts';

/** Roles that may open the decisioning pages (admin may do everything). */
export const DECISIONING_READERS: readonly Role[] = ['admin', 'risk', 'compliance', 'viewer'];
/** Roles that see the decisioning pages in the navigation (viewers may open them by address). */
export const DECISIONING_NAV: readonly Role[] = ['admin', 'risk', 'compliance'];
/** Roles that register and promote models and edit and publish strategies. */
export const DECISIONING_EDITORS: readonly Role[] = ['admin', 'risk'];

const base = '/api/decisioning';

export function fetchModels(signal?: AbortSignal): Promise<ModelListResponse> {
  return request<ModelListResponse>(`${base}/models`, { signal });
}

export function fetchModel(id: string, signal?: AbortSignal): Promise<ModelDetail> {
  return request<ModelDetail>(`${base}/models/${encodeURIComponent(id)}`, { signal });
}

export function fetchModelPsi(id: string, days: number, signal?: AbortSignal): Promise<ModelPsi> {
  return request<ModelPsi>(`${base}/models/${encodeURIComponent(id)}/psi`, { query: { days }, signal });
}

/** Registers an artefact written by `autofin scorecard train` as a candidate. */
export function registerModel(artefact: unknown, meta: { name?: string; dataSource?: string; notes?: string }): Promise<ModelSummary> {
  return request<ModelSummary>(`${base}/models`, { method: 'POST', body: artefact, query: meta });
}

export function makeChampion(id: string): Promise<ModelSummary> {
  return request<ModelSummary>(`${base}/models/${encodeURIComponent(id)}/champion`, { method: 'POST' });
}

export function makeChallenger(id: string, share: number): Promise<ModelSummary> {
  return request<ModelSummary>(`${base}/models/${encodeURIComponent(id)}/challenger`, { method: 'POST', body: { share } });
}

export function retireModel(id: string): Promise<ModelSummary> {
  return request<ModelSummary>(`${base}/models/${encodeURIComponent(id)}/retire`, { method: 'POST' });
}

export function fetchStrategies(signal?: AbortSignal): Promise<{ items: StrategyVersionSummary[] }> {
  return request<{ items: StrategyVersionSummary[] }>(`${base}/strategies`, { signal });
}

export function fetchStrategy(strategyId: string, version: number, signal?: AbortSignal): Promise<StoredStrategy> {
  return request<StoredStrategy>(`${base}/strategies/${encodeURIComponent(strategyId)}/versions/${version}`, { signal });
}

export function createStrategyDraft(body: { fromVersion?: number; note?: string }): Promise<StoredStrategy> {
  return request<StoredStrategy>(`${base}/strategies/drafts`, { method: 'POST', body });
}

export function saveStrategyDraft(strategyId: string, version: number, definition: unknown, note: string | null): Promise<StoredStrategy> {
  return request<StoredStrategy>(`${base}/strategies/${encodeURIComponent(strategyId)}/versions/${version}`, { method: 'PUT', body: { definition, note } });
}

export function publishStrategy(strategyId: string, version: number, whatIfRunId: string | undefined): Promise<StoredStrategy> {
  return request<StoredStrategy>(`${base}/strategies/${encodeURIComponent(strategyId)}/versions/${version}/publish`, { method: 'POST', body: whatIfRunId ? { whatIfRunId } : {} });
}

export function runWhatIf(body: WhatIfRequest): Promise<WhatIfRun> {
  return request<WhatIfRun>(`${base}/what-if`, { method: 'POST', body });
}
