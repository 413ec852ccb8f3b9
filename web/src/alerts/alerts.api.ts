import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { ALERT_DOMAINS, type AlertDomain } from '../../../server/alerts/alerts.schemas';
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

export type AlertState = 'open' | 'dismissed' | 'all';

/** Filters of the alerts page; days are Paris calendar days 'YYYY-MM-DD', both included. */
export type AlertFilters = { state: AlertState; domain?: AlertDomain; from?: string; to?: string };

export const ALERTS_KEY = ['alerts'] as const;

/** The open alerts of my scope (home card). */
export function useAlerts() {
  return useQuery({
    queryKey: ALERTS_KEY,
    queryFn: async () => (await apiFetch<{ items: AlertItem[] }>('/alerts')).items,
    refetchInterval: 5 * 60_000,
  });
}

/** My alerts as the alerts page filters them (newest first, at most 500). */
export function useAlertList(filters: AlertFilters, { enabled = true } = {}) {
  return useQuery({
    queryKey: [...ALERTS_KEY, 'list', filters],
    queryFn: async () => (await apiFetch<{ items: AlertItem[] }>('/alerts', { query: filters })).items,
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function dismissAlert(id: number): Promise<AlertItem> {
  return apiFetch<AlertItem>(`/alerts/${id}/dismiss`, { method: 'POST' });
}

/** Undoes a dismissal: the alert is open again. */
export function reopenAlert(id: number): Promise<AlertItem> {
  return apiFetch<AlertItem>(`/alerts/${id}/reopen`, { method: 'POST' });
}

/** Alerts whose orders are back to plan: they open the robot's week (`params.robotWeek`). */
const REPLAN_KINDS = ['robot.order_left_batch', 'robot.batch_cancelled_by_closure'];

/**
 * Where an alert is acted on: the transfer, the lot, the order, the review… From the entity the
 * alert names (see the `raiseAlert` calls of each domain); undefined when no page shows it.
 */
export function alertLink(alert: Pick<AlertItem, 'kind' | 'entity' | 'entityId' | 'params'>): string | undefined {
  const id = encodeURIComponent(alert.entityId);
  // Another pharmacy's lot about to expire that this one could use: asked for on the anti-waste page.
  if (alert.kind === 'stock.rebalance') return '/pool/rebalance';
  // An order that outgrew its robot batch, or a batch a robot closure cancelled: its orders are
  // planned again from the robot's week they were booked in.
  if (REPLAN_KINDS.includes(alert.kind) && typeof alert.params.robotWeek === 'string') {
    return `/robot?week=${encodeURIComponent(alert.params.robotWeek)}`;
  }
  switch (alert.entity) {
    case 'transfer':
      return `/transfers/${id}`;
    case 'transfer_offer':
      // An accepted offer became a transfer to ship: its page. Else the offers panels (open offers, outcomes).
      return alert.params.transferId !== undefined
        ? `/transfers/${encodeURIComponent(String(alert.params.transferId))}`
        : '/pool/rebalance';
    case 'stock_lot': {
      const lot = alert.params.lotNumber;
      return lot === undefined ? '/stock' : `/stock?q=${encodeURIComponent(String(lot))}`;
    }
    case 'product':
      return `/stock?cip13=${id}`;
    // A lot recalled (destroyed by another pharmacy): its trace, where this pharmacy destroys its own.
    case 'recall':
      return `/recall?${new URLSearchParams({ cip13: String(alert.params.cip13 ?? ''), lot: String(alert.params.lotNumber ?? '') }).toString()}`;
    case 'weekly_order':
      return `/orders/${id}`;
    case 'order_change_request':
      return '/orders';
    case 'review':
      return `/reviews/${id}`;
    case 'prescription_proposal':
      return '/prescription-proposals';
    case 'pharmacy':
      return '/reviews';
    case 'share_month':
      return '/shares/report';
    case 'production_batch':
    case 'batch':
    // A batch whose slot went by unstarted: started, cancelled (or moved from its calendar) there.
    case 'robot_batch':
      return `/robot/batches/${id}`;
    default:
      return undefined;
  }
}

/** The domain of an alert kind (`stock.low` → `stock`), when it is one the page knows. */
export function alertDomain(kind: string): AlertDomain | undefined {
  const prefix = kind.split('.')[0];
  return ALERT_DOMAINS.find((domain) => domain === prefix);
}
