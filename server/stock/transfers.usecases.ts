import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { pharmacies } from '../../db/schema';
import { raiseAlert, resolveAlerts } from '../alerts/alerts.usecases';
import { recordAudit } from '../audit/audit.usecases';
import type { Ctx } from '../http/context';
import { createOnce } from '../http/idempotency';
import { addCalendarDays, parisDate } from '../shared/dates';
import { lapseUncoverableOffers } from './offers.lapse';
import { findOfferOfTransfer, listOpenRequests } from './offers.repository';
import type { LendableQuery } from './offers.schemas';
import { stockErrors, transferErrors } from './stock.errors';
import { arrivedExpired, centsOf, pickFefo } from './stock.models';
import { findLot, findPresentationLabel, type LotRow, listLots, poolAvailability } from './stock.repository';
import type {
  TransferAcceptBody,
  TransferReceiveBody,
  TransferRejectBody,
  TransferRequestBody,
  TransfersQuery,
} from './stock.schemas';
import { assertPlausibleExpiry, move, receiveIntoLot, staffPharmacy, today } from './stock.usecases';
import {
  changeStatus,
  findTransferForPharmacy,
  insertTransfer,
  insertTransferLine,
  listTransferLines,
  listTransfersForPharmacy,
  recordLineReceipt,
  replaceTransferLines,
} from './transfers.repository';

type Side = 'sender' | 'receiver';
type Step = 'accept' | 'reject' | 'ship' | 'receive' | 'cancel';

/**
 * Who acts at each step, and from which states (SPEC §4): the receiver asks, the sender
 * accepts or rejects then ships, the receiver receives; either may cancel before shipping,
 * the receiver only while its request is unanswered or accepted.
 */
const STEPS: Record<Step, { by: Side[]; from: ('requested' | 'accepted' | 'shipped')[] }> = {
  accept: { by: ['sender'], from: ['requested'] },
  reject: { by: ['sender'], from: ['requested'] },
  ship: { by: ['sender'], from: ['accepted'] },
  receive: { by: ['receiver'], from: ['shipped'] },
  cancel: { by: ['receiver', 'sender'], from: ['requested', 'accepted'] },
};

export const userId = (ctx: Ctx) => (ctx.actor.kind === 'user' ? ctx.actor.userId : null);

/**
 * The earliest expiry a lot may have to leave in a dépannage: tomorrow (Paris date), the
 * earliest day it can arrive. A lot expiring today would reach the receiver expired.
 */
export const sendableFrom = (ctx: Ctx) => addCalendarDays(today(ctx), 1);

/** FEFO over the sender's lots for a transfer; `ownReserved` gives back what this transfer itself holds. */
function pickForTransfer(ctx: Ctx, lots: LotRow[], quantity: number, ownReserved = new Map<number, number>()) {
  return pickFefo(
    lots.map((l) => ({ ...l, available: l.quantity - l.reserved + (ownReserved.get(l.id) ?? 0) })),
    quantity,
    sendableFrom(ctx),
  );
}

/**
 * The lots the sender chose, as `pickFefo` answers: each must be one of `lots` (its own lots of
 * the product, else 422 `transfers.lot_not_sendable`) and sendable (expiring tomorrow or later);
 * a lot holding fewer free units than chosen makes the answer `ok: false` (409 for the caller).
 */
function pickChosen(
  ctx: Ctx,
  lots: LotRow[],
  chosen: readonly { lotId: number; quantity: number }[],
  cip13: string,
): ReturnType<typeof pickFefo> {
  const from = sendableFrom(ctx);
  const picks = chosen.map((c) => {
    const lot = lots.find((l) => l.id === c.lotId && l.cip13 === cip13);
    if (!lot) throw transferErrors.lotNotSendable({ lotId: c.lotId, reason: 'not_found' });
    if (lot.expiryDate < from) {
      throw transferErrors.lotNotSendable({ lotId: c.lotId, reason: 'expires_too_soon', sendableFrom: from });
    }
    return { lot, pick: { lotId: lot.id, lotNumber: lot.lotNumber, expiryDate: lot.expiryDate, quantity: c.quantity } };
  });
  const short = picks.find(({ lot, pick }) => pick.quantity > lot.quantity - lot.reserved);
  if (short) return { ok: false, available: short.lot.quantity - short.lot.reserved };
  return { ok: true, picks: picks.map((p) => p.pick) };
}

/** Loads a transfer the caller's pharmacy is part of (else 404) and checks it may take this step now. */
function loadForStep(ctx: Ctx, id: number, step: Step) {
  const pharmacyId = staffPharmacy(ctx, 'transfers.write');
  const transfer = findTransferForPharmacy(ctx.db, id, pharmacyId);
  if (!transfer) throw transferErrors.notFound();
  const side: Side = transfer.fromPharmacyId === pharmacyId ? 'sender' : 'receiver';
  const rule = STEPS[step];
  if (!rule.by.includes(side)) throw transferErrors.notYourStep(step);
  if (!(rule.from as string[]).includes(transfer.status)) throw transferErrors.invalidState(transfer.status, step);
  return { transfer, pharmacyId, side };
}

/** Statuses after which nothing more is asked of either pharmacy. */
const FINAL_STATUSES: readonly string[] = ['rejected', 'received', 'cancelled'];

/**
 * Moves a transfer one step, and settles the alerts about it: the pharmacy that acts has done
 * what its alerts about this transfer asked (a request to answer, a parcel to receive), so they
 * leave its home page; once the transfer is final, the other pharmacy's go too. The alert the
 * step itself raises for the other side (`notify`, called after) stays open.
 */
function transition(ctx: Ctx, id: number, step: Step, set: Parameters<typeof changeStatus>[3], status: string) {
  if (!changeStatus(ctx.db, id, STEPS[step].from, set)) throw transferErrors.invalidState(status, step);
  const final = set.status !== undefined && FINAL_STATUSES.includes(set.status);
  const actingPharmacy = ctx.actor.kind === 'user' ? ctx.actor.pharmacyId : undefined;
  if (final) resolveAlerts(ctx, { entity: 'transfer', entityId: id });
  else if (actingPharmacy != null) resolveAlerts(ctx, { entity: 'transfer', entityId: id, pharmacyId: actingPharmacy });
}

/** Tells the other pharmacy what happened: alert kind `transfers.<event>`, text `alerts.transfer<Event>`. */
function notify(
  ctx: Ctx,
  pharmacyId: number,
  transferId: number,
  event: 'requested' | 'accepted' | 'rejected' | 'shipped' | 'discrepancy' | 'cancelled',
  params: Record<string, string | number>,
  messageKey = `alerts.transfer${event[0]?.toUpperCase()}${event.slice(1)}`,
) {
  raiseAlert(ctx, {
    scope: { pharmacyId },
    kind: `transfers.${event}`,
    entity: 'transfer',
    entityId: transferId,
    messageKey,
    params,
  });
}

export function getTransfer({ ctx, id }: { ctx: Ctx; id: number }) {
  const pharmacyId = staffPharmacy(ctx, 'transfers.read');
  const transfer = findTransferForPharmacy(ctx.db, id, pharmacyId);
  if (!transfer) throw transferErrors.notFound();
  const arrivalDay = transfer.receivedAt ? parisDate(new Date(transfer.receivedAt)) : null;
  const lines = listTransferLines(ctx.db, id).map((l) => ({
    id: l.id,
    lotNumber: l.lotNumber,
    expiryDate: l.expiryDate,
    quantity: l.quantity,
    quantityReceived: l.quantityReceived,
    expiredOnArrival: arrivalDay !== null && arrivedExpired(l.expiryDate, arrivalDay),
  }));
  // The sender's unit cost is private until the value becomes a debt at receipt.
  return { ...transfer, offer: findOfferOfTransfer(ctx.db, id) ?? null, lines };
}

/** One page of my pharmacy's transfers, filtered and searched (listTransfersForPharmacy: items, total, counts). */
export function listMyTransfers({ ctx, query }: { ctx: Ctx; query: z.output<typeof TransfersQuery> }) {
  const pharmacyId = staffPharmacy(ctx, 'transfers.read');
  return listTransfersForPharmacy(ctx.db, pharmacyId, query);
}

/**
 * What a pharmacy can lend of a product: units on hand minus units reserved by accepted
 * transfers, over its lots still good the day after (what a dépannage can send), and the
 * nearest expiry among them. The same figure the request dialog shows and requestTransfer checks.
 */
function lendableUnits(ctx: Ctx, fromPharmacyId: number, cip13: string) {
  const row = poolAvailability(ctx.db, [cip13], sendableFrom(ctx)).find((r) => r.pharmacyId === fromPharmacyId);
  return { available: Math.max(0, row?.available ?? 0), nearestExpiry: row?.nearestExpiry ?? null };
}

/**
 * What the caller may ask `fromPharmacyId` for (lendableUnits), and its own requests of that
 * product to that pharmacy still open (requested or accepted), so the dialog can warn of a
 * second request. 422 `transfers.to_self`; 404 `pharmacies.not_found`; 422 `stock.unknown_product`.
 */
export function getLendable({ ctx, query }: { ctx: Ctx; query: z.output<typeof LendableQuery> }) {
  const pharmacyId = staffPharmacy(ctx, 'transfers.read');
  if (query.fromPharmacyId === pharmacyId) throw transferErrors.toSelf();
  const sender = ctx.db.select().from(pharmacies).where(eq(pharmacies.id, query.fromPharmacyId)).get();
  if (!sender?.active) throw transferErrors.pharmacyNotFound();
  if (!findPresentationLabel(ctx.db, query.cip13)) throw stockErrors.unknownProduct(query.cip13);
  return {
    cip13: query.cip13,
    fromPharmacyId: query.fromPharmacyId,
    ...lendableUnits(ctx, query.fromPharmacyId, query.cip13),
    openTransfers: listOpenRequests(ctx.db, {
      toPharmacyId: pharmacyId,
      fromPharmacyId: query.fromPharmacyId,
      cip13: query.cip13,
    }),
  };
}

/**
 * The receiver asks. Refused with 409 `transfers.exceeds_available` (details: cip13,
 * fromPharmacyId, requested, available) when more is asked than the other pharmacy can lend
 * (lendableUnits); nothing is written. A second open request of the same product to the same
 * pharmacy is allowed: the dialog warns of it, the server does not block it.
 * With an `idempotencyKey` (the `Idempotency-Key` header, one per opened form), a repeat of the
 * same request by the same user (a double click, a retry) creates nothing and answers the first
 * transfer (`replayed: true`); the key with another body is refused with 422
 * `transfers.idempotency_key_reused` (createOnce, server/http/idempotency.ts).
 */
export function requestTransfer({
  ctx,
  input,
  idempotencyKey,
}: {
  ctx: Ctx;
  input: z.output<typeof TransferRequestBody>;
  idempotencyKey?: string;
}) {
  const pharmacyId = staffPharmacy(ctx, 'transfers.write');
  if (input.fromPharmacyId === pharmacyId) throw transferErrors.toSelf();
  const once = { scope: 'POST /transfers', key: idempotencyKey, body: input, status: 201 };
  const { id, replayed } = ctx.db.transaction(
    () =>
      createOnce(ctx, { ...once, reusedCode: 'transfers.idempotency_key_reused' }, () =>
        insertRequest(ctx, pharmacyId, input),
      ),
    { behavior: 'immediate' },
  );
  return { transfer: getTransfer({ ctx, id }), replayed };
}

/** requestTransfer's checks and writes, inside its transaction: answers the new transfer's id. */
function insertRequest(ctx: Ctx, pharmacyId: number, input: z.output<typeof TransferRequestBody>): number {
  const sender = ctx.db.select().from(pharmacies).where(eq(pharmacies.id, input.fromPharmacyId)).get();
  if (!sender?.active) throw transferErrors.pharmacyNotFound();
  const label = findPresentationLabel(ctx.db, input.cip13);
  if (!label) throw stockErrors.unknownProduct(input.cip13);
  const { available } = lendableUnits(ctx, input.fromPharmacyId, input.cip13);
  if (input.quantity > available) {
    throw transferErrors.exceedsAvailable({
      cip13: input.cip13,
      fromPharmacyId: input.fromPharmacyId,
      requested: input.quantity,
      available,
    });
  }
  const id = insertTransfer(ctx.db, {
    toPharmacyId: pharmacyId,
    fromPharmacyId: input.fromPharmacyId,
    cip13: input.cip13,
    quantityRequested: input.quantity,
    reason: input.reason,
    urgency: input.urgency,
    status: 'requested',
    requestedAt: ctx.clock.now().toISOString(),
    requestedBy: userId(ctx),
  });
  recordAudit(ctx, { action: 'transfers.request', entity: 'transfer', entityId: id, details: { ...input } });
  // Who asks, and whether it is urgent, in the alert itself: the sender triages its requests from its home page.
  const requester = ctx.db.select().from(pharmacies).where(eq(pharmacies.id, pharmacyId)).get()?.name ?? '';
  notify(
    ctx,
    input.fromPharmacyId,
    id,
    'requested',
    { product: label, quantity: input.quantity, from: requester, urgency: input.urgency },
    input.urgency === 'urgent' ? 'alerts.transferRequestedUrgent' : 'alerts.transferRequestedBy',
  );
  return id;
}

/**
 * The sender accepts all or part of the request; its lots are reserved at once, first-expired
 * first, or the `lots` it chose (a lot close to its expiry kept for the counter, SPEC §4): each
 * one of its own lots of the product (else 422 `transfers.lot_not_sendable`, reason
 * `not_found`), not expiring before tomorrow (reason `expires_too_soon`), their quantities
 * adding up to `quantity` when both are given (422 `transfers.lots_quantity_mismatch`). More
 * than was asked is refused with 422 `transfers.exceeds_requested` (details: requested,
 * quantity); more than the sender holds free, with 409 `stock.insufficient_quantity`.
 */
export function acceptTransfer({
  ctx,
  id,
  input,
}: {
  ctx: Ctx;
  id: number;
  input: z.output<typeof TransferAcceptBody>;
}) {
  ctx.db.transaction(
    () => {
      const { transfer, pharmacyId } = loadForStep(ctx, id, 'accept');
      const chosenTotal = input.lots?.reduce((s, l) => s + l.quantity, 0);
      const quantity = input.quantity ?? chosenTotal ?? transfer.quantityRequested;
      if (chosenTotal !== undefined && chosenTotal !== quantity) {
        throw transferErrors.lotsQuantityMismatch({ quantity, lots: chosenTotal });
      }
      if (quantity > transfer.quantityRequested) {
        throw transferErrors.exceedsRequested({ requested: transfer.quantityRequested, quantity });
      }
      const lots = listLots(ctx.db, pharmacyId, { cip13: transfer.cip13 });
      const picked = input.lots
        ? pickChosen(ctx, lots, input.lots, transfer.cip13)
        : pickForTransfer(ctx, lots, quantity);
      if (!picked.ok) {
        throw stockErrors.insufficientQuantity({
          cip13: transfer.cip13,
          requested: quantity,
          available: picked.available,
        });
      }
      // A lot no real box carries is refused here, before anything moves: what ships is receivable.
      for (const p of picked.picks) assertPlausibleExpiry(ctx, p.expiryDate);
      transition(
        ctx,
        id,
        'accept',
        {
          status: 'accepted',
          quantityAccepted: quantity,
          decidedAt: ctx.clock.now().toISOString(),
          decidedBy: userId(ctx),
        },
        transfer.status,
      );
      for (const p of picked.picks) {
        const lot = lots.find((l) => l.id === p.lotId)!;
        insertTransferLine(ctx.db, {
          transferId: id,
          lotId: p.lotId,
          lotNumber: p.lotNumber,
          expiryDate: p.expiryDate,
          unitCostCents: lot.unitCostCents,
          unitCostMillicents: lot.unitCostMillicents,
          quantity: p.quantity,
        });
      }
      // Units now reserved may leave an open offer of these lots uncovered: it lapses.
      lapseUncoverableOffers(ctx, { lotIds: picked.picks.map((p) => p.lotId) });
      recordAudit(ctx, {
        action: 'transfers.accept',
        entity: 'transfer',
        entityId: id,
        details: { quantity, lots: picked.picks },
      });
      notify(ctx, transfer.toPharmacyId, id, 'accepted', { product: transfer.productLabel, quantity });
    },
    { behavior: 'immediate' },
  );
  return getTransfer({ ctx, id });
}

export function rejectTransfer({
  ctx,
  id,
  input,
}: {
  ctx: Ctx;
  id: number;
  input: z.output<typeof TransferRejectBody>;
}) {
  ctx.db.transaction(
    () => {
      const { transfer } = loadForStep(ctx, id, 'reject');
      transition(
        ctx,
        id,
        'reject',
        {
          status: 'rejected',
          rejectionReason: input.reason,
          decidedAt: ctx.clock.now().toISOString(),
          decidedBy: userId(ctx),
        },
        transfer.status,
      );
      recordAudit(ctx, {
        action: 'transfers.reject',
        entity: 'transfer',
        entityId: id,
        details: { reason: input.reason },
      });
      notify(ctx, transfer.toPharmacyId, id, 'rejected', { product: transfer.productLabel });
    },
    { behavior: 'immediate' },
  );
  return getTransfer({ ctx, id });
}

/**
 * A reserved lot that would arrive expired (expiry before tomorrow) is not sent: the whole
 * accepted quantity is picked again FEFO among lots still good tomorrow, or shipping is
 * refused with 409 `transfers.lot_expired` (the transfer stays accepted: cancel is the exit).
 */
function repickExpiredLines(ctx: Ctx, id: number, pharmacyId: number, cip13: string, quantity: number) {
  const lines = listTransferLines(ctx.db, id);
  const expired = lines.filter((l) => l.expiryDate < sendableFrom(ctx));
  if (expired.length === 0) return;
  const own = new Map<number, number>();
  for (const l of lines) own.set(l.lotId, (own.get(l.lotId) ?? 0) + l.quantity);
  const lots = listLots(ctx.db, pharmacyId, { cip13 });
  const picked = pickForTransfer(ctx, lots, quantity, own);
  if (picked.ok) for (const p of picked.picks) assertPlausibleExpiry(ctx, p.expiryDate);
  if (!picked.ok)
    throw transferErrors.lotExpired(expired.map((l) => ({ lotNumber: l.lotNumber, expiryDate: l.expiryDate })));
  replaceTransferLines(
    ctx.db,
    id,
    picked.picks.map((p) => ({
      transferId: id,
      lotId: p.lotId,
      lotNumber: p.lotNumber,
      expiryDate: p.expiryDate,
      unitCostCents: lots.find((l) => l.id === p.lotId)!.unitCostCents,
      unitCostMillicents: lots.find((l) => l.id === p.lotId)!.unitCostMillicents,
      quantity: p.quantity,
    })),
  );
  lapseUncoverableOffers(ctx, { lotIds: picked.picks.map((p) => p.lotId) });
  recordAudit(ctx, {
    action: 'transfers.repick',
    entity: 'transfer',
    entityId: id,
    details: { expired: expired.map((l) => l.lotNumber), lots: picked.picks },
  });
}

/**
 * Shipping takes the reserved units out of the sender's lots (`transfer_out`), after picking
 * again any reserved lot that has expired since acceptance (repickExpiredLines).
 */
export function shipTransfer({ ctx, id }: { ctx: Ctx; id: number }) {
  ctx.db.transaction(
    () => {
      const { transfer, pharmacyId } = loadForStep(ctx, id, 'ship');
      repickExpiredLines(ctx, id, pharmacyId, transfer.cip13, transfer.quantityAccepted ?? 0);
      transition(
        ctx,
        id,
        'ship',
        { status: 'shipped', shippedAt: ctx.clock.now().toISOString(), shippedBy: userId(ctx) },
        transfer.status,
      );
      for (const line of listTransferLines(ctx.db, id)) {
        const lot = findLot(ctx.db, pharmacyId, line.lotId);
        if (!lot) throw stockErrors.lotNotFound();
        move(ctx, { pharmacyId, lotId: lot.id, kind: 'transfer_out', quantity: -line.quantity, transferId: id }, lot);
      }
      recordAudit(ctx, { action: 'transfers.ship', entity: 'transfer', entityId: id });
      notify(ctx, transfer.toPharmacyId, id, 'shipped', { product: transfer.productLabel });
    },
    { behavior: 'immediate' },
  );
  return getTransfer({ ctx, id });
}

/**
 * The receiver books what arrived, lot by lot, with the sender's lot number, expiry and unit
 * cost, into its lot of that identity (number and expiry: a lot number it already records with
 * another expiry stays a separate lot, so a receipt never blocks). Fewer units than shipped
 * needs a note; the settlement bills what was received. A lot that arrives expired (expiry
 * before the Paris day of receipt) is still booked in, where it awaits destruction and cannot
 * be dispensed, but is not billed: the sender bears it, and is told. More units of a lot than
 * were shipped is refused with 422 `transfers.exceeds_shipped` (details: lineId, lotNumber,
 * shipped, received). The answer is the transfer with `lotCosts`: each lot the receiver already
 * held at another cost, its unit cost before and after (millicents, weighted average).
 */
export function receiveTransfer({
  ctx,
  id,
  input,
}: {
  ctx: Ctx;
  id: number;
  input: z.output<typeof TransferReceiveBody>;
}) {
  // Lots already held at another cost, now at the weighted average (receiveIntoLot).
  const costChanges: { lotNumber: string; beforeMillicents: number; afterMillicents: number }[] = [];
  ctx.db.transaction(
    () => {
      const { transfer, pharmacyId } = loadForStep(ctx, id, 'receive');
      const lines = listTransferLines(ctx.db, id);
      const received = new Map(lines.map((l) => [l.id, l.quantity]));
      for (const r of input.lines ?? []) {
        const line = lines.find((l) => l.id === r.lineId);
        if (!line) throw stockErrors.lotNotFound();
        if (r.quantityReceived > line.quantity) {
          throw transferErrors.exceedsShipped({
            lineId: line.id,
            lotNumber: line.lotNumber,
            shipped: line.quantity,
            received: r.quantityReceived,
          });
        }
        received.set(r.lineId, r.quantityReceived);
      }
      const short = lines.some((l) => (received.get(l.id) ?? 0) < l.quantity);
      if (short && !input.note) throw transferErrors.shortNeedsNote();

      const day = today(ctx);
      const expiredOnArrival = lines.some((l) => arrivedExpired(l.expiryDate, day) && (received.get(l.id) ?? 0) > 0);
      const billed: { quantity: number; unitCostMillicents: number }[] = [];
      for (const line of lines) {
        const quantity = received.get(line.id) ?? 0;
        let lotId: number | null = null;
        if (quantity > 0) {
          const { lot, cost } = receiveIntoLot(ctx, {
            pharmacyId,
            cip13: transfer.cip13,
            lotNumber: line.lotNumber,
            expiryDate: line.expiryDate,
            quantity,
            unitCostMillicents: line.unitCostMillicents,
            kind: 'transfer_in',
            transferId: id,
          });
          if (cost) costChanges.push({ lotNumber: line.lotNumber, ...cost });
          lotId = lot.id;
          if (!arrivedExpired(line.expiryDate, day))
            billed.push({ quantity, unitCostMillicents: line.unitCostMillicents });
        }
        recordLineReceipt(ctx.db, line.id, quantity, lotId);
      }
      transition(
        ctx,
        id,
        'receive',
        {
          status: 'received',
          receivedAt: ctx.clock.now().toISOString(),
          receivedBy: userId(ctx),
          // Summed at the cost as bought, rounded once (centsOf).
          valueCents: centsOf(billed),
          receiptNote: input.note ?? null,
        },
        transfer.status,
      );
      recordAudit(ctx, {
        action: 'transfers.receive',
        entity: 'transfer',
        entityId: id,
        details: {
          received: Object.fromEntries(received),
          note: input.note,
          ...(costChanges.length ? { lotCosts: costChanges } : {}),
        },
      });
      // A short receipt tells the sender how many units arrived of how many shipped, and why.
      if (short) {
        const shipped = lines.reduce((sum, l) => sum + l.quantity, 0);
        const arrived = lines.reduce((sum, l) => sum + (received.get(l.id) ?? 0), 0);
        notify(
          ctx,
          transfer.fromPharmacyId,
          id,
          'discrepancy',
          { product: transfer.productLabel, received: arrived, shipped, note: input.note ?? '' },
          'alerts.transferShortReceipt',
        );
      } else if (expiredOnArrival)
        notify(ctx, transfer.fromPharmacyId, id, 'discrepancy', { product: transfer.productLabel });
    },
    { behavior: 'immediate' },
  );
  return { ...getTransfer({ ctx, id }), lotCosts: costChanges };
}

/**
 * Cancelling before shipping releases the reserved units (they were never moved). `because`
 * `recall`: the sender destroyed the recalled lot the units were reserved from (`destroyRecalledLot`),
 * which the other pharmacy's alert says (`alerts.transferCancelledRecall`), so it may ask again.
 */
export function cancelTransfer({ ctx, id, because }: { ctx: Ctx; id: number; because?: 'recall' }) {
  ctx.db.transaction(
    () => {
      const { transfer, side } = loadForStep(ctx, id, 'cancel');
      if (side === 'sender' && transfer.status === 'requested') throw transferErrors.notYourStep('cancel');
      transition(
        ctx,
        id,
        'cancel',
        { status: 'cancelled', cancelledAt: ctx.clock.now().toISOString(), cancelledBy: userId(ctx) },
        transfer.status,
      );
      recordAudit(ctx, { action: 'transfers.cancel', entity: 'transfer', entityId: id });
      const other = side === 'sender' ? transfer.toPharmacyId : transfer.fromPharmacyId;
      notify(
        ctx,
        other,
        id,
        'cancelled',
        { product: transfer.productLabel },
        because === 'recall' ? 'alerts.transferCancelledRecall' : undefined,
      );
    },
    { behavior: 'immediate' },
  );
  return getTransfer({ ctx, id });
}
