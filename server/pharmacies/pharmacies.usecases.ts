import { recordAudit } from '../audit/audit.usecases';
import type { Ctx } from '../http/context';
import { authorize } from '../http/policy';
import { finessTaken, nameTaken, pharmacyNotFound } from './pharmacies.errors';
import {
  findPharmacy,
  findPharmacyByFiness,
  findPharmacyByName,
  listPharmacies,
  updatePharmacyRow,
} from './pharmacies.repository';
import type { UpdatePharmacyBody } from './pharmacies.schemas';

/** Every member pharmacy with its contact details (any logged-in user: colleagues call each other). */
export function listAllPharmacies({ ctx }: { ctx: Ctx }) {
  authorize(ctx.actor, 'pharmacies.read');
  return { items: listPharmacies(ctx.db) };
}

/**
 * The admin edits a pharmacy's name, town and contact details (address, postal code, phone,
 * FINESS, pharmacist in charge). Fields absent from `input` are unchanged; null clears one.
 * Audited with the changed fields before and after. Errors: 404 `pharmacies.not_found`,
 * 409 `pharmacies.finess_taken` (another pharmacy has this FINESS number) or
 * `pharmacies.name_taken` (another pharmacy bears this name, letter case aside); nothing written.
 */
export function updatePharmacy({ ctx, id, input }: { ctx: Ctx; id: number; input: UpdatePharmacyBody }) {
  authorize(ctx.actor, 'pharmacies.manage');
  return ctx.db.transaction(
    () => {
      const before = findPharmacy(ctx.db, id);
      if (!before) throw pharmacyNotFound();
      if (input.name && findPharmacyByName(ctx.db, input.name, id)) throw nameTaken(input.name);
      if (input.finess) {
        const other = findPharmacyByFiness(ctx.db, input.finess, id);
        if (other) throw finessTaken(other.name);
      }
      const { name, town, ...contact } = input;
      const values = {
        name,
        town,
        ...(Object.fromEntries(Object.entries(contact).filter(([, v]) => v !== undefined)) as Partial<
          Record<keyof typeof contact, string | null>
        >),
      };
      const pharmacy = updatePharmacyRow(ctx.db, id, values);
      const changed = (Object.keys(values) as (keyof typeof values)[]).filter((k) => before[k] !== values[k]);
      recordAudit(ctx, {
        action: 'pharmacies.update',
        entity: 'pharmacy',
        entityId: id,
        details: {
          before: Object.fromEntries(changed.map((k) => [k, before[k]])),
          after: Object.fromEntries(changed.map((k) => [k, values[k]])),
        },
      });
      return { pharmacy };
    },
    { behavior: 'immediate' },
  );
}
