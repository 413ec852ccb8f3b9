import { useQuery } from '@tanstack/react-query';
import type { CreateUserBody, UpdateUserBody, User, UserWithPassword } from '../../../server/users/users.schemas';
import { apiFetch } from '../shared/api';

export const USERS_KEY = ['users'] as const;

export function useUsers() {
  return useQuery({
    queryKey: USERS_KEY,
    queryFn: async () => (await apiFetch<{ items: User[] }>('/users')).items,
  });
}

/** Creates the account with a generated password, returned this once. */
export function createUser(body: CreateUserBody): Promise<UserWithPassword> {
  return apiFetch<UserWithPassword>('/users', { method: 'POST', body });
}

export async function updateUser(id: number, body: UpdateUserBody): Promise<User> {
  return (await apiFetch<{ user: User }>(`/users/${id}`, { method: 'PATCH', body })).user;
}

export async function disableUser(id: number): Promise<User> {
  return (await apiFetch<{ user: User }>(`/users/${id}/disable`, { method: 'POST' })).user;
}

export async function enableUser(id: number): Promise<User> {
  return (await apiFetch<{ user: User }>(`/users/${id}/enable`, { method: 'POST' })).user;
}

export function resetPassword(id: number): Promise<UserWithPassword> {
  return apiFetch<UserWithPassword>(`/users/${id}/reset-password`, { method: 'POST' });
}
