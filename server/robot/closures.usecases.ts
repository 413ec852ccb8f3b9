import type { z } from 'zod';
import { raiseAlert } from '../alerts/alerts.usecases';
import { recordAudit } from '../audit/audit.usecases';
import type { Ctx } from '../http/context';
import { authorize } from '../http/policy';
import { isoWeek, isoWeekDays, parisDate, parisDayRange, parisTime } from '../shared/dates';
import { frenchPublicHolidays } from '../shared/holidays';
import { type BatchRow, listActiveBatchesOverlapping, listBatchOrders } from './batches.repository';
import { cancelBookedBatch, robotOr404 } from './batches.usecases';
import { type ClosureView, closuresOfDays, computedHolidays } from './closure-calendar';
import { robotErrors } from './robot.errors';
import { type BatchStatus, MOVABLE_STATUSES } from './robot.models';
import {
  type ClosureRow,
  deleteClosure,
  findClosure,
  findClosureStarting,
  hasStoredHolidays,
  insertClosure,
  insertClosureIfAbsent,
  listAllClosures,
  type RobotRow,
} from './robot.repository';
import type { ClosureBody, ClosuresQuery } from './robot.schemas';

const yearOf = (day: string) => Number(day.slice(0, 4));

/**
 * Stores a year's French public holidays as whole-day closures (Paris days); idempotent: a
 * holiday already there is left as it is. Returns how many were added.
 */
export function seedPublicHolidays(ctx: Pick<Ctx, 'db' | 'clock'>, robotId: number, year: number): number {
  let added = 0;
  for (const h of frenchPublicHolidays(year)) {
    const day = parisDayRange(h.date);
    const inserted = insertClosureIfAbsent(ctx.db, {
      robotId,
      startAt: day.start.toISOString(),
      endAt: day.end.toISOString(),
      kind: 'public_holiday',
      reason: h.name,
      createdAt: ctx.clock.now().toISOString(),
    });
    if (inserted) added++;
  }
  return added;
}

/**
 * `GET /api/robots/:id/closures?week=`: closures touching the week, or every stored one plus the
 * computed holidays of this year and next; computed holidays have `id: null`.
 */
export function getClosures({ ctx, id, query }: { ctx: Ctx; id: number; query: z.output<typeof ClosuresQuery> }) {
  authorize(ctx.actor, 'robots.read');
  robotOr404(ctx, id);
  if (query.week) {
    const days = isoWeekDays(query.week);
    return { items: closuresOfDays(ctx.db, id, days[0] as string, days[6] as string) };
  }
  const year = yearOf(parisDate(ctx.clock.now()));
  const computed = computedHolidays(ctx.db, id, `${year}-01-01`, `${year + 1}-12-31`);
  const items: ClosureView[] = [...listAllClosures(ctx.db, id), ...computed];
  return { items: items.sort((a, b) => a.start.localeCompare(b.start) || (a.id ?? 0) - (b.id ?? 0)) };
}

/**
 * `POST /api/robots/:id/closures` (admin): 422 `robot.closure_ends_before_start`; 409
 * `robot.closure_over_batches` (with them: slot, status, booking pharmacy) when batches are booked
 * then, unless `cancelBatches` names every one of them (a breakdown: they are cancelled and their
 * pharmacies told, `cancelBatchesForClosure`), and always for a batch already in production (or
 * produced); `robot.closure_exists`
 * when one of that kind starts at that instant. A public holiday added in a year whose holidays
 * are computed first stores that year's, so adding one never reopens the others.
 */
export function addClosure({
  ctx,
  id,
  input,
}: {
  ctx: Ctx;
  id: number;
  input: z.output<typeof ClosureBody>;
}): ClosureRow {
  authorize(ctx.actor, 'robots.close');
  if (input.end <= input.start) throw robotErrors.closureEndsBeforeStart();
  const start = input.start.toISOString();
  const end = input.end.toISOString();
  return ctx.db.transaction(
    () => {
      const robot = robotOr404(ctx, id);
      requireCloser(ctx, robot);
      const over = listActiveBatchesOverlapping(ctx.db, id, start, end);
      // A batch in production (or done) cannot be undone; a booked one is cancelled only when
      // named: the admin saw it listed (a period widened since would cancel unseen ones).
      const named = new Set(input.cancelBatches ?? []);
      const kept = over.filter((b) => !MOVABLE_STATUSES.includes(b.status as BatchStatus));
      if (kept.length > 0 || over.some((b) => !named.has(b.id))) {
        throw robotErrors.closureOverBatches(
          (kept.length > 0 ? kept : over).map((b) => ({
            id: b.id,
            start: b.start,
            end: b.end,
            status: b.status,
            pharmacyName: b.pharmacyName,
          })),
        );
      }
      if (input.kind === 'public_holiday') {
        const year = yearOf(parisDate(input.start));
        if (!hasStoredHolidays(ctx.db, id, year)) seedPublicHolidays(ctx, id, year);
      }
      const same = findClosureStarting(ctx.db, id, input.kind, start);
      if (same) throw robotErrors.closureExists(same);
      const closureId = insertClosure(ctx.db, {
        robotId: id,
        startAt: start,
        endAt: end,
        kind: input.kind,
        reason: input.reason,
        createdAt: ctx.clock.now().toISOString(),
        createdBy: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
      });
      recordAudit(ctx, { action: 'robots.closure_add', entity: 'robot_closure', entityId: closureId, details: input });
      cancelBatchesForClosure(ctx, robot, over, { closureId, reason: input.reason });
      return findClosure(ctx.db, closureId)!;
    },
    { behavior: 'immediate' },
  );
}

/**
 * Who closes a robot (policy `robots.close`): the coordinator, or a pharmacist of its host
 * pharmacy — a breakdown is known at the robot first. 403 `robot.closure_host_only` for a
 * pharmacist of another pharmacy (the robot is shared and readable: it exists, they may not close it).
 */
function requireCloser(ctx: Ctx, robot: { hostPharmacyId: number; hostPharmacyName: string }) {
  if (ctx.actor.kind === 'user' && ctx.actor.role === 'pharmacist' && ctx.actor.pharmacyId !== robot.hostPharmacyId) {
    throw robotErrors.closureHostOnly(robot.hostPharmacyName);
  }
}

/** The alert kind telling a pharmacy its booked batch was cancelled by a robot closure. */
export const CLOSURE_CANCELLED_KIND = 'robot.batch_cancelled_by_closure';

/**
 * Cancels the booked batches a closure covers (`cancelBookedBatch`: their orders go back to be
 * planned), audited with the closure, and tells each booking pharmacy (`robot.batch_cancelled_by_closure`,
 * linked to the robot's week, where its orders are planned again): which batch, robot, slot (Paris day and time), care homes, and why.
 */
function cancelBatchesForClosure(
  ctx: Ctx,
  robot: RobotRow,
  batches: BatchRow[],
  closure: { closureId: number; reason: string },
) {
  const orders = listBatchOrders(
    ctx.db,
    batches.map((b) => b.id),
  );
  for (const batch of batches) {
    cancelBookedBatch(ctx, robot, batch);
    recordAudit(ctx, {
      action: 'robot_batches.cancel',
      entity: 'robot_batch',
      entityId: batch.id,
      details: { closureId: closure.closureId },
    });
    const start = new Date(batch.start);
    raiseAlert(ctx, {
      scope: { pharmacyId: batch.pharmacyId },
      kind: CLOSURE_CANCELLED_KIND,
      entity: 'robot_batch',
      entityId: batch.id,
      messageKey: 'alerts.robotBatchCancelledByClosure',
      params: {
        batchId: batch.id,
        robot: robot.name,
        startDay: parisDate(start),
        startTime: parisTime(start),
        robotWeek: isoWeek(start),
        careHomes: [...new Set(orders.filter((o) => o.batchId === batch.id).map((o) => o.careHomeName))].join(', '),
        reason: closure.reason,
      },
      dedupe: 'ever',
    });
  }
}

/** `DELETE /api/robot-closures/:id` (admin): the robot runs again then. */
export function removeClosure({ ctx, id }: { ctx: Ctx; id: number }) {
  authorize(ctx.actor, 'robots.close');
  ctx.db.transaction(() => {
    const closure = findClosure(ctx.db, id);
    if (!closure) throw robotErrors.closureNotFound();
    requireCloser(ctx, robotOr404(ctx, closure.robotId));
    deleteClosure(ctx.db, id);
    recordAudit(ctx, { action: 'robots.closure_remove', entity: 'robot_closure', entityId: id, details: closure });
  });
}
