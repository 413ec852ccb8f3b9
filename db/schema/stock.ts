import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { MOVEMENT_KINDS, OFFER_STATUSES, TRANSFER_STATUSES, TRANSFER_URGENCIES } from '../../server/stock/stock.models';
import { id, instant } from '../columns';
import { cataloguePresentations } from './catalogue';
import { pharmacies } from './organisation';
import { users } from './users';

/**
 * A lot held by one pharmacy. `quantity` caches the sum of the lot's movements (a test holds
 * them equal); it never goes below 0. Lot traceability: a lot received by transfer keeps the
 * sender's lot number and expiry. Lot numbers are stored trimmed and upper-cased (LotNumber).
 */
export const stockLots = sqliteTable(
  'stock_lots',
  {
    id: id(),
    pharmacyId: integer('pharmacy_id')
      .notNull()
      .references(() => pharmacies.id),
    cip13: text('cip13')
      .notNull()
      .references(() => cataloguePresentations.cip13),
    lotNumber: text('lot_number').notNull(),
    expiryDate: text('expiry_date').notNull(),
    /** The unit cost rounded to the cent, for display; amounts are computed from `unitCostMillicents`. */
    unitCostCents: integer('unit_cost_cents').notNull(),
    /** The unit cost as bought, in thousandths of a cent (0,043 € a tablet = 4 300). */
    unitCostMillicents: integer('unit_cost_millicents').notNull().default(0),
    quantity: integer('quantity').notNull(),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [
    // A lot is (pharmacy, product, number, expiry): a dépannage can bring a lot number the
    // receiver already records with another expiry, and both must stay traceable.
    uniqueIndex('stock_lots_identity_unique').on(t.pharmacyId, t.cip13, t.lotNumber, t.expiryDate),
    index('stock_lots_cip13_idx').on(t.cip13, t.pharmacyId),
    index('stock_lots_expiry_idx').on(t.pharmacyId, t.expiryDate),
    check('stock_lots_quantity_non_negative', sql`typeof(${t.quantity}) = 'integer' AND ${t.quantity} >= 0`),
    check('stock_lots_cost_cents', sql`typeof(${t.unitCostCents}) = 'integer' AND ${t.unitCostCents} >= 0`),
    check(
      'stock_lots_cost_millicents',
      sql`typeof(${t.unitCostMillicents}) = 'integer' AND ${t.unitCostMillicents} >= 0`,
    ),
    check('stock_lots_lot_number', sql`length(${t.lotNumber}) BETWEEN 1 AND 20`),
    check('stock_lots_expiry_date', sql`${t.expiryDate} GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'`),
  ],
);

/** A dépannage: the receiver asks the sender for a product (SPEC §4). */
export const transfers = sqliteTable(
  'transfers',
  {
    id: id(),
    /** The pharmacy that asked and will receive. */
    toPharmacyId: integer('to_pharmacy_id')
      .notNull()
      .references(() => pharmacies.id),
    /** The pharmacy asked to send. */
    fromPharmacyId: integer('from_pharmacy_id')
      .notNull()
      .references(() => pharmacies.id),
    cip13: text('cip13')
      .notNull()
      .references(() => cataloguePresentations.cip13),
    quantityRequested: integer('quantity_requested').notNull(),
    quantityAccepted: integer('quantity_accepted'),
    reason: text('reason').notNull(),
    urgency: text('urgency', { enum: TRANSFER_URGENCIES }).notNull(),
    status: text('status', { enum: TRANSFER_STATUSES }).notNull(),
    rejectionReason: text('rejection_reason'),
    receiptNote: text('receipt_note'),
    /** Value at the sender's unit cost of what was shipped; set at shipping. */
    valueCents: integer('value_cents'),
    requestedAt: instant('requested_at').notNull(),
    requestedBy: integer('requested_by').references(() => users.id),
    decidedAt: instant('decided_at'),
    decidedBy: integer('decided_by').references(() => users.id),
    shippedAt: instant('shipped_at'),
    shippedBy: integer('shipped_by').references(() => users.id),
    receivedAt: instant('received_at'),
    receivedBy: integer('received_by').references(() => users.id),
    cancelledAt: instant('cancelled_at'),
    cancelledBy: integer('cancelled_by').references(() => users.id),
  },
  (t) => [
    index('transfers_to_idx').on(t.toPharmacyId, t.status),
    index('transfers_from_idx').on(t.fromPharmacyId, t.status),
    index('transfers_received_idx').on(t.receivedAt),
    check('transfers_not_to_self', sql`${t.toPharmacyId} <> ${t.fromPharmacyId}`),
    check('transfers_quantity_positive', sql`${t.quantityRequested} > 0`),
    check(
      'transfers_accepted_quantity',
      sql`${t.quantityAccepted} IS NULL OR (${t.quantityAccepted} > 0 AND ${t.quantityAccepted} <= ${t.quantityRequested})`,
    ),
    check(
      'transfers_status_valid',
      sql`${t.status} IN ('requested', 'accepted', 'rejected', 'shipped', 'received', 'cancelled')`,
    ),
    check('transfers_urgency_valid', sql`${t.urgency} IN ('normal', 'urgent')`),
    check(
      'transfers_value_cents',
      sql`${t.valueCents} IS NULL OR (typeof(${t.valueCents}) = 'integer' AND ${t.valueCents} >= 0)`,
    ),
  ],
);

/** The sender's lots reserved (accepted), shipped, then received for a transfer. */
export const transferLines = sqliteTable(
  'transfer_lines',
  {
    id: id(),
    transferId: integer('transfer_id')
      .notNull()
      .references(() => transfers.id),
    lotId: integer('lot_id')
      .notNull()
      .references(() => stockLots.id),
    lotNumber: text('lot_number').notNull(),
    expiryDate: text('expiry_date').notNull(),
    unitCostCents: integer('unit_cost_cents').notNull(),
    /** The sender's unit cost as bought (thousandths of a cent): the transfer's value is computed from it. */
    unitCostMillicents: integer('unit_cost_millicents').notNull().default(0),
    quantity: integer('quantity').notNull(),
    quantityReceived: integer('quantity_received'),
    receivedLotId: integer('received_lot_id').references(() => stockLots.id),
  },
  (t) => [
    index('transfer_lines_transfer_idx').on(t.transferId),
    index('transfer_lines_lot_idx').on(t.lotId),
    check('transfer_lines_quantity_positive', sql`${t.quantity} > 0`),
    check(
      'transfer_lines_received',
      sql`${t.quantityReceived} IS NULL OR (${t.quantityReceived} >= 0 AND ${t.quantityReceived} <= ${t.quantity})`,
    ),
  ],
);

export const stockImports = sqliteTable(
  'stock_imports',
  {
    id: id(),
    pharmacyId: integer('pharmacy_id')
      .notNull()
      .references(() => pharmacies.id),
    sha256: text('sha256').notNull(),
    rows: integer('rows').notNull(),
    adjustments: integer('adjustments').notNull(),
    appliedAt: instant('applied_at').notNull(),
    appliedBy: integer('applied_by').references(() => users.id),
  },
  (t) => [index('stock_imports_pharmacy_idx').on(t.pharmacyId, t.appliedAt)],
);

/** Every change of a lot's quantity; the lot's balance is their sum. Never updated or deleted. */
export const stockMovements = sqliteTable(
  'stock_movements',
  {
    id: id(),
    pharmacyId: integer('pharmacy_id')
      .notNull()
      .references(() => pharmacies.id),
    lotId: integer('lot_id')
      .notNull()
      .references(() => stockLots.id),
    kind: text('kind', { enum: MOVEMENT_KINDS }).notNull(),
    /** Signed change of the lot's quantity. */
    quantity: integer('quantity').notNull(),
    reason: text('reason'),
    transferId: integer('transfer_id').references(() => transfers.id),
    importId: integer('import_id').references(() => stockImports.id),
    /** Paris calendar day of the movement: dispensing history is read by day. */
    day: text('day').notNull(),
    createdAt: instant('created_at').notNull(),
    createdBy: integer('created_by').references(() => users.id),
  },
  (t) => [
    index('stock_movements_lot_idx').on(t.lotId, t.id),
    index('stock_movements_usage_idx').on(t.pharmacyId, t.kind, t.day),
    check(
      'stock_movements_kind_valid',
      sql`${t.kind} IN ('receipt', 'dispense', 'transfer_out', 'transfer_in', 'adjustment', 'destruction', 'robot_consumption')`,
    ),
    check(
      'stock_movements_sign',
      sql`typeof(${t.quantity}) = 'integer' AND CASE
        WHEN ${t.kind} IN ('receipt', 'transfer_in') THEN ${t.quantity} > 0
        WHEN ${t.kind} = 'adjustment' THEN ${t.quantity} <> 0
        ELSE ${t.quantity} < 0 END`,
    ),
    check('stock_movements_adjustment_reason', sql`${t.kind} <> 'adjustment' OR length(${t.reason}) > 0`),
    check(
      'stock_movements_destruction_reason',
      sql`${t.kind} <> 'destruction' OR ${t.reason} IN ('expired', 'damaged', 'recalled')`,
    ),
  ],
);

export const stockThresholds = sqliteTable(
  'stock_thresholds',
  {
    id: id(),
    pharmacyId: integer('pharmacy_id')
      .notNull()
      .references(() => pharmacies.id),
    cip13: text('cip13')
      .notNull()
      .references(() => cataloguePresentations.cip13),
    minQuantity: integer('min_quantity').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('stock_thresholds_unique').on(t.pharmacyId, t.cip13),
    check('stock_thresholds_min_quantity', sql`${t.minQuantity} >= 0`),
  ],
);

/**
 * An anti-waste offer (SPEC §4 rebalancing, issue #15): the holder proposes `quantity` units of
 * one of its lots to another pharmacy, which accepts or declines. Accepted, it becomes a
 * transfer (`transferId`, already accepted, the lot reserved) that is shipped and received as
 * any other, so stock, billing and settlement follow the transfer. An offer still `offered`
 * after `lastDay` (a Paris date) reads as expired.
 */
export const transferOffers = sqliteTable(
  'transfer_offers',
  {
    id: id(),
    /** The holder, who would send. */
    fromPharmacyId: integer('from_pharmacy_id')
      .notNull()
      .references(() => pharmacies.id),
    /** The pharmacy offered the units, which would receive. */
    toPharmacyId: integer('to_pharmacy_id')
      .notNull()
      .references(() => pharmacies.id),
    lotId: integer('lot_id')
      .notNull()
      .references(() => stockLots.id),
    cip13: text('cip13')
      .notNull()
      .references(() => cataloguePresentations.cip13),
    quantity: integer('quantity').notNull(),
    note: text('note').notNull(),
    status: text('status', { enum: OFFER_STATUSES }).notNull(),
    /** Last Paris day the offer can be accepted. */
    lastDay: text('last_day').notNull(),
    declineReason: text('decline_reason'),
    transferId: integer('transfer_id').references(() => transfers.id),
    offeredAt: instant('offered_at').notNull(),
    offeredBy: integer('offered_by').references(() => users.id),
    answeredAt: instant('answered_at'),
    answeredBy: integer('answered_by').references(() => users.id),
  },
  (t) => [
    index('transfer_offers_to_idx').on(t.toPharmacyId, t.status),
    index('transfer_offers_from_idx').on(t.fromPharmacyId, t.status),
    index('transfer_offers_lot_idx').on(t.lotId),
    check('transfer_offers_not_to_self', sql`${t.toPharmacyId} <> ${t.fromPharmacyId}`),
    check('transfer_offers_quantity_positive', sql`typeof(${t.quantity}) = 'integer' AND ${t.quantity} > 0`),
    check(
      'transfer_offers_status_valid',
      sql`${t.status} IN ('offered', 'accepted', 'declined', 'cancelled', 'expired', 'lapsed')`,
    ),
    check('transfer_offers_last_day', sql`${t.lastDay} GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'`),
    check('transfer_offers_accepted_transfer', sql`(${t.status} = 'accepted') = (${t.transferId} IS NOT NULL)`),
  ],
);
