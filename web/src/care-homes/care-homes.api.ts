import { useQuery } from '@tanstack/react-query';
import type { CareHome, CareHomeBody } from '../../../server/care-homes/care-homes.schemas';
import { apiFetch } from '../shared/api';

export const CARE_HOMES_KEY = ['care-homes'] as const;

/** The care homes the caller may see: all for the admin, its own for the others. */
export function useCareHomes(enabled = true) {
  return useQuery({
    queryKey: CARE_HOMES_KEY,
    queryFn: async () => (await apiFetch<{ items: CareHome[] }>('/care-homes')).items,
    enabled,
  });
}

export async function createCareHome(body: CareHomeBody): Promise<CareHome> {
  return (await apiFetch<{ careHome: CareHome }>('/care-homes', { method: 'POST', body })).careHome;
}

export async function updateCareHome(id: number, body: CareHomeBody): Promise<CareHome> {
  return (await apiFetch<{ careHome: CareHome }>(`/care-homes/${id}`, { method: 'PATCH', body })).careHome;
}
