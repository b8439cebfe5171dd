import type { Journey, JourneyDefinitionInput, JourneyStats, Role } from '@autofin/contracts';
import { request } from '../../api/client.ts';

/** Roles of the journeys API, mirroring the server (admin passes every role check there). */
export const JOURNEY_READERS: readonly Role[] = ['admin', 'marketing', 'compliance', 'risk', 'viewer'];
export const JOURNEY_EDITORS: readonly Role[] = ['admin', 'marketing'];
/** Four eyes: a compliance officer (or admin) other than the author approves a version. */
export const JOURNEY_APPROVERS: readonly Role[] = ['admin', 'compliance'];
export const JOURNEY_ACTIVATORS: readonly Role[] = ['admin', 'marketing'];
export const JOURNEY_PAUSERS: readonly Role[] = ['admin', 'marketing', 'compliance'];

const base = '/api/journeys';

export function fetchJourneys(signal?: AbortSignal): Promise<{ items: Journey[] }> {
  return request<{ items: Journey[] }>(base, { signal });
}

export function fetchJourney(id: string, signal?: AbortSignal): Promise<Journey> {
  return request<Journey>(`${base}/${id}`, { signal });
}

export function fetchJourneyStats(id: string, signal?: AbortSignal): Promise<JourneyStats> {
  return request<JourneyStats>(`${base}/${id}/stats`, { signal });
}

export function createJourney(definition: JourneyDefinitionInput): Promise<Journey> {
  return request<Journey>(base, { method: 'POST', body: definition });
}

export function updateJourney(id: string, definition: JourneyDefinitionInput): Promise<Journey> {
  return request<Journey>(`${base}/${id}`, { method: 'PUT', body: definition });
}

export type JourneyAction = 'approve' | 'activate' | 'pause' | 'archive';

export function stepJourney(id: string, action: JourneyAction): Promise<Journey> {
  return request<Journey>(`${base}/${id}/${action}`, { method: 'POST' });
}
