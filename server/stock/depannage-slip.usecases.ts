import type { Ctx } from '../http/context';
import { findPharmacy, type PharmacyRow } from '../pharmacies/pharmacies.repository';
import { conflict } from '../shared/errors';
import { centsOf } from './stock.models';
import { listTransferLines } from './transfers.repository';
import { getTransfer } from './transfers.usecases';

/** A slip exists once lots are reserved for the parcel. */
const SLIP_STATUSES = new Set(['accepted', 'shipped', 'received']);

export type DepannageSlipData = {
  id: number;
  status: 'accepted' | 'shipped' | 'received';
  /** When the transfer was accepted (an offer: when it was taken), shipped and received; ISO instants, null until then. */
  acceptedAt: string;
  shippedAt: string | null;
  receivedAt: string | null;
  from: PharmacyRow;
  to: PharmacyRow;
  /** Born of an anti-waste offer: the sender offered, the receiver accepted (nobody asked). */
  fromOffer: boolean;
  cip13: string;
  productLabel: string;
  /**
   * `unitCostMillicents` and the line totals are null when the reader may not see the sender's
   * costs. Before receipt a line's total is the value of the units shipped; once received, of the
   * units received and billed (none for a lot that arrived expired, `expiredOnArrival`).
   */
  lines: {
    lotNumber: string;
    expiryDate: string;
    quantity: number;
    quantityReceived: number | null;
    expiredOnArrival: boolean;
    unitCostMillicents: number | null;
    totalCents: number | null;
  }[];
  /** Units shipped (reserved, before shipping). */
  quantity: number;
  /** Units received, once received. */
  quantityReceived: number | null;
  /** Cents: once received, the value the monthly settlement bills (`valueCents`); before, the value shipped. */
  totalCents: number | null;
  /** The receiver's note on a short or damaged parcel, once received. */
  receiptNote: string | null;
  shippedByName: string | null;
  receivedByName: string | null;
};

/**
 * The bon de dépannage that goes in the parcel (issue #15): the transfer's number and date, both
 * pharmacies with their contact details, the product, its lots (number, expiry, units) and their
 * value at the sender's cost as bought, summed exactly and rounded once (`centsOf`). Once
 * received it is the record of the exchange: units shipped and received per lot, the value billed
 * by the settlement (received units, a lot arrived expired not billed) and the receiver's note.
 * Readers: staff of either pharmacy of the transfer; anyone else gets 404 `transfers.not_found`
 * (through `getTransfer`). Before receipt the values are shown to the sender only: the sender's
 * costs stay private until they become the receiver's debt (README, pooled stock).
 * Errors: 409 `transfers.slip_not_ready` while no lot is reserved (requested, rejected, cancelled).
 */
export function loadDepannageSlip({ ctx, id }: { ctx: Ctx; id: number }): DepannageSlipData {
  const transfer = getTransfer({ ctx, id });
  if (!SLIP_STATUSES.has(transfer.status)) {
    throw conflict('transfers.slip_not_ready', 'A dépannage slip exists once the transfer is accepted', [
      { status: transfer.status },
    ]);
  }
  const from = findPharmacy(ctx.db, transfer.fromPharmacyId);
  const to = findPharmacy(ctx.db, transfer.toPharmacyId);
  if (!from || !to) throw new Error(`transfer ${id} names a missing pharmacy`);
  const actorPharmacy = ctx.actor.kind === 'user' ? ctx.actor.pharmacyId : null;
  const showValues = actorPharmacy === transfer.fromPharmacyId || transfer.status === 'received';
  const rows = listTransferLines(ctx.db, id);
  const received = transfer.status === 'received';
  const expired = new Set(transfer.lines.filter((l) => l.expiredOnArrival).map((l) => l.id));
  const billedUnits = (l: (typeof rows)[number]) => (expired.has(l.id) ? 0 : (l.quantityReceived ?? 0));
  return {
    id: transfer.id,
    status: transfer.status as DepannageSlipData['status'],
    acceptedAt: transfer.decidedAt ?? transfer.requestedAt,
    shippedAt: transfer.shippedAt,
    receivedAt: transfer.receivedAt,
    from,
    to,
    fromOffer: transfer.offer !== null,
    cip13: transfer.cip13,
    productLabel: transfer.productLabel,
    lines: rows.map((l) => ({
      lotNumber: l.lotNumber,
      expiryDate: l.expiryDate,
      quantity: l.quantity,
      quantityReceived: received ? (l.quantityReceived ?? 0) : null,
      expiredOnArrival: expired.has(l.id),
      unitCostMillicents: showValues ? l.unitCostMillicents : null,
      totalCents: !showValues
        ? null
        : received
          ? centsOf([{ quantity: billedUnits(l), unitCostMillicents: l.unitCostMillicents }])
          : centsOf([l]),
    })),
    quantity: rows.reduce((s, l) => s + l.quantity, 0),
    quantityReceived: received ? rows.reduce((s, l) => s + (l.quantityReceived ?? 0), 0) : null,
    totalCents: !showValues ? null : received ? (transfer.valueCents ?? 0) : centsOf(rows),
    receiptNote: received ? transfer.receiptNote : null,
    shippedByName: transfer.shippedByName,
    receivedByName: transfer.receivedByName,
  };
}
