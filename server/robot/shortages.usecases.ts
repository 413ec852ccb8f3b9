import type { Ctx } from '../http/context';
import { authorize } from '../http/policy';
import { addCalendarDays, parisDate, parisDayRange } from '../shared/dates';
import { listPharmacies, poolAvailability, presentationLabels } from '../stock/stock.repository';
import { allocateBatch, type HostLot, type PouchLine, productNeeds } from './production.models';
import { listHostLots, listProductionBatches } from './production.repository';
import { batchDetails, labelShortages, planConsumption, pouchLinesOf, productionBatch } from './production-views';
import { findRobot, type RobotRow } from './robot.repository';

const staffPharmacyOf = (ctx: Ctx) => (ctx.actor.kind === 'user' ? ctx.actor.pharmacyId : null);

/**
 * `GET /api/robot-batches/:id/shortages` (SPEC §6): the products whose host-pharmacy stock does
 * not cover the batch (usable lots: not expiring before the last pouch day, minus reserved
 * units), each with the other pharmacies' available units and nearest expiry from the pool —
 * counting only their lots that also last to that last pouch day — so the host can ask for a
 * dépannage. Staff of the host or of the orders' pharmacy; others 404.
 */
export function getBatchShortages({ ctx, id }: { ctx: Ctx; id: number }) {
  const { batch, robot } = productionBatch(ctx, id, 'robot_production.read');
  const done = batch.status !== 'booked' && batch.status !== 'in_production';
  const plan = done ? null : planConsumption(ctx.db, batch.id, robot.hostPharmacyId);
  const shortages = plan?.shortages ?? [];
  const needs = productNeeds(plan?.lines ?? []);
  const today = parisDate(ctx.clock.now());
  // A colleague's lot is a dépannage source only if it lasts to the batch's last pouch day (SPEC §4, §6).
  const pool = shortages.flatMap((s) => {
    const usableUntil = needs.get(s.cip13)?.usableUntil ?? today;
    return poolAvailability(ctx.db, [s.cip13], usableUntil > today ? usableUntil : today);
  });
  const names = new Map(listPharmacies(ctx.db).map((p) => [p.id, p.name]));
  return {
    batchId: batch.id,
    hostPharmacyId: robot.hostPharmacyId,
    hostPharmacyName: robot.hostPharmacyName,
    items: labelShortages(ctx.db, shortages).map((s) => ({
      ...s,
      pool: pool
        .filter((p) => p.cip13 === s.cip13 && p.pharmacyId !== robot.hostPharmacyId && p.available > 0)
        .sort((a, b) => b.available - a.available || a.pharmacyId - b.pharmacyId)
        .map((p) => ({
          pharmacyId: p.pharmacyId,
          pharmacyName: names.get(p.pharmacyId) ?? '',
          available: p.available,
          nearestExpiry: p.nearestExpiry,
        })),
    })),
  };
}

/**
 * `GET /api/robot-production/shortages` (home card, SPEC §6 "a shortage is reported before
 * production starts"): `{ until, items: [{ batchId, start, robotName, pharmacyName,
 * hostPharmacyId, careHomes, shortages }] }`, the batches of my pharmacy (as host or for its care
 * homes) in production, or booked and still to come (their slot not over), starting before the end
 * of tomorrow (Paris), with the products the host lacks. Batches of one host draw on the same lots,
 * in start order; a booked batch whose slot passed without being started consumes nothing, so it
 * no longer makes the next ones look short. 403 for roles without `robot_production.read`.
 */
export function listUpcomingShortages({ ctx }: { ctx: Ctx }) {
  authorize(ctx.actor, 'robot_production.read');
  const { until, rows } = upcomingProductionRows(ctx);
  const lotsByHost = new Map<number, HostLot[]>();
  const items = [];
  for (const row of rows) {
    const lines: PouchLine[] = pouchLinesOf(ctx.db, row.id);
    const cip13s = [...new Set(lines.map((l) => l.cip13))];
    const known = lotsByHost.get(row.hostPharmacyId) ?? [];
    const missing = cip13s.filter((c) => !known.some((l) => l.cip13 === c));
    const lots = [
      ...known,
      ...listHostLots(ctx.db, row.hostPharmacyId, missing).filter((l) => !known.some((k) => k.id === l.id)),
    ];
    const result = allocateBatch(lines, lots);
    // What this batch takes is no longer there for the next one.
    lotsByHost.set(
      row.hostPharmacyId,
      lots.map((l) => ({ ...l, available: l.available - (result.perLot.find((p) => p.lotId === l.id)?.units ?? 0) })),
    );
    if (result.shortages.length === 0) continue;
    const robot = findRobot(ctx.db, row.robotId) as RobotRow;
    const [view] = batchDetails(ctx.db, [row], robot, ctx.clock.now().getTime());
    items.push({
      batchId: row.id,
      start: row.start,
      robotName: robot.name,
      pharmacyName: row.pharmacyName,
      hostPharmacyId: row.hostPharmacyId,
      careHomes: view?.careHomes ?? [],
      shortages: labelShortages(ctx.db, result.shortages),
    });
  }
  return { until, items };
}

/**
 * The batches of my pharmacy (as host or for its care homes) in production, or booked and still to
 * come (their slot not over), starting before `until` (a batch started ahead of its slot has its
 * block moved to its real start, `followStart`), the end of tomorrow (Paris day, UTC ISO),
 * in start order: the home cards' « production to come ».
 */
function upcomingProductionRows(ctx: Ctx) {
  const now = ctx.clock.now();
  const until = parisDayRange(addCalendarDays(parisDate(now), 1)).end.toISOString();
  const rows = listProductionBatches(ctx.db, {
    statuses: ['booked', 'in_production'],
    pharmacyId: staffPharmacyOf(ctx),
    startBefore: until,
    bookedEndAfter: now.toISOString(),
  });
  return { until, rows };
}

/** Robot rows by id, each read once for a list of batches. */
function robotsOf(ctx: Ctx) {
  const robots = new Map<number, RobotRow>();
  return (robotId: number): RobotRow => {
    let robot = robots.get(robotId);
    if (!robot) {
      robot = findRobot(ctx.db, robotId) as RobotRow;
      robots.set(robotId, robot);
    }
    return robot;
  };
}

/**
 * `GET /api/robot-production/upcoming` (home card, the technician's day): `{ until, items:
 * BatchDetail[] }`, the batches of my pharmacy (as host or for its care homes) in production, or
 * booked and still to come, starting before the end of tomorrow (Paris), in production first (whatever
 * its block), then in start order; the same
 * selection as the shortages card; `next`: when there is none, the first booked batch after that
 * (`{ id, start }`), else null. 403 for roles without `robot_production.read`.
 */
export function listUpcomingBatches({ ctx }: { ctx: Ctx }) {
  authorize(ctx.actor, 'robot_production.read');
  const { until, rows } = upcomingProductionRows(ctx);
  const robotOf = robotsOf(ctx);
  const now = ctx.clock.now().getTime();
  const items = rows.flatMap((row) => batchDetails(ctx.db, [row], robotOf(row.robotId), now));
  // Nothing today nor tomorrow: when the next one is, so the card says more than « nothing ».
  const later =
    items.length > 0
      ? undefined
      : listProductionBatches(ctx.db, {
          statuses: ['booked'],
          pharmacyId: staffPharmacyOf(ctx),
          bookedEndAfter: until,
        }).find((row) => row.start >= until);
  return { until, items, next: later ? { id: later.id, start: later.start } : null };
}

/**
 * `GET /api/robot-production/to-verify` (home card): produced batches of my pharmacy's care homes
 * (not those it only hosts: their own pharmacist verifies them, SPEC §2) waiting for a pharmacist's verification, oldest first, with open anomalies.
 */
export function listBatchesToVerify({ ctx }: { ctx: Ctx }) {
  authorize(ctx.actor, 'robot_production.read');
  const rows = listProductionBatches(ctx.db, {
    statuses: ['produced'],
    pharmacyId: staffPharmacyOf(ctx),
    ownOnly: true,
  });
  const robotOf = robotsOf(ctx);
  const now = ctx.clock.now().getTime();
  return { items: rows.flatMap((row) => batchDetails(ctx.db, [row], robotOf(row.robotId), now)) };
}

/**
 * `GET /api/robot-batches/:id/lots` (SPEC §4 "unless a lot is named", §6): per product of a batch
 * being produced, the host pharmacy's lots that may go into its pouches (units available, not
 * expiring before the last pouch day), FEFO first, and those the FEFO plan would take: what the
 * operator picks from when the lot loaded is not the sheet's. Staff of the host or of the orders'
 * pharmacy; others 404.
 */
export function getBatchLots({ ctx, id }: { ctx: Ctx; id: number }) {
  const { batch, robot } = productionBatch(ctx, id, 'robot_production.read');
  const plan = planConsumption(ctx.db, batch.id, robot.hostPharmacyId);
  const needs = productNeeds(plan.lines);
  const labels = presentationLabels(ctx.db, [...needs.keys()]);
  return {
    batchId: batch.id,
    items: [...needs]
      .map(([cip13, need]) => ({
        cip13,
        label: labels.get(cip13) ?? cip13,
        needed: need.needed,
        usableUntil: need.usableUntil,
        lots: plan.lots
          .filter((l) => l.cip13 === cip13 && l.available > 0 && l.expiryDate >= need.usableUntil)
          .map((l) => ({ id: l.id, lotNumber: l.lotNumber, expiryDate: l.expiryDate, available: l.available })),
        fefoLotIds: plan.perLot.filter((p) => p.cip13 === cip13).map((p) => p.lotId),
      }))
      .sort((a, b) => a.label.localeCompare(b.label, 'fr')),
  };
}
