import { and, asc, count, desc, eq, gte, lte, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db } from '../../db/client';
import { ledgerCategories, ledgerCategoryKeys, ledgerEntries, sharePeriods } from '../../db/schema';
import { preparedQuery, statement } from '../../db/statements';
import type { AllocationKey, LedgerKind } from './shares.models';

// SQL of the cooperative ledger: categories with their dated keys, immutable entries.

export type CategoryRow = {
  id: number;
  name: string;
  kind: LedgerKind;
  keys: { validFrom: string; allocationKey: AllocationKey }[];
};

/**
 * Every category with its keys in date order, by name: per date the last row written (a correction
 * supersedes the change it corrects).
 */
export function listCategories(db: Db): CategoryRow[] {
  // Built once per connection (issue 16).
  const cats = preparedQuery(db, 'ledger.categories', () =>
    db
      .select({ id: ledgerCategories.id, name: ledgerCategories.name, kind: ledgerCategories.kind })
      .from(ledgerCategories)
      .orderBy(asc(ledgerCategories.kind), asc(ledgerCategories.name))
      .prepare(),
  ).all();
  const keys = preparedQuery(db, 'ledger.categoryKeys', () =>
    db
      .select({
        categoryId: ledgerCategoryKeys.categoryId,
        validFrom: ledgerCategoryKeys.validFrom,
        allocationKey: ledgerCategoryKeys.allocationKey,
      })
      .from(ledgerCategoryKeys)
      .orderBy(asc(ledgerCategoryKeys.categoryId), asc(ledgerCategoryKeys.validFrom), asc(ledgerCategoryKeys.id))
      .prepare(),
  ).all();
  const byCategory = new Map<number, CategoryRow['keys']>();
  for (const k of keys) {
    const list = byCategory.get(k.categoryId) ?? [];
    // A later row of the same date corrects the one before it (the table is append-only).
    if (list.at(-1)?.validFrom === k.validFrom) list.pop();
    list.push({ validFrom: k.validFrom, allocationKey: k.allocationKey });
    byCategory.set(k.categoryId, list);
  }
  return cats.map((c) => ({ ...c, keys: byCategory.get(c.id) ?? [] }));
}

export function findCategory(db: Db, id: number): CategoryRow | undefined {
  return listCategories(db).find((c) => c.id === id);
}

/** How a category name is compared: trimmed, without case (French rules), so "Loyer" and "loyer " are one. */
const nameKey = (name: string) => name.trim().toLocaleLowerCase('fr-FR');

/**
 * The category already named `name`, case aside (`{ id, name }` as stored), or `undefined`. The
 * ledger has a few dozen categories: they are compared in JavaScript, where SQLite's NOCASE would
 * fold only ASCII letters ("Énergie" and "ÉNERGIE" would stay two).
 */
export function findCategoryByName(db: Db, name: string) {
  const key = nameKey(name);
  return db
    .select({ id: ledgerCategories.id, name: ledgerCategories.name })
    .from(ledgerCategories)
    .all()
    .find((c) => nameKey(c.name) === key);
}

export function insertCategory(db: Db, row: typeof ledgerCategories.$inferInsert): number {
  return db.insert(ledgerCategories).values(row).returning({ id: ledgerCategories.id }).get().id;
}

/** Appends a key change (or the correction of the change of the same date). */
export function insertCategoryKey(db: Db, row: typeof ledgerCategoryKeys.$inferInsert): void {
  db.insert(ledgerCategoryKeys).values(row).run();
}

/** An entry of the category, dated on or after `from`, inside a closed period: its key may not change. */
export function findClosedEntryFrom(db: Db, categoryId: number, from: string) {
  return db
    .select({ periodId: sharePeriods.id, start: sharePeriods.start, end: sharePeriods.end, date: ledgerEntries.date })
    .from(ledgerEntries)
    .innerJoin(
      sharePeriods,
      and(
        eq(sharePeriods.status, 'closed'),
        lte(sharePeriods.start, ledgerEntries.date),
        gte(sharePeriods.end, ledgerEntries.date),
      ),
    )
    .where(and(eq(ledgerEntries.categoryId, categoryId), gte(ledgerEntries.date, from)))
    .orderBy(asc(ledgerEntries.date))
    .get();
}

const reversal = alias(ledgerEntries, 'reversal');
const entryColumns = {
  id: ledgerEntries.id,
  date: ledgerEntries.date,
  categoryId: ledgerEntries.categoryId,
  categoryName: ledgerCategories.name,
  kind: ledgerCategories.kind,
  amountCents: ledgerEntries.amountCents,
  description: ledgerEntries.description,
  reference: ledgerEntries.reference,
  reversesEntryId: ledgerEntries.reversesEntryId,
  reversedByEntryId: reversal.id,
  reversalReason: ledgerEntries.reversalReason,
  createdAt: ledgerEntries.createdAt,
};
const entriesQuery = (db: Db) =>
  db
    .select(entryColumns)
    .from(ledgerEntries)
    .innerJoin(ledgerCategories, eq(ledgerCategories.id, ledgerEntries.categoryId))
    .leftJoin(reversal, eq(reversal.reversesEntryId, ledgerEntries.id));
export type EntryRow = NonNullable<ReturnType<typeof findEntry>>;

type EntryFilter = { from?: string; to?: string; categoryId?: number };

/** The WHERE clause of `f`'s shape, its values as placeholders `from`, `to`, `categoryId`. */
function entryFilter(f: EntryFilter) {
  const where: SQL[] = [];
  if (f.from) where.push(gte(ledgerEntries.date, sql.placeholder('from')));
  if (f.to) where.push(lte(ledgerEntries.date, sql.placeholder('to')));
  if (f.categoryId != null) where.push(eq(ledgerEntries.categoryId, sql.placeholder('categoryId')));
  return and(...where);
}

/** The cache key of `f`'s shape: which filters are present. */
const entryFilterShape = (f: EntryFilter) => `${f.from ? 'f' : ''}${f.to ? 't' : ''}${f.categoryId != null ? 'c' : ''}`;

/**
 * One page of the entries matching `f`, newest date first (then newest number), with how many
 * match and their sums per kind over the whole filtered set (cents; a reversal counts negative).
 */
export function listEntries(
  db: Db,
  f: { from?: string; to?: string; categoryId?: number },
  paging: { page: number; pageSize: number },
) {
  // Built once per connection and shape of filters (issue 16): the values are placeholders.
  const shape = entryFilterShape(f);
  const values = { from: f.from, to: f.to, categoryId: f.categoryId };
  const items = preparedQuery(db, `ledger.entries:${shape}`, () =>
    entriesQuery(db)
      .where(entryFilter(f))
      .orderBy(desc(ledgerEntries.date), desc(ledgerEntries.id))
      .limit(sql.placeholder('limit'))
      .offset(sql.placeholder('offset'))
      .prepare(),
  ).all({ ...values, limit: paging.pageSize, offset: (paging.page - 1) * paging.pageSize });
  // Counted and summed per category from `ledger_entries_category_idx` alone, then per kind over
  // the few categories: grouping every entry by its category's kind sorted them all (issue 16:
  // 100 000 entries, 50 ms before the index covered the amount, 14 ms after, 5 ms this way). A
  // single date bound scans that index whole too (~3 ms at 100 000), where the date index would
  // read only the range: capped, and faster for wide bounds, so left.
  const sums = preparedQuery(db, `ledger.entrySums:${shape}`, () => {
    const perCategory = db
      .select({
        categoryId: ledgerEntries.categoryId,
        n: count().as('n'),
        cents: sql<number>`coalesce(sum(${ledgerEntries.amountCents}), 0)`.as('cents'),
      })
      .from(ledgerEntries)
      .where(entryFilter(f))
      .groupBy(ledgerEntries.categoryId)
      .as('per_category');
    return db
      .select({
        kind: ledgerCategories.kind,
        n: sql<number>`sum(${perCategory.n})`.mapWith(Number),
        cents: sql<number>`sum(${perCategory.cents})`.mapWith(Number),
      })
      .from(perCategory)
      .innerJoin(ledgerCategories, eq(ledgerCategories.id, perCategory.categoryId))
      .groupBy(ledgerCategories.kind)
      .prepare();
  }).all(values);
  const costCents = sums.find((r) => r.kind === 'cost')?.cents ?? 0;
  const revenueCents = sums.find((r) => r.kind === 'revenue')?.cents ?? 0;
  return {
    items,
    total: sums.reduce((s, r) => s + r.n, 0),
    page: paging.page,
    pageSize: paging.pageSize,
    totals: { costCents, revenueCents, netCents: revenueCents - costCents },
  };
}

export function findEntry(db: Db, id: number) {
  return preparedQuery(db, 'ledger.entry', () =>
    entriesQuery(db)
      .where(eq(ledgerEntries.id, sql.placeholder('id')))
      .prepare(),
  ).get({ id });
}

export function insertEntry(db: Db, row: typeof ledgerEntries.$inferInsert): number {
  return db.insert(ledgerEntries).values(row).returning({ id: ledgerEntries.id }).get().id;
}

/**
 * The entries of `from`…`to` as the report reads them, `[id, date, categoryId, amountCents,
 * reversesEntryId]` rows, from the covering index alone, through one prepared statement.
 */
export function entriesForReport(db: Db, from: string, to: string): [number, string, number, number, number | null][] {
  return statement(
    db,
    `SELECT id, date, category_id, amount_cents, reverses_entry_id FROM ledger_entries
      WHERE date >= ? AND date <= ?`,
  )
    .raw(true)
    .all(from, to) as [number, string, number, number, number | null][];
}

/** For the reversals dated `from`…`to`: reversal id → its original's date (the date it is shared on). */
export function reversedDates(db: Db, from: string, to: string): Map<number, string> {
  const rows = statement(
    db,
    `SELECT e.id, o.date FROM ledger_entries e JOIN ledger_entries o ON o.id = e.reverses_entry_id
      WHERE e.date >= ? AND e.date <= ? AND e.reverses_entry_id IS NOT NULL`,
  )
    .raw(true)
    .all(from, to) as [number, string][];
  return new Map(rows);
}

/** The ledger's own sums of `from`…`to` per kind, read apart from the allocation: the report's check. */
export function ledgerTotals(db: Db, from: string, to: string): { costCents: number; revenueCents: number } {
  const rows = preparedQuery(db, 'ledger.totals', () =>
    db
      .select({ kind: ledgerCategories.kind, cents: sql<number>`coalesce(sum(${ledgerEntries.amountCents}), 0)` })
      .from(ledgerEntries)
      .innerJoin(ledgerCategories, eq(ledgerCategories.id, ledgerEntries.categoryId))
      .where(and(gte(ledgerEntries.date, sql.placeholder('from')), lte(ledgerEntries.date, sql.placeholder('to'))))
      .groupBy(ledgerCategories.kind)
      .prepare(),
  ).all({ from, to });
  return {
    costCents: rows.find((r) => r.kind === 'cost')?.cents ?? 0,
    revenueCents: rows.find((r) => r.kind === 'revenue')?.cents ?? 0,
  };
}
