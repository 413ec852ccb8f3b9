/**
 * What the patients, reviews and problems use cases share: who the staff member works for, the
 * patient's medication lines with their catalogue facts, eligibility, and review summaries.
 */
import type { Ctx } from '../http/context';
import { type Action, authorize } from '../http/policy';
import { addCalendarDays, parisDate } from '../shared/dates';
import { forbidden } from '../shared/errors';
import { BirthDateMissing, evaluateEligibility } from './eligibility.models';
import {
  listMedicationRows,
  listMedicationRowsOf,
  type MedicationRow,
  type PatientRow,
  substancesByCis,
} from './patients.repository';
import { diedBy } from './plausibility.models';
import { analysisSent, consentRecorded, type DoneStep, dueState, nextDue } from './reviews.models';
import { listReviews, listSteps, type ReviewRow } from './reviews.repository';

export type Staff = { pharmacyId: number; userId: number; role: 'pharmacist' | 'technician' };

/**
 * The pharmacy a staff member works for (SPEC §2). The role comes first: a role that may not do
 * the action at all (admin, treasurer, care home: no patient data) gets 403 `auth.forbidden`,
 * on a list as on a single resource, since that answer does not depend on the id. Then the
 * scope: the use case looks the resource up in this pharmacy only, so another pharmacy's staff
 * get its 404 (`notFound`, also thrown here for a staff account without a pharmacy).
 */
export function reviewStaff(ctx: Ctx, action: Action, notFound?: () => Error): Staff {
  const a = ctx.actor;
  authorize(a, action);
  if (a.kind !== 'user' || a.pharmacyId == null || (a.role !== 'pharmacist' && a.role !== 'technician')) {
    if (notFound) throw notFound();
    throw forbidden('auth.forbidden', 'Only pharmacy staff follow patients');
  }
  return { pharmacyId: a.pharmacyId, userId: a.userId, role: a.role };
}

/** Today in Paris, `YYYY-MM-DD`. */
export const todayOf = (ctx: Pick<Ctx, 'clock'>) => parisDate(ctx.clock.now());

/**
 * The last day a step counts as « à faire » from `day`: the coming seven days (a rolling week, not
 * the ISO week, which left a Saturday's list empty of Monday's steps).
 */
export const dueHorizonOf = (day: string) => addCalendarDays(day, 6);

export type MedicationView = {
  source: 'pda' | 'other';
  id: number;
  cip13: string;
  productLabel: string;
  startDate: string;
  endDate: string | null;
  prescriber: string | null;
  dosage: string | null;
  active: boolean;
  reimbursed: boolean;
  reimbursementRatePct: number | null;
  substances: { code: string; name: string }[];
};

/**
 * The patient's medication lines with what the catalogue says: reimbursed when the BDPM gives the
 * presentation a reimbursement rate above 0 % (CIS_CIP "taux de remboursement"; an empty rate is
 * a presentation not on the list of reimbursable drugs), and its active substances.
 */
export function loadMedications(ctx: Pick<Ctx, 'db'>, patient: PatientRow, day: string): MedicationView[] {
  const rows = listMedicationRows(ctx.db, patient.id, patient.residentId);
  const substances = substancesByCis(
    ctx.db,
    rows.map((r) => r.cis),
  );
  return rows.map((r) => medicationView(r, substances, day));
}

/**
 * `loadMedications` of several patients, by patient id (every patient given has an entry): two
 * statements for the whole list, the lines of all patients and the substances of all their CIS.
 */
export function loadMedicationsOf(
  ctx: Pick<Ctx, 'db'>,
  patients: readonly PatientRow[],
  day: string,
): Map<number, MedicationView[]> {
  const rowsOf = listMedicationRowsOf(ctx.db, patients);
  const substances = substancesByCis(
    ctx.db,
    [...rowsOf.values()].flatMap((rows) => rows.map((r) => r.cis)),
  );
  return new Map(patients.map((p) => [p.id, (rowsOf.get(p.id) ?? []).map((r) => medicationView(r, substances, day))]));
}

function medicationView(
  r: MedicationRow,
  substances: Map<string, { code: string; name: string }[]>,
  day: string,
): MedicationView {
  return {
    source: r.source,
    id: r.id,
    cip13: r.cip13,
    productLabel: r.productLabel,
    startDate: r.startDate,
    endDate: r.endDate,
    prescriber: r.prescriber,
    dosage: r.dosage,
    active: r.startDate <= day && (r.endDate == null || r.endDate >= day),
    reimbursed: (r.reimbursementRatePct ?? 0) > 0,
    reimbursementRatePct: r.reimbursementRatePct,
    substances: substances.get(r.cis) ?? [],
  };
}

export type EligibilityView = ReturnType<typeof evaluateEligibility> & {
  day: string;
  error?: string;
  deceasedOn?: string;
};

/**
 * Eligibility on `day`; without a birth date, not eligible with the error code instead of reasons.
 * A patient who died on or before `day` (`diedBy`) is never eligible: `deceasedOn` says why, the
 * reasons stay for the record. The one rule the patients list, patient page and worklist share.
 */
export function eligibilityFor(patient: PatientRow, meds: MedicationView[], day: string): EligibilityView {
  const e = evaluateOn(patient, meds, day);
  if (!diedBy(patient.deceasedOn, day)) return e;
  return { ...e, eligible: false, rule: null, deceasedOn: patient.deceasedOn as string };
}

function evaluateOn(patient: PatientRow, meds: MedicationView[], day: string): EligibilityView {
  try {
    return {
      ...evaluateEligibility({
        day,
        birthDate: patient.birthDate,
        lines: meds,
        gpPrescriptionDate: patient.gpPrescriptionDate,
      }),
      day,
    };
  } catch (e) {
    if (e instanceof BirthDateMissing) return { eligible: false, rule: null, reasons: [], error: e.code, day };
    throw e;
  }
}

/** Reviews with their next step, its due date and whether it is overdue or due this week. */
export function summarizeReviews(ctx: Pick<Ctx, 'db'>, reviews: ReviewRow[], today: string) {
  const steps = listSteps(
    ctx.db,
    reviews.map((r) => r.id),
  );
  const stepsOf = new Map<number, typeof steps>();
  for (const s of steps) {
    const list = stepsOf.get(s.reviewId);
    if (list) list.push(s);
    else stepsOf.set(s.reviewId, [s]);
  }
  const horizon = dueHorizonOf(today);
  return reviews.map((r) => {
    const done = stepsOf.get(r.id) ?? [];
    const next = r.status === 'open' ? nextDue(r.track, r.startedOn, done) : null;
    return {
      ...r,
      steps: done,
      next: next && {
        kind: next.kind,
        seq: next.seq,
        dueDate: next.dueDate,
        state: dueState(next.dueDate, today, horizon),
      },
    };
  });
}

/**
 * What a review's recorded steps allow (SPEC §7): problems once the consent is on record (a
 * following year relies on the first year's: the patient's first-year review that was not
 * cancelled), GP answers once the analysis was sent (`consentRecorded`, `analysisSent`).
 */
export function reviewGates(ctx: Pick<Ctx, 'db'>, review: ReviewRow, steps: readonly DoneStep[]) {
  let firstYear: DoneStep[] = [];
  if (review.track !== 'first') {
    const first = listReviews(ctx.db, review.pharmacyId, { patientId: review.patientId }).find(
      (r) => r.followUpYear === 1 && r.status !== 'cancelled',
    );
    if (first) firstYear = listSteps(ctx.db, [first.id]);
  }
  return {
    consentRecorded: consentRecorded(review.track, steps, firstYear),
    analysisSent: analysisSent(review.track, steps),
  };
}

export { nextYearFrom } from './reviews.models';
