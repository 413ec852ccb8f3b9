import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { pharmacies } from '../../db/schema';
import { raiseAlert, resolveAlerts } from '../alerts/alerts.usecases';
import { recordAudit } from '../audit/audit.usecases';
import type { Ctx } from '../http/context';
import { lapseUncoverableOffers } from './offers.lapse';
import {
  closeOffer,
  findOfferForPharmacy,
  insertOffer,
  listOffersForPharmacy,
  listOpenOffers,
  type OfferRow,
} from './offers.repository';
import type { OfferCreateBody, OfferDeclineBody, OffersQuery } from './offers.schemas';
import { stockErrors, transferErrors } from './stock.errors';
import { offerLastDay, offerStatusOn } from './stock.models';
import { findLot } from './stock.repository';
import { assertPlausibleExpiry, staffPharmacy, today } from './stock.usecases';
import { insertTransfer, insertTransferLine } from './transfers.repository';
import { getTransfer, sendableFrom, userId } from './transfers.usecases';

/*
 * Anti-waste offers (issue #15): the holder of a lot that will expire on its shelf offers N
 * units of it to a pharmacy that uses the product faster. Policy: only the holder's staff
 * offers and cancels; only the recipient's staff accepts or declines; any other pharmacy gets
 * 404. Exits of an offer: accepted (it becomes an accepted transfer, the lot reserved, then
 * shipped and received as any other, so stock, billing and settlement follow the transfer),
 * declined, cancelled by the offerer, expired (unanswered after its last day, offerLastDay), or lapsed (its lot no longer covers it).
 * An open offer reserves nothing: the lot stays the holder's to dispense; when units leave the
 * lot so that it no longer covers the offer, the offer lapses (offers.lapse.ts), so no open
 * offer is one that cannot be accepted. Open offers of one lot never promise more than it
 * has available (on hand minus reserved).
 */

type OfferStep = 'accept' | 'decline' | 'cancel';

/** The offer as the API shows it: an unanswered offer past its last day reads `expired`. */
function present(ctx: Ctx, { offeredBy: _, ...row }: OfferRow) {
  return { ...row, status: offerStatusOn(row.status, row.lastDay, today(ctx)) };
}

/** Tells the other side of an offer what happened (alert `transfers.<event>`), closing the offer's earlier alerts on an answer. */
function notifyOffer(
  ctx: Ctx,
  pharmacyId: number,
  offer: { id: number; productLabel: string; quantity: number },
  event: 'Offered' | 'OfferAccepted' | 'OfferDeclined' | 'OfferCancelled',
  transferId?: number,
) {
  // An answer closes the offer: the alerts it raised before (the offer to answer) are resolved,
  // the news of the answer stays for the other side.
  if (event !== 'Offered') resolveAlerts(ctx, { entity: 'transfer_offer', entityId: offer.id });
  raiseAlert(ctx, {
    scope: { pharmacyId },
    kind: `transfers.${event[0]?.toLowerCase()}${event.slice(1)}`,
    entity: 'transfer_offer',
    entityId: offer.id,
    messageKey: `alerts.transfer${event}`,
    // An accepted offer's alert names the transfer to ship: it links there (alertLink).
    params: { product: offer.productLabel, quantity: offer.quantity, ...(transferId ? { transferId } : {}) },
  });
}

/** Loads an offer the caller's pharmacy is part of (else 404) and checks this side may take this step now. */
function loadForStep(ctx: Ctx, id: number, step: OfferStep) {
  const pharmacyId = staffPharmacy(ctx, 'transfers.write');
  const offer = findOfferForPharmacy(ctx.db, id, pharmacyId);
  if (!offer) throw transferErrors.offerNotFound();
  const mySide = offer.fromPharmacyId === pharmacyId ? 'holder' : 'recipient';
  if ((step === 'cancel') !== (mySide === 'holder')) throw transferErrors.notYourStep(step);
  const status = offerStatusOn(offer.status, offer.lastDay, today(ctx));
  if (status === 'expired') throw transferErrors.offerExpired(offer.lastDay);
  if (status === 'lapsed') {
    const lot = findLot(ctx.db, offer.fromPharmacyId, offer.lotId);
    const available = lot ? Math.max(0, lot.quantity - lot.reserved) : 0;
    throw transferErrors.offerNoLongerAvailable({ cip13: offer.cip13, requested: offer.quantity, available });
  }
  if (status !== 'offered') throw transferErrors.invalidState(status, step);
  return { offer, pharmacyId };
}

export function getOffer({ ctx, id }: { ctx: Ctx; id: number }) {
  const pharmacyId = staffPharmacy(ctx, 'transfers.read');
  const offer = findOfferForPharmacy(ctx.db, id, pharmacyId);
  if (!offer) throw transferErrors.offerNotFound();
  return present(ctx, offer);
}

/** The caller's offers, sent and/or received, newest first, optionally of one status (as read today). */
export function listMyOffers({ ctx, query }: { ctx: Ctx; query: z.output<typeof OffersQuery> }) {
  const pharmacyId = staffPharmacy(ctx, 'transfers.read');
  const items = listOffersForPharmacy(ctx.db, pharmacyId, query.box)
    .map((o) => present(ctx, o))
    .filter((o) => !query.status || o.status === query.status);
  return { items };
}

/**
 * The holder offers `quantity` units of one of its lots. 404 `stock.lot_not_found` for a lot
 * that is not the caller's; 422 `transfers.to_self`; 404 `pharmacies.not_found`; 409
 * `transfers.lot_expired` when the lot can no longer be sent (it expires tomorrow or sooner);
 * 409 `stock.insufficient_quantity` (details: requested, available) when the lot, less its
 * reserved units and its other open offers, has fewer units.
 */
export function createOffer({ ctx, input }: { ctx: Ctx; input: z.output<typeof OfferCreateBody> }) {
  const pharmacyId = staffPharmacy(ctx, 'transfers.write');
  if (input.toPharmacyId === pharmacyId) throw transferErrors.toSelf();
  const id = ctx.db.transaction(
    () => {
      const lot = findLot(ctx.db, pharmacyId, input.lotId);
      if (!lot) throw stockErrors.lotNotFound();
      const recipient = ctx.db.select().from(pharmacies).where(eq(pharmacies.id, input.toPharmacyId)).get();
      if (!recipient?.active) throw transferErrors.pharmacyNotFound();
      const day = today(ctx);
      const lastDay = offerLastDay(day, lot.expiryDate);
      if (!lastDay || lot.expiryDate < sendableFrom(ctx)) {
        throw transferErrors.lotExpired([{ lotNumber: lot.lotNumber, expiryDate: lot.expiryDate }]);
      }
      const promised = listOpenOffers(ctx.db, day)
        .filter((o) => o.lotId === lot.id)
        .reduce((sum, o) => sum + o.quantity, 0);
      const available = Math.max(0, lot.quantity - lot.reserved - promised);
      if (input.quantity > available) {
        throw stockErrors.insufficientQuantity({ cip13: lot.cip13, requested: input.quantity, available });
      }
      const id = insertOffer(ctx.db, {
        fromPharmacyId: pharmacyId,
        toPharmacyId: input.toPharmacyId,
        lotId: lot.id,
        cip13: lot.cip13,
        quantity: input.quantity,
        note: input.note,
        status: 'offered',
        lastDay,
        offeredAt: ctx.clock.now().toISOString(),
        offeredBy: userId(ctx),
      });
      recordAudit(ctx, { action: 'transfers.offer', entity: 'transfer_offer', entityId: id, details: { ...input } });
      notifyOffer(ctx, input.toPharmacyId, { id, productLabel: lot.productLabel, quantity: input.quantity }, 'Offered');
      return id;
    },
    { behavior: 'immediate' },
  );
  return getOffer({ ctx, id });
}

/**
 * The recipient accepts: in one transaction the offer becomes a transfer already accepted,
 * from the holder to the recipient, with the offered lot reserved (the offer's note as its
 * reason). It then follows the transfer steps (ship, receive, or cancel). 409
 * `transfers.offer_expired` past the last day; 409 `transfers.lot_expired` if the lot can no
 * longer be sent; 409 `transfers.offer_no_longer_available` (details: requested, available)
 * when the holder's lot no longer covers it: the offer has lapsed (lapseUncoverableOffers) and
 * reads `lapsed` on both sides. Answers the transfer.
 */
export function acceptOffer({ ctx, id }: { ctx: Ctx; id: number }) {
  // Normally an uncovered offer has lapsed when its units left; should one still be open, it
  // lapses now (committed on its own) and the accept below answers 409 offer_no_longer_available.
  ctx.db.transaction(
    () => {
      const { offer } = loadForStep(ctx, id, 'accept');
      lapseUncoverableOffers(ctx, { lotIds: [offer.lotId] });
    },
    { behavior: 'immediate' },
  );
  const transferId = ctx.db.transaction(
    () => {
      const { offer, pharmacyId } = loadForStep(ctx, id, 'accept');
      const lot = findLot(ctx.db, offer.fromPharmacyId, offer.lotId);
      if (!lot) throw stockErrors.lotNotFound();
      if (lot.expiryDate < sendableFrom(ctx)) {
        throw transferErrors.lotExpired([{ lotNumber: lot.lotNumber, expiryDate: lot.expiryDate }]);
      }
      const available = lot.quantity - lot.reserved;
      if (offer.quantity > available) {
        throw stockErrors.insufficientQuantity({ cip13: lot.cip13, requested: offer.quantity, available });
      }
      assertPlausibleExpiry(ctx, lot.expiryDate);
      const now = ctx.clock.now().toISOString();
      const transferId = insertTransfer(ctx.db, {
        toPharmacyId: pharmacyId,
        fromPharmacyId: offer.fromPharmacyId,
        cip13: offer.cip13,
        quantityRequested: offer.quantity,
        quantityAccepted: offer.quantity,
        reason: offer.note,
        urgency: 'normal',
        status: 'accepted',
        requestedAt: now,
        requestedBy: userId(ctx),
        decidedAt: now,
        // The holder committed these units when it offered them.
        decidedBy: offer.offeredBy,
      });
      insertTransferLine(ctx.db, {
        transferId,
        lotId: lot.id,
        lotNumber: lot.lotNumber,
        expiryDate: lot.expiryDate,
        unitCostCents: lot.unitCostCents,
        unitCostMillicents: lot.unitCostMillicents,
        quantity: offer.quantity,
      });
      if (!closeOffer(ctx.db, id, { status: 'accepted', transferId, answeredAt: now, answeredBy: userId(ctx) })) {
        throw transferErrors.invalidState('answered', 'accept');
      }
      recordAudit(ctx, {
        action: 'transfers.offer_accept',
        entity: 'transfer_offer',
        entityId: id,
        details: { transferId, lotId: lot.id, quantity: offer.quantity },
      });
      notifyOffer(ctx, offer.fromPharmacyId, offer, 'OfferAccepted', transferId);
      return transferId;
    },
    { behavior: 'immediate' },
  );
  return getTransfer({ ctx, id: transferId });
}

/** The recipient declines, optionally saying why; nothing moves. */
export function declineOffer({ ctx, id, input }: { ctx: Ctx; id: number; input: z.output<typeof OfferDeclineBody> }) {
  ctx.db.transaction(
    () => {
      const { offer } = loadForStep(ctx, id, 'decline');
      const now = ctx.clock.now().toISOString();
      const set = { status: 'declined' as const, declineReason: input.reason ?? null, answeredAt: now };
      if (!closeOffer(ctx.db, id, { ...set, answeredBy: userId(ctx) })) {
        throw transferErrors.invalidState('answered', 'decline');
      }
      recordAudit(ctx, {
        action: 'transfers.offer_decline',
        entity: 'transfer_offer',
        entityId: id,
        details: { reason: input.reason },
      });
      notifyOffer(ctx, offer.fromPharmacyId, offer, 'OfferDeclined');
    },
    { behavior: 'immediate' },
  );
  return getOffer({ ctx, id });
}

/** The holder withdraws its offer before it is answered; nothing moves. */
export function cancelOffer({ ctx, id }: { ctx: Ctx; id: number }) {
  ctx.db.transaction(
    () => {
      const { offer } = loadForStep(ctx, id, 'cancel');
      const now = ctx.clock.now().toISOString();
      if (!closeOffer(ctx.db, id, { status: 'cancelled', answeredAt: now, answeredBy: userId(ctx) })) {
        throw transferErrors.invalidState('answered', 'cancel');
      }
      recordAudit(ctx, { action: 'transfers.offer_cancel', entity: 'transfer_offer', entityId: id });
      notifyOffer(ctx, offer.toPharmacyId, offer, 'OfferCancelled');
    },
    { behavior: 'immediate' },
  );
  return getOffer({ ctx, id });
}
