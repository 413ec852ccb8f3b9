import type { Db } from '../../db/client';
import type { Actor } from '../http/context';
import { can } from '../http/policy';
import { type BatchOrderRow, type BatchRow, listBatchOrders } from './batches.repository';
import { type BatchStatus, isSlotMissed, MINUTE } from './robot.models';

/**
 * Batches as the API shows them (the contract of issue "The shared PDA robot"): times, status,
 * orders with care home, cut-off and deadline, pouches, manual units, duration and its breakdown
 * (minutes), and `slotMissed` at `now` (epoch ms, `isSlotMissed`). Pharmacy and care home names
 * only: never a resident.
 */
export function batchViews(db: Db, rows: BatchRow[], controlMinutes: number, now: number) {
  const ordersOf = ordersByBatch(db, rows);
  return rows.map((r) => {
    const own = ordersOf.get(r.id) ?? [];
    return {
      id: r.id,
      robotId: r.robotId,
      start: r.start,
      end: r.end,
      status: r.status as BatchStatus,
      slotMissed: isSlotMissed(r, now),
      orderIds: orderIdsOf(own),
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
      careHomes: careHomesOf(own),
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

/**
 * Batches as the robot's calendar shows them: `batchViews` without each order's line (its
 * cut-off, deadline and pouches) or the duration's breakdown, which a week's grid does not draw
 * and which cost most of building its batches (issue 16); `slotMissed` at `now` (epoch ms).
 */
export function batchSummaries(db: Db, rows: BatchRow[], now: number) {
  const ordersOf = ordersByBatch(db, rows);
  return rows.map((r) => {
    const own = ordersOf.get(r.id) ?? [];
    return {
      id: r.id,
      start: r.start,
      end: r.end,
      status: r.status as BatchStatus,
      slotMissed: isSlotMissed(r, now),
      pharmacyId: r.pharmacyId,
      pharmacyName: r.pharmacyName,
      careHomes: careHomesOf(own),
      orderIds: orderIdsOf(own),
      pouches: r.pouches,
      manualUnits: r.manualUnits,
      durationMinutes: r.durationMinutes,
    };
  });
}

/** The orders of `rows`, read in one statement, by batch id (in the statement's order). */
function ordersByBatch(db: Db, rows: BatchRow[]): Map<number, BatchOrderRow[]> {
  const byBatch = new Map<number, BatchOrderRow[]>();
  for (const o of listBatchOrders(
    db,
    rows.map((r) => r.id),
  )) {
    const list = byBatch.get(o.batchId);
    if (list) list.push(o);
    else byBatch.set(o.batchId, [o]);
  }
  return byBatch;
}

/** A batch's care homes, each once, in the order of its orders (care home name, then order id). */
const careHomesOf = (own: readonly BatchOrderRow[]) => [
  ...new Map(own.map((o) => [o.careHomeId, { id: o.careHomeId, name: o.careHomeName }])).values(),
];

const orderIdsOf = (own: readonly BatchOrderRow[]) => own.map((o) => o.orderId).sort((a, b) => a - b);

export type BatchView = ReturnType<typeof batchViews>[number];

/** True when the actor may change this batch (its pharmacy's staff, or the admin). */
export const mayChange = (actor: Actor, batch: { pharmacyId: number }) =>
  can(actor, 'robot_batches.book', { pharmacyId: batch.pharmacyId });
