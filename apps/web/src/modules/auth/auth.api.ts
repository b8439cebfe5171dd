import type { DemoInfo, LoginRequest, MeResponse } from '@autofin/contracts';
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

/** GET /api/auth/demo: whether this installation has the published demo users (DemoInfo contract). */
export async function demoInfo(signal?: AbortSignal): Promise<DemoInfo | null> {
  try {
    const info = await request<DemoInfo>('/api/auth/demo', { allowUnauthenticated: true, signal });
    if (!info.demo || info.password === null) return null;
    return info;
  } catch {
    return null; // no hint is the safe default
  }
}
