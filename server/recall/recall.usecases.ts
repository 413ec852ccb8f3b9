import { raiseAlert } from '../alerts/alerts.usecases';
import { recordAudit } from '../audit/audit.usecases';
import type { Ctx } from '../http/context';
import { conflict } from '../shared/errors';
import { lapseUncoverableOffers } from '../stock/offers.lapse';
import { applyMovement, findPresentationLabel } from '../stock/stock.repository';
import { movementStamp, staffPharmacy } from '../stock/stock.usecases';
import { cancelTransfer } from '../stock/transfers.usecases';
import {
  findRecalledLots,
  listAcceptedTransfersOfLots,
  listCounterDispensesOfLots,
  listPouchesOfLots,
  listTransfersOfLots,
} from './recall.repository';
import type { RecallInput, RecallOut } from './recall.schemas';

const recallKey = (input: RecallInput) => `${input.cip13}/${input.lot}`;

/**
 * `GET /api/recalls?cip13=&lot=` (SPEC §4, retrait de lot), pharmacists and technicians only:
 * every pharmacy holding the lot (units now, reserved, since when), every transfer that moved it,
 * every pharmacy that dispensed it at the counter (units, first and last day), every robot batch
 * whose pouches contained it with its care homes (order, week, delivery, how many residents,
 * units) and dates. Residents are named only to the pharmacy serving their care
 * home; for the others `hiddenResidents` counts them. The read is audited (patient data).
 */
export function getRecall({ ctx, input }: { ctx: Ctx; input: RecallInput }): RecallOut {
  const myPharmacy = staffPharmacy(ctx, 'recalls.read');
  const lots = findRecalledLots(ctx.db, input.cip13, input.lot);
  const lotIds = lots.map((l) => l.lotId);
  const pouches = lotIds.length ? listPouchesOfLots(ctx.db, lotIds) : [];
  const batches = new Map<number, RecallOut['batches'][number]>();
  for (const p of pouches) {
    let batch = batches.get(p.batchId);
    if (!batch) {
      batch = {
        batchId: p.batchId,
        robotName: p.robotName,
        hostPharmacyName: p.hostPharmacyName,
        status: p.batchStatus as RecallOut['batches'][number]['status'],
        start: p.start,
        producedAt: p.producedAt,
        verifiedAt: p.verifiedAt,
        units: 0,
        careHomes: [],
      };
      batches.set(p.batchId, batch);
    }
    batch.units += p.units;
    let home = batch.careHomes.find((h) => h.orderId === p.orderId);
    if (!home) {
      home = {
        careHomeId: p.careHomeId,
        careHomeName: p.careHomeName,
        pharmacyName: p.servingPharmacyName,
        orderId: p.orderId,
        week: p.week,
        orderStatus: p.orderStatus as RecallOut['batches'][number]['careHomes'][number]['orderStatus'],
        deliveredAt: p.deliveredAt,
        residents: 0,
        units: 0,
      };
      batch.careHomes.push(home);
    }
    home.residents += 1;
    home.units += p.units;
  }
  const visible = pouches.filter((p) => p.servingPharmacyId === myPharmacy);
  recordAudit(ctx, {
    action: 'recalls.read',
    entity: 'recall',
    entityId: recallKey(input),
    details: { residents: visible.length },
  });
  return {
    cip13: input.cip13,
    lot: input.lot,
    label: findPresentationLabel(ctx.db, input.cip13) ?? input.cip13,
    holdings: lots.map(({ lotId, pharmacyId, pharmacyName, lotNumber, expiryDate, quantity, reserved, since }) => ({
      pharmacyId,
      pharmacyName,
      lotId,
      lotNumber,
      expiryDate,
      quantity,
      reserved,
      since,
    })),
    transfers: lotIds.length ? listTransfersOfLots(ctx.db, lotIds) : [],
    dispensed: lotIds.length ? listCounterDispensesOfLots(ctx.db, lotIds) : [],
    batches: [...batches.values()],
    residents: visible.map((p) => ({
      residentId: p.residentId,
      name: `${p.lastName.toLocaleUpperCase('fr')} ${p.firstName}`,
      room: p.room,
      careHomeId: p.careHomeId,
      careHomeName: p.careHomeName,
      orderId: p.orderId,
      week: p.week,
      batchId: p.batchId,
      units: p.units,
      producedAt: p.producedAt,
    })),
    hiddenResidents: pouches.length - visible.length,
  };
}

/**
 * `POST /api/recalls/destroy` (SPEC §4): the caller's pharmacy destroys what it still holds of
 * the recalled lot: one `destruction` movement (reason `recalled`) per matching lot, for all its
 * units. A dépannage it accepted but has not shipped, whose reserved units include the lot, is
 * cancelled first (the other pharmacy is notified and may ask again), so a recalled box can
 * never leave by that transfer. Every other pharmacy still holding units of the lot, or about to
 * receive some in a shipped parcel, is alerted (`alertOtherHolders`). 409 `recall.nothing_to_destroy`
 * when nothing is left on its shelves; nothing is written then. `reserved` in the answer is the
 * units so released.
 */
export function destroyRecalledLot({ ctx, input }: { ctx: Ctx; input: RecallInput }) {
  const pharmacyId = staffPharmacy(ctx, 'recalls.destroy');
  return ctx.db.transaction(
    () => {
      const held = findRecalledLots(ctx.db, input.cip13, input.lot).filter((l) => l.pharmacyId === pharmacyId);
      const released = held.reduce((s, l) => s + l.reserved, 0);
      const cancelled = listAcceptedTransfersOfLots(
        ctx.db,
        pharmacyId,
        held.map((l) => l.lotId),
      );
      for (const id of cancelled) cancelTransfer({ ctx, id, because: 'recall' });
      const lots = findRecalledLots(ctx.db, input.cip13, input.lot).filter((l) => l.pharmacyId === pharmacyId);
      const movements = [];
      for (const lot of lots) {
        const quantity = lot.quantity - lot.reserved;
        if (quantity <= 0) continue;
        const ok = applyMovement(ctx.db, {
          pharmacyId,
          lotId: lot.lotId,
          kind: 'destruction',
          quantity: -quantity,
          reason: 'recalled',
          ...movementStamp(ctx),
        });
        if (!ok) throw new Error(`lot ${lot.lotId} changed during the recall`);
        movements.push({ lotId: lot.lotId, lotNumber: lot.lotNumber, expiryDate: lot.expiryDate, quantity: -quantity });
      }
      // A recalled lot cannot be offered any more: its open anti-waste offers lapse.
      lapseUncoverableOffers(ctx, { lotIds: movements.map((m) => m.lotId) });
      if (movements.length === 0)
        throw conflict('recall.nothing_to_destroy', 'Your pharmacy holds no unit of this lot', [
          { ...input, reserved: 0 },
        ]);
      alertOtherHolders(ctx, input, pharmacyId);
      recordAudit(ctx, {
        action: 'recalls.destroy',
        entity: 'recall',
        entityId: recallKey(input),
        details: { movements, cancelledTransfers: cancelled },
      });
      return { pharmacyId, movements, reserved: released, cancelledTransfers: cancelled };
    },
    { behavior: 'immediate' },
  );
}

/**
 * When one pharmacy destroys a recalled lot, the others that still hold units of it (on their
 * shelves) or will receive some (a shipped dépannage not yet received) are told, once per lot
 * (`stock.lot_recalled`, linking to the recall): a recall concerns the whole cooperative (SPEC §4),
 * and a parcel in the post would otherwise be received and dispensed without a word.
 */
function alertOtherHolders(ctx: Ctx, input: RecallInput, byPharmacyId: number) {
  const lots = findRecalledLots(ctx.db, input.cip13, input.lot);
  const held = new Map<number, number>();
  for (const l of lots)
    if (l.pharmacyId !== byPharmacyId && l.quantity > 0)
      held.set(l.pharmacyId, (held.get(l.pharmacyId) ?? 0) + l.quantity);
  const inTransit = new Map<number, number>();
  const lotIds = lots.map((l) => l.lotId);
  for (const t of lotIds.length ? listTransfersOfLots(ctx.db, lotIds) : [])
    if (t.status === 'shipped' && t.toPharmacyId !== byPharmacyId)
      inTransit.set(t.toPharmacyId, (inTransit.get(t.toPharmacyId) ?? 0) + t.quantity);
  const by = lots.find((l) => l.pharmacyId === byPharmacyId)?.pharmacyName ?? '';
  const product = findPresentationLabel(ctx.db, input.cip13) ?? input.cip13;
  for (const pharmacyId of new Set([...held.keys(), ...inTransit.keys()]))
    raiseAlert(ctx, {
      scope: { pharmacyId },
      kind: 'stock.lot_recalled',
      entity: 'recall',
      entityId: recallKey(input),
      messageKey: 'alerts.stockLotRecalled',
      params: {
        product,
        cip13: input.cip13,
        lotNumber: input.lot,
        by,
        held: held.get(pharmacyId) ?? 0,
        inTransit: inTransit.get(pharmacyId) ?? 0,
      },
      dedupe: 'ever',
    });
}
