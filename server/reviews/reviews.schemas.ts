// Shared by the server (validation, OpenAPI) and the web forms: import nothing here but zod, the
// shared schemas and pure models (no drizzle). Custom messages are keys of the web catalogues.
import { z } from 'zod';
import { isValidCip13 } from '../catalogue/catalogue.models';
import { CalendarDate, FreeText, Id, IdParam, IdParams } from '../shared/schemas';
import { GP_ANSWERS, INTERVENTION_CODES, PROBLEM_CODES, PROPOSAL_KINDS, PROPOSAL_STATUSES } from './act-ip.models';
import { ELIGIBILITY_RULE_IDS } from './eligibility.models';
import { REVIEW_STATUSES, STEP_KINDS, TRACKS } from './reviews.models';

export { IdParams };

export const Cip13 = z
  .string()
  .regex(/^\d{13}$/, 'validation.cip13')
  .refine(isValidCip13, 'validation.cip13')
  .meta({ example: '3400930000001' });

const Name = FreeText({ max: 80 });
const GpName = FreeText({ max: 120 });
const GpContact = FreeText({ max: 200 });

// ---- patients ----------------------------------------------------------------------------

/**
 * A community patient (names required, birth date `null` when unknown) or a care-home resident
 * (`residentId`: names and birth date are the resident's; if sent they must match).
 */
export const PatientBody = z
  .strictObject({
    lastName: Name.optional(),
    firstName: Name.optional(),
    birthDate: CalendarDate.nullable().optional(),
    gpName: GpName.optional(),
    gpContact: GpContact.optional(),
    gpPrescriptionDate: CalendarDate.optional(),
    residentId: Id.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.residentId != null) return;
    if (v.lastName === undefined) ctx.addIssue({ code: 'custom', path: ['lastName'], message: 'validation.required' });
    if (v.firstName === undefined)
      ctx.addIssue({ code: 'custom', path: ['firstName'], message: 'validation.required' });
    if (v.birthDate === undefined)
      ctx.addIssue({ code: 'custom', path: ['birthDate'], message: 'validation.required' });
  });
export type PatientInput = z.output<typeof PatientBody>;

export const PatientPatchBody = z.strictObject({
  lastName: Name.optional(),
  firstName: Name.optional(),
  birthDate: CalendarDate.nullable().optional(),
  gpName: GpName.nullable().optional(),
  gpContact: GpContact.nullable().optional(),
  gpPrescriptionDate: CalendarDate.nullable().optional(),
});
export type PatientPatch = z.output<typeof PatientPatchBody>;

export const MedicationBody = z
  .strictObject({
    cip13: Cip13,
    startDate: CalendarDate,
    endDate: CalendarDate.nullable().optional(),
    prescriber: FreeText({ max: 120 }).optional(),
  })
  .refine((v) => v.endDate == null || v.endDate >= v.startDate, {
    path: ['endDate'],
    message: 'validation.reviews.endBeforeStart',
  });
export type MedicationInput = z.output<typeof MedicationBody>;

export const PatientsQuery = z.strictObject({
  q: FreeText({ max: 80 }).optional(),
  residents: z.enum(['only', 'none']).optional(),
});

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

// ---- reviews ------------------------------------------------------------------------------

export const ReviewBody = z.strictObject({
  patientId: Id,
  /** Default: the year after the last review (1 for a new patient). */
  followUpYear: z.number().int().min(1).max(50).optional(),
  /** Following years: did the treatment change since last year (updated analysis, advice, follow-up)? */
  treatmentChanged: z.boolean().optional(),
  startedOn: CalendarDate.optional(),
});
export type ReviewInput = z.output<typeof ReviewBody>;

export const ReviewsQuery = z.strictObject({
  status: z.enum(REVIEW_STATUSES).optional(),
  patientId: IdParam.optional(),
});

export const StepBody = z.strictObject({
  kind: z.enum(STEP_KINDS),
  date: CalendarDate,
  remote: z.boolean(),
  notes: FreeText({ min: 0, max: 4000, multiline: true }).optional(),
});
export type StepInput = z.output<typeof StepBody>;

const Weekday = z.number().int().min(1, 'validation.reviews.weekday').max(7, 'validation.reviews.weekday');
/** The PDA schedule of a new line, as the orders domain takes it. */
export const ChangeSchedule = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('daily') }),
  z.strictObject({ kind: z.literal('weekdays'), weekdays: z.array(Weekday).min(1) }),
  z.strictObject({ kind: z.literal('every_n_days'), n: z.number().int().min(2).max(366), from: CalendarDate }),
]);
/** What the new PDA line would be: product, doses in units (quarters allowed) per administration time, schedule. */
export const PrescriptionChange = z.strictObject({
  cip13: Cip13.optional(),
  doses: z
    .record(
      z.string().trim().min(1).max(20),
      z
        .number()
        .positive()
        .max(10)
        .refine((n) => Number.isInteger(n * 4), 'validation.reviews.doseQuarter'),
    )
    .refine((d) => Object.keys(d).length > 0, 'validation.reviews.doseRequired')
    .optional(),
  schedule: ChangeSchedule.optional(),
});
export type PrescriptionChangeInput = z.output<typeof PrescriptionChange>;

export const ProblemBody = z.strictObject({
  problemCode: z.enum(PROBLEM_CODES, { message: 'validation.reviews.problemCode' }),
  interventionCode: z.enum(INTERVENTION_CODES, { message: 'validation.reviews.interventionCode' }),
  drugs: z.array(Cip13).min(1, 'validation.reviews.drugsRequired').max(10),
  description: FreeText({ max: 2000, multiline: true }),
  /** A resident's PDA line the intervention is about (stop, substitute, dose, schedule). */
  prescriptionLineId: Id.optional(),
  change: PrescriptionChange.optional(),
});
export type ProblemInput = z.output<typeof ProblemBody>;

export const AnswerBody = z.strictObject({
  answer: z.enum(['accepted', 'refused', 'no_answer']),
  date: CalendarDate,
  comment: FreeText({ max: 1000, multiline: true }).optional(),
});
export type AnswerInput = z.output<typeof AnswerBody>;

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
export const ProposalsQuery = z.strictObject({ status: z.enum(PROPOSAL_STATUSES).optional() });
export const DismissBody = z.strictObject({ reason: FreeText({ max: 500 }).optional() });

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
  /** Today in Paris: steps and answers cannot be dated after it. */
  today: z.string(),
});
export const ReviewList = z.object({ items: z.array(ReviewSummary) });

// ---- worklist, fees ----------------------------------------------------------------------

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

export const FeesQuery = z.strictObject({
  year: z
    .string()
    .regex(/^(19|20)\d\d$/, 'validation.reviews.year')
    .transform(Number),
  format: z.enum(['json', 'csv']).default('json'),
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

const FeeActSchema = z.strictObject({
  track: z.enum(TRACKS),
  kind: z.enum(STEP_KINDS),
  ordinal: z.number().int().min(1).max(5),
  actCode: z
    .string()
    .trim()
    .regex(/^[A-Z0-9][A-Z0-9-]{0,19}$/, 'validation.reviews.actCode'),
  amountCents: z.number().int().min(0).max(1_000_000),
});
export const FeeScheduleBody = z.strictObject({
  validFrom: CalendarDate,
  label: FreeText({ max: 200 }),
  acts: z.array(FeeActSchema).min(1).max(30),
});
export type FeeScheduleInput = z.output<typeof FeeScheduleBody>;
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
