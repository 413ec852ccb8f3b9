import { keepPreviousData, type QueryClient, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  SettlementPaymentBody,
  SettlementPayment as SettlementPaymentSchema,
  Settlement as SettlementSchema,
  SettlementYear as SettlementYearSchema,
} from '../../../server/stock/settlement.schemas';
import { apiFetch } from '../shared/api';
import { TRANSFERS_KEY } from './stock.api';

// The monthly settlement between pharmacies: statement, year list, payments marked paid.
export type Settlement = z.output<typeof SettlementSchema>;
export type SettlementPair = Settlement['pairs'][number];
export type SettlementTransfer = Settlement['transfers'][number];
export type SettlementPayment = z.output<typeof SettlementPaymentSchema>;
export type SettlementYearMonth = z.output<typeof SettlementYearSchema>['items'][number];
export type SettlementPaymentInput = z.input<typeof SettlementPaymentBody>;

/** Under the transfers' key: a transfer received or a payment marked refreshes the statements. */
const SETTLEMENT_KEY = [...TRANSFERS_KEY, 'settlement'] as const;

export function useSettlement(month: string | null) {
  return useQuery({
    queryKey: [...SETTLEMENT_KEY, 'month', month],
    queryFn: () => apiFetch<Settlement>('/transfers/settlement', { query: { month: month ?? '' } }),
    enabled: month !== null,
    placeholderData: keepPreviousData,
  });
}

export function useSettlementYear(year: number) {
  return useQuery({
    queryKey: [...SETTLEMENT_KEY, 'year', year],
    queryFn: () =>
      apiFetch<{ year: number; items: SettlementYearMonth[] }>('/transfers/settlement/year', { query: { year } }),
    placeholderData: keepPreviousData,
  });
}

export function markSettlementPaid(body: SettlementPaymentInput): Promise<SettlementPayment> {
  return apiFetch<SettlementPayment>('/transfers/settlement/payments', { method: 'POST', body });
}

export function undoSettlementPayment(id: number): Promise<SettlementPayment> {
  return apiFetch<SettlementPayment>(`/transfers/settlement/payments/${id}/undo`, { method: 'POST' });
}

export const refreshSettlement = (queryClient: QueryClient) =>
  queryClient.invalidateQueries({ queryKey: SETTLEMENT_KEY });

/** The address of the month's statement as a file, for a plain download link. */
export function settlementFileUrl(month: string, format: 'csv' | 'pdf'): string {
  return `/api/transfers/settlement?month=${encodeURIComponent(month)}&format=${format}`;
}
