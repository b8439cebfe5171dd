import type { LoginRequest, MeResponse } from '@autofin/contracts';
import { request } from '../../api/client.ts';

export function login(body: LoginRequest): Promise<MeResponse> {
  return request<MeResponse>('/api/auth/login', { method: 'POST', body, allowUnauthenticated: true });
}

export function logout(): Promise<void> {
  return request<void>('/api/auth/logout', { method: 'POST', allowUnauthenticated: true });
}

export function me(): Promise<MeResponse> {
  return request<MeResponse>('/api/auth/me', { allowUnauthenticated: true });
}

/**
 * GET /api/auth/demo: whether this installation has the published demo users.
 * The server declares this response inline; packages/contracts has no schema for it yet,
 * so its shape is stated here (see apps/server/src/modules/auth/auth.routes.ts).
 */
export interface DemoInfo {
  demo: boolean;
  password: string | null;
}

export async function demoInfo(signal?: AbortSignal): Promise<DemoInfo | null> {
  try {
    const info = await request<unknown>('/api/auth/demo', { allowUnauthenticated: true, signal });
    if (typeof info !== 'object' || info === null) return null;
    const v = info as Record<string, unknown>;
    if (v.demo !== true || typeof v.password !== 'string') return null;
    return { demo: true, password: v.password };
  } catch {
    return null; // no hint is the safe default
  }
}
