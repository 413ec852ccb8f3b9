import { recordAudit } from '../audit/audit.usecases';
import type { Ctx } from '../http/context';
import { DEFAULT_CARE_HOME_SETTINGS } from '../orders/orders.models';
import { findPharmacy } from '../pharmacies/pharmacies.repository';
import { findUserById } from '../users/users.repository';
import { findPatient, findPresentationFacts, type PatientRow, pdaDosesOf } from './patients.repository';
import { reviewErrors } from './reviews.errors';
import { findReview } from './reviews.repository';
import { loadMedications, reviewStaff, todayOf } from './reviews.shared';
import { reviewDetail } from './reviews.usecases';

export type GpReportData = ReturnType<typeof loadGpReport>;

/**
 * What the GP report of a review shows (data only, rendered by reports/gp-report.ts): the
 * pharmacy, the patient and GP, the medication lines in force today (a resident's PDA lines with
 * their doses per administration time, in the order of the care home's day), the steps done, the
 * problems with the interventions proposed (with the product and doses of a proposed change) and
 * the GP's answers, and who signs. Audited.
 */
export function loadGpReport({ ctx, id }: { ctx: Ctx; id: number }) {
  const { pharmacyId } = reviewStaff(ctx, 'reviews.read', reviewErrors.reviewNotFound);
  const review = findReview(ctx.db, pharmacyId, id);
  if (!review) throw reviewErrors.reviewNotFound();
  const detail = reviewDetail(ctx, review);
  const patient = findPatient(ctx.db, pharmacyId, review.patientId) as PatientRow;
  const today = todayOf(ctx);
  const medications = withDoses(
    ctx,
    patient,
    loadMedications(ctx, patient, today).filter((m) => m.active),
  );
  const signer = reportSigner(ctx, detail.steps);
  // The products a proposed change names (a new line, a substitute), as the GP reads them.
  const changeLabels: Record<string, string> = {};
  for (const p of detail.problems) {
    const cip13 = (p.change as { cip13?: string } | null)?.cip13;
    if (cip13) changeLabels[cip13] = findPresentationFacts(ctx.db, cip13)?.productLabel ?? cip13;
  }
  recordAudit(ctx, { action: 'reviews.gp_report', entity: 'review', entityId: id });
  return {
    pharmacy: findPharmacy(ctx.db, pharmacyId),
    review: detail,
    patient,
    medications,
    printedOn: today,
    signer,
    changeLabels,
  };
}

/**
 * Who signs the GP report, under « Le pharmacien »: the pharmacist of the analysis step (the one
 * who wrote what the GP reads), else of the latest step a pharmacist did, else the pharmacist
 * printing it (a report printed before the first step, to send with the consent); null when none
 * is a pharmacist (a technician may record steps, SPEC §2, but does not sign: the box is signed
 * by hand).
 */
function reportSigner(
  ctx: Ctx,
  steps: readonly { kind: string; pharmacistId: number; pharmacistName: string }[],
): string | null {
  const byPharmacist = steps.filter((s) => findUserById(ctx.db, s.pharmacistId)?.role === 'pharmacist');
  const analysis = byPharmacist.find((s) => s.kind === 'analyse');
  if (analysis) return analysis.pharmacistName;
  const latest = byPharmacist.at(-1);
  if (latest) return latest.pharmacistName;
  if (ctx.actor.kind === 'user' && ctx.actor.role === 'pharmacist') {
    return findUserById(ctx.db, ctx.actor.userId)?.displayName ?? null;
  }
  return null;
}

const DEFAULT_TIMES = DEFAULT_CARE_HOME_SETTINGS.administrationTimes.map((t) => t.name);

/**
 * Each line with `doses`: for a resident's PDA line, `{ time, units }` per administration time with
 * a dose (units in quarters: 0.25, 0.5…), in the order of the care home's day (times it no longer
 * has come last); null for a line entered at the pharmacy. `asNeeded`: a "si besoin" PDA line.
 */
function withDoses(ctx: Ctx, patient: PatientRow, medications: ReturnType<typeof loadMedications>) {
  const pda = patient.residentId != null ? pdaDosesOf(ctx.db, patient.residentId) : null;
  const order = pda?.times.length ? pda.times : DEFAULT_TIMES;
  const rank = (time: string) => (order.includes(time) ? order.indexOf(time) : order.length);
  return medications.map((m) => {
    const line = m.source === 'pda' ? pda?.lines.get(m.id) : undefined;
    const doses = line
      ? Object.entries(line.doses)
          .filter(([, quarters]) => quarters > 0)
          .sort(([a], [b]) => rank(a) - rank(b))
          .map(([time, quarters]) => ({ time, units: quarters / 4 }))
      : null;
    return { ...m, doses, asNeeded: line?.asNeeded ?? false, schedule: line?.schedule ?? null };
  });
}
