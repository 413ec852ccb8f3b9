import { sql } from 'drizzle-orm';
import { type AnySQLiteColumn, check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import {
  ALLOCATION_KEYS,
  LEDGER_KINDS,
  PERIOD_KINDS,
  PERIOD_STATUSES,
  SHARE_TRANSACTION_TYPES,
} from '../../server/shares/shares.models';
import { id, instant } from '../columns';
import { pharmacies } from './organisation';
import { users } from './users';

// Share register, cooperative ledger and periods (SPEC §8). History is never rewritten:
// triggers in the shares_append_only migration refuse UPDATE and DELETE on transactions,
// nominal values, category keys, entries and snapshots; a period may only go from open to closed.

const isDate = (c: AnySQLiteColumn) => sql`${c} GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'`;
const positiveInt = (c: AnySQLiteColumn) => sql`typeof(${c}) = 'integer' AND ${c} > 0`;

/** The nominal value of one share (cents), in force from a date until the next row. */
export const shareNominalValues = sqliteTable(
  'share_nominal_values',
  {
    id: id(),
    validFrom: text('valid_from').notNull(),
    valueCents: integer('value_cents').notNull(),
    createdAt: instant('created_at').notNull(),
    createdBy: integer('created_by').references(() => users.id),
  },
  (t) => [
    uniqueIndex('share_nominal_values_valid_from_unique').on(t.validFrom),
    check('share_nominal_values_cents', positiveInt(t.valueCents)),
    check('share_nominal_values_date', isDate(t.validFrom)),
  ],
);

/**
 * The register: numbered (the id), dated, whole shares. `pharmacy_id` subscribes, redeems or
 * gives; `to_pharmacy_id` receives a transfer. The nominal value in force is copied at writing.
 */
export const shareTransactions = sqliteTable(
  'share_transactions',
  {
    id: id(),
    type: text('type', { enum: SHARE_TRANSACTION_TYPES }).notNull(),
    date: text('date').notNull(),
    shares: integer('shares').notNull(),
    pharmacyId: integer('pharmacy_id')
      .notNull()
      .references(() => pharmacies.id),
    toPharmacyId: integer('to_pharmacy_id').references(() => pharmacies.id),
    nominalValueCents: integer('nominal_value_cents').notNull(),
    note: text('note'),
    createdAt: instant('created_at').notNull(),
    createdBy: integer('created_by').references(() => users.id),
  },
  (t) => [
    index('share_transactions_date_idx').on(t.date),
    check('share_transactions_type', sql`${t.type} IN ('subscription', 'transfer', 'redemption')`),
    check('share_transactions_shares', positiveInt(t.shares)),
    check('share_transactions_nominal_cents', positiveInt(t.nominalValueCents)),
    check('share_transactions_date', isDate(t.date)),
    check('share_transactions_recipient', sql`(${t.type} = 'transfer') = (${t.toPharmacyId} IS NOT NULL)`),
    check('share_transactions_not_to_self', sql`${t.toPharmacyId} IS NULL OR ${t.toPharmacyId} <> ${t.pharmacyId}`),
  ],
);

export const ledgerCategories = sqliteTable(
  'ledger_categories',
  {
    id: id(),
    name: text('name').notNull(),
    kind: text('kind', { enum: LEDGER_KINDS }).notNull(),
    createdAt: instant('created_at').notNull(),
    createdBy: integer('created_by').references(() => users.id),
  },
  (t) => [
    uniqueIndex('ledger_categories_name_unique').on(t.name),
    check('ledger_categories_kind', sql`${t.kind} IN ('cost', 'revenue')`),
  ],
);

/**
 * A category's allocation key, in force from `valid_from` until the category's next key. Append-only:
 * a wrong change is corrected by a later row of the same date, which wins (server/shares/ledger.repository.ts).
 */
export const ledgerCategoryKeys = sqliteTable(
  'ledger_category_keys',
  {
    id: id(),
    categoryId: integer('category_id')
      .notNull()
      .references(() => ledgerCategories.id),
    validFrom: text('valid_from').notNull(),
    allocationKey: text('allocation_key', { enum: ALLOCATION_KEYS }).notNull(),
    createdAt: instant('created_at').notNull(),
    createdBy: integer('created_by').references(() => users.id),
  },
  (t) => [
    // Several rows may share a date: the last (by id) is a correction of those before (append-only).
    index('ledger_category_keys_idx').on(t.categoryId, t.validFrom, t.id),
    check('ledger_category_keys_key', sql`${t.allocationKey} IN ('holding', 'equal', 'activity')`),
    check('ledger_category_keys_date', isDate(t.validFrom)),
  ],
);

/**
 * A ledger entry, immutable. A reversal names the entry it cancels and carries the opposite
 * (negative) amount; every other entry is positive. An entry is reversed at most once.
 */
export const ledgerEntries = sqliteTable(
  'ledger_entries',
  {
    id: id(),
    date: text('date').notNull(),
    categoryId: integer('category_id')
      .notNull()
      .references(() => ledgerCategories.id),
    amountCents: integer('amount_cents').notNull(),
    description: text('description').notNull(),
    reference: text('reference'),
    reversesEntryId: integer('reverses_entry_id').references((): AnySQLiteColumn => ledgerEntries.id),
    reversalReason: text('reversal_reason'),
    createdAt: instant('created_at').notNull(),
    createdBy: integer('created_by').references(() => users.id),
  },
  (t) => [
    // Covers the shares report's read (date range → category, amount, reversal link, id):
    // 100 000 entries are read from the index alone.
    index('ledger_entries_report_idx').on(t.date, t.categoryId, t.amountCents, t.reversesEntryId),
    // A category's entries in the ledger list's order (date, then id: no sort for a page) and,
    // covered, its counts and sums per category (issue 16: at 100 000 entries they read each
    // entry's amount from the table, 50 ms; from the index, 5 ms).
    index('ledger_entries_category_idx').on(t.categoryId, t.date, t.id, t.amountCents),
    uniqueIndex('ledger_entries_reverses_unique').on(t.reversesEntryId),
    check('ledger_entries_date', isDate(t.date)),
    check(
      'ledger_entries_amount_cents',
      sql`typeof(${t.amountCents}) = 'integer' AND ((${t.reversesEntryId} IS NULL AND ${t.amountCents} > 0) OR (${t.reversesEntryId} IS NOT NULL AND ${t.amountCents} < 0))`,
    ),
    check('ledger_entries_reversal_reason', sql`(${t.reversesEntryId} IS NULL) = (${t.reversalReason} IS NULL)`),
  ],
);

/** A month, quarter or year of the ledger: open, then closed for good (its report snapshotted). */
export const sharePeriods = sqliteTable(
  'share_periods',
  {
    id: id(),
    kind: text('kind', { enum: PERIOD_KINDS }).notNull(),
    start: text('start').notNull(),
    end: text('end').notNull(),
    status: text('status', { enum: PERIOD_STATUSES }).notNull(),
    createdAt: instant('created_at').notNull(),
    createdBy: integer('created_by').references(() => users.id),
    closedAt: instant('closed_at'),
    closedBy: integer('closed_by').references(() => users.id),
  },
  (t) => [
    uniqueIndex('share_periods_kind_start_unique').on(t.kind, t.start),
    index('share_periods_range_idx').on(t.status, t.start, t.end),
    check('share_periods_kind', sql`${t.kind} IN ('month', 'quarter', 'year')`),
    check('share_periods_status', sql`${t.status} IN ('open', 'closed')`),
    check('share_periods_range', sql`${t.start} <= ${t.end}`),
    check('share_periods_dates', sql`${isDate(t.start)} AND ${isDate(t.end)}`),
    check('share_periods_closed_at', sql`(${t.status} = 'closed') = (${t.closedAt} IS NOT NULL)`),
  ],
);

/** A closed period's report: the canonical JSON served as it is, and its SHA-256 (hex). */
export const sharePeriodSnapshots = sqliteTable(
  'share_period_snapshots',
  {
    periodId: integer('period_id')
      .primaryKey()
      .references(() => sharePeriods.id),
    reportJson: text('report_json').notNull(),
    sha256: text('sha256').notNull(),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [check('share_period_snapshots_sha256', sql`length(${t.sha256}) = 64`)],
);

/**
 * The monthly-shares job's draft report of a month (`YYYY-MM`), shown on the treasurer's home:
 * the report's totals and hash, or the reason it could not be computed. A forced re-run replaces it.
 */
export const shareMonthlyDrafts = sqliteTable(
  'share_monthly_drafts',
  {
    id: id(),
    month: text('month').notNull(),
    summary: text('summary', { mode: 'json' }).$type<Record<string, unknown>>(),
    sha256: text('sha256'),
    error: text('error'),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('share_monthly_drafts_month_unique').on(t.month),
    check('share_monthly_drafts_outcome', sql`(${t.summary} IS NULL) <> (${t.error} IS NULL)`),
  ],
);
