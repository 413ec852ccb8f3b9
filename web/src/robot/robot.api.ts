import { keepPreviousData, type QueryClient, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  Batch as BatchSchema,
  PendingList,
  PlanResult as PlanResultSchema,
  Slots as SlotsSchema,
} from '../../../server/robot/batches.schemas';
import type {
  Calendar as CalendarSchema,
  CassetteList,
  ClosureBody,
  ClosureList,
  RobotList,
  RobotPatchBody,
  WindowBody,
} from '../../../server/robot/robot.schemas';
import { apiFetch } from '../shared/api';

// Types of the API's answers, straight from the server's zod schemas.
export type Robot = z.output<typeof RobotList>['items'][number];
export type Calendar = z.output<typeof CalendarSchema>;
export type CalendarBatch = Calendar['batches'][number];
export type Closure = z.output<typeof ClosureList>['items'][number];
export type Cassette = z.output<typeof CassetteList>['items'][number];
export type PendingOrder = z.output<typeof PendingList>['items'][number];
export type Batch = z.output<typeof BatchSchema>;
export type Slots = z.output<typeof SlotsSchema>;
export type PlanResult = z.output<typeof PlanResultSchema>;
export type WorkingWindow = z.input<typeof WindowBody>;
export type ClosureInput = z.input<typeof ClosureBody>;
export type RobotPatch = z.input<typeof RobotPatchBody>;

export const ROBOT_KEY = ['robot'] as const;

/**
 * After a booking, a plan or an admin change: calendars, pending orders and the orders lists. The
 * free starts of a booking dialog are only marked stale: that dialog is closing, and its orders,
 * just booked, would be refused (409) if asked for again.
 */
export function refreshRobot(queryClient: QueryClient): Promise<unknown> {
  const isSlots = (key: readonly unknown[]) => key[1] === 'slots';
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: ROBOT_KEY, predicate: (q) => !isSlots(q.queryKey) }),
    queryClient.invalidateQueries({ queryKey: [...ROBOT_KEY, 'slots'], refetchType: 'none' }),
    queryClient.invalidateQueries({ queryKey: ['orders'] }),
  ]);
}

export function useRobots() {
  return useQuery({
    queryKey: [...ROBOT_KEY, 'list'],
    queryFn: async () => (await apiFetch<{ items: Robot[] }>('/robots')).items,
  });
}

export function useCalendar(robotId: number | undefined, week: string) {
  return useQuery({
    queryKey: [...ROBOT_KEY, 'calendar', robotId, week],
    queryFn: () => apiFetch<Calendar>(`/robots/${robotId}/calendar`, { query: { week } }),
    enabled: robotId !== undefined,
    placeholderData: keepPreviousData,
  });
}

/** Submitted orders not yet in a batch that I book for (all weeks still to deliver without `week`). */
export function usePendingOrders(robotId: number | undefined, week?: string) {
  return useQuery({
    queryKey: [...ROBOT_KEY, 'pending', robotId, week ?? 'all'],
    queryFn: async () =>
      (await apiFetch<{ items: PendingOrder[] }>(`/robots/${robotId}/pending-orders`, { query: { week } })).items,
    enabled: robotId !== undefined,
  });
}

export function useSlots(robotId: number, orderIds: number[], excludeBatchId?: number) {
  return useQuery({
    queryKey: [...ROBOT_KEY, 'slots', robotId, orderIds, excludeBatchId],
    queryFn: () =>
      apiFetch<Slots>(`/robots/${robotId}/slots`, { query: { orderIds: orderIds.join(','), excludeBatchId } }),
    enabled: orderIds.length > 0,
  });
}

export function useBatch(id: number | null) {
  return useQuery({
    queryKey: [...ROBOT_KEY, 'batch', id],
    queryFn: () => apiFetch<Batch>(`/robot-batches/${id}`),
    enabled: id !== null,
  });
}

export function bookBatch(body: { robotId: number; start: string; orderIds: number[] }): Promise<Batch> {
  return apiFetch<Batch>('/robot-batches', { method: 'POST', body });
}

export function rescheduleBatch(id: number, start: string): Promise<Batch> {
  return apiFetch<Batch>(`/robot-batches/${id}/reschedule`, { method: 'POST', body: { start } });
}

export function cancelBatch(id: number): Promise<Batch> {
  return apiFetch<Batch>(`/robot-batches/${id}/cancel`, { method: 'POST' });
}

/** Plans an order week; with `apply`, send the previewed plan's `fingerprint` (409 robot.plan_changed if it moved). */
export function planWeek(body: {
  robotId: number;
  orderWeek: string;
  apply: boolean;
  fingerprint?: string;
}): Promise<PlanResult> {
  return apiFetch<PlanResult>('/robot-batches/plan', { method: 'POST', body });
}

// --- admin ------------------------------------------------------------------

export function updateRobot(id: number, body: RobotPatch): Promise<Robot> {
  return apiFetch<Robot>(`/robots/${id}`, { method: 'PATCH', body });
}

export function useWindows(robotId: number | undefined) {
  return useQuery({
    queryKey: [...ROBOT_KEY, 'windows', robotId],
    queryFn: async () => (await apiFetch<{ items: WorkingWindow[] }>(`/robots/${robotId}/windows`)).items,
    enabled: robotId !== undefined,
  });
}

export function saveWindows(robotId: number, windows: WorkingWindow[]) {
  return apiFetch<{ items: WorkingWindow[] }>(`/robots/${robotId}/windows`, { method: 'PUT', body: { windows } });
}

export function useClosures(robotId: number | undefined) {
  return useQuery({
    queryKey: [...ROBOT_KEY, 'closures', robotId],
    queryFn: async () => (await apiFetch<{ items: Closure[] }>(`/robots/${robotId}/closures`)).items,
    enabled: robotId !== undefined,
  });
}

export function addClosure(robotId: number, body: ClosureInput): Promise<Closure> {
  return apiFetch<Closure>(`/robots/${robotId}/closures`, { method: 'POST', body });
}

export function removeClosure(id: number): Promise<void> {
  return apiFetch<void>(`/robot-closures/${id}`, { method: 'DELETE' });
}

export function useCassettes(robotId: number | undefined, history = false) {
  return useQuery({
    queryKey: [...ROBOT_KEY, 'cassettes', robotId, history],
    queryFn: async () =>
      (await apiFetch<{ items: Cassette[] }>(`/robots/${robotId}/cassettes`, { query: { history: String(history) } }))
        .items,
    enabled: robotId !== undefined,
  });
}

export function installCassette(robotId: number, body: { slot: number; cip13: string }) {
  return apiFetch<Cassette>(`/robots/${robotId}/cassettes`, { method: 'POST', body });
}

export function replaceCassette(id: number, cip13: string) {
  return apiFetch<Cassette>(`/robot-cassettes/${id}/replace`, { method: 'POST', body: { cip13 } });
}

export function removeCassette(id: number) {
  return apiFetch<Cassette>(`/robot-cassettes/${id}/remove`, { method: 'POST' });
}
