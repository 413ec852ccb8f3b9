import { recordAudit } from '../audit/audit.usecases';
import { actorLabel, type Ctx } from '../http/context';
import { cancelBatchRow } from './batches.repository';
import { productionErrors } from './production.errors';
import { PRODUCTION_STEPS } from './production.models';
import { findRun, setBatchStatus, stepBatchOrders } from './production.repository';
import type { RejectInput } from './production.schemas';
import { followStart, requireRobotFree } from './production.usecases';
import { insertRejection, reopenRun, resolveOpenAnomalies, voidConsumption } from './production-rejections.repository';
import { batchDetail, verifiableBatch } from './production-views';

const userIdOf = (ctx: Ctx) => (ctx.actor.kind === 'user' ? ctx.actor.userId : null);

/**
 * `POST /api/robot-batches/:id/reject` (SPEC §6): the pharmacist who would verify a produced batch
 * (its care homes' pharmacy: the host's 403 `robot.verify_own_care_homes_only`, others 404)
 * rejects it with a reason. Its pouches are destroyed: the run's consumption rows are voided (the
 * stock movements stand — the units were used — and the recall still finds them), its open
 * anomalies are closed with the reason. `redo`: the batch and its orders go back to
 * `in_production`, to be completed again (a new consumption), its run restarted now by the
 * rejecting pharmacist, its block in the calendar from now when that time is free. `abandon`: the batch is cancelled
 * and its orders go back to `submitted`, to be planned in another batch. One immediate
 * transaction; 409 `robot.batch_not_produced` unless the batch is `produced`, and for a redo 409
 * `robot.robot_busy` while another batch of the robot is in production (abandoning stays possible).
 */
export function rejectBatch({ ctx, id, input }: { ctx: Ctx; id: number; input: RejectInput }) {
  return ctx.db.transaction(
    () => {
      const { batch } = verifiableBatch(ctx, id);
      if (batch.status !== 'produced') throw productionErrors.batchNotProduced(batch.status);
      if (input.decision === 'redo') requireRobotFree(ctx, batch.robotId);
      const at = ctx.clock.now().toISOString();
      const userId = userIdOf(ctx);
      const event = { at, userId, label: actorLabel(ctx.actor) };
      voidConsumption(ctx.db, batch.id, at);
      resolveOpenAnomalies(ctx.db, batch.id, at, userId, input.reason);
      const run = findRun(ctx.db, batch.id);
      insertRejection(ctx.db, { batchId: batch.id, decision: input.decision, reason: input.reason, at, userId, run });
      let orderIds: number[];
      if (input.decision === 'redo') {
        const { from, to } = PRODUCTION_STEPS.complete;
        if (!setBatchStatus(ctx.db, batch.id, to, from, at)) throw new Error(`batch ${batch.id} is no longer ${to}`);
        reopenRun(ctx.db, batch.id, at, userId);
        // The robot makes the pouches again from now: the block, ended at the first completion,
        // takes the batch's planned minutes from now when that time is free (`followedBlock`).
        const planned = new Date(Date.parse(batch.start) + batch.durationMinutes * 60_000).toISOString();
        followStart(ctx, { ...batch, end: planned }, at);
        orderIds = stepBatchOrders(ctx.db, batch.id, 'produced', 'in_production', event);
      } else {
        // The orders move before the batch's links are deactivated by the cancellation.
        orderIds = stepBatchOrders(ctx.db, batch.id, 'produced', 'submitted', event);
        cancelBatchRow(ctx.db, batch.id, at, userId);
      }
      recordAudit(ctx, {
        action: 'robot_batches.reject',
        entity: 'robot_batch',
        entityId: batch.id,
        details: { decision: input.decision, orderIds },
      });
      return batchDetail(ctx.db, batch.id, ctx.clock.now().getTime());
    },
    { behavior: 'immediate' },
  );
}
