import { type QueryClient, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  AbsenceInput,
  ChangeRequestInput,
  ChangeRequest as ChangeRequestSchema,
  OrderDetail as OrderDetailSchema,
  OrderSummary as OrderSummarySchema,
} from '../../../server/orders/orders.schemas';
import type {
  CareHomeSettingsInput,
  CareHomeSettingsResponse,
  PrescriptionBody,
  Prescription as PrescriptionSchema,
  ResidentBody,
  ResidentList,
  ResidentPatchBody,
  Resident as ResidentSchema,
} from '../../../server/orders/residents.schemas';
import { apiFetch } from '../shared/api';

// Types of the API's answers, straight from the server's zod schemas.
export type OrderSummary = z.output<typeof OrderSummarySchema>;
export type OrderDetail = z.output<typeof OrderDetailSchema>;
export type OrderResident = OrderDetail['residents'][number];
export type OrderAbsence = OrderDetail['absences'][number];
export type ChangeRequest = z.output<typeof ChangeRequestSchema>;
export type Resident = z.output<typeof ResidentSchema>;
export type ResidentRow = z.output<typeof ResidentList>['items'][number];
export type Prescription = z.output<typeof PrescriptionSchema>;
export type PrescriptionInput = z.input<typeof PrescriptionBody>;
export type CareHomeSettings = z.output<typeof CareHomeSettingsResponse>;

/** Every orders query starts with this key: the robot pages refresh them after a booking. */
export const ORDERS_KEY = ['orders'] as const;
export const RESIDENTS_KEY = ['residents'] as const;

/** After any change to an order, a resident or a prescription: orders, residents and alerts are read again. */
export function refreshOrders(queryClient: QueryClient): Promise<unknown> {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: ORDERS_KEY }),
    queryClient.invalidateQueries({ queryKey: RESIDENTS_KEY }),
    queryClient.invalidateQueries({ queryKey: ['alerts'] }),
  ]);
}

export function useOrders(filter: { week?: string; careHomeId?: number; status?: string } = {}, enabled = true) {
  return useQuery({
    queryKey: [...ORDERS_KEY, 'list', filter],
    queryFn: async () => (await apiFetch<{ items: OrderSummary[] }>('/orders', { query: filter })).items,
    enabled,
  });
}

export function useOrder(id: number) {
  return useQuery({
    queryKey: [...ORDERS_KEY, 'detail', id],
    queryFn: () => apiFetch<OrderDetail>(`/orders/${id}`),
  });
}

export function useChangeRequests(status?: 'pending' | 'accepted' | 'refused') {
  return useQuery({
    queryKey: [...ORDERS_KEY, 'change-requests', status ?? 'all'],
    queryFn: async () =>
      (await apiFetch<{ items: ChangeRequest[] }>('/order-change-requests', { query: { status } })).items,
  });
}

export const createOrder = (careHomeId: number, week: string) =>
  apiFetch<OrderDetail>('/orders', { method: 'POST', body: { careHomeId, week } });
export const submitOrder = (id: number) => apiFetch<OrderDetail>(`/orders/${id}/submit`, { method: 'POST' });
export const cancelOrder = (id: number) => apiFetch<OrderDetail>(`/orders/${id}/cancel`, { method: 'POST' });
export const saveNotes = (id: number, notes: string) =>
  apiFetch<OrderDetail>(`/orders/${id}`, { method: 'PATCH', body: { notes } });
export const addAbsence = (orderId: number, body: AbsenceInput) =>
  apiFetch<{ id: number }>(`/orders/${orderId}/absences`, { method: 'POST', body });
export const removeAbsence = (orderId: number, absenceId: number) =>
  apiFetch<void>(`/orders/${orderId}/absences/${absenceId}`, { method: 'DELETE' });
export const changeAbsenceDays = (orderId: number, absenceId: number, body: { from: string; to: string }) =>
  apiFetch<{ id: number }>(`/orders/${orderId}/absences/${absenceId}`, { method: 'PATCH', body });
export const requestChange = (orderId: number, body: ChangeRequestInput) =>
  apiFetch<ChangeRequest>(`/orders/${orderId}/change-requests`, { method: 'POST', body });
export const acceptChange = (id: number) =>
  apiFetch<ChangeRequest>(`/order-change-requests/${id}/accept`, { method: 'POST' });
export const refuseChange = (id: number, reason: string) =>
  apiFetch<ChangeRequest>(`/order-change-requests/${id}/refuse`, { method: 'POST', body: { reason } });

/** The delivery note's address: the browser downloads the PDF. */
export const deliveryNoteUrl = (orderId: number) => `/api/orders/${orderId}/delivery-note`;

export function useResidents(careHomeId?: number, enabled = true) {
  return useQuery({
    queryKey: [...RESIDENTS_KEY, 'list', careHomeId ?? 'all'],
    queryFn: async () => (await apiFetch<{ items: ResidentRow[] }>('/residents', { query: { careHomeId } })).items,
    enabled,
  });
}

export function useResident(id: number) {
  return useQuery({
    queryKey: [...RESIDENTS_KEY, 'detail', id],
    queryFn: () => apiFetch<Resident>(`/residents/${id}`),
  });
}

export function usePrescriptions(residentId: number | undefined) {
  return useQuery({
    queryKey: [...RESIDENTS_KEY, 'prescriptions', residentId],
    queryFn: async () => (await apiFetch<{ items: Prescription[] }>(`/residents/${residentId}/prescriptions`)).items,
    enabled: residentId !== undefined,
  });
}

export const createResident = (body: z.output<typeof ResidentBody>) =>
  apiFetch<Resident>('/residents', { method: 'POST', body });
export const updateResident = (id: number, body: z.output<typeof ResidentPatchBody>) =>
  apiFetch<Resident>(`/residents/${id}`, { method: 'PATCH', body });
export const createPrescription = (residentId: number, body: z.output<typeof PrescriptionBody>) =>
  apiFetch<Prescription>(`/residents/${residentId}/prescriptions`, { method: 'POST', body });
export const replacePrescription = (id: number, body: z.output<typeof PrescriptionBody>) =>
  apiFetch<Prescription>(`/prescriptions/${id}/replace`, { method: 'POST', body });
export const stopPrescription = (id: number, endDate: string) =>
  apiFetch<Prescription>(`/prescriptions/${id}/stop`, { method: 'POST', body: { endDate } });

export function useCareHomeSettings(careHomeId: number | undefined) {
  return useQuery({
    queryKey: ['care-homes', 'settings', careHomeId],
    queryFn: () => apiFetch<CareHomeSettings>(`/care-homes/${careHomeId}/settings`),
    enabled: careHomeId !== undefined,
  });
}

export const saveCareHomeSettings = (careHomeId: number, body: CareHomeSettingsInput) =>
  apiFetch<CareHomeSettings>(`/care-homes/${careHomeId}/settings`, { method: 'PUT', body });

/** A week of a care home's schedule; `deliveryMovedFor` names the public holiday that moved it earlier. */
export type ScheduleWeek = { week: string; cutoffAt: string; deliveryAt: string; deliveryMovedFor: string | null };

/** Cut-off and delivery of the care home's next order weeks, from this week. */
export function useOrderSchedule(careHomeId: number | undefined, weeks = 4) {
  return useQuery({
    queryKey: [...ORDERS_KEY, 'schedule', careHomeId, weeks],
    queryFn: async () =>
      (await apiFetch<{ items: ScheduleWeek[] }>(`/care-homes/${careHomeId}/schedule`, { query: { weeks } })).items,
    enabled: careHomeId !== undefined,
  });
}
