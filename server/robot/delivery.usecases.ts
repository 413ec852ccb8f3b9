import { statement } from '../../db/statements';
import { raiseAlert } from '../alerts/alerts.usecases';
import { recordAudit } from '../audit/audit.usecases';
import { actorLabel, type Ctx } from '../http/context';
import { authorize, can } from '../http/policy';
import { weekAlertParams } from '../orders/orders.models';
import { findOrderRow, listEventRows, type OrderRow } from '../orders/orders.repository';
import { productionErrors } from './production.errors';
import { ORDER_PROGRESS } from './production.models';
import { findDelivery, insertDelivery } from './production.repository';
import { type BatchStatus, isSlotMissed } from './robot.models';

const userIdOf = (ctx: Ctx) => (ctx.actor.kind === 'user' ? ctx.actor.userId : null);

/** An order of the actor's care home or of a care home its pharmacy serves; 404 `orders.not_found` otherwise. */
function orderFor(ctx: Ctx, action: 'order_deliveries.sign' | 'orders.read', id: number): OrderRow {
  authorize(ctx.actor, action);
  const order = findOrderRow(ctx.db, id);
  if (!order || !can(ctx.actor, action, { pharmacyId: order.pharmacyId, careHomeId: order.careHomeId }))
    throw productionErrors.orderNotFound();
  return order;
}

function deliveryOut(ctx: Ctx, orderId: number) {
  const order = findOrderRow(ctx.db, orderId) as OrderRow;
  const d = findDelivery(ctx.db, orderId);
  return d ? { ...d, status: order.status } : null;
}

/**
 * `POST /api/orders/:id/deliver` (SPEC §5): the care home — or its serving pharmacy on its
 * behalf — signs a verified order's delivery for receipt, with the name of who received it and
 * its remarks (reserves); the order becomes `delivered`. The remarks are the care home's, written on
 * receipt: pharmacy staff signing on its behalf may not write them (403
 * `orders.delivery_remarks_carehome_only`). Remarks signed by the care home raise an alert for its
 * pharmacy (`orders.delivery_reserves`). 409 `orders.not_verified` before verification,
 * `orders.already_delivered` after; another care home or pharmacy: 404.
 */
export function signDelivery({
  ctx,
  id,
  input,
}: {
  ctx: Ctx;
  id: number;
  input: { receivedBy: string; notes?: string };
}) {
  return ctx.db.transaction(
    () => {
      const order = orderFor(ctx, 'order_deliveries.sign', id);
      if (order.status === 'delivered') throw productionErrors.orderAlreadyDelivered();
      if (order.status !== 'verified') throw productionErrors.orderNotVerified(order.status);
      const at = ctx.clock.now().toISOString();
      const signer = ctx.actor.kind === 'user' && ctx.actor.role === 'carehome' ? 'carehome' : 'pharmacy';
      if (signer === 'pharmacy' && (input.notes ?? '').trim() !== '')
        throw productionErrors.deliveryRemarksCareHomeOnly();
      insertDelivery(ctx.db, {
        orderId: id,
        signer,
        receivedBy: input.receivedBy,
        notes: input.notes ?? '',
        at,
        userId: userIdOf(ctx),
      });
      statement(
        ctx.db,
        `UPDATE weekly_orders SET status = 'delivered', updated_at = ? WHERE id = ? AND status = 'verified'`,
      ).run(at, id);
      statement(
        ctx.db,
        'INSERT INTO order_events (order_id, at, actor_user_id, actor_label, kind, details) VALUES (?, ?, ?, ?, ?, ?)',
      ).run(
        id,
        at,
        userIdOf(ctx),
        actorLabel(ctx.actor),
        'delivered',
        JSON.stringify({ from: 'verified', to: 'delivered', signer }),
      );
      recordAudit(ctx, { action: 'orders.deliver', entity: 'weekly_order', entityId: id, details: { signer } });
      const reserves = (input.notes ?? '').trim();
      if (reserves !== '' && signer === 'carehome') {
        // The pharmacy must read what the care home found on receipt (torn pouches, a missing box).
        raiseAlert(ctx, {
          scope: { pharmacyId: order.pharmacyId },
          kind: 'orders.delivery_reserves',
          entity: 'weekly_order',
          entityId: id,
          messageKey: 'alerts.orderDeliveryReserves',
          params: { careHome: order.careHomeName, ...weekAlertParams(order.week), notes: reserves },
          dedupe: 'ever',
        });
      }
      return deliveryOut(ctx, id) as NonNullable<ReturnType<typeof deliveryOut>>;
    },
    { behavior: 'immediate' },
  );
}

/**
 * `GET /api/orders/:id/progress`: where an order stands from submission to delivery, with when
 * each step happened (from the order's history), its batch (`slotMissed` when it is still booked
 * past its slot: the order will not be produced unless the pharmacy acts) and its delivery
 * signature; for the care home and the staff of its pharmacy.
 */
export function getOrderProgress({ ctx, id }: { ctx: Ctx; id: number }) {
  const order = orderFor(ctx, 'orders.read', id);
  const events = listEventRows(ctx.db, id);
  const batch = statement(
    ctx.db,
    `SELECT b.id, b.start_at AS start, b.end_at AS end, b.status FROM robot_batch_orders l
     JOIN robot_batches b ON b.id = l.batch_id WHERE l.order_id = ? AND l.active = 1`,
  ).get(id) as { id: number; start: string; end: string; status: BatchStatus } | undefined;
  const reached = ORDER_PROGRESS.indexOf(order.status);
  return {
    orderId: id,
    status: order.status,
    batch: batch ? { ...batch, slotMissed: isSlotMissed(batch, ctx.clock.now().getTime()) } : null,
    steps: ORDER_PROGRESS.map((status, i) => {
      const event = events.filter((e) => e.kind === status).at(-1);
      const at = status === 'submitted' ? (order.submittedAt ?? event?.at ?? null) : (event?.at ?? null);
      return { status, at: reached >= 0 && i <= reached ? at : null };
    }),
    delivery: deliveryOut(ctx, id),
  };
}

export type DeliverySignatures = {
  /** The pharmacist who verified the order's batch (hands the pouches over), Paris time on print. */
  handedOver: { by: string | null; at: string } | null;
  /** The delivery signed for receipt: who received it, who recorded it, when. */
  received: {
    receivedBy: string;
    signedBy: string | null;
    signer: 'carehome' | 'pharmacy';
    at: string;
    /** The remarks written on receipt (reserves), '' when none. */
    notes: string;
  } | null;
};

/**
 * What the delivery note's two boxes print once done (SPEC §5): the verification of the order's
 * (active) batch and the delivery signature; null parts stay blank boxes to sign by hand.
 */
export function deliverySignatures(db: Ctx['db'], orderId: number): DeliverySignatures {
  const verified = statement(
    db,
    `SELECT u.display_name AS by, v.checked_at AS at
     FROM robot_batch_orders l JOIN robot_batch_verifications v ON v.batch_id = l.batch_id AND v.outcome = 'verified'
     LEFT JOIN users u ON u.id = v.checked_by WHERE l.order_id = ? AND l.active = 1 ORDER BY v.id DESC LIMIT 1`,
  ).get(orderId) as { by: string | null; at: string } | undefined;
  const d = findDelivery(db, orderId);
  return {
    handedOver: verified ?? null,
    received: d
      ? { receivedBy: d.receivedBy, signedBy: d.signedBy, signer: d.signer, at: d.signedAt, notes: d.notes }
      : null,
  };
}
