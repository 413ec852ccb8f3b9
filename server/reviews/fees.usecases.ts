import { recordAudit } from '../audit/audit.usecases';
import type { Ctx } from '../http/context';
import { authorize } from '../http/policy';
import { findPharmacy } from '../pharmacies/pharmacies.repository';
import { csvCents, writeCsv } from '../shared/csv';
import { reviewErrors } from './reviews.errors';
import { checkFeeActs, missingFeeActs, type STEP_KINDS, stepMeetsPatient } from './reviews.models';
import { insertFeeSchedule, listBilledSteps, listFeeSchedules } from './reviews.repository';
import type { FeeScheduleInput } from './reviews.schemas';
import { reviewStaff, todayOf } from './reviews.shared';

export type FeeReport = ReturnType<typeof loadFeeReport>;

/**
 * The acts a pharmacy billed for medication reviews in a calendar year (steps dated 1 January to
 * 31 December), per act code and step by step, amounts in cents as recorded when each step was
 * done; without `year`, the current year in Paris (ctx.clock). Staff of the pharmacy only;
 * audited (it names patients).
 */
export function loadFeeReport({ ctx, year: asked }: { ctx: Ctx; year?: number }) {
  const { pharmacyId } = reviewStaff(ctx, 'reviews.fees');
  const year = asked ?? Number(todayOf(ctx).slice(0, 4));
  const y = String(year).padStart(4, '0');
  const lines = listBilledSteps(ctx.db, pharmacyId, `${y}-01-01`, `${y}-12-31`);
  const byCode = new Map<string, { actCode: string; count: number; amountCents: number }>();
  for (const l of lines) {
    const a = byCode.get(l.actCode) ?? { actCode: l.actCode, count: 0, amountCents: 0 };
    a.count += 1;
    a.amountCents += l.amountCents;
    byCode.set(l.actCode, a);
  }
  recordAudit(ctx, { action: 'reviews.fees', entity: 'review', details: { year, lines: lines.length } });
  return {
    year,
    pharmacyId,
    pharmacyName: findPharmacy(ctx.db, pharmacyId)?.name ?? '',
    acts: [...byCode.values()].sort((a, b) => a.actCode.localeCompare(b.actCode)),
    lines,
    totalCents: lines.reduce((s, l) => s + l.amountCents, 0),
  };
}

const STEP_LABELS: Record<(typeof STEP_KINDS)[number], string> = {
  adhesion: 'Adhésion du patient',
  recueil: 'Entretien de recueil',
  analyse: 'Analyse des traitements',
  conseil: 'Entretien conseil',
  observance: 'Suivi d’observance',
};

/**
 * The year's acts as a French CSV (server/shared/csv.ts): one row per billed step (« À distance »
 * empty for the analysis, which meets no patient), then a total with the count of acts.
 */
export function renderFeeCsv(report: FeeReport): string {
  return writeCsv(
    ['Date', 'Bilan', 'Patient', 'Étape', 'À distance', 'Code acte', 'Montant (€)'],
    [
      ...report.lines.map((l) => [
        l.date,
        l.reviewId,
        l.patientName,
        l.kind === 'analyse' && l.followUpYear > 1 ? 'Actualisation de l’analyse' : STEP_LABELS[l.kind],
        // The analysis meets no patient: it has no modality (it read « non »).
        stepMeetsPatient(l.kind) ? (l.remote ? 'oui' : 'non') : null,
        l.actCode,
        csvCents(l.amountCents),
      ]),
      // The count of acts under « Patient », a text column (it sat under « Code acte »).
      ['Total', null, `${report.lines.length} actes`, null, null, null, csvCents(report.totalCents)],
    ],
  );
}

/** Every fee schedule, oldest first, with its acts (no patient data: admin and staff). */
export function listSchedules({ ctx }: { ctx: Ctx }) {
  authorize(ctx.actor, 'review_fees.read');
  return { items: listFeeSchedules(ctx.db) };
}

/**
 * Adds a fee schedule in force from `validFrom` (today or later: acts already recorded keep their
 * amounts). Each act must name a step of its course, once, and every act of the schedule in force
 * the day before must be there (an act no longer paid is kept at 0 cents, said, not dropped: a
 * step without an act is billed nothing); 422 `reviews.schedule_invalid` lists the problems
 * (`duplicate:`, `not_in_plan:`, `amount:`, `missing:` + `track:kind:ordinal`). Admin.
 */
export function addSchedule({ ctx, input }: { ctx: Ctx; input: FeeScheduleInput }) {
  authorize(ctx.actor, 'review_fees.manage');
  const today = todayOf(ctx);
  if (input.validFrom < today) throw reviewErrors.scheduleInPast(input.validFrom, today);
  const problems = checkFeeActs(input.acts);
  if (problems.length > 0) throw reviewErrors.scheduleInvalid(problems);
  return ctx.db.transaction(
    () => {
      const schedules = listFeeSchedules(ctx.db);
      if (schedules.some((s) => s.validFrom === input.validFrom)) throw reviewErrors.scheduleExists(input.validFrom);
      const before = schedules.filter((s) => s.validFrom < input.validFrom).at(-1);
      const missing = missingFeeActs(before?.acts ?? [], input.acts);
      if (missing.length > 0) throw reviewErrors.scheduleInvalid(missing);
      const id = insertFeeSchedule(ctx.db, {
        ...input,
        createdAt: ctx.clock.now().toISOString(),
        createdBy: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
      });
      recordAudit(ctx, { action: 'review_fees.add_schedule', entity: 'review_fee_schedule', entityId: id });
      return listFeeSchedules(ctx.db).find((s) => s.id === id) as NonNullable<
        ReturnType<typeof listFeeSchedules>[number]
      >;
    },
    { behavior: 'immediate' },
  );
}
