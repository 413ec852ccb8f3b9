import { useQuery } from '@tanstack/react-query';
import { apiFetch } from '../shared/api';

/** `GET /api/alerts` item: what needs doing, addressed to my pharmacy, care home or role. */
export type AlertItem = {
  id: number;
  kind: string;
  entity: string;
  entityId: string;
  messageKey: string;
  params: Record<string, string | number>;
  raisedOn: string;
  dismissedAt: string | null;
};

export const ALERTS_KEY = ['alerts'] as const;

export function useAlerts() {
  return useQuery({
    queryKey: ALERTS_KEY,
    queryFn: async () => (await apiFetch<{ items: AlertItem[] }>('/alerts')).items,
    refetchInterval: 5 * 60_000,
  });
}

export function dismissAlert(id: number): Promise<AlertItem> {
  return apiFetch<AlertItem>(`/alerts/${id}/dismiss`, { method: 'POST' });
}
