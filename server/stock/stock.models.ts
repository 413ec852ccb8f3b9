/**
 * Pure rules of pooled stock: FEFO picking, lot numbers, anti-waste rebalancing and the
 * monthly settlement between pharmacies. No database, no clock, no I/O.
 */
import { differenceInCalendarDays } from 'date-fns/differenceInCalendarDays';

export const DESTRUCTION_REASONS = ['expired', 'damaged', 'recalled'] as const;

export const MOVEMENT_KINDS = [
  'receipt',
  'dispense',
  'transfer_out',
  'transfer_in',
  'adjustment',
  'destruction',
  'robot_consumption',
] as const;

export const TRANSFER_STATUSES = ['requested', 'accepted', 'rejected', 'shipped', 'received', 'cancelled'] as const;
export const TRANSFER_URGENCIES = ['normal', 'urgent'] as const;

/**
 * An anti-waste offer: the holder proposes units of one lot to another pharmacy. `offered`
 * waits for the recipient; `accepted` became a transfer (then shipped and received as any
 * other); `declined` by the recipient; `cancelled` by the offerer; `expired` when nobody
 * answered by its last day (stored `offered`, read as `expired`: see offerStatusOn); `lapsed`
 * when the holder's lot could no longer cover it (units dispensed, adjusted, destroyed, sent
 * or imported away before the answer: see lapseUncoverableOffers).
 */
export const OFFER_STATUSES = ['offered', 'accepted', 'declined', 'cancelled', 'expired', 'lapsed'] as const;
export type OfferStatus = (typeof OFFER_STATUSES)[number];

/** An offer stays open this many days at most (and never past the day before its lot expires). */
export const OFFER_VALID_DAYS = 7;

/**
 * A lot number as printed on the box: 1–20 visible characters, no control characters, stored
 * trimmed and in capitals (pharmacy software prints them so: `d1` and `D1` are one lot).
 */
export type LotNumberCheck =
  | { ok: true; value: string }
  | { ok: false; code: 'lotEmpty' | 'lotTooLong' | 'lotControl'; value: string; reason: string };

/**
 * The one rule for a lot number typed or read anywhere (receipt, snapshot import, recall, via
 * the `LotNumber` schema): trims it, upper-cases it, then checks it. `value` is what is stored.
 */
export function checkLotNumber(raw: string): LotNumberCheck {
  const value = raw.trim().toUpperCase();
  if (value === '') return { ok: false, code: 'lotEmpty', value, reason: 'lot number is empty' };
  if (value.length > 20) {
    return {
      ok: false,
      code: 'lotTooLong',
      value,
      reason: `lot number "${value.slice(0, 24)}…" is over 20 characters`,
    };
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused
  if (/[\u0000-\u001f\u007f-\u009f]/.test(value)) {
    return { ok: false, code: 'lotControl', value, reason: 'lot number contains control characters' };
  }
  return { ok: true, value };
}

/** The earliest expiry a real lot can carry: an older date is a typing error (`0000-01-01`, `1027-03-31`). */
export const EXPIRY_EARLIEST = '2000-01-01';
/** Medicines are sold with a shelf life of five years at most: an expiry over ten years ahead is a typing error. */
export const EXPIRY_MAX_YEARS_AHEAD = 10;

export type ExpiryPlausibility =
  | { ok: true }
  | { ok: false; code: 'expiryTooEarly'; earliest: string }
  | { ok: false; code: 'expiryTooFar'; latest: string };

/** The last plausible expiry on `today` (a Paris date): the same day ten years on (29 February → 28 February). */
export function latestPlausibleExpiry(today: string): string {
  const year = String(Number(today.slice(0, 4)) + EXPIRY_MAX_YEARS_AHEAD).padStart(4, '0');
  const monthDay = today.slice(5) === '02-29' ? '02-28' : today.slice(5);
  return `${year}-${monthDay}`;
}

/**
 * The one plausibility rule for an expiry date (`YYYY-MM-DD`), used by receipts, snapshot
 * imports and transfer receipts: not before EXPIRY_EARLIEST, not after ten years from `today`
 * (Paris date). Whether the date is already past is each caller's own rule (a receipt refuses
 * it, a stock count may still hold expired boxes awaiting destruction).
 */
export function checkExpiryPlausible(expiryDate: string, today: string): ExpiryPlausibility {
  if (expiryDate < EXPIRY_EARLIEST) return { ok: false, code: 'expiryTooEarly', earliest: EXPIRY_EARLIEST };
  const latest = latestPlausibleExpiry(today);
  if (expiryDate > latest) return { ok: false, code: 'expiryTooFar', latest };
  return { ok: true };
}

/** Unit costs are kept as bought, in thousandths of a cent: 0,043 € a tablet is 4 300. */
export const MILLICENTS_PER_CENT = 1000;

/**
 * The one rounding rule of stock money: amounts are summed exactly in millicents (quantity ×
 * unit cost as bought, over every line) and rounded once, to the nearest cent, halves up. A
 * transfer's value, a value at risk and a unit cost shown in cents all go through it.
 */
export function centsOf(lines: { quantity: number; unitCostMillicents: number }[]): number {
  let total = 0n;
  for (const l of lines) total += BigInt(l.quantity) * BigInt(l.unitCostMillicents);
  const per = BigInt(MILLICENTS_PER_CENT);
  return Number((total + per / 2n) / per);
}

/**
 * The unit cost of a box price: box price ÷ units per box, rounded once to the nearest
 * millicent, halves up (1,00 € for 30 tablets = 3 333 millicents). Integer arithmetic only.
 */
export function unitCostOfBox(boxMillicents: number, unitsPerBox: number): number {
  return Math.floor((2 * boxMillicents + unitsPerBox) / (2 * unitsPerBox));
}

/**
 * A lot's unit cost (millicents) once `received` units bought at `received.unitCostMillicents`
 * join the `held` units on the shelf: the weighted average unit cost (coût unitaire moyen pondéré,
 * the valuation French pharmacy software keeps for a product bought at several prices), rounded
 * to the millicent, halves up — so the lot's value stays what was paid for its units, to within a
 * millicent a unit. A lot with no units on hand, or whose cost is not known (0, an imported
 * snapshot without prices), takes the received cost. Quantities are units (> 0 for `received`).
 */
export function weightedUnitCost(
  held: { quantity: number; unitCostMillicents: number },
  received: { quantity: number; unitCostMillicents: number },
): number {
  if (held.quantity <= 0 || held.unitCostMillicents === 0) return received.unitCostMillicents;
  const total =
    BigInt(held.quantity) * BigInt(held.unitCostMillicents) +
    BigInt(received.quantity) * BigInt(received.unitCostMillicents);
  const units = BigInt(held.quantity + received.quantity);
  return Number((total * 2n + units) / (units * 2n));
}

/**
 * Whether a received lot arrived expired: its expiry (`YYYY-MM-DD`) is before the Paris day of
 * receipt. It is booked in but not billed: the sender bears it (receiveTransfer, README pooled stock).
 */
export const arrivedExpired = (expiryDate: string, arrivalDay: string) => expiryDate < arrivalDay;

/** Whole days from `today` to a calendar date (`YYYY-MM-DD`), negative when past. */
export const daysUntil = (today: string, date: string) =>
  differenceInCalendarDays(new Date(`${date}T00:00:00Z`), new Date(`${today}T00:00:00Z`));

export type PickableLot = { id: number; lotNumber: string; expiryDate: string; available: number };
export type LotPick = { lotId: number; lotNumber: string; expiryDate: string; quantity: number };

/**
 * First-expired-first-out: takes `quantity` from the lots that expire first (ties: oldest lot
 * id), skipping lots already expired on `today`. Returns the picks, or the shortfall.
 */
export function pickFefo(
  lots: PickableLot[],
  quantity: number,
  today: string,
): { ok: true; picks: LotPick[] } | { ok: false; available: number } {
  const usable = lots
    .filter((l) => l.available > 0 && l.expiryDate >= today)
    .sort((a, b) => a.expiryDate.localeCompare(b.expiryDate) || a.id - b.id);
  const picks: LotPick[] = [];
  let left = quantity;
  for (const lot of usable) {
    if (left === 0) break;
    const take = Math.min(lot.available, left);
    picks.push({ lotId: lot.id, lotNumber: lot.lotNumber, expiryDate: lot.expiryDate, quantity: take });
    left -= take;
  }
  if (left > 0) return { ok: false, available: quantity - left };
  return { ok: true, picks };
}

export type RebalanceLot = {
  lotId: number;
  pharmacyId: number;
  cip13: string;
  lotNumber: string;
  expiryDate: string;
  available: number;
  unitCostMillicents: number;
  /** Paris day of the lot's latest `transfer_in`, if it ever came by dépannage. */
  lastTransferInDay?: string | null;
};

/** Units dispensed per pharmacy and product over the usage window. */
export type Usage = { pharmacyId: number; cip13: string; units: number };

export type RebalanceSuggestion = {
  lotId: number;
  cip13: string;
  lotNumber: string;
  expiryDate: string;
  daysLeft: number;
  fromPharmacyId: number;
  toPharmacyId: number;
  /** Units of the lot its holder will not use before expiry. */
  atRiskQuantity: number;
  valueAtRiskCents: number;
  /** Units the other pharmacy can use before expiry, on top of its own stock: what to move. */
  suggestedQuantity: number;
  holderDailyUse: number;
  receiverDailyUse: number;
};

/**
 * The order of anti-waste suggestions, most urgent first: the soonest expiry (fewest days
 * left), then the most units at risk, then the highest value at risk, then the lot id.
 */
export function compareRebalanceUrgency(
  a: Pick<RebalanceSuggestion, 'daysLeft' | 'atRiskQuantity' | 'valueAtRiskCents' | 'lotId'>,
  b: Pick<RebalanceSuggestion, 'daysLeft' | 'atRiskQuantity' | 'valueAtRiskCents' | 'lotId'>,
): number {
  return (
    a.daysLeft - b.daysLeft ||
    b.atRiskQuantity - a.atRiskQuantity ||
    b.valueAtRiskCents - a.valueAtRiskCents ||
    a.lotId - b.lotId
  );
}

/**
 * Anti-waste rebalancing. A holder uses its lots FEFO at its average daily rate over the
 * window; the units of a lot it will not reach before expiry are at risk. They are suggested
 * to the pharmacy that uses the product fastest, up to what it can itself use before that
 * expiry after its own stock of the product. A lot that came by dépannage within the window
 * (`lastTransferInDay`) is not suggested for sending on: its holder asked for it because it
 * needed it, and its dispensing history does not show that need yet (its units still count
 * as the holder's stock). Suggestions come most urgent first (compareRebalanceUrgency).
 */
export function suggestRebalancing(input: {
  lots: RebalanceLot[];
  usage: Usage[];
  today: string;
  windowDays: number;
  /** Only lots expiring within this many days are worth a transfer (default 180). */
  horizonDays?: number;
}): RebalanceSuggestion[] {
  const { lots, usage, today, windowDays, horizonDays = 180 } = input;
  const rate = new Map<string, number>();
  for (const u of usage) rate.set(`${u.pharmacyId}|${u.cip13}`, u.units / windowDays);
  const rateOf = (pharmacyId: number, cip13: string) => rate.get(`${pharmacyId}|${cip13}`) ?? 0;

  const byHolding = new Map<string, RebalanceLot[]>();
  for (const lot of lots) {
    if (lot.available <= 0 || lot.expiryDate < today) continue;
    const key = `${lot.pharmacyId}|${lot.cip13}`;
    byHolding.set(key, [...(byHolding.get(key) ?? []), lot]);
  }
  const pharmacies = [...new Set(lots.map((l) => l.pharmacyId).concat(usage.map((u) => u.pharmacyId)))];

  const suggestions: RebalanceSuggestion[] = [];
  for (const holding of byHolding.values()) {
    holding.sort((a, b) => a.expiryDate.localeCompare(b.expiryDate) || a.lotId - b.lotId);
    let stockBefore = 0;
    for (const lot of holding) {
      const daysLeft = daysUntil(today, lot.expiryDate);
      const holderRate = rateOf(lot.pharmacyId, lot.cip13);
      const usedBeforeExpiry = Math.max(0, Math.min(lot.available, Math.floor(holderRate * daysLeft) - stockBefore));
      stockBefore += lot.available;
      const atRisk = lot.available - usedBeforeExpiry;
      if (atRisk <= 0 || daysLeft <= 0 || daysLeft > horizonDays) continue;
      if (lot.lastTransferInDay && daysUntil(lot.lastTransferInDay, today) < windowDays) continue;

      let best: { pharmacyId: number; rate: number; capacity: number } | null = null;
      for (const other of pharmacies) {
        if (other === lot.pharmacyId) continue;
        const otherRate = rateOf(other, lot.cip13);
        if (otherRate <= holderRate) continue;
        const ownStock = (byHolding.get(`${other}|${lot.cip13}`) ?? [])
          .filter((l) => l.expiryDate <= lot.expiryDate)
          .reduce((sum, l) => sum + l.available, 0);
        const capacity = Math.floor(otherRate * daysLeft) - ownStock;
        if (capacity > 0 && (!best || otherRate > best.rate)) best = { pharmacyId: other, rate: otherRate, capacity };
      }
      if (!best) continue;
      suggestions.push({
        lotId: lot.lotId,
        cip13: lot.cip13,
        lotNumber: lot.lotNumber,
        expiryDate: lot.expiryDate,
        daysLeft,
        fromPharmacyId: lot.pharmacyId,
        toPharmacyId: best.pharmacyId,
        atRiskQuantity: atRisk,
        valueAtRiskCents: centsOf([{ quantity: atRisk, unitCostMillicents: lot.unitCostMillicents }]),
        suggestedQuantity: Math.min(atRisk, best.capacity),
        holderDailyUse: holderRate,
        receiverDailyUse: best.rate,
      });
    }
  }
  return suggestions.sort(compareRebalanceUrgency);
}

/** `date` (`YYYY-MM-DD`) moved by `days` calendar days. */
const shiftDate = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * The last Paris day an offer made on `today` can be accepted: OFFER_VALID_DAYS later, but
 * never past the day before the lot expires, since a dépannage only sends lots still good the
 * day after (transfers.usecases sendableFrom). Null when the lot can no longer be sent.
 */
export function offerLastDay(today: string, lotExpiry: string): string | null {
  const byValidity = shiftDate(today, OFFER_VALID_DAYS);
  const byLot = shiftDate(lotExpiry, -1);
  const last = byValidity < byLot ? byValidity : byLot;
  return last < today ? null : last;
}

/** What an offer is on `today`: one still `offered` after its last day has expired. */
export function offerStatusOn(stored: OfferStatus, lastDay: string, today: string): OfferStatus {
  return stored === 'offered' && today > lastDay ? 'expired' : stored;
}

export type SettledTransfer = { fromPharmacyId: number; toPharmacyId: number; valueCents: number };

export type SettlementPair = {
  pharmacyAId: number;
  pharmacyBId: number;
  /** Value of the boxes A sent to B (B owes it to A), and the other way round. */
  sentAToBCents: number;
  sentBToACents: number;
  transfersAToB: number;
  transfersBToA: number;
  /** Who pays whom, once, to settle the month; null when both ways cancel out. */
  debtorId: number | null;
  creditorId: number | null;
  netCents: number;
};

/**
 * Nets a month of received transfers per pair of pharmacies: each receiver owes its sender
 * the value at the sender's cost, and the two directions cancel out into one payment.
 */
export function settle(transfers: SettledTransfer[]): SettlementPair[] {
  const pairs = new Map<string, SettlementPair>();
  for (const t of transfers) {
    const [a, b] =
      t.fromPharmacyId < t.toPharmacyId ? [t.fromPharmacyId, t.toPharmacyId] : [t.toPharmacyId, t.fromPharmacyId];
    const key = `${a}|${b}`;
    const pair = pairs.get(key) ?? {
      pharmacyAId: a,
      pharmacyBId: b,
      sentAToBCents: 0,
      sentBToACents: 0,
      transfersAToB: 0,
      transfersBToA: 0,
      debtorId: null,
      creditorId: null,
      netCents: 0,
    };
    if (t.fromPharmacyId === a) {
      pair.sentAToBCents += t.valueCents;
      pair.transfersAToB += 1;
    } else {
      pair.sentBToACents += t.valueCents;
      pair.transfersBToA += 1;
    }
    pairs.set(key, pair);
  }
  return [...pairs.values()]
    .map((p) => {
      const net = p.sentAToBCents - p.sentBToACents;
      if (net === 0) return p;
      return net > 0
        ? { ...p, debtorId: p.pharmacyBId, creditorId: p.pharmacyAId, netCents: net }
        : { ...p, debtorId: p.pharmacyAId, creditorId: p.pharmacyBId, netCents: -net };
    })
    .sort((x, y) => x.pharmacyAId - y.pharmacyAId || x.pharmacyBId - y.pharmacyBId);
}

/**
 * One pharmacy's line of a pool product, as the pool shows it: its availability (`row`: units
 * on hand minus reserved, never below 0; nearest expiry of the lots with units free), or 0 and
 * null when it holds none.
 */
export function toAvailability(
  pharmacy: { id: number; slug: string; name: string },
  row?: { available: number; nearestExpiry: string | null },
) {
  return {
    pharmacyId: pharmacy.id,
    pharmacySlug: pharmacy.slug,
    pharmacyName: pharmacy.name,
    available: Math.max(0, row?.available ?? 0),
    nearestExpiry: row?.nearestExpiry ?? null,
  };
}
