import { type QueryClient, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  FeeReport as FeeReportSchema,
  FeeScheduleSchema,
  Medication as MedicationSchema,
  PatientDetail as PatientDetailSchema,
  PatientList,
  Problem as ProblemSchema,
  Proposal as ProposalSchema,
  ReviewDetail as ReviewDetailSchema,
  ReviewList,
  Step as StepSchema,
  Worklist as WorklistSchema,
} from '../../../server/reviews/reviews.responses';
import type {
  AnswerBody,
  CancelBody,
  FeeScheduleBody,
  InterruptBody,
  MedicationBody,
  MedicationStopBody,
  PatientBody,
  PatientPatchBody,
  ProblemBody,
  ReviewBody,
  StepBody,
} from '../../../server/reviews/reviews.schemas';
import { apiFetch } from '../shared/api';

// Types of the API's answers and bodies, straight from the server's zod schemas.
export type PatientItem = z.output<typeof PatientList>['items'][number];
export type PatientDetail = z.output<typeof PatientDetailSchema>;
export type Medication = z.output<typeof MedicationSchema>;
export type Eligibility = PatientDetail['eligibility'];
export type EligibilityReason = Eligibility['reasons'][number];
export type ReviewSummary = z.output<typeof ReviewList>['items'][number];
export type ReviewDetail = z.output<typeof ReviewDetailSchema>;
export type Step = z.output<typeof StepSchema>;
export type Problem = z.output<typeof ProblemSchema>;
export type Proposal = z.output<typeof ProposalSchema>;
export type Worklist = z.output<typeof WorklistSchema>;
export type FeeReport = z.output<typeof FeeReportSchema>;

export type PatientInput = z.input<typeof PatientBody>;
export type PatientPatch = z.input<typeof PatientPatchBody>;
export type MedicationInput = z.input<typeof MedicationBody>;
export type MedicationStopInput = z.input<typeof MedicationStopBody>;
export type ReviewInput = z.input<typeof ReviewBody>;
export type StepInput = z.input<typeof StepBody>;
export type ProblemInput = z.input<typeof ProblemBody>;
export type AnswerInput = z.input<typeof AnswerBody>;
export type CancelInput = z.input<typeof CancelBody>;
export type InterruptInput = z.input<typeof InterruptBody>;

/** One key for patients, reviews and proposals: any write refreshes them all (and the home alerts). */
export const REVIEWS_KEY = ['reviews'] as const;

export function refreshReviews(queryClient: QueryClient): Promise<unknown> {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: REVIEWS_KEY }),
    queryClient.invalidateQueries({ queryKey: ['alerts'] }),
    queryClient.invalidateQueries({ queryKey: ['orders'] }),
    queryClient.invalidateQueries({ queryKey: ['residents'] }),
  ]);
}

// --- patients -----------------------------------------------------------------

export function usePatients(q?: string) {
  const query = { q: q?.trim() || undefined };
  return useQuery({
    queryKey: [...REVIEWS_KEY, 'patients', query],
    queryFn: async ({ signal }) => (await apiFetch<{ items: PatientItem[] }>('/patients', { query, signal })).items,
  });
}

export function usePatient(id: number) {
  return useQuery({
    queryKey: [...REVIEWS_KEY, 'patient', id],
    queryFn: ({ signal }) => apiFetch<PatientDetail>(`/patients/${id}`, { signal }),
    enabled: Number.isSafeInteger(id) && id > 0,
  });
}

export const createPatient = (body: PatientInput) => apiFetch<PatientDetail>('/patients', { method: 'POST', body });
export const patchPatient = (id: number, body: PatientPatch) =>
  apiFetch<PatientDetail>(`/patients/${id}`, { method: 'PATCH', body });
export const addMedication = (id: number, body: MedicationInput) =>
  apiFetch<Medication>(`/patients/${id}/medications`, { method: 'POST', body });
export const stopMedication = (id: number, lineId: number, body: MedicationStopInput) =>
  apiFetch<Medication>(`/patients/${id}/medications/${lineId}/stop`, { method: 'POST', body });

/** Residents of the care homes we serve (orders domain), to make one a patient. */
export function useServedResidents(enabled: boolean) {
  return useQuery({
    queryKey: ['residents', 'for-patients'],
    queryFn: async ({ signal }) =>
      (
        await apiFetch<{
          items: {
            id: number;
            careHomeId: number;
            lastName: string;
            firstName: string;
            birthDate: string;
            room: string;
            status: string;
          }[];
        }>('/residents', { signal })
      ).items,
    enabled,
  });
}

// --- reviews -------------------------------------------------------------------

export function useWorklist() {
  return useQuery({
    queryKey: [...REVIEWS_KEY, 'worklist'],
    queryFn: ({ signal }) => apiFetch<Worklist>('/reviews/worklist', { signal }),
  });
}

export function useReviews(status?: 'open' | 'completed' | 'cancelled' | 'interrupted') {
  const query = { status };
  return useQuery({
    queryKey: [...REVIEWS_KEY, 'list', query],
    queryFn: async ({ signal }) => (await apiFetch<{ items: ReviewSummary[] }>('/reviews', { query, signal })).items,
  });
}

/** My pharmacy's active pharmacists: who a review step is recorded for. */
export function useStepPharmacists() {
  return useQuery({
    queryKey: [...REVIEWS_KEY, 'pharmacists'],
    queryFn: async ({ signal }) =>
      (await apiFetch<{ items: { id: number; displayName: string }[] }>('/reviews/pharmacists', { signal })).items,
  });
}

export function useReview(id: number) {
  return useQuery({
    queryKey: [...REVIEWS_KEY, 'review', id],
    queryFn: ({ signal }) => apiFetch<ReviewDetail>(`/reviews/${id}`, { signal }),
    enabled: Number.isSafeInteger(id) && id > 0,
  });
}

export const startReview = (body: ReviewInput) => apiFetch<ReviewDetail>('/reviews', { method: 'POST', body });
export const recordStep = (reviewId: number, body: StepInput) =>
  apiFetch<Step>(`/reviews/${reviewId}/steps`, { method: 'POST', body });
export const cancelReview = (reviewId: number, body: CancelInput) =>
  apiFetch<ReviewDetail>(`/reviews/${reviewId}/cancel`, { method: 'POST', body });
export const interruptReview = (reviewId: number, body: InterruptInput) =>
  apiFetch<ReviewDetail>(`/reviews/${reviewId}/interrupt`, { method: 'POST', body });
export const addProblem = (reviewId: number, body: ProblemInput) =>
  apiFetch<Problem>(`/reviews/${reviewId}/problems`, { method: 'POST', body });
export const answerProblem = (problemId: number, body: AnswerInput) =>
  apiFetch<Problem>(`/review-problems/${problemId}/answer`, { method: 'POST', body });

/** The GP report of a review: a PDF the browser downloads. */
export const gpReportUrl = (reviewId: number) => `/api/reviews/${reviewId}/gp-report`;

// --- proposals and fees ---------------------------------------------------------------

export function useProposals(status?: 'pending' | 'applied' | 'dismissed') {
  const query = { status };
  return useQuery({
    queryKey: [...REVIEWS_KEY, 'proposals', query],
    queryFn: async ({ signal }) =>
      (await apiFetch<{ items: Proposal[] }>('/prescription-proposals', { query, signal })).items,
  });
}

export const applyProposal = (id: number) =>
  apiFetch<Proposal>(`/prescription-proposals/${id}/apply`, { method: 'POST' });
export const dismissProposal = (id: number, reason?: string) =>
  apiFetch<Proposal>(`/prescription-proposals/${id}/dismiss`, { method: 'POST', body: reason ? { reason } : {} });

export function useFees(year: number) {
  const query = { year };
  return useQuery({
    queryKey: [...REVIEWS_KEY, 'fees', query],
    queryFn: ({ signal }) => apiFetch<FeeReport>('/reviews/fees', { query, signal }),
  });
}

export const feesCsvUrl = (year: number) => `/api/reviews/fees?year=${year}&format=csv`;

export type FeeSchedule = z.output<typeof FeeScheduleSchema>;
export type FeeScheduleInput = z.input<typeof FeeScheduleBody>;

/** Every fee schedule of the review acts, oldest first (admin and pharmacy staff). */
export function useFeeSchedules() {
  return useQuery({
    queryKey: [...REVIEWS_KEY, 'fee-schedules'],
    queryFn: ({ signal }) => apiFetch<{ items: FeeSchedule[] }>('/review-fee-schedules', { signal }),
  });
}

/** Adds a schedule in force from its `validFrom` (admin). */
export const addFeeSchedule = (body: FeeScheduleInput) =>
  apiFetch<FeeSchedule>('/review-fee-schedules', { method: 'POST', body });
