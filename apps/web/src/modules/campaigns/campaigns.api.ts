import {
  CAMPAIGN_CHANNELS,
  LIST_REASONS,
  MESSAGE_STATUSES,
  type Campaign,
  type CampaignArmResult,
  type CampaignChannel,
  type CampaignListItem,
  type CampaignMessage,
  type CampaignMessages,
  type CampaignPreview,
  type CampaignReport,
  type CampaignStatus,
  type CampaignSummary,
  type CampaignSummaryRow,
  type ChannelCosts,
  type ChannelCostsVersion,
  type ContactPolicy,
  type ContactPolicyVersion,
  type CreateCampaignBody,
  type ListReason,
  type MessageStatus,
  type Role,
  type SimulatedDay,
  type SimulatedResponseState,
  type SuppressionEntry,
  type UpdateCampaignBody,
} from '@autofin/contracts';
import { request } from '../../api/client.ts';

/** Roles of the campaigns API, mirroring the server's route guards (admin passes every one there). */
export const CAMPAIGN_READERS: readonly Role[] = ['admin', 'marketing', 'compliance', 'risk', 'viewer'];
/** Marketing builds and edits campaign drafts. */
export const CAMPAIGN_EDITORS: readonly Role[] = ['admin', 'marketing'];
/** The second pair of eyes: compliance or admin, never the campaign's creator. */
export const CAMPAIGN_APPROVERS: readonly Role[] = ['admin', 'compliance'];
/** Launch, pause and resume; the demo "simulate the next day". */
export const CAMPAIGN_OPERATORS: readonly Role[] = ['admin', 'marketing'];
/** Finishing a campaign early: marketing, or compliance stopping it. */
export const CAMPAIGN_FINISHERS: readonly Role[] = ['admin', 'marketing', 'compliance'];
/** Who sees a draft rendered for a real customer (personal data). */
export const CAMPAIGN_PREVIEWERS: readonly Role[] = ['admin', 'marketing', 'compliance'];
/** The contact policy is compliance's; the channel unit costs are marketing's budget figures. */
export const POLICY_EDITORS: readonly Role[] = ['admin', 'compliance'];
export const COST_EDITORS: readonly Role[] = ['admin', 'marketing'];
/** Read and add to the suppression list; only compliance takes someone off it. */
export const SUPPRESSION_EDITORS: readonly Role[] = ['admin', 'marketing', 'compliance'];
export const SUPPRESSION_REMOVERS: readonly Role[] = ['admin', 'compliance'];

export const CHANNELS = CAMPAIGN_CHANNELS;
export type Channel = CampaignChannel;
export type { Campaign, CampaignListItem, CampaignReport, CampaignArmResult, CampaignStatus, CreateCampaignBody, UpdateCampaignBody };

// The operations endpoints' shapes are the zod schemas of packages/contracts/src/campaign-ops.ts
// (the server validates its responses against them); these are their inferred types.
export type { CampaignMessage, ChannelCostsVersion, ContactPolicyVersion, MessageStatus, SimulatedDay };
/** One row of the cross-campaign summary: per channel and segment. */
export type SummaryRow = CampaignSummaryRow;
/** A draft rendered for one customer, with the offer's quote and what the contact policy would decide now. */
export type Preview = CampaignPreview;
/** The simulator's true effect of a campaign (演示数据), to set beside the measured lift. */
export type SimulatedResponse = SimulatedResponseState;
export { LIST_REASONS, MESSAGE_STATUSES, type ListReason, type SuppressionEntry };

const base = '/api/campaigns';

export function fetchCampaigns(signal?: AbortSignal): Promise<{ items: CampaignListItem[] }> {
  return request<{ items: CampaignListItem[] }>(base, { signal });
}

export function fetchCampaign(id: string, signal?: AbortSignal): Promise<Campaign> {
  return request<Campaign>(`${base}/${id}`, { signal });
}

export function createCampaign(body: CreateCampaignBody): Promise<{ id: string }> {
  return request<{ id: string }>(base, { method: 'POST', body });
}

export function updateCampaign(id: string, body: UpdateCampaignBody): Promise<Campaign> {
  return request<Campaign>(`${base}/${id}`, { method: 'PATCH', body });
}

export type CampaignStep = 'approve' | 'launch' | 'pause' | 'resume' | 'finish';

export function stepCampaign(id: string, step: CampaignStep): Promise<Campaign> {
  return request<Campaign>(`${base}/${id}/${step}`, { method: 'POST' });
}

export function fetchReport(id: string, signal?: AbortSignal): Promise<CampaignReport> {
  return request<CampaignReport>(`${base}/${id}/report`, { signal });
}

export function fetchMessages(id: string, query: { status?: string; cursor?: string }, signal?: AbortSignal): Promise<CampaignMessages> {
  return request<CampaignMessages>(`${base}/${id}/messages`, { query: { limit: 50, ...query }, signal });
}

export function fetchPreview(id: string, customerId: string, signal?: AbortSignal): Promise<Preview> {
  return request<Preview>(`${base}/${id}/preview`, { query: { customerId }, signal });
}

/** 409 when the installation has no demo market: the console then shows no simulator panel. */
export function fetchSimulatedResponse(id: string, signal?: AbortSignal): Promise<SimulatedResponse> {
  return request<SimulatedResponse>(`${base}/${id}/simulated-response`, { signal });
}

/** Demo only: the simulated market answers the campaign for one more day (receipts, applications decided by the real engine, fundings). */
export function simulateNextDay(id: string): Promise<SimulatedDay> {
  return request<SimulatedDay>(`${base}/${id}/simulate-day`, { method: 'POST' });
}

export function fetchContactPolicy(signal?: AbortSignal): Promise<ContactPolicyVersion> {
  return request<ContactPolicyVersion>(`${base}/contact-policy`, { signal });
}

export function saveContactPolicy(policy: ContactPolicy, note?: string): Promise<ContactPolicyVersion> {
  return request<ContactPolicyVersion>(`${base}/contact-policy`, { method: 'PUT', body: { policy, ...(note ? { note } : {}) } });
}

export function fetchChannelCosts(signal?: AbortSignal): Promise<ChannelCostsVersion> {
  return request<ChannelCostsVersion>(`${base}/channel-costs`, { signal });
}

export function saveChannelCosts(costs: ChannelCosts, note?: string): Promise<ChannelCostsVersion> {
  return request<ChannelCostsVersion>(`${base}/channel-costs`, { method: 'PUT', body: { costs, ...(note ? { note } : {}) } });
}

export function fetchSuppressions(signal?: AbortSignal): Promise<{ items: SuppressionEntry[] }> {
  return request<{ items: SuppressionEntry[] }>(`${base}/suppressions`, { signal });
}

export function addSuppression(body: { customerId: string; reason: ListReason; channel?: Channel | null; note?: string }): Promise<SuppressionEntry> {
  return request<SuppressionEntry>(`${base}/suppressions`, { method: 'POST', body });
}

export function removeSuppression(id: string, reason: string): Promise<SuppressionEntry> {
  return request<SuppressionEntry>(`${base}/suppressions/${id}/remove`, { method: 'POST', body: { reason } });
}

export function fetchSummary(signal?: AbortSignal): Promise<CampaignSummary> {
  return request<CampaignSummary>(`${base}/summary`, { signal });
}
