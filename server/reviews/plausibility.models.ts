/**
 * Plausibility of the dates a pharmacist types for patients and reviews (SPEC §3, §7): birth
 * dates, prescription dates, a review's start and a GP's answer. Pure (no clock: `today` is the
 * Paris day, `YYYY-MM-DD`); each failure is a `reviews.<code>` with the values the UI shows.
 */

/** No patient followed today was born before 1900. */
export const BIRTH_EARLIEST = '1900-01-01';

/**
 * The bilan partagé de médication was created by the pharmacists' convention in 2017 and first
 * paid in 2018: no review, of any year of follow-up, starts before 1 January 2018.
 */
export const REVIEW_EARLIEST = '2018-01-01';

export type DateProblem = { code: string; details: Record<string, string> };

/** A birth date: not in the future, not before 1900. */
export function checkBirthDate(birthDate: string, today: string): DateProblem | null {
  if (birthDate > today) return { code: 'birth_date_in_future', details: { birthDate, today } };
  if (birthDate < BIRTH_EARLIEST)
    return { code: 'birth_date_too_early', details: { birthDate, earliest: BIRTH_EARLIEST } };
  return null;
}

/**
 * A prescription date (a medication line's start, the GP's prescription of a review): not in
 * the future (the list records what the patient takes), not before the patient's birth (nor
 * 1900 when the birth date is unknown). `field` names the input in the details.
 */
export function checkPrescriptionDate(
  date: string,
  birthDate: string | null,
  today: string,
  field: string,
): DateProblem | null {
  if (date > today) return { code: 'prescription_in_future', details: { field, date, today } };
  const earliest = birthDate ?? BIRTH_EARLIEST;
  if (date < earliest) return { code: 'prescription_before_birth', details: { field, date, birthDate: earliest } };
  return null;
}

/**
 * A birth date changed on a patient who already has dated records: it may not come after the
 * earliest of them (a medication line or a review starting before the patient was born).
 */
export function checkBirthBeforeRecords(birthDate: string, earliestRecord: string | null): DateProblem | null {
  if (earliestRecord != null && birthDate > earliestRecord)
    return { code: 'birth_after_records', details: { birthDate, earliestRecord } };
  return null;
}

/**
 * A review's start: not in the future, not before 2018 (REVIEW_EARLIEST), not before the
 * patient's birth (the birth date may be unknown for a following year).
 */
export function checkReviewStart(startedOn: string, birthDate: string | null, today: string): DateProblem | null {
  if (startedOn > today) return { code: 'date_in_future', details: { date: startedOn, today } };
  if (startedOn < REVIEW_EARLIEST)
    return { code: 'start_too_early', details: { startedOn, earliest: REVIEW_EARLIEST } };
  if (birthDate != null && startedOn < birthDate)
    return { code: 'start_before_birth', details: { startedOn, birthDate } };
  return null;
}

/**
 * The GP answers the analysis sent to them: the answer is dated on or after the analysis step
 * (`analysisDate`), or, when the course has no analysis recorded, on or after the review's start.
 */
export function checkAnswerDate(
  date: string,
  today: string,
  analysisDate: string | null,
  startedOn: string,
): DateProblem | null {
  if (date > today) return { code: 'date_in_future', details: { date, today } };
  if (analysisDate != null && date < analysisDate)
    return { code: 'answer_before_analysis', details: { date, analysisDate } };
  if (date < startedOn) return { code: 'answer_before_start', details: { date, startedOn } };
  return null;
}

/**
 * Whether a patient who died on `deceasedOn` (a resident marked deceased; null: alive) is dead on
 * `day`: from the day of death on, nothing is due for them (no eligibility, no worklist entry),
 * while an act dated that very day may still be recorded (`checkNotAfterDeath`).
 */
export function diedBy(deceasedOn: string | null, day: string): boolean {
  return deceasedOn != null && deceasedOn <= day;
}

/**
 * A review's start, step, problem or GP answer of a patient who died (a resident marked deceased on `deceasedOn`):
 * nothing is dated after the day of death. Returns null when the patient is alive.
 */
export function checkNotAfterDeath(date: string, deceasedOn: string | null): DateProblem | null {
  if (deceasedOn != null && date > deceasedOn) return { code: 'patient_deceased', details: { date, deceasedOn } };
  return null;
}
