import { keepPreviousData, type QueryClient, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  AdjustmentBody,
  DestructionBody,
  DispenseBody,
  ImportResult as ImportResultSchema,
  LotDetail as LotDetailSchema,
  LotPage as LotPageSchema,
  Lot as LotSchema,
  LowStockList,
  MovementResult as MovementResultSchema,
  PoolProduct as PoolProductSchema,
  ProductPage as ProductPageSchema,
  RebalanceList,
  ReceiptBody,
  ReceiptResult as ReceiptResultSchema,
  ThresholdList,
  TransferAcceptBody,
  TransferList,
  TransferReceiptResult as TransferReceiptResultSchema,
  TransferReceiveBody,
  TransferRejectBody,
  TransferRequestBody,
  Transfer as TransferSchema,
} from '../../../server/stock/stock.schemas';
import type { LotSort, ProductSort } from '../../../server/stock/stock-list.models';
import { apiFetch } from '../shared/api';

// Types of the API's answers and bodies, straight from the server's zod schemas.
export type Lot = z.output<typeof LotSchema>;
export type LotDetail = z.output<typeof LotDetailSchema>;
export type ReceiptResult = z.output<typeof ReceiptResultSchema>;
export type Movement = LotDetail['movements'][number];
export type MovementResult = z.output<typeof MovementResultSchema>;
export type LowStockItem = z.output<typeof LowStockList>['items'][number];
export type ThresholdItem = z.output<typeof ThresholdList>['items'][number];
export type PoolProduct = z.output<typeof PoolProductSchema>;
export type PoolAvailability = PoolProduct['pharmacies'][number];
export type RebalanceSuggestion = z.output<typeof RebalanceList>['items'][number];
export type Transfer = z.output<typeof TransferSchema>;
export type TransferReceiptResult = z.output<typeof TransferReceiptResultSchema>;
export type TransferSummary = z.output<typeof TransferList>['items'][number];
export type TransferStatus = Transfer['status'];
export type ImportResult = z.output<typeof ImportResultSchema>;

export type ReceiptInput = z.input<typeof ReceiptBody>;
export type DispenseInput = z.input<typeof DispenseBody>;
export type AdjustmentInput = z.input<typeof AdjustmentBody>;
export type DestructionInput = z.input<typeof DestructionBody>;
export type TransferRequestInput = z.input<typeof TransferRequestBody>;
export type TransferAcceptInput = z.input<typeof TransferAcceptBody>;
export type TransferRejectInput = z.input<typeof TransferRejectBody>;
export type TransferReceiveInput = z.input<typeof TransferReceiveBody>;

/** Query keys: a stock move can change the lots, the pool, the alerts lists and the transfers (and the settlement, under it: settlement.api.ts). */
export const STOCK_KEY = ['stock'] as const;
export const POOL_KEY = ['pool'] as const;
export const TRANSFERS_KEY = ['transfers'] as const;

/** After any write of stock or transfers, everything derived from the lots is refreshed. */
export function refreshStock(queryClient: QueryClient): Promise<unknown> {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: STOCK_KEY }),
    queryClient.invalidateQueries({ queryKey: POOL_KEY }),
    queryClient.invalidateQueries({ queryKey: TRANSFERS_KEY }),
    queryClient.invalidateQueries({ queryKey: ['alerts'] }),
  ]);
}

// --- my stock ---------------------------------------------------------------

export type LotFilters = { q?: string; cip13?: string; includeEmpty?: boolean };

const filterQuery = (filters: LotFilters) => ({
  q: filters.q?.trim() || undefined,
  cip13: filters.cip13 || undefined,
  includeEmpty: filters.includeEmpty ? 'true' : undefined,
});

/** My lots for the filters, first-expired first (one product's lots, or the first 500). */
export function useLots(filters: LotFilters, enabled = true) {
  const query = filterQuery(filters);
  return useQuery({
    queryKey: [...STOCK_KEY, 'lots', query],
    queryFn: async ({ signal }) => (await apiFetch<LotPage>('/stock/lots', { query, signal })).items,
    placeholderData: keepPreviousData,
    enabled,
  });
}

export type LotPage = z.output<typeof LotPageSchema>;
export type ProductTotals = z.output<typeof ProductPageSchema>['items'][number];
export type ProductPage = z.output<typeof ProductPageSchema>;
export const STOCK_PAGE_SIZE = { products: 20, lots: 50 } as const;

/** One page of my lots, sorted on the server (the stock page's flat list). */
export function useLotPage(
  filters: LotFilters,
  sort: { key: LotSort; direction: 'asc' | 'desc' },
  page: number,
  enabled = true,
) {
  const query = {
    ...filterQuery(filters),
    sort: sort.key,
    order: sort.direction,
    page,
    pageSize: STOCK_PAGE_SIZE.lots,
  };
  return useQuery({
    queryKey: [...STOCK_KEY, 'lot-page', query],
    queryFn: ({ signal }) => apiFetch<LotPage>('/stock/lots', { query, signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** One page of my stock by product with each product's totals, sorted on the server (the grouped view). */
export function useStockProducts(filters: LotFilters, sort: ProductSort, page: number, enabled = true) {
  const query = { ...filterQuery(filters), sort, page, pageSize: STOCK_PAGE_SIZE.products };
  return useQuery({
    queryKey: [...STOCK_KEY, 'products', query],
    queryFn: ({ signal }) => apiFetch<ProductPage>('/stock/products', { query, signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useLot(id: number | null) {
  return useQuery({
    queryKey: [...STOCK_KEY, 'lot', id],
    queryFn: () => apiFetch<LotDetail>(`/stock/lots/${id}`),
    enabled: id !== null,
  });
}

export function receiveStock(body: ReceiptInput): Promise<ReceiptResult> {
  return apiFetch<ReceiptResult>('/stock/receipts', { method: 'POST', body });
}

export function dispenseStock(body: DispenseInput): Promise<MovementResult> {
  return apiFetch<MovementResult>('/stock/dispenses', { method: 'POST', body });
}

export function adjustStock(body: AdjustmentInput): Promise<MovementResult> {
  return apiFetch<MovementResult>('/stock/adjustments', { method: 'POST', body });
}

export function destroyStock(body: DestructionInput): Promise<MovementResult> {
  return apiFetch<MovementResult>('/stock/destructions', { method: 'POST', body });
}

// --- expiring, low stock, thresholds ----------------------------------------

export function useExpiring(days: number, enabled = true) {
  return useQuery({
    queryKey: [...STOCK_KEY, 'expiring', days],
    queryFn: async () => (await apiFetch<{ items: Lot[] }>('/stock/expiring', { query: { days } })).items,
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useLowStock() {
  return useQuery({
    queryKey: [...STOCK_KEY, 'low'],
    queryFn: async () => (await apiFetch<{ items: LowStockItem[] }>('/stock/low')).items,
  });
}

export function useThresholds() {
  return useQuery({
    queryKey: [...STOCK_KEY, 'thresholds'],
    queryFn: async () => (await apiFetch<{ items: ThresholdItem[] }>('/stock/thresholds')).items,
  });
}

export function setThreshold(cip13: string, minQuantity: number): Promise<{ cip13: string; minQuantity: number }> {
  return apiFetch(`/stock/thresholds/${cip13}`, { method: 'PUT', body: { minQuantity } });
}

// --- snapshot import ----------------------------------------------------------

/** Sends the CSV as it is: a dry run (preview) unless `apply`. */
export function importSnapshot(csv: string, apply: boolean): Promise<ImportResult> {
  return apiFetch<ImportResult>('/stock/imports', {
    method: 'POST',
    query: { apply: apply ? 'true' : undefined },
    text: { content: csv, contentType: 'text/csv' },
  });
}

// --- pool and rebalancing -------------------------------------------------------

/** How many products "in stock only" lists without a search (the API's most). */
export const POOL_ALL_LIMIT = 50;

/** The pool for a search; `inStock`: only products another pharmacy can lend now (then the search may be empty). */
export function usePoolSearch(q: string, inStock = false) {
  const query = q.trim();
  return useQuery({
    queryKey: [...POOL_KEY, 'search', query, inStock],
    queryFn: async ({ signal }) =>
      (
        await apiFetch<{ items: PoolProduct[] }>('/pool', {
          query: {
            q: query || undefined,
            inStock: inStock ? 'true' : undefined,
            limit: query ? undefined : POOL_ALL_LIMIT,
          },
          signal,
        })
      ).items,
    // "In stock only" lists without a search (the first POOL_ALL_LIMIT by name); otherwise 2 characters are needed.
    enabled: query.length >= 2 || (inStock && query.length === 0),
    placeholderData: keepPreviousData,
  });
}

export function useRebalancing() {
  return useQuery({
    queryKey: [...POOL_KEY, 'rebalance'],
    queryFn: async () => (await apiFetch<{ items: RebalanceSuggestion[] }>('/pool/rebalance')).items,
  });
}

// --- transfers -------------------------------------------------------------------

export type TransferBox = 'inbox' | 'outbox';

export type TransferPage = z.output<typeof TransferList>;
export type TransferFilters = { status?: TransferStatus; q?: string };
export const TRANSFERS_PAGE_SIZE = 25;

/** One page of a box, filtered by status and searched on the server; `counts` per status for the whole box. */
export function useTransfers(box: TransferBox, filters: TransferFilters = {}, page = 1) {
  const query = {
    box,
    status: filters.status,
    q: filters.q?.trim() || undefined,
    page,
    pageSize: TRANSFERS_PAGE_SIZE,
  };
  return useQuery({
    queryKey: [...TRANSFERS_KEY, box, query],
    queryFn: ({ signal }) => apiFetch<TransferPage>('/transfers', { query, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useTransfer(id: number | null) {
  return useQuery({
    queryKey: [...TRANSFERS_KEY, 'one', id],
    queryFn: () => apiFetch<Transfer>(`/transfers/${id}`),
    enabled: id !== null,
  });
}

/** Asks for a dépannage; `idempotencyKey` (one per opened form) makes a double click or a retry create one transfer. */
export function requestTransfer(body: TransferRequestInput, idempotencyKey?: string): Promise<Transfer> {
  return apiFetch<Transfer>('/transfers', { method: 'POST', body, idempotencyKey });
}

export function acceptTransfer(id: number, body: TransferAcceptInput): Promise<Transfer> {
  return apiFetch<Transfer>(`/transfers/${id}/accept`, { method: 'POST', body });
}

export function rejectTransfer(id: number, body: TransferRejectInput): Promise<Transfer> {
  return apiFetch<Transfer>(`/transfers/${id}/reject`, { method: 'POST', body });
}

export function shipTransfer(id: number): Promise<Transfer> {
  return apiFetch<Transfer>(`/transfers/${id}/ship`, { method: 'POST' });
}

export function receiveTransfer(id: number, body: TransferReceiveInput): Promise<TransferReceiptResult> {
  return apiFetch<TransferReceiptResult>(`/transfers/${id}/receive`, { method: 'POST', body });
}

export function cancelTransfer(id: number): Promise<Transfer> {
  return apiFetch<Transfer>(`/transfers/${id}/cancel`, { method: 'POST' });
}
