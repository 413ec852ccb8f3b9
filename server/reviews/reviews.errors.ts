import { conflict, forbidden, notFound, unprocessable } from '../shared/errors';

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
  namesRequired: () =>
    unprocessable('patients.names_required', 'A community patient needs a last and a first name', [
      { field: 'lastName' },
    ]),
  unknownProduct: (cip13: string) =>
    unprocessable('reviews.unknown_product', `CIP13 ${cip13} is not in the catalogue`, [{ cip13 }]),
  birthDateMissing: () =>
    unprocessable('reviews.birth_date_missing', 'The patient has no birth date: eligibility cannot be computed'),
  notEligible: (reasons: unknown[]) =>
    unprocessable('reviews.not_eligible', 'The patient is not eligible for a medication review today', reasons),
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
  dateInFuture: (date: string, today: string) =>
    unprocessable('reviews.date_in_future', `${date} is after today`, [{ date, today }]),
  step: (code: string, details: Record<string, string | number>) => {
    const status =
      code === 'step_in_future' || code === 'step_before_previous' || code === 'step_before_start' ? 422 : 409;
    const message =
      code === 'step_out_of_order'
        ? `The next step is ${details.expected}`
        : code === 'review_completed'
          ? 'Every step of this review is done'
          : code === 'step_in_future'
            ? 'A step cannot be dated in the future'
            : code === 'step_before_start'
              ? 'A step cannot be dated before the review started'
              : 'A step cannot be dated before the previous one';
    return status === 422
      ? unprocessable(`reviews.${code}`, message, [details])
      : conflict(`reviews.${code}`, message, [details]);
  },
  closePharmacistOnly: () =>
    forbidden('reviews.close_pharmacist_only', 'Only a pharmacist may record the step that closes a review'),
  reviewCompleted: () => conflict('reviews.review_completed', 'This review is completed'),
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
      'Some acts do not match a step of their course',
      problems.map((p) => ({ problem: p })),
    ),
};
