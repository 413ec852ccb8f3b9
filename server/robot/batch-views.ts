import type { Db } from '../../db/client';
import type { Actor } from '../http/context';
import { can } from '../http/policy';
import { type BatchRow, listBatchOrders } from './batches.repository';
import { type BatchStatus, MINUTE } from './robot.models';

/**
 * Batches as the API shows them (the contract of issue "The shared PDA robot"): times, status,
 * orders with care home, cut-off and deadline, pouches, manual units, duration and its breakdown
 * (minutes). Pharmacy and care home names only: never a resident.
 */
export function batchViews(db: Db, rows: BatchRow[], controlMinutes: number) {
  const orders = listBatchOrders(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => {
    const own = orders.filter((o) => o.batchId === r.id);
    const careHomes = [...new Map(own.map((o) => [o.careHomeId, { id: o.careHomeId, name: o.careHomeName }])).values()];
    return {
      id: r.id,
      robotId: r.robotId,
      start: r.start,
      end: r.end,
      status: r.status as BatchStatus,
      orderIds: own.map((o) => o.orderId).sort((a, b) => a - b),
      pouches: r.pouches,
      manualUnits: r.manualUnits,
      durationMinutes: r.durationMinutes,
      breakdown: {
        setup: r.setupMinutes,
        pouches: r.pouchMinutes,
        manual: r.manualMinutes,
        cleaning: r.cleaningMinutes,
      },
      pharmacyId: r.pharmacyId,
      pharmacyName: r.pharmacyName,
      careHomes,
      orders: own.map((o) => ({
        orderId: o.orderId,
        careHomeId: o.careHomeId,
        careHomeName: o.careHomeName,
        week: o.week,
        pouches: o.pouches,
        manualUnits: o.manualUnits,
        cutoffAt: o.cutoffAt,
        deadline: new Date(Date.parse(o.deliveryAt) - controlMinutes * MINUTE).toISOString(),
      })),
    };
  });
}

export type BatchView = ReturnType<typeof batchViews>[number];

/** True when the actor may change this batch (its pharmacy's staff, or the admin). */
export const mayChange = (actor: Actor, batch: { pharmacyId: number }) =>
  can(actor, 'robot_batches.book', { pharmacyId: batch.pharmacyId });
