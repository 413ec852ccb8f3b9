import { recordAudit } from '../audit/audit.usecases';
import { actorLabel, type Ctx } from '../http/context';
import { authorize } from '../http/policy';
import { lapseUncoverableOffers } from '../stock/offers.lapse';
import { applyMovement } from '../stock/stock.repository';
import { movementStamp } from '../stock/stock.usecases';
import { type BatchRow, listActiveBatchesEndingAfter, listBatchOrders, moveBatch } from './batches.repository';
import { resolveHostedBatchAlerts } from './hosted-batch.usecases';
import { productionErrors } from './production.errors';
import {
  type Block,
  followedBlock,
  ORDER_STEP,
  PRODUCTION_STEPS,
  type ProductionStep,
  productNeeds,
} from './production.models';
import {
  completeRun,
  findAnomaly,
  insertAnomaly,
  insertConsumption,
  insertRun,
  insertVerification,
  lastInsertId,
  listAnomalies,
  listBatchResidents,
  listRunningBatchIds,
  listVerifications,
  resolveAnomalyRow,
  setBatchStatus,
  stepBatchOrders,
} from './production.repository';
import type { CompleteInput, VerifyInput } from './production.schemas';
import {
  batchDetail,
  findProductionBatch,
  labelShortages,
  planConsumption,
  productionBatch,
  verifiableBatch,
} from './production-views';
import { resolveSlotMissedAlerts } from './slot-missed.usecases';

const userIdOf = (ctx: Ctx) => (ctx.actor.kind === 'user' ? ctx.actor.userId : null);

/** Moves the batch and its orders one production step (inside the caller's transaction). */
function step(ctx: Ctx, batch: BatchRow, name: ProductionStep, at: string) {
  const { from, to } = PRODUCTION_STEPS[name];
  if (!setBatchStatus(ctx.db, batch.id, from, to, at)) throw new Error(`batch ${batch.id} is no longer ${from}`);
  const orders = ORDER_STEP[name];
  return stepBatchOrders(ctx.db, batch.id, orders.from, orders.to, {
    at,
    userId: userIdOf(ctx),
    label: actorLabel(ctx.actor),
  });
}

/**
 * One robot makes one batch's pouches at a time (SPEC §6): 409 `robot.robot_busy` (the batch
 * running) while a batch of `robotId` is in production. Guards a start and a redo.
 */
export function requireRobotFree(ctx: Pick<Ctx, 'db'>, robotId: number) {
  const running = listRunningBatchIds(ctx.db, robotId)[0];
  if (running !== undefined) throw productionErrors.robotBusy(running);
}

/**
 * Moves the batch's block to where the robot really runs it from `at` (ISO, UTC), by the rule of
 * `followedBlock`, over the robot's other blocks ending after `at`; the block keeps the length of
 * `batch`'s start–end. Returns the slot left (`{ start, end }`), or null when the block stayed.
 */
export function followStart(
  ctx: Ctx,
  batch: Pick<BatchRow, 'id' | 'robotId' | 'start' | 'end'>,
  at: string,
): Block | null {
  const others = listActiveBatchesEndingAfter(ctx.db, batch.robotId, at, batch.id);
  const block = followedBlock({ start: batch.start, end: batch.end }, at, others);
  if (!block) return null;
  moveBatch(ctx.db, batch.id, block.start, block.end, at);
  return { start: batch.start, end: batch.end };
}

/**
 * `POST /api/robot-batches/:id/start` (SPEC §6): a technician or pharmacist of the host pharmacy
 * or of the orders' pharmacy starts a booked batch; its orders go `planned` → `in_production`.
 * 409 `robot.batch_not_booked` (cancelled) / `robot.batch_already_started`, and 409
 * `robot.start_before_cutoff` (order, cut-off) while an order of the batch is before its cut-off:
 * until then the care home and prescription changes still alter it (README, robot rules), so its
 * pouches cannot be made yet. The batch may start ahead of its booked slot once every cut-off has
 * passed, and its block in the calendar then moves to its real start when that time is free
 * (`followStart`). 409 `robot.robot_busy` (the batch running) while another batch of the robot is in
 * production: one robot makes one batch's pouches at a time, and its consumption is booked per
 * batch at completion. A shortage does not block the start (a dépannage may arrive meanwhile): completion
 * checks the stock. A batch whose slot went by unstarted may still start (late, moved to now):
 * its `robot.batch_slot_missed` alerts are then resolved.
 */
export function startBatch({ ctx, id }: { ctx: Ctx; id: number }) {
  return ctx.db.transaction(
    () => {
      const { batch } = productionBatch(ctx, id, 'robot_production.run');
      if (batch.status === 'cancelled') throw productionErrors.batchNotBooked(batch.status);
      if (batch.status !== 'booked') throw productionErrors.batchAlreadyStarted(batch.status);
      const at = ctx.clock.now().toISOString();
      const open = listBatchOrders(ctx.db, [batch.id]).find((o) => o.cutoffAt > at);
      if (open) throw productionErrors.startBeforeCutoff(open.orderId, open.cutoffAt);
      requireRobotFree(ctx, batch.robotId);
      const movedFrom = followStart(ctx, batch, at);
      insertRun(ctx.db, batch.id, at, userIdOf(ctx), movedFrom?.start ?? null);
      const orderIds = step(ctx, batch, 'start', at);
      resolveSlotMissedAlerts(ctx, batch.id);
      resolveHostedBatchAlerts(ctx, batch.id);
      recordAudit(ctx, {
        action: 'robot_batches.start',
        entity: 'robot_batch',
        entityId: batch.id,
        details: movedFrom ? { orderIds, movedFrom } : { orderIds },
      });
      return batchDetail(ctx.db, batch.id, ctx.clock.now().getTime());
    },
    { behavior: 'immediate' },
  );
}

/**
 * `POST /api/robot-batches/:id/complete` (SPEC §4, §6): the robot produced the batch's pouches.
 * In one immediate transaction: the pouch lines (robot and manual tray) are allocated on the host
 * pharmacy's lots — FEFO, or for a product in `lots` only the lots the operator says were loaded,
 * in that order — one `robot_consumption` movement per lot is booked, and each line's lots are
 * recorded with its order and resident; the orders become `produced`.
 * An `incident` (free text) marks the run; with fewer pouches than planned it must list the short
 * pouches per resident (summing to the difference): each becomes an open anomaly, so the pouches
 * are made again by hand before a pharmacist can verify. The planned doses are booked as consumed.
 * Completed ahead of its planned end, the batch's block ends at its completion: the robot's time
 * after it is free again for the calendar, a booking and a batch started early (`followStart`).
 * 409 `robot.batch_not_started` / `robot.batch_already_completed`; 422 `robot.pouch_count_mismatch`
 * (more pouches than planned, or fewer without an incident), `robot.short_pouches_mismatch`,
 * `robot.short_pouches_over_resident`, `robot.anomaly_resident_not_in_batch`, `robot.lot_not_usable`
 * (not a product of the batch, not a host lot of it, expires before the last pouch day); 409
 * `robot.shortage` (products, needed, available, missing) when the lots do not cover it.
 * Any refusal writes nothing.
 */
export function completeBatch({ ctx, id, input }: { ctx: Ctx; id: number; input: CompleteInput }) {
  return ctx.db.transaction(
    () => {
      const { batch, robot } = productionBatch(ctx, id, 'robot_production.run');
      if (batch.status === 'booked' || batch.status === 'cancelled')
        throw productionErrors.batchNotStarted(batch.status);
      if (batch.status !== 'in_production') throw productionErrors.batchAlreadyCompleted(batch.status);
      const { pouchesProduced, incident } = input;
      if (pouchesProduced > batch.pouches || (pouchesProduced < batch.pouches && !incident))
        throw productionErrors.pouchCountMismatch(batch.pouches, pouchesProduced);
      const short = shortPouchesOf(ctx, batch, pouchesProduced, incident);
      const named = new Map(input.lots.map((l) => [l.cip13, l.lotIds]));
      const plan = planConsumption(ctx.db, batch.id, robot.hostPharmacyId, named);
      checkNamedLots(plan, named);
      if (plan.shortages.length > 0) {
        throw productionErrors.shortage(labelShortages(ctx.db, plan.shortages));
      }
      const at = ctx.clock.now().toISOString();
      for (const { lotId, units } of plan.perLot) {
        const m = { pharmacyId: robot.hostPharmacyId, lotId, kind: 'robot_consumption' as const, quantity: -units };
        // The plan read the lots in this transaction: a refusal here would be a bug, not a shortage.
        if (!applyMovement(ctx.db, { ...m, reason: `Série robot n° ${batch.id}`, ...movementStamp(ctx) }))
          throw new Error(`lot ${lotId} cannot give ${units} units`);
        const movementId = lastInsertId(ctx.db);
        insertConsumption(
          ctx.db,
          batch.id,
          movementId,
          plan.allocations.filter((a) => a.lotId === lotId),
        );
      }
      // Units the robot used may leave an open anti-waste offer of these lots uncovered: it lapses.
      lapseUncoverableOffers(ctx, { lotIds: plan.perLot.map((p) => p.lotId) });
      completeRun(ctx.db, batch.id, at, userIdOf(ctx), pouchesProduced, incident?.description ?? null);
      // Done ahead of its planned end: the robot is free from now on, and the calendar says so.
      if (batch.start < at && at < batch.end) moveBatch(ctx.db, batch.id, batch.start, at, at);
      for (const s of short)
        insertAnomaly(ctx.db, {
          batchId: batch.id,
          verificationId: null,
          orderId: s.orderId,
          residentId: s.residentId,
          description: incident?.description ?? '',
          missingPouches: s.pouches,
          at,
          userId: userIdOf(ctx),
        });
      const orderIds = step(ctx, batch, 'complete', at);
      recordAudit(ctx, {
        action: 'robot_batches.complete',
        entity: 'robot_batch',
        entityId: batch.id,
        details: {
          orderIds,
          pouchesProduced,
          lots: plan.perLot.length,
          namedLots: input.lots,
          incident: incident ? { shortPouches: incident.shortPouches } : null,
        },
      });
      return batchDetail(ctx.db, batch.id, ctx.clock.now().getTime());
    },
    { behavior: 'immediate' },
  );
}

/** The incident's short pouches, checked against the batch's residents and the pouches not produced. */
function shortPouchesOf(ctx: Ctx, batch: BatchRow, produced: number, incident: CompleteInput['incident']) {
  const listed = incident?.shortPouches ?? [];
  const residents = new Map(listBatchResidents(ctx.db, batch.id).map((r) => [r.residentId, r]));
  const perResident = new Map<number, number>();
  for (const s of listed) perResident.set(s.residentId, (perResident.get(s.residentId) ?? 0) + s.pouches);
  for (const [residentId, pouches] of perResident) {
    const r = residents.get(residentId);
    if (!r) throw productionErrors.residentNotInBatch(residentId);
    if (pouches > r.pouches) throw productionErrors.shortPouchesOverResident(residentId, r.pouches);
  }
  const total = [...perResident.values()].reduce((a, b) => a + b, 0);
  if (total !== batch.pouches - produced) throw productionErrors.shortPouchesMismatch(batch.pouches - produced, total);
  return [...perResident].map(([residentId, pouches]) => ({
    residentId,
    pouches,
    orderId: (residents.get(residentId) as { orderId: number }).orderId,
  }));
}

/** Each named lot must be a host lot of a product of the batch that lasts to its last pouch day. */
function checkNamedLots(plan: ReturnType<typeof planConsumption>, named: ReadonlyMap<string, readonly number[]>) {
  const needs = productNeeds(plan.lines);
  for (const [cip13, lotIds] of named) {
    const need = needs.get(cip13);
    for (const lotId of lotIds) {
      if (!need) throw productionErrors.lotNotUsable(cip13, lotId, 'not_in_batch');
      const lot = plan.lots.find((l) => l.id === lotId && l.cip13 === cip13);
      if (!lot) throw productionErrors.lotNotUsable(cip13, lotId, 'not_host_lot');
      if (lot.expiryDate < need.usableUntil) throw productionErrors.lotNotUsable(cip13, lotId, 'expires_too_soon');
    }
  }
}

/**
 * `POST /api/robot-batches/:id/verify` (SPEC §2, §6): a pharmacist of the pharmacy serving the
 * batch's care homes records a check of the produced pouches (the host's pharmacist: 403
 * `robot.verify_own_care_homes_only`; any other pharmacy: 404). With anomalies (each on a resident who has
 * pouches in the batch, else 422 `robot.anomaly_resident_not_in_batch`), the check and its
 * anomalies are recorded and the batch stays `produced`. Without, the batch and its orders
 * become `verified`, provided no anomaly is still open (409 `robot.open_anomalies`) and every
 * pouch to deliver was checked: the planned count, the robot's and those of an incident remade by
 * hand (their anomaly, resolved, is what lets the check end; 422 `robot.pouches_not_all_checked`,
 * details { checked, produced: planned }). A technician: 403.
 */
export function verifyBatch({ ctx, id, input }: { ctx: Ctx; id: number; input: VerifyInput }) {
  return ctx.db.transaction(
    () => {
      const { batch } = verifiableBatch(ctx, id);
      if (batch.status === 'verified') throw productionErrors.batchAlreadyVerified();
      if (batch.status !== 'produced') throw productionErrors.batchNotProduced(batch.status);
      // Short pouches of an incident, remade by hand, are checked too: up to the planned count.
      if (input.pouchesChecked > batch.pouches)
        throw productionErrors.pouchesCheckedOverProduced(input.pouchesChecked, batch.pouches);
      const residents = listBatchResidents(ctx.db, batch.id);
      const orderOf = new Map(residents.map((r) => [r.residentId, r.orderId]));
      for (const a of input.anomalies)
        if (!orderOf.has(a.residentId)) throw productionErrors.residentNotInBatch(a.residentId);
      const at = ctx.clock.now().toISOString();
      const notes = input.notes ?? '';
      if (input.anomalies.length > 0) {
        const verificationId = insertVerification(ctx.db, {
          batchId: batch.id,
          pouchesChecked: input.pouchesChecked,
          outcome: 'anomalies',
          notes,
          at,
          userId: userIdOf(ctx),
        });
        for (const a of input.anomalies) {
          insertAnomaly(ctx.db, {
            batchId: batch.id,
            verificationId,
            orderId: orderOf.get(a.residentId) as number,
            residentId: a.residentId,
            description: a.description,
            at,
            userId: userIdOf(ctx),
          });
        }
        recordAudit(ctx, {
          action: 'robot_batches.anomalies',
          entity: 'robot_batch',
          entityId: batch.id,
          details: { verificationId, residentIds: input.anomalies.map((a) => a.residentId) },
        });
        return batchDetail(ctx.db, batch.id, ctx.clock.now().getTime());
      }
      const open = listAnomalies(ctx.db, batch.id).filter((a) => a.resolvedAt === null);
      if (open.length > 0)
        throw productionErrors.openAnomalies(open.map((a) => ({ id: a.id, residentId: a.residentId })));
      // Every pouch delivered is checked, the remade ones too (the delivery note counts the planned pouches).
      if (input.pouchesChecked < batch.pouches)
        throw productionErrors.pouchesNotAllChecked(input.pouchesChecked, batch.pouches);
      const verificationId = insertVerification(ctx.db, {
        batchId: batch.id,
        pouchesChecked: input.pouchesChecked,
        outcome: 'verified',
        notes,
        at,
        userId: userIdOf(ctx),
      });
      const orderIds = step(ctx, batch, 'verify', at);
      recordAudit(ctx, {
        action: 'robot_batches.verify',
        entity: 'robot_batch',
        entityId: batch.id,
        details: { verificationId, orderIds, pouchesChecked: input.pouchesChecked },
      });
      return batchDetail(ctx.db, batch.id, ctx.clock.now().getTime());
    },
    { behavior: 'immediate' },
  );
}

/**
 * `POST /api/robot-batch-anomalies/:id/resolve`: a pharmacist of the pharmacy serving the
 * batch's care homes (the host's: 403, others: 404) says how an anomaly was put right (pouch remade…). 409 `robot.anomaly_already_resolved`.
 */
export function resolveAnomaly({ ctx, id, resolution }: { ctx: Ctx; id: number; resolution: string }) {
  authorize(ctx.actor, 'robot_production.verify');
  return ctx.db.transaction(
    () => {
      const anomaly = findAnomaly(ctx.db, id);
      const batch = anomaly && findProductionBatch(ctx, anomaly.batchId, 'robot_production.verify');
      if (!anomaly || !batch) throw productionErrors.anomalyNotFound();
      verifiableBatch(ctx, anomaly.batchId);
      if (anomaly.resolvedAt !== null) throw productionErrors.anomalyResolved();
      resolveAnomalyRow(ctx.db, id, ctx.clock.now().toISOString(), userIdOf(ctx), resolution);
      recordAudit(ctx, { action: 'robot_batches.resolve_anomaly', entity: 'robot_batch_anomaly', entityId: id });
      return findAnomaly(ctx.db, id);
    },
    { behavior: 'immediate' },
  );
}

/**
 * `GET /api/robot-batches/:id/verification`: the checks, anomalies and residents with pouches in
 * the batch, for staff of the host or of the orders' pharmacy. Reading residents is audited.
 */
export function getVerification({ ctx, id }: { ctx: Ctx; id: number }) {
  const { batch } = productionBatch(ctx, id, 'robot_production.read');
  recordAudit(ctx, { action: 'robot_batches.read_verification', entity: 'robot_batch', entityId: batch.id });
  const detail = batchDetail(ctx.db, batch.id, ctx.clock.now().getTime());
  return {
    batchId: batch.id,
    status: detail.status,
    pouchesProduced: detail.production.pouchesProduced,
    verifications: listVerifications(ctx.db, batch.id),
    anomalies: listAnomalies(ctx.db, batch.id),
    residents: listBatchResidents(ctx.db, batch.id).map(({ pharmacyId: _, ...r }) => r),
  };
}
