import { recordAudit } from '../audit/audit.usecases';
import type { Ctx } from '../http/context';
import { authorize, listScope } from '../http/policy';
import { findPharmacy } from '../pharmacies/pharmacies.repository';
import { careHomeNotFound, finessTaken, servingPharmacyNotFound } from './care-homes.errors';
import { slugFor } from './care-homes.models';
import {
  type CareHomeScope,
  findCareHome,
  findCareHomeByFiness,
  insertCareHome,
  listCareHomes,
  slugsLike,
  updateCareHomeRow,
} from './care-homes.repository';
import type { CareHomeBody } from './care-homes.schemas';

function scopeOf(ctx: Ctx): CareHomeScope {
  const scope = listScope(ctx.actor);
  if (scope.all) return { all: true };
  return { all: false, pharmacyId: scope.pharmacyId, careHomeId: scope.careHomeId };
}

/** Admin sees every care home, pharmacy staff those their pharmacy serves, a care home itself. */
export function listVisibleCareHomes({ ctx }: { ctx: Ctx }) {
  authorize(ctx.actor, 'care_homes.read');
  return { items: listCareHomes(ctx.db, scopeOf(ctx)) };
}

export function getCareHome({ ctx, id }: { ctx: Ctx; id: number }) {
  authorize(ctx.actor, 'care_homes.read');
  const careHome = findCareHome(ctx.db, scopeOf(ctx), id);
  if (!careHome) throw careHomeNotFound();
  authorize(ctx.actor, 'care_homes.read', { pharmacyId: careHome.pharmacyId, careHomeId: careHome.id });
  return { careHome };
}

function checkServingPharmacy(ctx: Ctx, pharmacyId: number): void {
  if (!findPharmacy(ctx.db, pharmacyId)) throw servingPharmacyNotFound();
}

export function createCareHome({ ctx, input }: { ctx: Ctx; input: CareHomeBody }) {
  authorize(ctx.actor, 'care_homes.manage');
  return ctx.db.transaction(() => {
    checkServingPharmacy(ctx, input.pharmacyId);
    if (findCareHomeByFiness(ctx.db, input.finess)) throw finessTaken();
    const base = slugFor(input.name, []);
    const slug = slugFor(input.name, slugsLike(ctx.db, base));
    const careHome = insertCareHome(ctx.db, { ...input, slug, createdAt: ctx.clock.now().toISOString() });
    recordAudit(ctx, { action: 'care_homes.create', entity: 'care_home', entityId: careHome.id, details: input });
    return { careHome };
  });
}

export function updateCareHome({ ctx, id, input }: { ctx: Ctx; id: number; input: CareHomeBody }) {
  authorize(ctx.actor, 'care_homes.manage');
  return ctx.db.transaction(() => {
    const before = findCareHome(ctx.db, { all: true }, id);
    if (!before) throw careHomeNotFound();
    checkServingPharmacy(ctx, input.pharmacyId);
    if (findCareHomeByFiness(ctx.db, input.finess, id)) throw finessTaken();
    const careHome = updateCareHomeRow(ctx.db, id, input);
    recordAudit(ctx, {
      action: 'care_homes.update',
      entity: 'care_home',
      entityId: id,
      details: {
        before: { name: before.name, finess: before.finess, pharmacyId: before.pharmacyId },
        after: input,
      },
    });
    return { careHome };
  });
}
