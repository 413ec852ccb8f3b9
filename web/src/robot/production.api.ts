import { type QueryClient, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { OrderList } from '../../../server/orders/orders.schemas';
import type { RecallDestruction, Recall as RecallSchema } from '../../../server/recall/recall.schemas';
import type {
  AnomalyOut,
  BatchDetailList,
  BatchDetail as BatchDetailSchema,
  BatchLots,
  CompleteBody,
  Delivery as DeliverySchema,
  OrderProgress as OrderProgressSchema,
  RejectBody,
  Shortages as ShortagesSchema,
  UpcomingBatches,
  UpcomingShortages as UpcomingShortagesSchema,
  VerificationView as VerificationViewSchema,
  VerifyBody,
} from '../../../server/robot/production.schemas';
import { apiFetch } from '../shared/api';

// Types of the API's answers, straight from the server's zod schemas.
export type BatchDetail = z.output<typeof BatchDetailSchema>;
export type Shortages = z.output<typeof ShortagesSchema>;
export type ShortageItem = Shortages['items'][number];
export type UpcomingShortages = z.output<typeof UpcomingShortagesSchema>;
export type VerificationView = z.output<typeof VerificationViewSchema>;
export type Anomaly = z.output<typeof AnomalyOut>;
export type OrderProgress = z.output<typeof OrderProgressSchema>;
export type Delivery = z.output<typeof DeliverySchema>;
export type Recall = z.output<typeof RecallSchema>;
export type VerifyInput = z.input<typeof VerifyBody>;
export type OrderSummary = z.output<typeof OrderList>['items'][number];

export const PRODUCTION_KEY = ['production'] as const;

/** After a production step: the batch, its lists, the calendar, stock and orders all moved. */
export function refreshProduction(queryClient: QueryClient): Promise<unknown> {
  return Promise.all(
    [PRODUCTION_KEY, ['robot'], ['orders'], ['stock'], ['pool'], ['transfers']].map((queryKey) =>
      queryClient.invalidateQueries({ queryKey }),
    ),
  );
}

export function useBatchDetail(id: number) {
  return useQuery({
    queryKey: [...PRODUCTION_KEY, 'batch', id],
    queryFn: () => apiFetch<BatchDetail>(`/robot-batches/${id}`),
  });
}

export function useShortages(id: number, enabled: boolean) {
  return useQuery({
    queryKey: [...PRODUCTION_KEY, 'shortages', id],
    queryFn: () => apiFetch<Shortages>(`/robot-batches/${id}/shortages`),
    enabled,
  });
}

/** The host's usable lots per product of a batch, to name the lot actually loaded at completion. */
export function useBatchLots(id: number, enabled: boolean) {
  return useQuery({
    queryKey: [...PRODUCTION_KEY, 'lots', id],
    queryFn: () => apiFetch<z.output<typeof BatchLots>>(`/robot-batches/${id}/lots`),
    enabled,
  });
}

export function useVerification(id: number, enabled: boolean) {
  return useQuery({
    queryKey: [...PRODUCTION_KEY, 'verification', id],
    queryFn: () => apiFetch<VerificationView>(`/robot-batches/${id}/verification`),
    enabled,
  });
}

export function useBatchesToVerify() {
  return useQuery({
    queryKey: [...PRODUCTION_KEY, 'to-verify'],
    queryFn: async () => (await apiFetch<z.output<typeof BatchDetailList>>('/robot-production/to-verify')).items,
  });
}

export function useUpcomingBatches() {
  return useQuery({
    queryKey: [...PRODUCTION_KEY, 'upcoming'],
    queryFn: () => apiFetch<z.output<typeof UpcomingBatches>>('/robot-production/upcoming'),
  });
}

export function useUpcomingShortages() {
  return useQuery({
    queryKey: [...PRODUCTION_KEY, 'upcoming-shortages'],
    queryFn: () => apiFetch<UpcomingShortages>('/robot-production/shortages'),
  });
}

export function useOrderProgress(orderId: number | undefined) {
  return useQuery({
    queryKey: [...PRODUCTION_KEY, 'order-progress', orderId],
    queryFn: () => apiFetch<OrderProgress>(`/orders/${orderId}/progress`),
    enabled: orderId !== undefined,
  });
}

/** My care home's orders (the server filters them to the caller's scope). */
export function useMyOrders() {
  return useQuery({
    queryKey: ['orders', 'list', 'mine'],
    queryFn: async () => (await apiFetch<z.output<typeof OrderList>>('/orders')).items,
  });
}

export function useRecall(query: { cip13: string; lot: string } | null) {
  return useQuery({
    queryKey: [...PRODUCTION_KEY, 'recall', query?.cip13, query?.lot],
    queryFn: () => apiFetch<Recall>('/recalls', { query: query ?? {} }),
    enabled: query !== null,
    retry: false,
  });
}

export const startBatch = (id: number) => apiFetch<BatchDetail>(`/robot-batches/${id}/start`, { method: 'POST' });

export const completeBatch = (id: number, body: z.input<typeof CompleteBody>) =>
  apiFetch<BatchDetail>(`/robot-batches/${id}/complete`, { method: 'POST', body });

export const rejectBatch = (id: number, body: z.input<typeof RejectBody>) =>
  apiFetch<BatchDetail>(`/robot-batches/${id}/reject`, { method: 'POST', body });

export const verifyBatch = (id: number, body: z.output<typeof VerifyBody>) =>
  apiFetch<BatchDetail>(`/robot-batches/${id}/verify`, { method: 'POST', body });

export const resolveAnomaly = (id: number, resolution: string) =>
  apiFetch<Anomaly>(`/robot-batch-anomalies/${id}/resolve`, { method: 'POST', body: { resolution } });

export const signDelivery = (orderId: number, body: { receivedBy: string; notes?: string }) =>
  apiFetch<Delivery>(`/orders/${orderId}/deliver`, { method: 'POST', body });

export const destroyRecalled = (body: { cip13: string; lot: string }) =>
  apiFetch<z.output<typeof RecallDestruction>>('/recalls/destroy', { method: 'POST', body });

/** Where the browser downloads a batch's production sheet, an order's delivery note, a recall report. */
export const productionSheetUrl = (id: number) => `/api/robot-batches/${id}/production-sheet`;
export const deliveryNoteUrl = (orderId: number) => `/api/orders/${orderId}/delivery-note`;
export const recallPdfUrl = (q: { cip13: string; lot: string }) =>
  `/api/recalls/pdf?${new URLSearchParams({ cip13: q.cip13, lot: q.lot }).toString()}`;
