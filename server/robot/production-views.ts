import type { Db } from '../../db/client';
import type { Ctx } from '../http/context';
import { type Action, authorize, can } from '../http/policy';
import { presentationLabels } from '../stock/stock.repository';
import { type BatchView, batchViews } from './batch-views';
import { type BatchRow, findBatch } from './batches.repository';
import { productionErrors } from './production.errors';
import { allocateBatch, lastPouchDay, type PouchLine } from './production.models';
import {
  countOpenAnomalies,
  findRun,
  findVerifiedAt,
  listBatchConsumption,
  listBatchPouchLines,
  listHostLots,
  listRunningBatchIds,
} from './production.repository';
import { listRejections } from './production-rejections.repository';
import { robotErrors } from './robot.errors';
import { MINUTE, startOutlook } from './robot.models';
import { findRobot, type RobotRow } from './robot.repository';
import { loadTimeline } from './timeline';

/** The pharmacies whose staff may run a batch: the robot's host and the batch's orders' pharmacy. */
export const productionPharmacies = (robot: RobotRow, batch: BatchRow) => [robot.hostPharmacyId, batch.pharmacyId];

/**
 * A batch the actor may act on for `action` (SPEC §2, §6): the role must allow it (403
 * `auth.forbidden`), and the actor must work at the robot's host pharmacy or at the pharmacy of
 * the batch's orders; any other batch answers 404 `robot.batch_not_found`, as a missing one.
 */
export function productionBatch(ctx: Ctx, id: number, action: Action): { batch: BatchRow; robot: RobotRow } {
  authorize(ctx.actor, action);
  const found = findProductionBatch(ctx, id, action);
  if (!found) throw robotErrors.batchNotFound();
  return found;
}

/**
 * A batch the actor may verify (SPEC §2: a pharmacist verifies its own care homes' production):
 * as `productionBatch` for `robot_production.verify` (403 role, 404 out of scope), then 403
 * `robot.verify_own_care_homes_only` when the actor works at the robot's host pharmacy but not
 * at the pharmacy serving the batch's care homes (it sees the batch, it may not sign it off).
 */
export function verifiableBatch(ctx: Ctx, id: number): { batch: BatchRow; robot: RobotRow } {
  const found = productionBatch(ctx, id, 'robot_production.verify');
  if (!can(ctx.actor, 'robot_production.verify', { pharmacyId: found.batch.pharmacyId }))
    throw productionErrors.verifyOwnCareHomesOnly();
  return found;
}

/** The batch and its robot when the actor may act on it for `action`, else null (no error). */
export function findProductionBatch(ctx: Ctx, id: number, action: Action) {
  const batch = findBatch(ctx.db, id);
  const robot = batch && findRobot(ctx.db, batch.robotId);
  if (!batch || !robot || !can(ctx.actor, action, { pharmacyIds: productionPharmacies(robot, batch) })) return null;
  return { batch, robot };
}

/**
 * The batches as `GET /api/robot-batches/:id` shows them: the booking view (no resident), the
 * production steps with who did them, and the lots consumed per order and product.
 */
export function batchDetails(db: Db, rows: BatchRow[], robot: RobotRow, now: number) {
  const views = batchViews(db, rows, robot.controlMinutes, now);
  const open = countOpenAnomalies(
    db,
    rows.map((r) => r.id),
  );
  const running = listRunningBatchIds(db, robot.id);
  return views.map((view) => {
    const run = findRun(db, view.id);
    const verified = findVerifiedAt(db, view.id);
    return {
      ...view,
      production: {
        robotName: robot.name,
        hostPharmacyId: robot.hostPharmacyId,
        hostPharmacyName: robot.hostPharmacyName,
        /** The slot's start it was booked at: `start` unless it started elsewhere and moved there. */
        bookedStart: run?.bookedStartAt ?? view.start,
        startedAt: run?.startedAt ?? null,
        startedBy: run?.startedBy ?? null,
        completedAt: run?.completedAt ?? null,
        completedBy: run?.completedBy ?? null,
        pouchesProduced: run?.pouchesProduced ?? null,
        verifiedAt: verified?.at ?? null,
        verifiedBy: verified?.by ?? null,
        openAnomalies: open.get(view.id) ?? 0,
        incident: run?.incident ?? null,
        /** Another batch of the robot in production: this one cannot start until it is produced. */
        runningBatchId: running.find((id) => id !== view.id) ?? null,
        rejections: listRejections(db, view.id),
      },
      startOutlook: view.status === 'booked' ? startOutlookOf(db, robot, view, now) : null,
      consumption: listBatchConsumption(db, view.id),
    };
  });
}

export type BatchDetailView = ReturnType<typeof batchDetails>[number];

const DAY = 24 * 60 * MINUTE;

/**
 * A booked batch started as soon as possible from `now` (`startOutlook`): over the robot's
 * timeline from today to its orders' earliest deadline (at least a day, at most two weeks ahead),
 * its other non-cancelled batches busy, not before its orders' last cut-off. ISO instants.
 */
function startOutlookOf(db: Db, robot: RobotRow, view: BatchView, now: number) {
  const deadlines = view.orders.map((o) => Date.parse(o.deadline));
  const deadline = deadlines.length ? Math.min(...deadlines) : null;
  const cutoffs = view.orders.map((o) => Date.parse(o.cutoffAt));
  const to = Math.min(Math.max(deadline ?? now, now + DAY), now + 14 * DAY);
  const timeline = loadTimeline(db, robot, now, to, view.id);
  const outlook = startOutlook({
    now,
    durationMinutes: view.durationMinutes,
    open: timeline.open,
    busy: timeline.batches,
    deadline,
    notBefore: cutoffs.length ? Math.max(...cutoffs) : null,
  });
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  return {
    earliestStart: iso(outlook.earliestStart),
    end: iso(outlook.end),
    deadline: iso(deadline),
    inTime: outlook.inTime,
  };
}

/** One batch as `batchDetails` shows it at `now` (epoch ms). */
export function batchDetail(db: Db, id: number, now: number): BatchDetailView {
  const batch = findBatch(db, id);
  const robot = batch && findRobot(db, batch.robotId);
  if (!batch || !robot) throw robotErrors.batchNotFound();
  return batchDetails(db, [batch], robot, now)[0] as BatchDetailView;
}

/**
 * `GET /api/robot-batches/:id`: any member of the cooperative (not a care home, SPEC §2) may read
 * a batch as a time block (SPEC §6: other pharmacies see pharmacy and care homes, never
 * residents). What was produced — the lots consumed per order and product, and who ran and
 * verified it — is shown only to the staff of the robot's host pharmacy and of the batch's
 * pharmacy; anyone else gets an empty `consumption` and no names (SPEC §2).
 */
export function getBatchDetail({ ctx, id }: { ctx: Ctx; id: number }) {
  authorize(ctx.actor, 'robot_batches.read');
  const detail = batchDetail(ctx.db, id, ctx.clock.now().getTime());
  const batch = findBatch(ctx.db, id);
  const robot = batch && findRobot(ctx.db, batch.robotId);
  if (batch && robot && can(ctx.actor, 'robot_production.read', { pharmacyIds: productionPharmacies(robot, batch) }))
    return detail;
  return {
    ...detail,
    production: {
      ...detail.production,
      startedBy: null,
      completedBy: null,
      verifiedBy: null,
      incident: null,
      rejections: detail.production.rejections.map((r) => ({ ...r, reason: '', rejectedBy: null })),
    },
    consumption: [],
  };
}

/** The batch's pouch lines as the pure allocation takes them (lots must last to the week's Sunday). */
export function pouchLinesOf(db: Db, batchId: number): PouchLine[] {
  // A batch holds a few order weeks and thousands of lines: each week's last day is computed once.
  const lastDays = new Map<string, string>();
  const lastDayOf = (week: string) => {
    let day = lastDays.get(week);
    if (day === undefined) {
      day = lastPouchDay(week);
      lastDays.set(week, day);
    }
    return day;
  };
  return listBatchPouchLines(db, batchId).map((l) => ({
    lineId: l.lineId,
    orderId: l.orderId,
    residentId: l.residentId,
    cip13: l.cip13,
    units: l.units,
    usableUntil: lastDayOf(l.week),
  }));
}

/**
 * The plan of a batch on its host pharmacy's lots today (before completion): allocations and
 * shortages, FEFO, or for the products in `named` (CIP13 → lot ids) the lots the operator loaded.
 */
export function planConsumption(
  db: Db,
  batchId: number,
  hostPharmacyId: number,
  named?: ReadonlyMap<string, readonly number[]>,
) {
  const lines = pouchLinesOf(db, batchId);
  const lots = listHostLots(db, hostPharmacyId, [...new Set(lines.map((l) => l.cip13))]);
  return { lines, lots, ...allocateBatch(lines, lots, named) };
}

/**
 * `shortages` with each product's label (`productLabel`, else the CIP13), read in one statement
 * for the whole list (`presentationLabels`), as the production views and errors show them.
 */
export function labelShortages<S extends { cip13: string }>(
  db: Db,
  shortages: readonly S[],
): (S & { label: string })[] {
  const labels = presentationLabels(
    db,
    shortages.map((s) => s.cip13),
  );
  return shortages.map((s) => ({ ...s, label: labels.get(s.cip13) ?? s.cip13 }));
}
