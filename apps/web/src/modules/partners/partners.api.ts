import type {
  ApiKeySummary,
  CreateApiKeyBody,
  CreatePartnerBody,
  CreatedApiKey,
  PartnerListResponse,
  PartnerType,
  Role,
  UsageResponse,
  WebhookDelivery,
} from '@autofin/contracts';
import { request } from '../../api/client.ts';

/** Who manages partners, their keys and webhooks (/api/partners); admin passes everywhere. */
export const PARTNER_MANAGERS: readonly Role[] = ['admin', 'dealer_ops'];

export interface ConsoleWebhook {
  id: string;
  url: string;
  events: string[];
  description: string | null;
  status: string;
  createdAt: string;
}

export function fetchPartners(query: { q?: string; type?: PartnerType | undefined; offset?: number; limit?: number }, signal?: AbortSignal): Promise<PartnerListResponse> {
  return request<PartnerListResponse>('/api/partners', { query: { ...query }, signal });
}

export function createPartner(body: CreatePartnerBody): Promise<{ id: string }> {
  return request<{ id: string }>('/api/partners', { method: 'POST', body });
}

export async function fetchApiKeys(partnerId: string, signal?: AbortSignal): Promise<ApiKeySummary[]> {
  return (await request<{ items: ApiKeySummary[] }>(`/api/partners/${partnerId}/api-keys`, { signal })).items;
}

export function createApiKey(partnerId: string, body: CreateApiKeyBody): Promise<CreatedApiKey> {
  return request<CreatedApiKey>(`/api/partners/${partnerId}/api-keys`, { method: 'POST', body });
}

export function revokeApiKey(partnerId: string, keyId: string): Promise<{ items: ApiKeySummary[] }> {
  return request(`/api/partners/${partnerId}/api-keys/${keyId}/revoke`, { method: 'POST', body: {} });
}

export function rotateApiKey(partnerId: string, keyId: string, overlapHours: number): Promise<CreatedApiKey> {
  return request<CreatedApiKey>(`/api/partners/${partnerId}/api-keys/${keyId}/rotate`, { method: 'POST', body: { overlapHours } });
}

export async function fetchWebhooks(partnerId: string, signal?: AbortSignal): Promise<ConsoleWebhook[]> {
  return (await request<{ items: ConsoleWebhook[] }>(`/api/partners/${partnerId}/webhooks`, { signal })).items;
}

export async function fetchDeliveries(partnerId: string, signal?: AbortSignal): Promise<WebhookDelivery[]> {
  return (await request<{ items: WebhookDelivery[] }>(`/api/partners/${partnerId}/webhook-deliveries`, { signal })).items;
}

export function replayDelivery(partnerId: string, deliveryId: string): Promise<{ id: string }> {
  return request<{ id: string }>(`/api/partners/${partnerId}/webhook-deliveries/${deliveryId}/replay`, { method: 'POST', body: {} });
}

export function fetchUsage(hours: number, partnerId: string | undefined, signal?: AbortSignal): Promise<UsageResponse> {
  return request<UsageResponse>('/api/partners/usage', { query: { hours, partnerId }, signal });
}
