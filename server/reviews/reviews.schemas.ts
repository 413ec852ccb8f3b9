// Shared by the server (validation, OpenAPI) and the web forms: import nothing here but zod, the
// shared schemas and pure models (no drizzle). Custom messages are keys of the web catalogues.
import { z } from 'zod';
import { isValidCip13 } from '../catalogue/catalogue.models';
import { CalendarDate, FreeText, Id, IdParam, IdParams } from '../shared/schemas';
import { INTERVENTION_CODES, PROBLEM_CODES, PROPOSAL_STATUSES } from './act-ip.models';
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
    allowDuplicate: z
      .boolean()
      .optional()
      .describe('Create the patient although one of the pharmacy has the same name and birth date (namesakes)'),
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
    /** The posology in words, as the prescription says it (« 1 comprimé matin et soir »). */
    dosage: FreeText({ max: 200 }).optional(),
  })
  .refine((v) => v.endDate == null || v.endDate >= v.startDate, {
    path: ['endDate'],
    message: 'validation.reviews.endBeforeStart',
  });
export type MedicationInput = z.output<typeof MedicationBody>;

/** `POST /patients/:id/medications/:lineId/stop`: the last day the drug is taken (included). */
export const MedicationStopBody = z.strictObject({ endDate: CalendarDate });
export type MedicationStopInput = z.output<typeof MedicationStopBody>;
export const MedicationParams = z.strictObject({ id: IdParam, lineId: IdParam });

export const PatientsQuery = z.strictObject({
  q: FreeText({ max: 80 }).optional(),
  residents: z.enum(['only', 'none']).optional(),
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

/** Why a review started by mistake is cancelled (required: the history says why). */
export const CancelBody = z.strictObject({ reason: FreeText({ min: 3, max: 500 }) });
export type CancelInput = z.output<typeof CancelBody>;

/**
 * `POST /reviews/:id/interrupt`: the day the review stopped (Paris, not after today nor before its
 * last step) and why (moved away, long hospital stay, refusal…).
 */
export const InterruptBody = z.strictObject({ date: CalendarDate, reason: FreeText({ min: 3, max: 500 }) });
export type InterruptInput = z.output<typeof InterruptBody>;

export const StepBody = z.strictObject({
  kind: z.enum(STEP_KINDS),
  date: CalendarDate,
  remote: z.boolean(),
  notes: FreeText({ min: 0, max: 4000, multiline: true }).optional(),
  /**
   * The pharmacist of the pharmacy who carried the step out (`GET /reviews/pharmacists`): a
   * technician recording it must name one; a pharmacist is taken to have done it unless named.
   */
  pharmacistId: Id.optional(),
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
  /** Replaces an answer recorded by mistake (pharmacist; not once its proposal was applied or dismissed). */
  correction: z.boolean().optional(),
});
export type AnswerInput = z.output<typeof AnswerBody>;

export const ProposalsQuery = z.strictObject({ status: z.enum(PROPOSAL_STATUSES).optional() });
export const DismissBody = z.strictObject({ reason: FreeText({ max: 500 }).optional() });

// ---- worklist, fees ----------------------------------------------------------------------

export const FeesQuery = z.strictObject({
  /** Default: the current year in Paris. */
  year: z
    .string()
    .regex(/^(19|20)\d\d$/, 'validation.reviews.year')
    .transform(Number)
    .optional(),
  format: z.enum(['json', 'csv']).default('json'),
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
