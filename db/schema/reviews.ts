import { sql } from 'drizzle-orm';
import {
  type AnySQLiteColumn,
  check,
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core';
import {
  GP_ANSWERS,
  INTERVENTION_CODES,
  PROBLEM_CODES,
  PROPOSAL_KINDS,
  PROPOSAL_STATUSES,
} from '../../server/reviews/act-ip.models';
import { REVIEW_STATUSES, STEP_KINDS, TRACKS } from '../../server/reviews/reviews.models';
import { flag, id, instant } from '../columns';
import { cataloguePresentations } from './catalogue';
import { prescriptionLines, residents } from './orders';
import { pharmacies } from './organisation';
import { users } from './users';

const isDate = (column: AnySQLiteColumn) => sql`${column} GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'`;
const inList = (column: AnySQLiteColumn, values: readonly string[]) =>
  sql`${column} IN (${sql.raw(values.map((v) => `'${v}'`).join(', '))})`;

/**
 * A patient of one pharmacy, followed in medication reviews (SPEC §7). A care-home resident is
 * a patient of the serving pharmacy by a link (`residentId`), never a second copy of the person:
 * such a row holds no name nor birth date (the resident's are read). A community patient's birth
 * date may be unknown (eligibility then says so). `gpPrescriptionDate`: the day a GP prescribed
 * the review (rule of 2026).
 */
export const patients = sqliteTable(
  'patients',
  {
    id: id(),
    pharmacyId: integer('pharmacy_id')
      .notNull()
      .references(() => pharmacies.id),
    residentId: integer('resident_id').references(() => residents.id),
    lastName: text('last_name'),
    firstName: text('first_name'),
    birthDate: text('birth_date'),
    gpName: text('gp_name'),
    gpContact: text('gp_contact'),
    gpPrescriptionDate: text('gp_prescription_date'),
    createdAt: instant('created_at').notNull(),
    createdBy: integer('created_by').references(() => users.id),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('patients_resident_unique').on(t.residentId),
    index('patients_pharmacy_idx').on(t.pharmacyId, t.lastName, t.firstName),
    check(
      'patients_identity',
      sql`CASE WHEN ${t.residentId} IS NULL
        THEN length(${t.lastName}) > 0 AND length(${t.firstName}) > 0
        ELSE ${t.lastName} IS NULL AND ${t.firstName} IS NULL AND ${t.birthDate} IS NULL END`,
    ),
    check('patients_birth_date', sql`${t.birthDate} IS NULL OR ${isDate(t.birthDate)}`),
    check('patients_gp_prescription_date', sql`${t.gpPrescriptionDate} IS NULL OR ${isDate(t.gpPrescriptionDate)}`),
  ],
);

/**
 * A medication line that is not a PDA prescription (a community patient's treatment, or a
 * resident's drug outside the pouches). Never deleted: a line that stops gets its end date.
 */
export const patientMedications = sqliteTable(
  'patient_medications',
  {
    id: id(),
    patientId: integer('patient_id')
      .notNull()
      .references(() => patients.id),
    cip13: text('cip13')
      .notNull()
      .references(() => cataloguePresentations.cip13),
    startDate: text('start_date').notNull(),
    endDate: text('end_date'),
    prescriber: text('prescriber'),
    /** The posology as prescribed, in words (« 1 comprimé matin et soir »): a line entered at the pharmacy has no PDA doses. */
    dosage: text('dosage'),
    createdAt: instant('created_at').notNull(),
    createdBy: integer('created_by').references(() => users.id),
  },
  (t) => [
    index('patient_medications_patient_idx').on(t.patientId, t.startDate),
    check(
      'patient_medications_dates',
      sql`${isDate(t.startDate)} AND (${t.endDate} IS NULL OR ${t.endDate} >= ${t.startDate})`,
    ),
  ],
);

/** One year of follow-up of a patient: its course (first year, following with or without change). */
export const reviews = sqliteTable(
  'reviews',
  {
    id: id(),
    pharmacyId: integer('pharmacy_id')
      .notNull()
      .references(() => pharmacies.id),
    patientId: integer('patient_id')
      .notNull()
      .references(() => patients.id),
    followUpYear: integer('follow_up_year').notNull(),
    track: text('track', { enum: TRACKS }).notNull(),
    startedOn: text('started_on').notNull(),
    status: text('status', { enum: REVIEW_STATUSES }).notNull().default('open'),
    completedOn: text('completed_on'),
    /** A review started by mistake is cancelled (kept, never deleted), with who, when and why. */
    cancelledAt: instant('cancelled_at'),
    cancelledBy: integer('cancelled_by').references(() => users.id),
    cancelReason: text('cancel_reason'),
    /**
     * A review stopped for good after acts were billed (moved away, long hospital stay, refusal):
     * the day it stopped (Paris), why, and who recorded it when. Its billed acts stay billed.
     */
    interruptedOn: text('interrupted_on'),
    interruptReason: text('interrupt_reason'),
    interruptedAt: instant('interrupted_at'),
    interruptedBy: integer('interrupted_by').references(() => users.id),
    createdAt: instant('created_at').notNull(),
    createdBy: integer('created_by').references(() => users.id),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('reviews_patient_year_unique').on(t.patientId, t.followUpYear).where(sql`status <> 'cancelled'`),
    uniqueIndex('reviews_one_open_per_patient').on(t.patientId).where(sql`status = 'open'`),
    index('reviews_pharmacy_idx').on(t.pharmacyId, t.status),
    check('reviews_year', sql`${t.followUpYear} >= 1`),
    check('reviews_track_valid', inList(t.track, TRACKS)),
    check('reviews_track_year', sql`(${t.followUpYear} = 1) = (${t.track} = 'first')`),
    check('reviews_status_valid', inList(t.status, REVIEW_STATUSES)),
    check('reviews_started_on', isDate(t.startedOn)),
    check('reviews_completed', sql`(${t.status} = 'completed') = (${t.completedOn} IS NOT NULL)`),
    check(
      'reviews_cancelled',
      sql`(${t.status} = 'cancelled') = (${t.cancelledAt} IS NOT NULL AND ${t.cancelReason} IS NOT NULL)`,
    ),
    check(
      'reviews_interrupted',
      sql`(${t.status} = 'interrupted') = (${t.interruptedOn} IS NOT NULL AND ${t.interruptReason} IS NOT NULL)
        AND (${t.interruptedOn} IS NULL OR ${isDate(t.interruptedOn)})`,
    ),
  ],
);

/**
 * A step done: when, by whom, how (remote or in person), notes, and the act it bills with its
 * amount from the fee schedule in force that day (null: not billable).
 */
export const reviewSteps = sqliteTable(
  'review_steps',
  {
    id: id(),
    reviewId: integer('review_id')
      .notNull()
      .references(() => reviews.id),
    seq: integer('seq').notNull(),
    kind: text('kind', { enum: STEP_KINDS }).notNull(),
    ordinal: integer('ordinal').notNull(),
    date: text('date').notNull(),
    remote: flag('remote').notNull(),
    notes: text('notes').notNull().default(''),
    pharmacistId: integer('pharmacist_id')
      .notNull()
      .references(() => users.id),
    actCode: text('act_code'),
    amountCents: integer('amount_cents'),
    feeScheduleId: integer('fee_schedule_id').references(() => reviewFeeSchedules.id),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('review_steps_seq_unique').on(t.reviewId, t.seq),
    check('review_steps_kind_valid', inList(t.kind, STEP_KINDS)),
    check('review_steps_date', isDate(t.date)),
    check('review_steps_remote_bool', sql`${t.remote} IN (0, 1)`),
    check(
      'review_steps_act',
      sql`(${t.actCode} IS NULL) = (${t.amountCents} IS NULL)
        AND (${t.amountCents} IS NULL OR (typeof(${t.amountCents}) = 'integer' AND ${t.amountCents} >= 0))`,
    ),
  ],
);

/**
 * A drug-related problem found during the analysis (SFPC Act-IP), the drugs concerned, the
 * intervention proposed to the GP, and the GP's answer with its date. `prescriptionLineId`: for a
 * resident, the PDA line the intervention is about; `change`: what the new line would be
 * (`{ cip13?, doses?, schedule? }`), used when an accepted intervention becomes a proposal.
 */
export const reviewProblems = sqliteTable(
  'review_problems',
  {
    id: id(),
    reviewId: integer('review_id')
      .notNull()
      .references(() => reviews.id),
    problemCode: text('problem_code', { enum: PROBLEM_CODES }).notNull(),
    interventionCode: text('intervention_code', { enum: INTERVENTION_CODES }).notNull(),
    drugs: text('drugs', { mode: 'json' }).$type<{ cip13: string; label: string }[]>().notNull(),
    description: text('description').notNull(),
    prescriptionLineId: integer('prescription_line_id').references(() => prescriptionLines.id),
    change: text('change', { mode: 'json' }).$type<Record<string, unknown>>(),
    gpAnswer: text('gp_answer', { enum: GP_ANSWERS }).notNull().default('pending'),
    gpAnswerDate: text('gp_answer_date'),
    gpComment: text('gp_comment'),
    createdAt: instant('created_at').notNull(),
    createdBy: integer('created_by').references(() => users.id),
    answeredAt: instant('answered_at'),
    answeredBy: integer('answered_by').references(() => users.id),
  },
  (t) => [
    index('review_problems_review_idx').on(t.reviewId),
    check('review_problems_problem_valid', inList(t.problemCode, PROBLEM_CODES)),
    check('review_problems_intervention_valid', inList(t.interventionCode, INTERVENTION_CODES)),
    check('review_problems_drugs_json', sql`json_valid(${t.drugs}) AND json_array_length(${t.drugs}) >= 1`),
    check('review_problems_change_json', sql`${t.change} IS NULL OR json_valid(${t.change})`),
    check('review_problems_answer_valid', inList(t.gpAnswer, GP_ANSWERS)),
    check(
      'review_problems_answer_date',
      sql`(${t.gpAnswer} = 'pending') = (${t.gpAnswerDate} IS NULL) AND (${t.gpAnswerDate} IS NULL OR ${isDate(t.gpAnswerDate)})`,
    ),
  ],
);

/**
 * A PDA prescription change that an accepted intervention on a resident proposes to the serving
 * pharmacy; a pharmacist applies it (a new prescription version, `appliedLineId`) or dismisses it.
 */
export const prescriptionProposals = sqliteTable(
  'prescription_proposals',
  {
    id: id(),
    pharmacyId: integer('pharmacy_id')
      .notNull()
      .references(() => pharmacies.id),
    problemId: integer('problem_id')
      .notNull()
      .references(() => reviewProblems.id),
    residentId: integer('resident_id')
      .notNull()
      .references(() => residents.id),
    kind: text('kind', { enum: PROPOSAL_KINDS }).notNull(),
    prescriptionLineId: integer('prescription_line_id').references(() => prescriptionLines.id),
    change: text('change', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    status: text('status', { enum: PROPOSAL_STATUSES }).notNull().default('pending'),
    appliedLineId: integer('applied_line_id').references(() => prescriptionLines.id),
    dismissReason: text('dismiss_reason'),
    createdAt: instant('created_at').notNull(),
    decidedAt: instant('decided_at'),
    decidedBy: integer('decided_by').references(() => users.id),
  },
  (t) => [
    uniqueIndex('prescription_proposals_problem_unique').on(t.problemId),
    index('prescription_proposals_pharmacy_idx').on(t.pharmacyId, t.status),
    check('prescription_proposals_kind_valid', inList(t.kind, PROPOSAL_KINDS)),
    check('prescription_proposals_status_valid', inList(t.status, PROPOSAL_STATUSES)),
    check('prescription_proposals_change_json', sql`json_valid(${t.change})`),
    check('prescription_proposals_target', sql`(${t.kind} = 'add') = (${t.prescriptionLineId} IS NULL)`),
    check('prescription_proposals_decided', sql`(${t.status} = 'pending') = (${t.decidedAt} IS NULL)`),
  ],
);

/** A fee schedule of the review acts, in force from `validFrom` (Paris day) until the next one. */
export const reviewFeeSchedules = sqliteTable(
  'review_fee_schedules',
  {
    id: id(),
    validFrom: text('valid_from').notNull(),
    label: text('label').notNull(),
    createdAt: instant('created_at').notNull(),
    createdBy: integer('created_by').references(() => users.id),
  },
  (t) => [
    uniqueIndex('review_fee_schedules_valid_from_unique').on(t.validFrom),
    check('review_fee_schedules_date', isDate(t.validFrom)),
  ],
);

/** The acts of a schedule: which step of which course bills which code, for how many cents. */
export const reviewFeeActs = sqliteTable(
  'review_fee_acts',
  {
    scheduleId: integer('schedule_id')
      .notNull()
      .references(() => reviewFeeSchedules.id),
    track: text('track', { enum: TRACKS }).notNull(),
    kind: text('kind', { enum: STEP_KINDS }).notNull(),
    ordinal: integer('ordinal').notNull(),
    actCode: text('act_code').notNull(),
    amountCents: integer('amount_cents').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.scheduleId, t.track, t.kind, t.ordinal] }),
    check('review_fee_acts_track_valid', inList(t.track, TRACKS)),
    check('review_fee_acts_kind_valid', inList(t.kind, STEP_KINDS)),
    check('review_fee_acts_amount', sql`typeof(${t.amountCents}) = 'integer' AND ${t.amountCents} >= 0`),
    check('review_fee_acts_code', sql`length(${t.actCode}) BETWEEN 1 AND 20`),
  ],
);
