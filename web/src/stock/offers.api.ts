import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Lendable, Offer, OfferCreateBody, OfferDeclineBody } from '../../../server/stock/offers.schemas';
import type { Transfer } from '../../../server/stock/stock.schemas';
import { apiFetch } from '../shared/api';
import { serverNow } from '../shared/server-clock';
import { POOL_KEY, TRANSFERS_KEY } from './stock.api';

export type TransferOffer = z.output<typeof Offer>;
export type LendableInfo = z.output<typeof Lendable>;
export type OfferBox = 'sent' | 'received';

/** Anti-waste offers are pool data: refreshing the pool refreshes them. */
export const OFFERS_KEY = [...POOL_KEY, 'offers'] as const;

/** Our offers still waiting for an answer, sent or received. */
export function useOpenOffers(box: OfferBox) {
  return useQuery({
    queryKey: [...OFFERS_KEY, box],
    queryFn: async () =>
      (await apiFetch<{ items: TransferOffer[] }>('/transfer-offers', { query: { box, status: 'offered' } })).items,
  });
}

/** How far back the holder's offers panel shows what became of its offers. */
export const OFFER_OUTCOME_DAYS = 30;

/**
 * Our offers answered or closed in the last OFFER_OUTCOME_DAYS days (accepted, declined with
 * its reason, withdrawn, expired, lapsed), newest first: the holder's view of their outcome.
 */
export function useOfferOutcomes() {
  return useQuery({
    queryKey: [...OFFERS_KEY, 'sent', 'outcomes'],
    queryFn: async () => {
      const items = (await apiFetch<{ items: TransferOffer[] }>('/transfer-offers', { query: { box: 'sent' } })).items;
      const since = new Date(serverNow().getTime() - OFFER_OUTCOME_DAYS * 24 * 3600 * 1000).toISOString();
      return items.filter((o) => o.status !== 'offered' && (o.answeredAt ?? `${o.lastDay}T23:59:59Z`) >= since);
    },
  });
}

/** What `fromPharmacyId` can lend of a product, and our open requests of it to that pharmacy. */
export function useLendable(cip13: string, fromPharmacyId: number) {
  return useQuery({
    queryKey: [...TRANSFERS_KEY, 'lendable', cip13, fromPharmacyId],
    queryFn: ({ signal }) =>
      apiFetch<LendableInfo>('/transfers/lendable', {
        query: { cip13, fromPharmacyId: String(fromPharmacyId) },
        signal,
      }),
  });
}

export function createOffer(body: z.input<typeof OfferCreateBody>): Promise<TransferOffer> {
  return apiFetch<TransferOffer>('/transfer-offers', { method: 'POST', body });
}

/** Accepting answers the transfer the offer became. */
export function acceptOffer(id: number): Promise<z.output<typeof Transfer>> {
  return apiFetch(`/transfer-offers/${id}/accept`, { method: 'POST' });
}

export function declineOffer(id: number, body: z.input<typeof OfferDeclineBody>): Promise<TransferOffer> {
  return apiFetch<TransferOffer>(`/transfer-offers/${id}/decline`, { method: 'POST', body });
}

export function cancelOffer(id: number): Promise<TransferOffer> {
  return apiFetch<TransferOffer>(`/transfer-offers/${id}/cancel`, { method: 'POST' });
}
