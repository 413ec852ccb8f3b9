import { conflict, forbidden, notFound, unprocessable } from '../shared/errors';

export const stockErrors = {
  lotNotFound: () => notFound('stock.lot_not_found', 'Lot not found'),
  insufficientQuantity: (details: { cip13: string; requested: number; available: number }) =>
    conflict('stock.insufficient_quantity', `Only ${details.available} units available`, [details]),
  unknownProduct: (cip13: string) =>
    unprocessable('stock.unknown_product', `CIP13 ${cip13} is not in the catalogue`, [{ cip13 }]),
  notExpired: (expiryDate: string) =>
    unprocessable('stock.lot_not_expired', `The lot expires on ${expiryDate}: it is not expired yet`, [{ expiryDate }]),
  expiryInPast: (expiryDate: string) =>
    unprocessable('stock.expiry_in_past', `Expiry ${expiryDate} is already past`, [{ expiryDate }]),
  expiryTooEarly: (expiryDate: string, earliest: string) =>
    unprocessable('stock.expiry_too_early', `Expiry ${expiryDate} is before ${earliest}: not a real lot`, [
      { expiryDate, earliest },
    ]),
  expiryTooFar: (expiryDate: string, latest: string) =>
    unprocessable('stock.expiry_too_far', `Expiry ${expiryDate} is over ten years ahead (after ${latest})`, [
      { expiryDate, latest },
    ]),
  lotExpiryMismatch: (lotNumber: string, expiryDate: string) =>
    conflict('stock.lot_expiry_mismatch', `Lot ${lotNumber} is already recorded with expiry ${expiryDate}`, [
      { lotNumber, expiryDate },
    ]),
  importInvalid: (errors: unknown[]) =>
    unprocessable('stock.import_invalid', 'The file has errors: nothing was applied', errors),
  importConflict: () =>
    conflict('stock.import_conflict', 'The stock moved while the file was applied: nothing was applied, try again'),
};

export const transferErrors = {
  notFound: () => notFound('transfers.not_found', 'Transfer not found'),
  invalidState: (status: string, action: string) =>
    conflict('transfers.invalid_state', `Cannot ${action} a transfer that is ${status}`, [{ status, action }]),
  notYourStep: (action: string) =>
    forbidden('transfers.not_your_step', `The other pharmacy is the one to ${action} this transfer`),
  toSelf: () => unprocessable('transfers.to_self', 'A pharmacy cannot ask itself for a transfer'),
  pharmacyNotFound: () => notFound('pharmacies.not_found', 'Pharmacy not found'),
  lotExpired: (lots: { lotNumber: string; expiryDate: string }[]) =>
    conflict(
      'transfers.lot_expired',
      'A reserved lot would arrive expired and no other lot can replace it: cancel the transfer',
      lots,
    ),
  exceedsAvailable: (details: { cip13: string; fromPharmacyId: number; requested: number; available: number }) =>
    conflict(
      'transfers.exceeds_available',
      `The other pharmacy can lend ${details.available} units of this product, not ${details.requested}`,
      [details],
    ),
  /** Accepting more units than the other pharmacy asked for (422): details give both figures. */
  lotNotSendable: (details: { lotId: number; reason: 'not_found' | 'expires_too_soon'; sendableFrom?: string }) =>
    unprocessable(
      'transfers.lot_not_sendable',
      details.reason === 'not_found'
        ? `Lot ${details.lotId} is not one of your lots of this product`
        : `Lot ${details.lotId} expires before ${details.sendableFrom}: it would arrive expired`,
      [details],
    ),
  lotsQuantityMismatch: (details: { quantity: number; lots: number }) =>
    unprocessable(
      'transfers.lots_quantity_mismatch',
      `The lots chosen hold ${details.lots} units, not the ${details.quantity} accepted`,
      [details],
    ),
  exceedsRequested: (details: { requested: number; quantity: number }) =>
    unprocessable(
      'transfers.exceeds_requested',
      `${details.requested} units were asked for: accept at most that many, not ${details.quantity}`,
      [details],
    ),
  /** Receiving more units of a lot than were shipped (422): details name the lot and both figures. */
  exceedsShipped: (details: { lineId: number; lotNumber: string; shipped: number; received: number }) =>
    unprocessable(
      'transfers.exceeds_shipped',
      `${details.shipped} units of lot ${details.lotNumber} were shipped: ${details.received} cannot have arrived`,
      [details],
    ),
  offerNotFound: () => notFound('transfers.offer_not_found', 'Offer not found'),
  offerExpired: (lastDay: string) =>
    conflict('transfers.offer_expired', `This offer could be accepted until ${lastDay}`, [{ lastDay }]),
  /** The holder's lot no longer covers the offer (units dispensed or moved before the answer): it lapsed. */
  offerNoLongerAvailable: (details: { cip13: string; requested: number; available: number }) =>
    conflict(
      'transfers.offer_no_longer_available',
      `This offer lapsed: only ${details.available} units of the lot are left`,
      [details],
    ),
  shortNeedsNote: () =>
    unprocessable(
      'transfers.discrepancy_note_required',
      'Say what happened when fewer units arrived than were shipped',
    ),
};
