import { renderGpReport } from '../../reports/gp-report';
import { defineRoute, type RouteDef } from '../http/route';
import { CSV_CONTENT_TYPE } from '../shared/csv';
import { addSchedule, listSchedules, loadFeeReport, renderFeeCsv } from './fees.usecases';
import {
  addMedication,
  createPatient,
  getPatient,
  listMyPatients,
  patchPatient,
  stopMedication,
} from './patients.usecases';
import { addProblem, answerGp } from './problems.usecases';
import { applyProposal, dismissProposal, listMyProposals } from './proposals.usecases';
import { loadGpReport } from './report.usecases';
import {
  FeeReport,
  FeeScheduleList,
  FeeScheduleSchema,
  Medication,
  PatientDetail,
  PatientList,
  Problem,
  Proposal,
  ProposalList,
  ReviewDetail,
  ReviewList,
  Step,
  Worklist,
} from './reviews.responses';
import {
  AnswerBody,
  CancelBody,
  DismissBody,
  FeeScheduleBody,
  FeesQuery,
  IdParams,
  InterruptBody,
  MedicationBody,
  MedicationParams,
  MedicationStopBody,
  PatientBody,
  PatientPatchBody,
  PatientsQuery,
  ProblemBody,
  ProposalsQuery,
  ReviewBody,
  ReviewsQuery,
  StepBody,
} from './reviews.schemas';
import { cancelReview, getReview, interruptReview, listMyReviews, recordStep, startReview } from './reviews.usecases';
import { getWorklist } from './worklist.usecases';

const patients = ['patients'];
const reviews = ['reviews'];

/** Patients, medication reviews, GP answers, prescription proposals and review fees (SPEC §7). */
export const reviewsRoutes: RouteDef[] = [
  defineRoute({
    method: 'get',
    path: '/patients',
    summary: "My pharmacy's patients (community and care-home residents), with today's eligibility",
    tags: patients,
    query: PatientsQuery,
    response: PatientList,
    handler: async ({ ctx, query }) => listMyPatients({ ctx, query }),
  }),
  defineRoute({
    method: 'post',
    path: '/patients',
    summary: 'A new patient, or a resident of a care home we serve made a patient (residentId)',
    tags: patients,
    body: PatientBody,
    response: PatientDetail,
    status: 201,
    handler: async ({ ctx, body }) => createPatient({ ctx, input: body }),
  }),
  defineRoute({
    method: 'get',
    path: '/patients/:id',
    summary: 'One patient: medication lines, eligibility {eligible, rule, reasons}, reviews',
    tags: patients,
    params: IdParams,
    response: PatientDetail,
    handler: async ({ ctx, params }) => getPatient({ ctx, id: params.id }),
  }),
  defineRoute({
    method: 'patch',
    path: '/patients/:id',
    summary: "Change a patient's details (a resident's identity is changed on the resident)",
    tags: patients,
    params: IdParams,
    body: PatientPatchBody,
    response: PatientDetail,
    handler: async ({ ctx, params, body }) => patchPatient({ ctx, id: params.id, input: body }),
  }),
  defineRoute({
    method: 'post',
    path: '/patients/:id/medications',
    summary: 'Add a medication line (reimbursement and substances from the catalogue)',
    tags: patients,
    params: IdParams,
    body: MedicationBody,
    response: Medication,
    status: 201,
    handler: async ({ ctx, params, body }) => addMedication({ ctx, id: params.id, input: body }),
  }),
  defineRoute({
    method: 'post',
    path: '/patients/:id/medications/:lineId/stop',
    summary: 'End a medication line entered for the patient on a day (its last day taken, not before its start)',
    tags: patients,
    params: MedicationParams,
    body: MedicationStopBody,
    response: Medication,
    handler: async ({ ctx, params, body }) =>
      stopMedication({ ctx, id: params.id, lineId: params.lineId, input: body }),
  }),
  defineRoute({
    method: 'get',
    path: '/reviews/worklist',
    summary: 'Eligible patients without a review this year, steps due this week, overdue steps',
    tags: reviews,
    response: Worklist,
    handler: async ({ ctx }) => getWorklist({ ctx }),
  }),
  defineRoute({
    method: 'get',
    path: '/reviews/fees',
    summary: 'Acts billed for reviews in a year by my pharmacy (JSON or CSV)',
    tags: reviews,
    query: FeesQuery,
    response: FeeReport,
    produces: { 'text/csv': 'One row per billed step, then the total' },
    handler: async ({ ctx, query, res }) => {
      const report = loadFeeReport({ ctx, year: query.year });
      if (query.format === 'json') return report;
      res.type(CSV_CONTENT_TYPE).attachment(`bilans-actes-${report.year}.csv`).send(renderFeeCsv(report));
      return undefined;
    },
  }),
  defineRoute({
    method: 'get',
    path: '/reviews',
    summary: "My pharmacy's reviews, in progress first, with the next step and its due date",
    tags: reviews,
    query: ReviewsQuery,
    response: ReviewList,
    handler: async ({ ctx, query }) => listMyReviews({ ctx, query }),
  }),
  defineRoute({
    method: 'post',
    path: '/reviews',
    summary: 'Start the next year of follow-up of a patient',
    tags: reviews,
    body: ReviewBody,
    response: ReviewDetail,
    status: 201,
    handler: async ({ ctx, body }) => startReview({ ctx, input: body }),
  }),
  defineRoute({
    method: 'get',
    path: '/reviews/:id',
    summary: 'One review: plan with due dates, steps, problems, fees',
    tags: reviews,
    params: IdParams,
    response: ReviewDetail,
    handler: async ({ ctx, params }) => getReview({ ctx, id: params.id }),
  }),
  defineRoute({
    method: 'get',
    path: '/reviews/:id/gp-report',
    summary: 'The report for the GP (PDF): patient, medication, problems and proposed interventions',
    tags: reviews,
    params: IdParams,
    produces: { 'application/pdf': 'GP report' },
    handler: async ({ ctx, params, res }) => {
      const data = loadGpReport({ ctx, id: params.id });
      res
        .type('application/pdf')
        .attachment(`bilan-${params.id}-medecin.pdf`)
        .send(await renderGpReport(data));
      return undefined;
    },
  }),
  defineRoute({
    method: 'post',
    path: '/reviews/:id/steps',
    summary: 'Record the next step (the last one, which closes the review, by a pharmacist)',
    tags: reviews,
    params: IdParams,
    body: StepBody,
    response: Step,
    status: 201,
    handler: async ({ ctx, params, body }) => recordStep({ ctx, id: params.id, input: body }),
  }),
  defineRoute({
    method: 'post',
    path: '/reviews/:id/cancel',
    summary: 'Cancel a review started by mistake, with a reason (pharmacist; no act billed yet)',
    tags: reviews,
    params: IdParams,
    body: CancelBody,
    response: ReviewDetail,
    handler: async ({ ctx, params, body }) => cancelReview({ ctx, id: params.id, input: body }),
  }),
  defineRoute({
    method: 'post',
    path: '/reviews/:id/interrupt',
    summary: 'Interrupt a review for good (moved away, hospital, refusal), with a date and a reason; billed acts stay',
    tags: reviews,
    params: IdParams,
    body: InterruptBody,
    response: ReviewDetail,
    handler: async ({ ctx, params, body }) => interruptReview({ ctx, id: params.id, input: body }),
  }),
  defineRoute({
    method: 'post',
    path: '/reviews/:id/problems',
    summary: 'Record a drug-related problem (SFPC Act-IP problem and intervention codes)',
    tags: reviews,
    params: IdParams,
    body: ProblemBody,
    response: Problem,
    status: 201,
    handler: async ({ ctx, params, body }) => addProblem({ ctx, reviewId: params.id, input: body }),
  }),
  defineRoute({
    method: 'post',
    path: '/review-problems/:id/answer',
    summary: "Record the GP's answer; an accepted change for a resident becomes a prescription proposal",
    tags: reviews,
    params: IdParams,
    body: AnswerBody,
    response: Problem,
    handler: async ({ ctx, params, body }) => answerGp({ ctx, problemId: params.id, input: body }),
  }),
  defineRoute({
    method: 'get',
    path: '/prescription-proposals',
    summary: "Proposed PDA prescription changes for my pharmacy's residents",
    tags: reviews,
    query: ProposalsQuery,
    response: ProposalList,
    handler: async ({ ctx, query }) => listMyProposals({ ctx, query }),
  }),
  defineRoute({
    method: 'post',
    path: '/prescription-proposals/:id/apply',
    summary: 'Apply a proposal: a new version of the PDA prescription (pharmacist)',
    tags: reviews,
    params: IdParams,
    response: Proposal,
    handler: async ({ ctx, params }) => applyProposal({ ctx, id: params.id }),
  }),
  defineRoute({
    method: 'post',
    path: '/prescription-proposals/:id/dismiss',
    summary: 'Dismiss a proposal (pharmacist)',
    tags: reviews,
    params: IdParams,
    body: DismissBody,
    response: Proposal,
    handler: async ({ ctx, params, body }) => dismissProposal({ ctx, id: params.id, reason: body.reason }),
  }),
  defineRoute({
    method: 'get',
    path: '/review-fee-schedules',
    summary: 'Dated fee schedules of the review acts',
    tags: reviews,
    response: FeeScheduleList,
    handler: async ({ ctx }) => listSchedules({ ctx }),
  }),
  defineRoute({
    method: 'post',
    path: '/review-fee-schedules',
    summary: 'Add a fee schedule in force from a day (admin)',
    tags: reviews,
    body: FeeScheduleBody,
    response: FeeScheduleSchema,
    status: 201,
    handler: async ({ ctx, body }) => addSchedule({ ctx, input: body }),
  }),
];
