import { recordAudit } from '../audit/audit.usecases';
import { listCareHomes } from '../care-homes/care-homes.repository';
import type { Ctx } from '../http/context';
import { authorize, listScope } from '../http/policy';
import { findSamePerson } from '../reviews/patients.models';
import { lastReviewActDay } from '../reviews/patients.repository';
import { BIRTH_EARLIEST, checkBirthDate } from '../reviews/plausibility.models';
import { actorUserId, careHomeInScope, requireInScope, todayOf } from './orders.access';
import { ordersErrors } from './orders.errors';
import { refreshOpenOrders } from './refresh.usecases';
import {
  findResidentRow,
  insertResidentRow,
  listResidentRows,
  type ResidentRow,
  updateResidentRow,
} from './residents.repository';
import type { ResidentInput, ResidentPatch } from './residents.schemas';

const publicResident = (row: ResidentRow & { pharmacyId?: number }): ResidentRow => ({
  id: row.id,
  careHomeId: row.careHomeId,
  lastName: row.lastName,
  firstName: row.firstName,
  birthDate: row.birthDate,
  room: row.room,
  status: row.status,
  statusFrom: row.statusFrom,
  statusTo: row.statusTo,
});

/** A resident the actor may act on for `action` (404 `residents.not_found` otherwise). */
export function residentInScope(
  ctx: Ctx,
  action: 'residents.read' | 'residents.manage' | 'prescriptions.read' | 'prescriptions.write',
  id: number,
) {
  return requireInScope(ctx, action, findResidentRow(ctx.db, id), ordersErrors.residentNotFound);
}

/**
 * Residents of one care home (`careHomeId`) or of every care home the caller sees: its own for a
 * care home, those its pharmacy serves for staff. Reading patient data is audited.
 */
export function listResidents({ ctx, careHomeId }: { ctx: Ctx; careHomeId?: number }) {
  authorize(ctx.actor, 'residents.read');
  let careHomeIds: number[];
  if (careHomeId !== undefined) {
    careHomeIds = [careHomeInScope(ctx, 'residents.read', careHomeId).id];
  } else {
    const scope = listScope(ctx.actor);
    careHomeIds = scope.all
      ? []
      : listCareHomes(ctx.db, { all: false, pharmacyId: scope.pharmacyId, careHomeId: scope.careHomeId }).map(
          (c) => c.id,
        );
  }
  const items = listResidentRows(ctx.db, careHomeIds, todayOf(ctx));
  recordAudit(ctx, {
    action: 'residents.list',
    entity: 'care_home',
    entityId: careHomeIds.join(','),
    details: { residents: items.length },
  });
  return { items };
}

export function getResident({ ctx, id }: { ctx: Ctx; id: number }) {
  const resident = residentInScope(ctx, 'residents.read', id);
  recordAudit(ctx, { action: 'residents.read', entity: 'resident', entityId: id });
  return publicResident(resident);
}

/** A resident's birth date, by the patients' rule (`checkBirthDate`): not after today, not before 1900 (422). */
function refuseImplausibleBirth(birthDate: string, today: string) {
  const problem = checkBirthDate(birthDate, today);
  if (problem?.code === 'birth_date_in_future') throw ordersErrors.birthDateInFuture(birthDate);
  if (problem?.code === 'birth_date_too_early') throw ordersErrors.birthDateTooEarly(birthDate, BIRTH_EARLIEST);
}

/**
 * Staff of the serving pharmacy admit a resident: a birth date in the future or before 1900 is
 * refused (422, the review domain's plausibility bounds). Someone of the care home under the same
 * names and birth date (accents and case ignored, `findSamePerson`, whatever their status)
 * answers 409 `residents.duplicate` naming them, unless `allowDuplicate` confirms a namesake: a
 * resident entered twice would get every pouch twice (found by a tester).
 */
export function createResident({ ctx, input }: { ctx: Ctx; input: ResidentInput }) {
  careHomeInScope(ctx, 'residents.manage', input.careHomeId);
  const { allowDuplicate, ...fields } = input;
  refuseImplausibleBirth(fields.birthDate, todayOf(ctx));
  return ctx.db.transaction(
    () => {
      if (!allowDuplicate) {
        const same = findSamePerson(fields, listResidentRows(ctx.db, [fields.careHomeId], todayOf(ctx)));
        if (same) throw ordersErrors.residentDuplicate(same);
      }
      const now = ctx.clock.now().toISOString();
      const resident = insertResidentRow(ctx.db, {
        ...fields,
        status: 'active',
        createdAt: now,
        createdBy: actorUserId(ctx),
        updatedAt: now,
      });
      recordAudit(ctx, { action: 'residents.create', entity: 'resident', entityId: resident.id, details: fields });
      refreshOpenOrders(ctx, fields.careHomeId, { kind: 'resident_added', details: { residentId: resident.id } });
      return resident;
    },
    { behavior: 'immediate' },
  );
}

/**
 * Staff change a resident's identity, room or status (hospitalised from–to, discharged or
 * deceased on a date: a death is recorded once it happened, so never dated after today in Paris,
 * 422 `residents.death_in_future`, nor before an act of the resident's medication review, 409
 * `residents.death_before_review_acts` with that act's day). A status change refreshes the orders
 * still open to change.
 */
export function updateResident({ ctx, id, input }: { ctx: Ctx; id: number; input: ResidentPatch }) {
  const before = residentInScope(ctx, 'residents.manage', id);
  if (input.birthDate !== undefined) refuseImplausibleBirth(input.birthDate, todayOf(ctx));
  if (input.status === 'deceased' && input.statusFrom && input.statusFrom > todayOf(ctx)) {
    throw ordersErrors.deathInFuture(input.statusFrom);
  }
  if (input.status === 'deceased' && input.statusFrom) {
    const lastAct = lastReviewActDay(ctx.db, id);
    if (lastAct !== null && lastAct > input.statusFrom)
      throw ordersErrors.deathBeforeReviewActs(input.statusFrom, lastAct);
  }
  return ctx.db.transaction(
    () => {
      const statusChange =
        input.status === undefined
          ? {}
          : { status: input.status, statusFrom: input.statusFrom ?? null, statusTo: input.statusTo ?? null };
      const resident = updateResidentRow(ctx.db, id, {
        ...input,
        ...statusChange,
        updatedAt: ctx.clock.now().toISOString(),
      });
      recordAudit(ctx, {
        action: 'residents.update',
        entity: 'resident',
        entityId: id,
        details: { before: publicResident(before), after: input },
      });
      if (input.status !== undefined) {
        refreshOpenOrders(ctx, resident.careHomeId, {
          kind: 'resident_changed',
          details: {
            residentId: id,
            status: resident.status,
            statusFrom: resident.statusFrom,
            statusTo: resident.statusTo,
          },
        });
      }
      return resident;
    },
    { behavior: 'immediate' },
  );
}
