import { recordAudit } from '../audit/audit.usecases';
import type { Ctx } from '../http/context';
import { authorize } from '../http/policy';
import { notFound } from '../shared/errors';
import { findPharmacy, listPharmacies, updatePharmacyRow } from './pharmacies.repository';
import type { UpdatePharmacyBody } from './pharmacies.schemas';

export function listAllPharmacies({ ctx }: { ctx: Ctx }) {
  authorize(ctx.actor, 'pharmacies.read');
  return { items: listPharmacies(ctx.db) };
}

export function updatePharmacy({ ctx, id, input }: { ctx: Ctx; id: number; input: UpdatePharmacyBody }) {
  authorize(ctx.actor, 'pharmacies.manage');
  return ctx.db.transaction(() => {
    const before = findPharmacy(ctx.db, id);
    if (!before) throw notFound('pharmacies.not_found', 'Pharmacy not found');
    const pharmacy = updatePharmacyRow(ctx.db, id, input);
    recordAudit(ctx, {
      action: 'pharmacies.update',
      entity: 'pharmacy',
      entityId: id,
      details: { before: { name: before.name, town: before.town }, after: input },
    });
    return { pharmacy };
  });
}
