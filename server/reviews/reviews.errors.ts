import { conflict, forbidden, notFound, unprocessable } from '../shared/errors';
import type { DateProblem } from './plausibility.models';

const STEP_MESSAGES: Record<string, string> = {
  review_completed: 'Every step of this review is done',
  step_in_future: 'A step cannot be dated in the future',
  step_before_start: 'A step cannot be dated before the review started',
  step_after_year_end: 'A step must be dated within its year of follow-up: the next year has started',
  follow_up_same_day: 'The adherence follow-up comes after the interview before it, not the same day',
};

const DATE_MESSAGES: Record<string, string> = {
  birth_date_in_future: 'A birth date cannot be in the future',
  birth_date_too_early: 'A birth date cannot be before 1900',
  birth_after_records: 'The birth date comes after a medication line or a review of the patient',
  prescription_in_future: 'A prescription date cannot be in the future',
  prescription_before_birth: 'A prescription date cannot be before the patient was born',
  date_in_future: 'The date is after today',
  start_too_early: 'A medication review cannot start before 2018',
  start_before_birth: 'A review cannot start before the patient was born',
  answer_before_analysis: "The GP's answer cannot be dated before the analysis it answers",
  answer_before_start: "The GP's answer cannot be dated before the review started",
  patient_deceased: 'The patient died before this date',
};

/** Errors of patients, medication reviews and prescription proposals; details carry the UI's values. */
export const reviewErrors = {
  patientNotFound: () => notFound('patients.not_found', 'Patient not found'),
  residentNotFound: () => notFound('patients.resident_not_found', 'Resident not found'),
  residentAlreadyPatient: (patientId: number) =>
    conflict('patients.resident_already_patient', 'This resident is already a patient', [{ patientId }]),
  identityFromResident: (field: string) =>
    unprocessable(
      'patients.identity_from_resident',
      "A resident's name and birth date are the resident's own: change them on the resident",
      [{ field }],
    ),
  patientDuplicate: (p: { id: number; lastName: string; firstName: string; birthDate: string | null }) =>
    conflict(
      'patients.duplicate',
      `${p.lastName} ${p.firstName} is already a patient (patient ${p.id}): open that patient, or confirm a different person (allowDuplicate)`,
      [{ patientId: p.id, lastName: p.lastName, firstName: p.firstName, birthDate: p.birthDate ?? '' }],
    ),
  namesRequired: () =>
    unprocessable('patients.names_required', 'A community patient needs a last and a first name', [
      { field: 'lastName' },
    ]),
  unknownProduct: (cip13: string) =>
    unprocessable('reviews.unknown_product', `CIP13 ${cip13} is not in the catalogue`, [{ cip13 }]),
  medicationDuplicate: (cip13: string, startDate: string) =>
    conflict('reviews.medication_duplicate', 'This drug is already on the list for these dates', [
      { cip13, startDate },
    ]),
  medicationNotFound: () => notFound('reviews.medication_not_found', 'Medication line not found'),
  medicationEndBeforeStart: (endDate: string, startDate: string) =>
    unprocessable('reviews.medication_end_before_start', 'A medication line cannot end before it starts', [
      { endDate, startDate },
    ]),
  medicationEnded: (endDate: string) =>
    conflict('reviews.medication_ended', `This medication line already ends on ${endDate}`, [{ endDate }]),
  unknownAdministrationTime: (name: string, known: string[]) =>
    unprocessable(
      'reviews.unknown_administration_time',
      `The care home has no administration time "${name}" (it has ${known.join(', ')})`,
      [{ name, known: known.join(', ') }],
    ),
  duplicateDrugs: (cip13: string) =>
    unprocessable('reviews.duplicate_drugs', 'A drug is named twice in this problem', [{ cip13 }]),
  drugAlreadyPrescribed: (cip13: string, prescriptionLineId: number) =>
    conflict('reviews.drug_already_prescribed', "This drug is already on the resident's PDA prescriptions", [
      { cip13, prescriptionLineId },
    ]),
  birthDateMissing: () =>
    unprocessable('reviews.birth_date_missing', 'The patient has no birth date: eligibility cannot be computed'),
  notEligible: (day: string, reasons: unknown[]) =>
    unprocessable('reviews.not_eligible', `The patient is not eligible for a medication review on ${day}`, reasons),
  reviewNotFound: () => notFound('reviews.not_found', 'Review not found'),
  openReviewExists: (reviewId: number) =>
    conflict('reviews.open_review_exists', 'The patient already has a review in progress', [{ reviewId }]),
  yearExists: (followUpYear: number, reviewId: number) =>
    conflict('reviews.year_exists', `Year ${followUpYear} of follow-up already has its review`, [
      { followUpYear, reviewId },
    ]),
  yearSkipped: (followUpYear: number, next: number) =>
    unprocessable('reviews.year_skipped', `The next year of follow-up is ${next}`, [{ followUpYear, next }]),
  yearNotOver: (nextFrom: string) =>
    conflict('reviews.year_not_over', `The next year of follow-up starts on ${nextFrom}`, [{ nextFrom }]),
  /** An implausible date (plausibility.models.ts): 422 `reviews.<code>` with its values. */
  implausibleDate: (p: DateProblem) =>
    unprocessable(`reviews.${p.code}`, DATE_MESSAGES[p.code] ?? 'Implausible date', [p.details]),
  dateInFuture: (date: string, today: string) =>
    unprocessable('reviews.date_in_future', `${date} is after today`, [{ date, today }]),
  step: (code: string, details: Record<string, string | number>) => {
    const status = code === 'step_out_of_order' || code === 'review_completed' ? 409 : 422;
    const message =
      code === 'step_out_of_order'
        ? `The next step is ${details.expected}`
        : (STEP_MESSAGES[code] ?? 'A step cannot be dated before the previous one');
    return status === 422
      ? unprocessable(`reviews.${code}`, message, [details])
      : conflict(`reviews.${code}`, message, [details]);
  },
  pharmacistRequired: () =>
    unprocessable(
      'reviews.pharmacist_required',
      'A technician recording a step names the pharmacist who carried it out (pharmacistId)',
    ),
  notAPharmacist: (pharmacistId: number) =>
    unprocessable('reviews.not_a_pharmacist', `User ${pharmacistId} is not an active pharmacist of this pharmacy`, [
      { pharmacistId },
    ]),
  closePharmacistOnly: () =>
    forbidden('reviews.close_pharmacist_only', 'Only a pharmacist may record the step that closes a review'),
  reviewCompleted: () => conflict('reviews.review_completed', 'This review is completed'),
  reviewCancelled: () => conflict('reviews.review_cancelled', 'This review was cancelled'),
  reviewBilled: (actCode: string, date: string) =>
    conflict('reviews.review_billed', 'An act of this review is already billed: it cannot be cancelled', [
      { actCode, date },
    ]),
  reviewInterrupted: (interruptedOn: string) =>
    conflict('reviews.interrupted', `This review was interrupted on ${interruptedOn}`, [{ interruptedOn }]),
  interruptDate: (code: string, details: Record<string, string>) =>
    unprocessable(
      `reviews.${code}`,
      code === 'interrupt_in_future'
        ? 'An interruption cannot be dated in the future'
        : 'An interruption cannot be dated before the start of the review nor before its last step',
      [details],
    ),
  interruptPharmacistOnly: () =>
    forbidden('reviews.interrupt_pharmacist_only', 'Only a pharmacist may interrupt a review'),
  cancelPharmacistOnly: () => forbidden('reviews.cancel_pharmacist_only', 'Only a pharmacist may cancel a review'),
  consentRequired: () =>
    conflict(
      'reviews.consent_required',
      "Record the patient's consent (adhésion) before the drug-related problems of the analysis",
    ),
  analysisNotSent: () =>
    conflict('reviews.analysis_not_sent', "Record the analysis sent to the GP before the GP's answer"),
  problemNotFound: () => notFound('reviews.problem_not_found', 'Problem not found'),
  prescriptionNotOfPatient: (prescriptionLineId: number) =>
    unprocessable('reviews.prescription_not_of_patient', "This prescription line is not the resident's", [
      { prescriptionLineId },
    ]),
  lineNotOfDrugs: (prescriptionLineId: number, cip13: string, drugs: string[]) =>
    unprocessable('reviews.line_not_of_drugs', 'This PDA line is for a drug the problem does not name', [
      { prescriptionLineId, cip13, drugs: drugs.join(', ') },
    ]),
  prescriptionOnlyForResidents: () =>
    unprocessable('reviews.prescription_only_for_residents', 'Only a care-home resident has PDA prescriptions'),
  proposalDetails: (kind: string, missing: string) =>
    unprocessable('reviews.proposal_details_required', `A "${kind}" change needs ${missing}`, [{ kind, missing }]),
  doseNotDivisible: (cip13: string, form: string, rule: string, times: string[]) =>
    unprocessable(
      'reviews.dose_not_divisible',
      `A ${form} cannot be given as a fraction of a unit (${times.join(', ')})`,
      [{ cip13, form, rule, times }],
    ),
  changeChangesNothing: (kind: string, prescriptionLineId: number) =>
    unprocessable(
      'reviews.change_changes_nothing',
      'The proposed change leaves the PDA line as it is (same product, doses and schedule)',
      [{ kind, prescriptionLineId }],
    ),
  correctPharmacistOnly: () =>
    forbidden('reviews.correct_pharmacist_only', "Only a pharmacist may correct the GP's recorded answer"),
  answerDecided: (proposalId: number, status: string) =>
    conflict('reviews.answer_decided', `The change this answer proposed was ${status}: record a new problem instead`, [
      { proposalId, status },
    ]),
  notAnswered: () =>
    conflict('reviews.not_answered', 'The GP has not answered yet: there is no answer to correct, record it'),
  alreadyAnswered: (answer: string) =>
    conflict('reviews.already_answered', `The GP already answered: ${answer}`, [{ answer }]),
  proposalNotFound: () => notFound('prescription_proposals.not_found', 'Proposal not found'),
  proposalDecided: (status: string) =>
    conflict('prescription_proposals.already_decided', `This proposal is already ${status}`, [{ status }]),
  proposalStale: (prescriptionLineId: number) =>
    conflict(
      'prescription_proposals.stale',
      'The prescription line changed since the proposal was made: review it again',
      [{ prescriptionLineId }],
    ),
  scheduleInPast: (validFrom: string, today: string) =>
    unprocessable('reviews.schedule_in_past', 'A fee schedule cannot start before today', [{ validFrom, today }]),
  scheduleExists: (validFrom: string) =>
    conflict('reviews.schedule_exists', `A fee schedule already starts on ${validFrom}`, [{ validFrom }]),
  scheduleInvalid: (problems: string[]) =>
    unprocessable(
      'reviews.schedule_invalid',
      'Some acts do not match a step of their course, or an act of the schedule in force is missing',
      problems.map((p) => ({ problem: p })),
    ),
};
