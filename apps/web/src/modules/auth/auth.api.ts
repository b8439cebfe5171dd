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
