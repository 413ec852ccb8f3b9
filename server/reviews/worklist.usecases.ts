import { raiseAlert } from '../alerts/alerts.usecases';
import { recordAudit } from '../audit/audit.usecases';
import type { Ctx } from '../http/context';
import { listPharmacies } from '../pharmacies/pharmacies.repository';
import { listPatients } from './patients.repository';
import { diedBy } from './plausibility.models';
import { listReviews } from './reviews.repository';
import {
  eligibilityFor,
  loadMedicationsOf,
  nextYearFrom,
  reviewStaff,
  summarizeReviews,
  todayOf,
} from './reviews.shared';

/**
 * What a pharmacy's reviews need on `today` (SPEC §7): eligible patients with no review this
 * year (never reviewed, or whose last year of follow-up is over), the next steps due from today
 * to Sunday, and the overdue ones (oldest first). A patient who died (a resident marked deceased
 * on or before `today`) is in none of the three lists.
 */
export function computeWorklist(ctx: Pick<Ctx, 'db'>, pharmacyId: number, today: string) {
  const patients = listPatients(ctx.db, pharmacyId, {}).filter((p) => !diedBy(p.deceasedOn, today));
  const alive = new Set(patients.map((p) => p.id));
  // Cancelled reviews (started by mistake) are out of the worklist: the patient is eligible again.
  const reviews = summarizeReviews(
    ctx,
    listReviews(ctx.db, pharmacyId, {}).filter((r) => r.status !== 'cancelled' && alive.has(r.patientId)),
    today,
  );
  const byPatient = new Map<number, (typeof reviews)[number][]>();
  for (const r of reviews) byPatient.set(r.patientId, [...(byPatient.get(r.patientId) ?? []), r]);
  const candidates = [];
  for (const p of patients) {
    const own = byPatient.get(p.id) ?? [];
    if (own.some((r) => r.status === 'open')) continue;
    const last = own.reduce<(typeof own)[number] | null>(
      (m, r) => (!m || r.followUpYear > m.followUpYear ? r : m),
      null,
    );
    if (last && nextYearFrom(last.startedOn) > today) continue;
    candidates.push({ p, last });
  }
  // The candidates' medication lines in two statements, not two per patient (issue 16).
  const meds = loadMedicationsOf(
    ctx,
    candidates.map((c) => c.p),
    today,
  );
  const eligible = [];
  for (const { p, last } of candidates) {
    const e = eligibilityFor(p, meds.get(p.id) ?? [], today);
    if (!e.eligible || !e.rule) continue;
    eligible.push({
      patientId: p.id,
      patientName: `${p.lastName} ${p.firstName}`,
      rule: e.rule,
      careHomeName: p.careHomeName,
      lastReviewYear: last?.followUpYear ?? null,
    });
  }
  const item = (r: (typeof reviews)[number]) => ({
    reviewId: r.id,
    patientId: r.patientId,
    patientName: r.patientName,
    kind: r.next?.kind as NonNullable<typeof r.next>['kind'],
    dueDate: r.next?.dueDate as string,
    followUpYear: r.followUpYear,
  });
  const byDue = (a: { dueDate: string }, b: { dueDate: string }) => a.dueDate.localeCompare(b.dueDate);
  return {
    day: today,
    eligible,
    due: reviews
      .filter((r) => r.next?.state === 'due')
      .map(item)
      .sort(byDue),
    overdue: reviews
      .filter((r) => r.next?.state === 'overdue')
      .map(item)
      .sort(byDue),
  };
}

/** The staff member's worklist. Audited (it names patients). */
export function getWorklist({ ctx }: { ctx: Ctx }) {
  const { pharmacyId } = reviewStaff(ctx, 'reviews.read');
  const worklist = computeWorklist(ctx, pharmacyId, todayOf(ctx));
  recordAudit(ctx, {
    action: 'reviews.worklist',
    entity: 'review',
    details: { eligible: worklist.eligible.length, due: worklist.due.length, overdue: worklist.overdue.length },
  });
  return worklist;
}

/**
 * The daily `review-reminders` job (07:00 Paris): raises, on each pharmacy's home page, one alert
 * per overdue and per due step and one for the eligible patients waiting for a review. Alerts are
 * unique per (kind, pharmacy, entity, day), so running it twice a day changes nothing.
 */
export function scanReviewReminders(ctx: Ctx): string {
  const today = todayOf(ctx);
  let raised = 0;
  let pharmaciesWithWork = 0;
  ctx.db.transaction(
    () => {
      for (const pharmacy of listPharmacies(ctx.db)) {
        const w = computeWorklist(ctx, pharmacy.id, today);
        const scope = { pharmacyId: pharmacy.id };
        for (const [state, items] of [
          ['overdue', w.overdue],
          ['due', w.due],
        ] as const) {
          for (const i of items) {
            const fresh = raiseAlert(ctx, {
              scope,
              kind: `reviews.step_${state}`,
              entity: 'review',
              entityId: i.reviewId,
              messageKey: `alerts.reviews.${state === 'overdue' ? 'stepOverdue' : 'stepDue'}.${i.kind}`,
              params: { patient: i.patientName, dueDate: i.dueDate },
            });
            if (fresh) raised += 1;
          }
        }
        if (w.eligible.length > 0) {
          const fresh = raiseAlert(ctx, {
            scope,
            kind: 'reviews.eligible',
            entity: 'pharmacy',
            entityId: pharmacy.id,
            messageKey: 'alerts.reviews.eligible',
            params: { count: w.eligible.length },
          });
          if (fresh) raised += 1;
        }
        if (w.eligible.length + w.due.length + w.overdue.length > 0) {
          pharmaciesWithWork += 1;
          recordAudit(ctx, {
            action: 'reviews.reminders',
            entity: 'pharmacy',
            entityId: pharmacy.id,
            details: { eligible: w.eligible.length, due: w.due.length, overdue: w.overdue.length },
          });
        }
      }
    },
    { behavior: 'immediate' },
  );
  return `${raised} review alerts raised for ${pharmaciesWithWork} pharmacies`;
}
