import { useQuery } from '@tanstack/react-query';
import type { Pharmacy, UpdatePharmacyBody } from '../../../server/pharmacies/pharmacies.schemas';
import { apiFetch } from '../shared/api';

export const PHARMACIES_KEY = ['pharmacies'] as const;

export function usePharmacies() {
  return useQuery({
    queryKey: PHARMACIES_KEY,
    queryFn: async () => (await apiFetch<{ items: Pharmacy[] }>('/pharmacies')).items,
  });
}

export async function updatePharmacy(id: number, body: UpdatePharmacyBody): Promise<Pharmacy> {
  return (await apiFetch<{ pharmacy: Pharmacy }>(`/pharmacies/${id}`, { method: 'PATCH', body })).pharmacy;
}
