import { latestOpenAlertParams, openAlertEntityIds } from '../alerts/alerts.repository';
import { raiseAlert, resolveAlerts } from '../alerts/alerts.usecases';
import { type Ctx, systemActor, withActor } from '../http/context';
import type { BatchRow } from './batches.repository';
import { findBatch } from './batches.repository';
import {
  HOSTED_BATCH_CHANGED_KIND,
  HOSTED_BATCH_KINDS,
  type HostedBatchChange,
  type HostedOrderCause,
  hostedBatchNotice,
} from './hosted-batch.models';
import { isHostNoticeDone } from './robot.models';
import type { RobotRow } from './robot.repository';

export { HOSTED_BATCH_CHANGED_KIND, HOSTED_BATCH_KINDS, HOSTED_BATCH_REDUCED_KIND } from './hosted-batch.models';

/**
 * A colleague's batch on this robot changed (SPEC §6: robots are shared, a batch may run on
 * another pharmacy's robot, whose staff run it): the host pharmacy is told
 * (`robot.hosted_batch_changed`, linked to the batch) what changed, with the booking pharmacy,
 * robot, Paris day, start–end time and pouches (`hostedBatchNotice`). `before` is the batch row
 * read before the change (null for `booked`); the batch as it is now is read here, so call inside
 * the change's transaction, after the batch changed. Nothing when the host is the batch's own
 * pharmacy, or when the notice would already be done (`isHostNoticeDone`: e.g. a batch cancelled
 * once its slot's start went by). One open notice per batch: an older one still open is resolved
 * (as the system) and today's row is brought back with the latest figures (`dedupe: 'renew'`);
 * a move or resize after one still open counts from the figures that one first told.
 * Returns whether an alert was raised or renewed.
 */
export function noticeHostedBatchChange(
  ctx: Pick<Ctx, 'db' | 'clock' | 'actor'>,
  args: {
    robot: RobotRow;
    before: BatchRow | null;
    batchId: number;
    change: HostedBatchChange;
    order?: HostedOrderCause;
  },
): boolean {
  const { robot, before, change, order } = args;
  const after = findBatch(ctx.db, args.batchId);
  if (!after || robot.hostPharmacyId === after.pharmacyId) return false;
  if (isHostNoticeDone(after, ctx.clock.now().getTime())) return false;
  const told = latestOpenAlertParams(ctx.db, {
    kinds: [HOSTED_BATCH_CHANGED_KIND],
    pharmacyId: robot.hostPharmacyId,
    entity: 'robot_batch',
    entityId: String(after.id),
  });
  const { messageKey, params } = hostedBatchNotice({ robotName: robot.name, before, after, change, order, told });
  const system = withActor(ctx, systemActor('robot.host_notice'));
  resolveAlerts(system, {
    entity: 'robot_batch',
    entityId: after.id,
    kinds: HOSTED_BATCH_KINDS,
    pharmacyId: robot.hostPharmacyId,
  });
  return raiseAlert(ctx, {
    scope: { pharmacyId: robot.hostPharmacyId },
    kind: HOSTED_BATCH_CHANGED_KIND,
    entity: 'robot_batch',
    entityId: after.id,
    messageKey,
    params,
    dedupe: 'renew',
  });
}

/**
 * The host pharmacy's notices about colleagues' batches (both kinds, `HOSTED_BATCH_KINDS`) whose
 * batch has started or whose slot's start has gone by (`isHostNoticeDone`) are done: resolved
 * (inside the caller's transaction). Run when the host's staff read their alerts; starting a batch
 * resolves its own at once. Returns how many.
 */
export function resolveStaleHostedBatchAlerts(ctx: Pick<Ctx, 'db' | 'clock' | 'actor'>, pharmacyId: number): number {
  const now = ctx.clock.now().getTime();
  let resolved = 0;
  for (const kind of HOSTED_BATCH_KINDS) {
    for (const id of openAlertEntityIds(ctx.db, { kind, pharmacyId })) {
      const batch = findBatch(ctx.db, Number(id));
      if (!batch || isHostNoticeDone(batch, now)) resolved += resolveHostedBatchAlerts(ctx, Number(id));
    }
  }
  return resolved;
}

/** The batch started: the host's notices about it are done (every scope, both kinds). Returns how many. */
export function resolveHostedBatchAlerts(ctx: Pick<Ctx, 'db' | 'clock' | 'actor'>, batchId: number): number {
  return resolveAlerts(ctx, { entity: 'robot_batch', entityId: batchId, kinds: HOSTED_BATCH_KINDS });
}
