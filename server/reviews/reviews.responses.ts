// The API's answers about patients, reviews, problems, proposals and fees (OpenAPI, web types).
// Import nothing here but zod, the shared schemas and pure models (no drizzle).
import { z } from 'zod';
import { Id } from '../shared/schemas';
import { GP_ANSWERS, INTERVENTION_CODES, PROBLEM_CODES, PROPOSAL_KINDS, PROPOSAL_STATUSES } from './act-ip.models';
import { ELIGIBILITY_RULE_IDS } from './eligibility.models';
import { REVIEW_STATUSES, STEP_KINDS, TRACKS } from './reviews.models';

const EligibilityReason = z.object({
  rule: z.enum(ELIGIBILITY_RULE_IDS),
  code: z.enum(['rule_not_in_force', 'age', 'substances', 'lines', 'gp_prescription']),
  met: z.boolean(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  items: z.array(z.string()).optional(),
});
export const Eligibility = z.object({
  eligible: z.boolean(),
  rule: z.enum(ELIGIBILITY_RULE_IDS).nullable(),
  reasons: z.array(EligibilityReason),
  /** `reviews.birth_date_missing` when it cannot be computed. */
  error: z.string().optional(),
  /** The day a resident marked deceased died, when on or before `day`: never eligible then. */
  deceasedOn: z.string().optional(),
  day: z.string(),
});

export const Medication = z.object({
  /** `pda`: a PDA prescription line (its id is the prescription's); `other`: a line entered here. */
  source: z.enum(['pda', 'other']),
  id: Id,
  cip13: z.string(),
  productLabel: z.string(),
  startDate: z.string(),
  endDate: z.string().nullable(),
  prescriber: z.string().nullable(),
  /** The posology in words of a line entered here (`other`); null on a PDA line, whose doses say it. */
  dosage: z.string().nullable(),
  active: z.boolean(),
  reimbursed: z.boolean(),
  reimbursementRatePct: z.number().int().nullable(),
  substances: z.array(z.string()),
});

export const Patient = z.object({
  id: Id,
  pharmacyId: Id,
  residentId: Id.nullable(),
  careHomeId: Id.nullable(),
  careHomeName: z.string().nullable(),
  room: z.string().nullable(),
  lastName: z.string(),
  firstName: z.string(),
  birthDate: z.string().nullable(),
  gpName: z.string().nullable(),
  gpContact: z.string().nullable(),
  gpPrescriptionDate: z.string().nullable(),
  /** A care-home resident marked deceased: the day of death; null otherwise. */
  deceasedOn: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const PatientListItem = Patient.extend({
  eligible: z.boolean().nullable(),
  openReviewId: Id.nullable(),
});
export const PatientList = z.object({ items: z.array(PatientListItem) });

export const ReviewSummary = z.object({
  id: Id,
  patientId: Id,
  patientName: z.string(),
  followUpYear: z.number().int(),
  track: z.enum(TRACKS),
  status: z.enum(REVIEW_STATUSES),
  startedOn: z.string(),
  completedOn: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  cancelReason: z.string().nullable(),
  interruptedOn: z.string().nullable(),
  interruptReason: z.string().nullable(),
  next: z
    .object({
      kind: z.enum(STEP_KINDS),
      seq: z.number().int(),
      dueDate: z.string(),
      state: z.enum(['overdue', 'due', 'later']),
    })
    .nullable(),
});

export const PatientDetail = Patient.extend({
  medications: z.array(Medication),
  eligibility: Eligibility,
  reviews: z.array(ReviewSummary),
});

export const Step = z.object({
  id: Id,
  reviewId: Id,
  seq: z.number().int(),
  kind: z.enum(STEP_KINDS),
  ordinal: z.number().int(),
  date: z.string(),
  remote: z.boolean(),
  notes: z.string(),
  pharmacistId: Id,
  pharmacistName: z.string(),
  actCode: z.string().nullable(),
  amountCents: z.number().int().nullable(),
  reviewStatus: z.enum(REVIEW_STATUSES),
});

/** `GET /reviews/pharmacists`: who may be named as having carried out a step. */
export const StepPharmacistList = z.object({
  items: z.array(z.object({ id: Id, displayName: z.string() })),
});

export const Proposal = z.object({
  id: Id,
  problemId: Id,
  reviewId: Id,
  residentId: Id,
  patientId: Id,
  patientName: z.string(),
  careHomeName: z.string(),
  kind: z.enum(PROPOSAL_KINDS),
  prescriptionLineId: Id.nullable(),
  currentProductLabel: z.string().nullable(),
  /** The prescription line's doses (units per administration time) the change starts from; null for an addition. */
  currentDoses: z.record(z.string(), z.number()).nullable(),
  change: z.record(z.string(), z.unknown()),
  newProductLabel: z.string().nullable(),
  problemCode: z.enum(PROBLEM_CODES),
  interventionCode: z.enum(INTERVENTION_CODES),
  description: z.string(),
  gpAnswerDate: z.string().nullable(),
  status: z.enum(PROPOSAL_STATUSES),
  appliedLineId: Id.nullable(),
  dismissReason: z.string().nullable(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
});
export const ProposalList = z.object({ items: z.array(Proposal) });
export const Problem = z.object({
  id: Id,
  reviewId: Id,
  problemCode: z.enum(PROBLEM_CODES),
  interventionCode: z.enum(INTERVENTION_CODES),
  drugs: z.array(z.object({ cip13: z.string(), label: z.string() })),
  description: z.string(),
  prescriptionLineId: Id.nullable(),
  change: z.record(z.string(), z.unknown()).nullable(),
  gpAnswer: z.enum(GP_ANSWERS),
  gpAnswerDate: z.string().nullable(),
  gpComment: z.string().nullable(),
  createdAt: z.string(),
  proposal: z.object({ id: Id, kind: z.enum(PROPOSAL_KINDS), status: z.enum(PROPOSAL_STATUSES) }).nullable(),
});

export const ReviewDetail = ReviewSummary.extend({
  pharmacyId: Id,
  patient: Patient,
  plan: z.array(
    z.object({
      seq: z.number().int(),
      kind: z.enum(STEP_KINDS),
      ordinal: z.number().int(),
      done: z.boolean(),
      dueDate: z.string().nullable(),
    }),
  ),
  steps: z.array(Step),
  problems: z.array(Problem),
  feesCents: z.number().int(),
  /** The patient's consent is on record (a following year: the first year's): problems may be recorded. */
  consentRecorded: z.boolean(),
  /** The analysis was sent to the GP (or the year's plan has none): the GP's answers may be recorded. */
  analysisSent: z.boolean(),
  /** Today in Paris: steps and answers cannot be dated after it. */
  today: z.string(),
});
export const ReviewList = z.object({ items: z.array(ReviewSummary) });

const WorkItem = z.object({
  reviewId: Id,
  patientId: Id,
  patientName: z.string(),
  kind: z.enum(STEP_KINDS),
  dueDate: z.string(),
  followUpYear: z.number().int(),
});
export const Worklist = z.object({
  day: z.string(),
  eligible: z.array(
    z.object({
      patientId: Id,
      patientName: z.string(),
      rule: z.enum(ELIGIBILITY_RULE_IDS),
      careHomeName: z.string().nullable(),
      lastReviewYear: z.number().int().nullable(),
    }),
  ),
  due: z.array(WorkItem),
  overdue: z.array(WorkItem),
});

export const FeeReport = z.object({
  year: z.number().int(),
  pharmacyId: Id,
  pharmacyName: z.string(),
  acts: z.array(z.object({ actCode: z.string(), count: z.number().int(), amountCents: z.number().int() })),
  lines: z.array(
    z.object({
      stepId: Id,
      date: z.string(),
      reviewId: Id,
      followUpYear: z.number().int(),
      patientName: z.string(),
      kind: z.enum(STEP_KINDS),
      remote: z.boolean(),
      actCode: z.string(),
      amountCents: z.number().int(),
    }),
  ),
  totalCents: z.number().int(),
});

export const FeeScheduleSchema = z.object({
  id: Id,
  validFrom: z.string(),
  label: z.string(),
  acts: z.array(
    z.object({
      track: z.enum(TRACKS),
      kind: z.enum(STEP_KINDS),
      ordinal: z.number().int(),
      actCode: z.string(),
      amountCents: z.number().int(),
    }),
  ),
  createdAt: z.string(),
});
export const FeeScheduleList = z.object({ items: z.array(FeeScheduleSchema) });
