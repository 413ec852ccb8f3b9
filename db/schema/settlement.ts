import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { id, instant } from '../columns';
import { pharmacies } from './organisation';
import { users } from './users';

/**
 * A payment of the monthly settlement marked as made (SPEC §4, issue #15): one debtor → creditor
 * line of a closed month, the amount netted when it was marked. Undoing keeps the row (who undid
 * it, when): at most one live (not undone) mark per (month, debtor, creditor).
 */
export const settlementPayments = sqliteTable(
  'settlement_payments',
  {
    id: id(),
    /** Paris calendar month, `YYYY-MM`. */
    month: text('month').notNull(),
    debtorPharmacyId: integer('debtor_pharmacy_id')
      .notNull()
      .references(() => pharmacies.id),
    creditorPharmacyId: integer('creditor_pharmacy_id')
      .notNull()
      .references(() => pharmacies.id),
    amountCents: integer('amount_cents').notNull(),
    markedAt: instant('marked_at').notNull(),
    markedBy: integer('marked_by').references(() => users.id),
    undoneAt: instant('undone_at'),
    undoneBy: integer('undone_by').references(() => users.id),
  },
  (t) => [
    uniqueIndex('settlement_payments_live_unique')
      .on(t.month, t.debtorPharmacyId, t.creditorPharmacyId)
      .where(sql`${t.undoneAt} IS NULL`),
    index('settlement_payments_month_idx').on(t.month),
    check('settlement_payments_month_format', sql`${t.month} GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'`),
    check('settlement_payments_not_to_self', sql`${t.debtorPharmacyId} <> ${t.creditorPharmacyId}`),
    check('settlement_payments_amount', sql`typeof(${t.amountCents}) = 'integer' AND ${t.amountCents} > 0`),
  ],
);
