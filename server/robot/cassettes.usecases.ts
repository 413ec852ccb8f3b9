import type { z } from 'zod';
import { recordAudit } from '../audit/audit.usecases';
import type { Ctx } from '../http/context';
import { authorize } from '../http/policy';
import { recomputeOrder } from '../orders/recompute.usecases';
import { listBatchesUsingProduct, listOpenOrderIds } from './batches.repository';
import { robotOr404 } from './batches.usecases';
import { robotErrors } from './robot.errors';
import {
  type CassetteRow,
  closeCassette,
  findCassette,
  findCassetteInSlot,
  insertCassette,
  listCassettes as listCassetteRows,
  presentationPda,
} from './robot.repository';
import type { CassetteBody, CassettesQuery } from './robot.schemas';

/** `GET /api/robots/:id/cassettes[?history=true]`: the cassettes in the robot now, or every change. */
export function listCassettes({ ctx, id, query }: { ctx: Ctx; id: number; query: z.output<typeof CassettesQuery> }) {
  authorize(ctx.actor, 'robots.read');
  robotOr404(ctx, id);
  return { items: listCassetteRows(ctx.db, id, query.history) };
}

/**
 * Orders still open (draft or submitted, delivery ahead) take the new robot / manual-tray split
 * (SPEC §6). Planned orders keep the split their batch was sized for.
 */
function recomputeOpenOrders(ctx: Ctx): number {
  const ids = listOpenOrderIds(ctx.db, ctx.clock.now().toISOString());
  for (const orderId of ids) recomputeOrder({ ctx, orderId });
  return ids.length;
}

/**
 * A cassette is for a catalogue product that goes in pouches: 422 `robot.unknown_product`, or
 * `robot.product_pda_excluded` (with the catalogue's reason) for one flagged hors PDA (SPEC §4, §6).
 */
function requirePouchable(ctx: Ctx, cip13: string) {
  const product = presentationPda(ctx.db, cip13);
  if (!product) throw robotErrors.unknownProduct(cip13);
  if (product.pdaExcluded) throw robotErrors.productPdaExcluded(cip13, product.pdaReason ?? '');
}

function userId(ctx: Ctx) {
  return ctx.actor.kind === 'user' ? ctx.actor.userId : null;
}

/**
 * `POST /api/robots/:id/cassettes` (admin): a cassette for a product in an empty slot. 422
 * `robot.unknown_product` | `robot.product_pda_excluded` | `robot.cassette_slot_out_of_range`; 409 `robot.cassette_slot_taken`.
 */
export function installCassette({ ctx, id, input }: { ctx: Ctx; id: number; input: z.output<typeof CassetteBody> }) {
  authorize(ctx.actor, 'robots.manage');
  return ctx.db.transaction(
    () => {
      const robot = robotOr404(ctx, id);
      if (input.slot > robot.cassetteSlots) throw robotErrors.cassetteSlotOutOfRange(input.slot, robot.cassetteSlots);
      requirePouchable(ctx, input.cip13);
      const taken = findCassetteInSlot(ctx.db, id, input.slot);
      if (taken) throw robotErrors.cassetteSlotTaken(input.slot, taken.id, taken.cip13);
      const cassetteId = insertCassette(ctx.db, {
        robotId: id,
        slot: input.slot,
        cip13: input.cip13,
        installedAt: ctx.clock.now().toISOString(),
        installedBy: userId(ctx),
      });
      recordAudit(ctx, {
        action: 'robots.cassette_install',
        entity: 'robot_cassette',
        entityId: cassetteId,
        details: input,
      });
      const recomputedOrders = recomputeOpenOrders(ctx);
      return { ...findCassette(ctx.db, cassetteId)!, recomputedOrders };
    },
    { behavior: 'immediate' },
  );
}

function currentCassette(ctx: Ctx, id: number) {
  const cassette = findCassette(ctx.db, id);
  if (!cassette || cassette.removedAt !== null) throw robotErrors.cassetteNotFound();
  return cassette;
}

/**
 * 409 `robot.cassette_in_use` when taking this cassette's product out of the robot would leave
 * batches not yet produced without the cassette they were sized with (their orders pack it by
 * robot, and their duration counts it so); another cassette of the product in the robot is fine.
 */
function requireNotInUse(ctx: Ctx, cassette: CassetteRow) {
  const others = listCassetteRows(ctx.db, cassette.robotId, false).some(
    (c) => c.id !== cassette.id && c.cip13 === cassette.cip13,
  );
  if (others) return;
  const batches = listBatchesUsingProduct(ctx.db, cassette.robotId, cassette.cip13);
  if (batches.length > 0)
    throw robotErrors.cassetteInUse(
      cassette.cip13,
      batches.map((b) => ({ id: b.id, start: b.start, end: b.end })),
    );
}

/**
 * `POST /api/robot-cassettes/:id/replace` (admin): the slot's cassette is recalibrated for another
 * product — a dated change: the old cassette is closed now and a new one opened in the same slot.
 * 409 `robot.cassette_in_use` while batches not yet produced count on the old product's cassette.
 */
export function replaceCassette({ ctx, id, cip13 }: { ctx: Ctx; id: number; cip13: string }) {
  authorize(ctx.actor, 'robots.manage');
  return ctx.db.transaction(
    () => {
      const old = currentCassette(ctx, id);
      if (old.cip13 === cip13) throw robotErrors.cassetteSameProduct(cip13);
      requirePouchable(ctx, cip13);
      requireNotInUse(ctx, old);
      const now = ctx.clock.now().toISOString();
      closeCassette(ctx.db, old.id, now, userId(ctx));
      const cassetteId = insertCassette(ctx.db, {
        robotId: old.robotId,
        slot: old.slot,
        cip13,
        installedAt: now,
        installedBy: userId(ctx),
      });
      recordAudit(ctx, {
        action: 'robots.cassette_replace',
        entity: 'robot_cassette',
        entityId: cassetteId,
        details: { replaces: old.id, slot: old.slot, from: old.cip13, to: cip13 },
      });
      const recomputedOrders = recomputeOpenOrders(ctx);
      return { ...findCassette(ctx.db, cassetteId)!, recomputedOrders };
    },
    { behavior: 'immediate' },
  );
}

/**
 * `POST /api/robot-cassettes/:id/remove` (admin): the slot is emptied now; the history stays.
 * 409 `robot.cassette_in_use` while batches not yet produced count on it.
 */
export function removeCassette({ ctx, id }: { ctx: Ctx; id: number }) {
  authorize(ctx.actor, 'robots.manage');
  return ctx.db.transaction(
    () => {
      const old = currentCassette(ctx, id);
      requireNotInUse(ctx, old);
      closeCassette(ctx.db, old.id, ctx.clock.now().toISOString(), userId(ctx));
      recordAudit(ctx, { action: 'robots.cassette_remove', entity: 'robot_cassette', entityId: old.id });
      const recomputedOrders = recomputeOpenOrders(ctx);
      return { ...findCassette(ctx.db, old.id)!, recomputedOrders };
    },
    { behavior: 'immediate' },
  );
}
