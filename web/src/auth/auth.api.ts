import type { Me } from '../../../server/auth/auth.schemas';
import { ApiError, apiFetch } from '../shared/api';

/** `GET /api/auth/me`: the user with role and scope (the server's `Me`). */
export type SessionUser = Me;

export type Health = { status?: string; demo?: boolean };

export const DEMO_PASSWORD = 'demo-officoop-2026';

export function login(input: { email: string; password: string }): Promise<SessionUser> {
  return apiFetch<SessionUser>('/auth/login', { method: 'POST', body: input, expectUnauthorized: true });
}

export function logout(): Promise<void> {
  return apiFetch<void>('/auth/logout', { method: 'POST', expectUnauthorized: true });
}

/** The current user, or null when nobody is logged in. */
export async function fetchMe(): Promise<SessionUser | null> {
  try {
    return await apiFetch<SessionUser>('/auth/me');
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export function fetchHealth(): Promise<Health> {
  return apiFetch<Health>('/health');
}
