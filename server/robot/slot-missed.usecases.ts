import { raiseAlert, resolveAlerts } from '../alerts/alerts.usecases';
import type { Ctx } from '../http/context';
import { isoWeek, parisDate, parisTime } from '../shared/dates';
import { listBatchOrders, listMissedSlotBatches } from './batches.repository';
import { MINUTE } from './robot.models';

/** The alert kind telling a pharmacy that a booked robot batch's slot went by without production. */
export const SLOT_MISSED_KIND = 'robot.batch_slot_missed';

/**
 * SPEC §6: a booked batch whose slot has ended without being started (`isSlotMissed`) stays
 * `booked` and its orders `planned`: nobody makes their pouches unless the pharmacy starts it now,
 * moves it (`rescheduleBatch`) or cancels it so its orders go back to `submitted`. Raises, once
 * per slot and pharmacy (`dedupe: { since: start }`: a batch moved ahead and missed again is
 * alerted again; a dismissed alert does not come back for the same slot), the alert `robot.batch_slot_missed` for the staff
 * of the robot's host pharmacy and of the pharmacy whose orders the batch holds, with the slot
 * (Paris day and time), the care homes and the earliest order deadline (delivery less the robot's
 * control time). Starting, moving or cancelling the batch resolves it (`resolveSlotMissedAlerts`).
 * Computed when staff read their alerts (`listMyAlerts`, limited to `pharmacyId`) and by the
 * daily `low-stock` job (SPEC §9), so it is idempotent. Returns how many alerts were raised;
 * call inside a transaction.
 */
export function raiseSlotMissedAlerts(ctx: Pick<Ctx, 'db' | 'clock' | 'actor'>, pharmacyId?: number): number {
  const now = ctx.clock.now();
  const batches = listMissedSlotBatches(ctx.db, now.toISOString(), pharmacyId);
  if (batches.length === 0) return 0;
  const orders = listBatchOrders(
    ctx.db,
    batches.map((b) => b.id),
  );
  let raised = 0;
  for (const b of batches) {
    const own = orders.filter((o) => o.batchId === b.id);
    const careHomes = [...new Set(own.map((o) => o.careHomeName))].join(', ');
    // A booked batch always holds an order (the last one leaving cancels it): its slot's end otherwise.
    const deadline = own.length
      ? Math.min(...own.map((o) => Date.parse(o.deliveryAt) - b.controlMinutes * MINUTE))
      : Date.parse(b.end);
    const start = new Date(b.start);
    const params = {
      batchId: b.id,
      robot: b.robotName,
      careHomes,
      startDay: parisDate(start),
      startTime: parisTime(start),
      robotWeek: isoWeek(start),
      deadlineDay: parisDate(new Date(deadline)),
      deadlineTime: parisTime(new Date(deadline)),
    };
    for (const scope of new Set([b.hostPharmacyId, b.pharmacyId])) {
      if (pharmacyId !== undefined && scope !== pharmacyId) continue;
      const fresh = raiseAlert(ctx, {
        scope: { pharmacyId: scope },
        kind: SLOT_MISSED_KIND,
        entity: 'robot_batch',
        entityId: b.id,
        messageKey: 'alerts.robotBatchSlotMissed',
        params,
        // Once per slot: a batch moved ahead and missed again is alerted again.
        dedupe: { since: b.start },
      });
      if (fresh) raised++;
    }
  }
  return raised;
}

/**
 * The batch was started, moved to a slot ahead or cancelled: its `robot.batch_slot_missed` alerts
 * are done, in every pharmacy's scope (inside the caller's transaction). Returns how many.
 */
export function resolveSlotMissedAlerts(ctx: Pick<Ctx, 'db' | 'clock' | 'actor'>, batchId: number): number {
  return resolveAlerts(ctx, { entity: 'robot_batch', entityId: batchId, kinds: [SLOT_MISSED_KIND] });
}
