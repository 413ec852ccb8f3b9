import { recordAudit } from '../audit/audit.usecases';
import type { Ctx } from '../http/context';
import { can } from '../http/policy';
import { listActivePharmacists } from '../users/users.repository';
import { findPatient, type PatientRow } from './patients.repository';
import { checkNotAfterDeath, checkReviewStart } from './plausibility.models';
import { listProblems } from './problems.repository';
import { reviewErrors } from './reviews.errors';
import {
  checkInterruptDate,
  checkNextStep,
  feeFor,
  planOf,
  type ReviewStatus,
  stepMeetsPatient,
  trackOf,
} from './reviews.models';
import {
  cancelReviewRow,
  completeReview,
  findReview,
  insertReview,
  insertStep,
  interruptReviewRow,
  listFeeSchedules,
  listReviews,
  listSteps,
  type ReviewRow,
  resolveAlerts,
} from './reviews.repository';
import type { CancelInput, InterruptInput, ReviewInput, StepInput } from './reviews.schemas';
import {
  eligibilityFor,
  loadMedications,
  nextYearFrom,
  reviewGates,
  reviewStaff,
  type Staff,
  summarizeReviews,
  todayOf,
} from './reviews.shared';

/** The alerts the review-reminders job raises about one review's next step (worklist.usecases.ts). */
const STEP_ALERTS = ['reviews.step_due', 'reviews.step_overdue'];

function reviewInPharmacy(ctx: Ctx, pharmacyId: number, id: number): ReviewRow {
  const review = findReview(ctx.db, pharmacyId, id);
  if (!review) throw reviewErrors.reviewNotFound();
  return review;
}

/** The pharmacy's reviews (in progress first) with their next step and its due date. Audited. */
export function listMyReviews({ ctx, query }: { ctx: Ctx; query: { status?: ReviewStatus; patientId?: number } }) {
  const { pharmacyId } = reviewStaff(ctx, 'reviews.read');
  const items = summarizeReviews(ctx, listReviews(ctx.db, pharmacyId, query), todayOf(ctx)).map(
    ({ steps: _, ...r }) => r,
  );
  recordAudit(ctx, { action: 'reviews.list', entity: 'review', details: { count: items.length } });
  return { items };
}

/** One review: the patient, the plan with due dates, steps done, problems and fees. Audited. */
export function getReview({ ctx, id }: { ctx: Ctx; id: number }) {
  const { pharmacyId } = reviewStaff(ctx, 'reviews.read', reviewErrors.reviewNotFound);
  const review = reviewInPharmacy(ctx, pharmacyId, id);
  recordAudit(ctx, { action: 'reviews.read', entity: 'review', entityId: id });
  return reviewDetail(ctx, review);
}

export function reviewDetail(ctx: Ctx, review: ReviewRow) {
  const [summary] = summarizeReviews(ctx, [review], todayOf(ctx));
  const { steps, ...rest } = summary as NonNullable<typeof summary>;
  const patient = findPatient(ctx.db, review.pharmacyId, review.patientId) as PatientRow;
  const plan = planOf(review.track).map((p, i) => {
    const done = steps[i];
    const dueDate = done ? null : i === steps.length ? (rest.next?.dueDate ?? null) : null;
    return { ...p, done: done != null, dueDate };
  });
  return {
    ...rest,
    pharmacyId: review.pharmacyId,
    patient,
    plan,
    steps: steps.map((s) => ({ ...s, reviewStatus: review.status })),
    problems: listProblems(ctx.db, review.pharmacyId, review.id),
    feesCents: steps.reduce((sum, s) => sum + (s.amountCents ?? 0), 0),
    ...reviewGates(ctx, review, steps),
    today: todayOf(ctx),
  };
}

/**
 * Starts a year of follow-up for a patient of the pharmacy: the first year needs the patient
 * eligible (SPEC §7) on the day it starts, `startedOn` (today unless backdated; 422
 * `reviews.not_eligible` with the reasons on that day, `reviews.birth_date_missing`);
 * one review per year of follow-up (409 `reviews.year_exists`), one in progress at a time (409),
 * the next year no sooner than 12 months after the previous one started (409 `reviews.year_not_over`).
 * The start is plausible (422 `reviews.start_too_early` before 2018, `reviews.start_before_birth`),
 * and not after the death of a resident marked deceased (422 `reviews.patient_deceased`).
 */
export function startReview({ ctx, input }: { ctx: Ctx; input: ReviewInput }) {
  const { pharmacyId, userId } = reviewStaff(ctx, 'reviews.prepare', reviewErrors.patientNotFound);
  const today = todayOf(ctx);
  const startedOn = input.startedOn ?? today;
  if (startedOn > today) throw reviewErrors.dateInFuture(startedOn, today);
  return ctx.db.transaction(
    () => {
      const patient = findPatient(ctx.db, pharmacyId, input.patientId);
      if (!patient) throw reviewErrors.patientNotFound();
      const implausible =
        checkReviewStart(startedOn, patient.birthDate, today) ?? checkNotAfterDeath(startedOn, patient.deceasedOn);
      if (implausible) throw reviewErrors.implausibleDate(implausible);
      // A cancelled review (started by mistake) does not count: its year of follow-up is free again.
      const previous = listReviews(ctx.db, pharmacyId, { patientId: patient.id }).filter(
        (r) => r.status !== 'cancelled',
      );
      const open = previous.find((r) => r.status === 'open');
      const last = previous.reduce<ReviewRow | null>((m, r) => (!m || r.followUpYear > m.followUpYear ? r : m), null);
      const next = (last?.followUpYear ?? 0) + 1;
      const year = input.followUpYear ?? next;
      const taken = previous.find((r) => r.followUpYear === year);
      if (taken) throw reviewErrors.yearExists(year, taken.id);
      if (open) throw reviewErrors.openReviewExists(open.id);
      if (year !== next) throw reviewErrors.yearSkipped(year, next);
      if (last && startedOn < nextYearFrom(last.startedOn))
        throw reviewErrors.yearNotOver(nextYearFrom(last.startedOn));
      if (year === 1) {
        // The death was checked against the start above: a review started before it may be entered late.
        // Eligible on the day the review starts, backdated or not: the lines started after it do not count.
        const e = eligibilityFor({ ...patient, deceasedOn: null }, loadMedications(ctx, patient, startedOn), startedOn);
        if (e.error) throw reviewErrors.birthDateMissing();
        if (!e.eligible) throw reviewErrors.notEligible(startedOn, e.reasons);
      }
      const id = insertReview(ctx.db, {
        pharmacyId,
        patientId: patient.id,
        followUpYear: year,
        track: trackOf(year, input.treatmentChanged ?? false),
        startedOn,
        createdAt: ctx.clock.now().toISOString(),
        createdBy: userId,
      });
      recordAudit(ctx, {
        action: 'reviews.start',
        entity: 'review',
        entityId: id,
        details: { patientId: patient.id, year },
      });
      return reviewDetail(ctx, reviewInPharmacy(ctx, pharmacyId, id));
    },
    { behavior: 'immediate' },
  );
}

/**
 * Who carried a step out: the pharmacist named (an active pharmacist of the pharmacy, else 422
 * `reviews.not_a_pharmacist`), else the pharmacist recording it; a technician records a step for
 * a pharmacist and names them (422 `reviews.pharmacist_required`). The interviews and the analysis
 * are the pharmacist's acts, billed as such (convention nationale pharmaciens, avenant 21, BPM;
 * SPEC §7: each step with its pharmacist); the GP report is signed by the analysis step's.
 */
function stepPharmacist(ctx: Ctx, staff: Staff, named: number | undefined): number {
  if (named === undefined) {
    if (staff.role !== 'pharmacist') throw reviewErrors.pharmacistRequired();
    return staff.userId;
  }
  if (!listActivePharmacists(ctx.db, staff.pharmacyId).some((p) => p.id === named))
    throw reviewErrors.notAPharmacist(named);
  return named;
}

/** The active pharmacists of my pharmacy, who carry out the steps of its reviews ({ items }). */
export function listStepPharmacists({ ctx }: { ctx: Ctx }) {
  const staff = reviewStaff(ctx, 'reviews.read');
  return { items: listActivePharmacists(ctx.db, staff.pharmacyId) };
}

/**
 * Records the next step of a review: in plan order (409 `reviews.step_out_of_order`), dated
 * today or before and not before the previous step (422), with the act and amount of the fee
 * schedule in force that day. The last step closes the review: a pharmacist's (403 for a technician).
 * The step names the pharmacist who carried it out (`stepPharmacist`: a technician names one).
 * A step dated after the death of a resident marked deceased is refused (422 `reviews.patient_deceased`);
 * an interrupted review takes no further step (409 `reviews.interrupted`).
 */
export function recordStep({ ctx, id, input }: { ctx: Ctx; id: number; input: StepInput }) {
  const staff = reviewStaff(ctx, 'reviews.prepare', reviewErrors.reviewNotFound);
  return ctx.db.transaction(
    () => {
      const review = reviewInPharmacy(ctx, staff.pharmacyId, id);
      if (review.status === 'completed') throw reviewErrors.reviewCompleted();
      if (review.status === 'cancelled') throw reviewErrors.reviewCancelled();
      if (review.status === 'interrupted') throw reviewErrors.reviewInterrupted(review.interruptedOn as string);
      const done = listSteps(ctx.db, [review.id]);
      const check = checkNextStep({
        track: review.track,
        done,
        kind: input.kind,
        date: input.date,
        today: todayOf(ctx),
        startedOn: review.startedOn,
      });
      if (!check.ok) throw reviewErrors.step(check.code, check.details);
      const patient = findPatient(ctx.db, staff.pharmacyId, review.patientId) as PatientRow;
      const afterDeath = checkNotAfterDeath(input.date, patient.deceasedOn);
      if (afterDeath) throw reviewErrors.implausibleDate(afterDeath);
      if (check.closes && staff.role !== 'pharmacist') throw reviewErrors.closePharmacistOnly();
      const pharmacistId = stepPharmacist(ctx, staff, input.pharmacistId);
      const schedules = listFeeSchedules(ctx.db);
      const fee = feeFor(schedules, {
        track: review.track,
        kind: input.kind,
        ordinal: check.planned.ordinal,
        date: input.date,
      });
      const stepId = insertStep(ctx.db, {
        reviewId: review.id,
        seq: check.planned.seq,
        kind: input.kind,
        ordinal: check.planned.ordinal,
        date: input.date,
        // No modality for the analysis, which the patient does not attend (`stepMeetsPatient`).
        remote: stepMeetsPatient(input.kind) && input.remote,
        notes: input.notes ?? '',
        pharmacistId,
        actCode: fee?.actCode ?? null,
        amountCents: fee?.amountCents ?? null,
        feeScheduleId: fee ? (schedules.find((s) => s.validFrom === fee.validFrom)?.id ?? null) : null,
        createdAt: ctx.clock.now().toISOString(),
      });
      if (check.closes) completeReview(ctx.db, review.id, input.date, ctx.clock.now().toISOString());
      // The step that was due (or overdue) is done: its reminders leave the home page.
      resolveAlerts(
        ctx.db,
        { pharmacyId: staff.pharmacyId, kinds: STEP_ALERTS, entity: 'review', entityId: review.id },
        ctx.clock.now().toISOString(),
        staff.userId,
      );
      recordAudit(ctx, {
        action: check.closes ? 'reviews.close' : 'reviews.step',
        entity: 'review',
        entityId: review.id,
        details: { stepId, seq: check.planned.seq },
      });
      const step = listSteps(ctx.db, [review.id]).find((s) => s.id === stepId);
      return { ...(step as NonNullable<typeof step>), reviewStatus: check.closes ? 'completed' : 'open' };
    },
    { behavior: 'immediate' },
  );
}

/**
 * Cancels a review started by mistake (wrong patient, wrong year): a pharmacist's decision (403
 * for a technician), with a reason, on an open review none of whose steps billed an act (409
 * `reviews.review_billed`: the act went to the health insurance; 409 `reviews.review_completed`,
 * `reviews.review_cancelled`). The review is kept with its status `cancelled`, out of the fees,
 * the worklist and the reminders; its year of follow-up may be started again.
 */
export function cancelReview({ ctx, id, input }: { ctx: Ctx; id: number; input: CancelInput }) {
  const staff = reviewStaff(ctx, 'reviews.read', reviewErrors.reviewNotFound);
  return ctx.db.transaction(
    () => {
      const review = reviewInPharmacy(ctx, staff.pharmacyId, id);
      if (staff.role !== 'pharmacist') throw reviewErrors.cancelPharmacistOnly();
      if (review.status === 'completed') throw reviewErrors.reviewCompleted();
      if (review.status === 'cancelled') throw reviewErrors.reviewCancelled();
      const billed = listSteps(ctx.db, [review.id]).find((s) => s.actCode != null);
      if (billed) throw reviewErrors.reviewBilled(billed.actCode as string, billed.date);
      const now = ctx.clock.now().toISOString();
      cancelReviewRow(ctx.db, review.id, { at: now, by: staff.userId, reason: input.reason });
      resolveAlerts(
        ctx.db,
        { pharmacyId: staff.pharmacyId, kinds: STEP_ALERTS, entity: 'review', entityId: review.id },
        now,
        staff.userId,
      );
      recordAudit(ctx, { action: 'reviews.cancel', entity: 'review', entityId: review.id });
      return reviewDetail(ctx, reviewInPharmacy(ctx, staff.pharmacyId, review.id));
    },
    { behavior: 'immediate' },
  );
}

/**
 * Interrupts an open review for good once it cannot go on (the patient moved away, went into
 * hospital for long, refused to continue), typically after acts were billed: a pharmacist's
 * decision (policy `reviews.interrupt`, 403 `reviews.interrupt_pharmacist_only` for a technician;
 * 404 outside the pharmacy), dated (Paris day) not after today and not before the review's start
 * nor its last step (422 `reviews.interrupt_in_future`, `reviews.interrupt_before_last_step`),
 * with a reason. 409 `reviews.review_completed`, `reviews.review_cancelled`, `reviews.interrupted`
 * when it is no longer open. The billed acts stay billed (fees report); the review leaves the
 * due/overdue worklist and its reminders are resolved; it still counts as that year's review, so
 * the next year of follow-up starts 12 months after it started, as after a completed one.
 */
export function interruptReview({ ctx, id, input }: { ctx: Ctx; id: number; input: InterruptInput }) {
  const staff = reviewStaff(ctx, 'reviews.read', reviewErrors.reviewNotFound);
  return ctx.db.transaction(
    () => {
      const review = reviewInPharmacy(ctx, staff.pharmacyId, id);
      if (!can(ctx.actor, 'reviews.interrupt')) throw reviewErrors.interruptPharmacistOnly();
      if (review.status === 'completed') throw reviewErrors.reviewCompleted();
      if (review.status === 'cancelled') throw reviewErrors.reviewCancelled();
      if (review.status === 'interrupted') throw reviewErrors.reviewInterrupted(review.interruptedOn as string);
      const steps = listSteps(ctx.db, [review.id]);
      const check = checkInterruptDate({
        date: input.date,
        today: todayOf(ctx),
        startedOn: review.startedOn,
        lastStepDate: steps[steps.length - 1]?.date ?? null,
      });
      if (!check.ok) throw reviewErrors.interruptDate(check.code, check.details);
      const now = ctx.clock.now().toISOString();
      interruptReviewRow(ctx.db, review.id, { on: input.date, reason: input.reason, at: now, by: staff.userId });
      resolveAlerts(
        ctx.db,
        { pharmacyId: staff.pharmacyId, kinds: STEP_ALERTS, entity: 'review', entityId: review.id },
        now,
        staff.userId,
      );
      recordAudit(ctx, {
        action: 'reviews.interrupt',
        entity: 'review',
        entityId: review.id,
        details: { date: input.date, steps: steps.length },
      });
      return reviewDetail(ctx, reviewInPharmacy(ctx, staff.pharmacyId, review.id));
    },
    { behavior: 'immediate' },
  );
}
