import { openAlertEntityIds } from '../alerts/alerts.repository';
import { raiseAlert, resolveAlerts } from '../alerts/alerts.usecases';
import type { Ctx } from '../http/context';
import { weekAlertParams } from '../orders/orders.models';
import { isoWeek, parisDate, parisTime } from '../shared/dates';
import { type BatchRow, findBatch } from './batches.repository';
import { isHostNoticeDone } from './robot.models';
import type { RobotRow } from './robot.repository';

/** The alert kind telling a robot's host pharmacy that a batch it hosts for another pharmacy lost an order. */
export const HOSTED_BATCH_REDUCED_KIND = 'robot.hosted_batch_reduced';

/**
 * An order of another pharmacy's care home was cancelled out of a batch booked on this robot
 * (SPEC §6: robots are shared, a batch may run on a colleague's robot): the host pharmacy's staff
 * run that robot, so they are told (`robot.hosted_batch_reduced`, linked to the batch) that the
 * batch shrank — its new end and pouches — or, emptied, was cancelled and its slot is free. Nothing
 * when the host is the batch's own pharmacy (it did it, or its care home did and it is told as
 * usual). Raised again on each change (`dedupe: 'renew'`, one row a day with the latest
 * figures); resolved once the batch starts or its slot's start has gone by
 * (`resolveStaleHostedBatchAlerts`). Call inside the cancellation's transaction, after the batch changed.
 */
export function raiseHostedBatchReduced(
  ctx: Pick<Ctx, 'db' | 'clock' | 'actor'>,
  args: { robot: RobotRow; before: BatchRow; order: { careHomeName: string; week: string } },
): boolean {
  const { robot, before, order } = args;
  if (robot.hostPharmacyId === before.pharmacyId) return false;
  const after = findBatch(ctx.db, before.id) as BatchRow;
  const emptied = after.status === 'cancelled';
  const start = new Date(before.start);
  return raiseAlert(ctx, {
    scope: { pharmacyId: robot.hostPharmacyId },
    kind: HOSTED_BATCH_REDUCED_KIND,
    entity: 'robot_batch',
    entityId: before.id,
    messageKey: emptied ? 'alerts.hostedBatchEmptied' : 'alerts.hostedBatchShrunk',
    params: {
      batchId: before.id,
      robot: robot.name,
      pharmacy: before.pharmacyName,
      careHome: order.careHomeName,
      ...weekAlertParams(order.week),
      startDay: parisDate(start),
      startTime: parisTime(start),
      robotWeek: isoWeek(start),
      endTime: parisTime(new Date(before.end)),
      newEndTime: parisTime(new Date(after.end)),
      pouches: after.pouches,
      freedMinutes: emptied ? before.durationMinutes : before.durationMinutes - after.durationMinutes,
    },
    dedupe: 'renew',
  });
}

/**
 * The host pharmacy's `robot.hosted_batch_reduced` alerts whose batch has started or whose slot's
 * start has gone by (`isHostNoticeDone`) are done: resolved (inside the caller's transaction). Run
 * when the host's staff read their alerts; starting a batch resolves its own at once. Returns how many.
 */
export function resolveStaleHostedBatchAlerts(ctx: Pick<Ctx, 'db' | 'clock' | 'actor'>, pharmacyId: number): number {
  const now = ctx.clock.now().getTime();
  let resolved = 0;
  for (const id of openAlertEntityIds(ctx.db, { kind: HOSTED_BATCH_REDUCED_KIND, pharmacyId })) {
    const batch = findBatch(ctx.db, Number(id));
    if (!batch || isHostNoticeDone(batch, now)) resolved += resolveHostedBatchAlerts(ctx, Number(id));
  }
  return resolved;
}

/** The batch started: the host's alerts about its lost orders are done (every scope). Returns how many. */
export function resolveHostedBatchAlerts(ctx: Pick<Ctx, 'db' | 'clock' | 'actor'>, batchId: number): number {
  return resolveAlerts(ctx, { entity: 'robot_batch', entityId: batchId, kinds: [HOSTED_BATCH_REDUCED_KIND] });
}
