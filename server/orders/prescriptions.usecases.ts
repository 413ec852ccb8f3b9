import { recordAudit } from '../audit/audit.usecases';
import { type UndividedForm, undividedDoseTimes } from '../catalogue/catalogue.models';
import type { Ctx } from '../http/context';
import { addCalendarDays } from '../shared/dates';
import { actorUserId, requireInScope, todayOf } from './orders.access';
import { ordersErrors } from './orders.errors';
import { quartersToUnits, unitsToQuarters } from './orders.models';
import { refreshOpenOrders } from './refresh.usecases';
import {
  findLineRow,
  insertLineRow,
  type LineWithProduct,
  listLineRows,
  loadCareHomeSettings,
  productForm,
  scheduleColumns,
  scheduleOf,
  updateLineRow,
} from './residents.repository';
import type { PrescriptionInput } from './residents.schemas';
import { residentInScope } from './residents.usecases';

type LineState = 'active' | 'planned' | 'ended' | 'replaced';

/**
 * A line's state on `today` (Paris): `active` while in force today — even when a later version
 * already replaces it from a future day (it runs until its end date) —, `planned` before its start,
 * `ended` after its end, `replaced` once a newer version took over (or replaced it before it ever
 * applied).
 */
function stateOf(line: { replacedById: number | null; startDate: string; endDate: string | null }, today: string) {
  const over = line.endDate !== null && (line.endDate < today || line.endDate < line.startDate);
  if (over) return (line.replacedById !== null ? 'replaced' : 'ended') satisfies LineState;
  return (line.startDate > today ? 'planned' : 'active') satisfies LineState;
}

/** A stored line as the API shows it: doses back in units, schedule as an object, its state today. */
function toPrescription(row: LineWithProduct, today: string) {
  return {
    id: row.id,
    residentId: row.residentId,
    cip13: row.cip13,
    productLabel: row.productLabel,
    productForm: row.productForm,
    pdaExcluded: row.pdaExcluded,
    doses: Object.fromEntries(Object.entries(row.doses).map(([name, q]) => [name, quartersToUnits(q)])),
    schedule: scheduleOf(row),
    startDate: row.startDate,
    endDate: row.endDate,
    prescriber: row.prescriber,
    asNeeded: row.asNeeded,
    replacesId: row.replacesId,
    replacedById: row.replacedById,
    state: stateOf(row, today),
    createdAt: row.createdAt,
    createdByName: row.createdByName,
  };
}

function prescriptionById(ctx: Ctx, residentId: number, id: number) {
  const row = listLineRows(ctx.db, residentId).find((l) => l.id === id);
  if (!row) throw ordersErrors.prescriptionNotFound();
  return toPrescription(row, todayOf(ctx));
}

/** Every version of a resident's PDA lines, oldest first (SPEC §5: history kept). Audited read. */
export function listPrescriptions({ ctx, residentId }: { ctx: Ctx; residentId: number }) {
  residentInScope(ctx, 'prescriptions.read', residentId);
  const today = todayOf(ctx);
  const items = listLineRows(ctx.db, residentId).map((row) => toPrescription(row, today));
  recordAudit(ctx, { action: 'prescriptions.read', entity: 'resident', entityId: residentId });
  return { items };
}

/**
 * The doses (units per administration time) of a product that cannot be given as they are: a
 * fraction of a unit of a form that must be given whole (`undividedForm`: a capsule, an unscored
 * modified-release or gastro-resistant tablet). Returns the form, the rule and the administration
 * times whose dose is a fraction, or null when every dose can be given (or the product is unknown:
 * the caller says so). Used by the line's own checks and by a review's proposed change.
 */
export function undividedDoses(
  db: Ctx['db'],
  cip13: string,
  doses: Record<string, number>,
): { form: string; rule: UndividedForm; times: string[] } | null {
  if (Object.values(doses).every((units) => Number.isInteger(units))) return null;
  const form = productForm(db, cip13) ?? null;
  const undivided = undividedDoseTimes(form, doses);
  return undivided && { form: form ?? '', ...undivided };
}

/**
 * The columns of a new line, after the rules a schema cannot check (catalogue, care-home times,
 * dates): 422 `prescriptions.start_before_birth` for a line starting before the resident was born,
 * 422 `prescriptions.start_after_death` for one starting on or after the day of their death (a
 * line starting earlier may still be recorded, as history), 422 `prescriptions.dose_not_divisible`
 * for a fraction of a unit of a form that must be given whole (a capsule, a modified-release or
 * gastro-resistant tablet that is not scored: `undividedForm`).
 */
function lineValues(
  ctx: Ctx,
  resident: { careHomeId: number; birthDate: string; status: string; statusFrom: string | null },
  input: PrescriptionInput,
) {
  const { careHomeId } = resident;
  if (input.startDate < resident.birthDate) throw ordersErrors.startBeforeBirth(input.startDate, resident.birthDate);
  if (resident.status === 'deceased' && resident.statusFrom !== null && input.startDate >= resident.statusFrom)
    throw ordersErrors.startAfterDeath(input.startDate, resident.statusFrom);
  if (productForm(ctx.db, input.cip13) === undefined) throw ordersErrors.unknownProduct(input.cip13);
  const undivided = undividedDoses(ctx.db, input.cip13, input.doses);
  if (undivided) throw ordersErrors.doseNotDivisible(input.cip13, undivided.form, undivided.rule, undivided.times);
  const known = loadCareHomeSettings(ctx.db, careHomeId).administrationTimes.map((t) => t.name);
  for (const name of Object.keys(input.doses)) {
    if (!known.includes(name)) throw ordersErrors.unknownAdministrationTime(name, known);
  }
  const endDate = input.endDate ?? null;
  if (endDate !== null && endDate < input.startDate) throw ordersErrors.endBeforeStart(input.startDate, endDate);
  return {
    cip13: input.cip13,
    doses: Object.fromEntries(Object.entries(input.doses).map(([name, units]) => [name, unitsToQuarters(units) ?? 0])),
    ...scheduleColumns(input.schedule),
    startDate: input.startDate,
    endDate,
    prescriber: input.prescriber,
    asNeeded: input.asNeeded,
    createdAt: ctx.clock.now().toISOString(),
    createdBy: actorUserId(ctx),
  };
}

/**
 * A pharmacist of the serving pharmacy adds a line (201). Orders still open to change whose week
 * it touches are recomputed and record the change.
 */
export function createPrescription({
  ctx,
  residentId,
  input,
}: {
  ctx: Ctx;
  residentId: number;
  input: PrescriptionInput;
}) {
  const resident = residentInScope(ctx, 'prescriptions.write', residentId);
  const values = lineValues(ctx, resident, input);
  return ctx.db.transaction(
    () => {
      if (!input.allowDuplicate) refuseDuplicate(ctx, residentId, values);
      const id = insertLineRow(ctx.db, { residentId, ...values });
      recordAudit(ctx, { action: 'prescriptions.create', entity: 'prescription_line', entityId: id, details: input });
      refreshOpenOrders(
        ctx,
        resident.careHomeId,
        { kind: 'prescription_changed', details: { residentId, lineId: id, cip13: input.cip13, change: 'added' } },
        input.startDate,
      );
      return prescriptionById(ctx, residentId, id);
    },
    { behavior: 'immediate' },
  );
}

/**
 * 409 `prescriptions.duplicate_product` (details: the line, its start and end) when the resident
 * already has a regular line of the same product, still in force (not replaced), over some of
 * the new line's days: entered twice, the dose would double in the pouches without anyone
 * seeing it. Si-besoin lines are never pouched and do not count. The caller may confirm a
 * second line on purpose (`allowDuplicate`: one drug on two schedules). `replacing`: the line a
 * change replaces, which ends where the new version starts.
 */
function refuseDuplicate(
  ctx: Ctx,
  residentId: number,
  line: { cip13: string; startDate: string; endDate: string | null; asNeeded: boolean },
  replacing: number | null = null,
) {
  if (line.asNeeded) return;
  const same = listLineRows(ctx.db, residentId).find(
    (other) =>
      other.id !== replacing &&
      other.cip13 === line.cip13 &&
      !other.asNeeded &&
      other.replacedById === null &&
      // Ended the day before it started: a line that never applied.
      (other.endDate === null || other.endDate >= other.startDate) &&
      (other.endDate === null || other.endDate >= line.startDate) &&
      (line.endDate === null || line.endDate >= other.startDate),
  );
  if (same) throw ordersErrors.duplicateProduct({ lineId: same.id, startDate: same.startDate, endDate: same.endDate });
}

/** Doses stored as quarters per administration time, in units (`{ matin: 2 }` → `{ matin: 0.5 }`), zeros left out. */
const unitsOf = (quarters: Record<string, number>) =>
  Object.fromEntries(
    Object.entries(quarters)
      .filter(([, q]) => q > 0)
      .map(([name, q]) => [name, quartersToUnits(q)]),
  );

function lineInScope(ctx: Ctx, id: number) {
  const line = requireInScope(ctx, 'prescriptions.write', findLineRow(ctx.db, id), ordersErrors.prescriptionNotFound);
  if (line.replacedById !== null) throw ordersErrors.alreadyReplaced(line.replacedById);
  return line;
}

/**
 * A change of a line (dose, schedule, product…): the old line ends the day before the new one
 * starts — or never applies, when the new one starts on or before its start — and points to it
 * (`replacedById`, `replacesId`); earlier versions still due to run past the new start end too,
 * so one version applies on any day. The new line starts today or later (422 `prescriptions.start_in_past`):
 * days already prepared keep the lines they were prepared from. 201 with the new line.
 */
export function replacePrescription({ ctx, id, input }: { ctx: Ctx; id: number; input: PrescriptionInput }) {
  const old = lineInScope(ctx, id);
  const today = todayOf(ctx);
  if (input.startDate < today) throw ordersErrors.startInPast(input.startDate, today);
  const values = lineValues(ctx, { ...old, status: old.residentStatus, statusFrom: old.residentStatusFrom }, input);
  return ctx.db.transaction(
    () => {
      if (!input.allowDuplicate) refuseDuplicate(ctx, old.residentId, values, id);
      const newId = insertLineRow(ctx.db, { residentId: old.residentId, ...values, replacesId: id });
      const dayBefore = addCalendarDays(input.startDate, -1);
      const voidEnd = addCalendarDays(old.startDate, -1);
      const truncated = old.endDate !== null && old.endDate < dayBefore ? old.endDate : dayBefore;
      updateLineRow(ctx.db, id, {
        endDate: truncated < voidEnd ? voidEnd : truncated,
        replacedById: newId,
        closedAt: values.createdAt,
        closedBy: values.createdBy,
      });
      // Replacing a version that had not started yet: the versions before it, still in force
      // until it was due to start, end too, so that only one version applies on any day (a
      // double dose otherwise). They end the day before the new line, or never applied.
      for (let prevId = old.replacesId; prevId !== null; ) {
        const prev = findLineRow(ctx.db, prevId);
        if (!prev) break;
        if (prev.endDate === null || prev.endDate >= input.startDate) {
          const neverApplied = addCalendarDays(prev.startDate, -1);
          updateLineRow(ctx.db, prev.id, { endDate: dayBefore < neverApplied ? neverApplied : dayBefore });
        }
        prevId = prev.replacesId;
      }
      recordAudit(ctx, {
        action: 'prescriptions.replace',
        entity: 'prescription_line',
        entityId: id,
        details: { replacedById: newId, input },
      });
      refreshOpenOrders(
        ctx,
        old.careHomeId,
        {
          kind: 'prescription_changed',
          details: {
            residentId: old.residentId,
            lineId: newId,
            replacesId: id,
            cip13: input.cip13,
            change: 'replaced',
            // What changed, for the order's history: doses in units per administration time, from when.
            previousDoses: unitsOf(old.doses),
            doses: unitsOf(values.doses),
            startDate: input.startDate,
          },
        },
        input.startDate,
      );
      return prescriptionById(ctx, old.residentId, newId);
    },
    { behavior: 'immediate' },
  );
}

/**
 * Stops a line: `endDate` is its last day, no earlier than its start (422
 * `prescriptions.end_before_start`) — or the day before its start, which withdraws a line that
 * has not started (entered by mistake: it never applies) — nor than yesterday (422
 * `prescriptions.end_in_past`); a line
 * that already ended cannot be stopped again (409 `prescriptions.ended`), and a stop never moves
 * an end later (409 `prescriptions.stop_extends`: replace the line to prolong it).
 */
export function stopPrescription({ ctx, id, endDate }: { ctx: Ctx; id: number; endDate: string }) {
  const line = lineInScope(ctx, id);
  const neverApplies = addCalendarDays(line.startDate, -1);
  if (endDate < neverApplies) throw ordersErrors.endBeforeStart(line.startDate, endDate);
  const yesterday = addCalendarDays(todayOf(ctx), -1);
  if (line.endDate !== null && line.endDate < yesterday) throw ordersErrors.lineEnded(line.endDate);
  if (endDate < yesterday) throw ordersErrors.endInPast(endDate, yesterday);
  // A stop only brings the end forward: prolonging a line is a new version (replace), so the
  // weeks already prepared keep the line they were prepared from.
  if (line.endDate !== null && endDate > line.endDate) throw ordersErrors.stopExtends(line.endDate, endDate);
  return ctx.db.transaction(
    () => {
      updateLineRow(ctx.db, id, { endDate });
      recordAudit(ctx, {
        action: 'prescriptions.stop',
        entity: 'prescription_line',
        entityId: id,
        details: { before: line.endDate, endDate },
      });
      // The first day the line no longer covers, never before it started: a week the line never
      // reached neither changes nor lists the stop in its history.
      const dayAfter = addCalendarDays(endDate, 1);
      const from = dayAfter > line.startDate ? dayAfter : line.startDate;
      refreshOpenOrders(
        ctx,
        line.careHomeId,
        {
          kind: 'prescription_changed',
          details: { residentId: line.residentId, lineId: id, cip13: line.cip13, change: 'stopped', endDate },
        },
        from,
      );
      return prescriptionById(ctx, line.residentId, id);
    },
    { behavior: 'immediate' },
  );
}
