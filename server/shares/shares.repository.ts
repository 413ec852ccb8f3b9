import { and, asc, desc, eq, gte, isNull, lte, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import {
  alerts,
  shareMonthlyDrafts,
  shareNominalValues,
  sharePeriodSnapshots,
  sharePeriods,
  shareTransactions,
} from '../../db/schema';
import { preparedQuery } from '../../db/statements';
import type { PeriodKind } from './shares.models';

// SQL of the share register, the periods and the monthly drafts. The register is
// cooperative-wide (one treasurer); the use cases decide who reads what.

const transactionColumns = {
  id: shareTransactions.id,
  type: shareTransactions.type,
  date: shareTransactions.date,
  shares: shareTransactions.shares,
  pharmacyId: shareTransactions.pharmacyId,
  toPharmacyId: shareTransactions.toPharmacyId,
  nominalValueCents: shareTransactions.nominalValueCents,
  note: shareTransactions.note,
  createdAt: shareTransactions.createdAt,
};

/** Transactions, by date then number; `pharmacyId` matches either side of a transfer. */
export function listShareTransactions(db: Db, f: { from?: string; to?: string; pharmacyId?: number } = {}) {
  // Built once per connection and shape of filters (issue 16): the values are placeholders.
  const key = `shares.transactions:${f.from ? 'f' : ''}${f.to ? 't' : ''}${f.pharmacyId != null ? 'p' : ''}`;
  return preparedQuery(db, key, () => {
    const where: SQL[] = [];
    if (f.from) where.push(gte(shareTransactions.date, sql.placeholder('from')));
    if (f.to) where.push(lte(shareTransactions.date, sql.placeholder('to')));
    if (f.pharmacyId != null)
      where.push(
        or(
          eq(shareTransactions.pharmacyId, sql.placeholder('pharmacyId')),
          eq(shareTransactions.toPharmacyId, sql.placeholder('pharmacyId')),
        ) as SQL,
      );
    return db
      .select(transactionColumns)
      .from(shareTransactions)
      .where(and(...where))
      .orderBy(asc(shareTransactions.date), asc(shareTransactions.id))
      .prepare();
  }).all({ from: f.from, to: f.to, pharmacyId: f.pharmacyId });
}

export type ShareTransactionRow = ReturnType<typeof insertShareTransaction>;

export function insertShareTransaction(db: Db, row: typeof shareTransactions.$inferInsert) {
  return db.insert(shareTransactions).values(row).returning(transactionColumns).get();
}

/** One transaction of the register as `listShareTransactions` gives it, or undefined. */
export function findShareTransaction(db: Db, id: number) {
  return db.select(transactionColumns).from(shareTransactions).where(eq(shareTransactions.id, id)).get();
}

export function listNominalValues(db: Db) {
  return preparedQuery(db, 'shares.nominalValues', () =>
    db
      .select({
        id: shareNominalValues.id,
        validFrom: shareNominalValues.validFrom,
        valueCents: shareNominalValues.valueCents,
      })
      .from(shareNominalValues)
      .orderBy(asc(shareNominalValues.validFrom))
      .prepare(),
  ).all();
}

export function insertNominalValue(db: Db, row: typeof shareNominalValues.$inferInsert) {
  return db
    .insert(shareNominalValues)
    .values(row)
    .onConflictDoNothing()
    .returning({
      id: shareNominalValues.id,
      validFrom: shareNominalValues.validFrom,
      valueCents: shareNominalValues.valueCents,
    })
    .get();
}

const periodColumns = {
  id: sharePeriods.id,
  kind: sharePeriods.kind,
  start: sharePeriods.start,
  end: sharePeriods.end,
  status: sharePeriods.status,
  closedAt: sharePeriods.closedAt,
  sha256: sharePeriodSnapshots.sha256,
};
const periodsQuery = (db: Db) =>
  db
    .select(periodColumns)
    .from(sharePeriods)
    .leftJoin(sharePeriodSnapshots, eq(sharePeriodSnapshots.periodId, sharePeriods.id));
export type PeriodRow = NonNullable<ReturnType<typeof findPeriod>>;

/** Periods, newest start first (a year before its quarters, a quarter before its months). */
export function listPeriods(db: Db) {
  return preparedQuery(db, 'shares.periods', () =>
    periodsQuery(db).orderBy(desc(sharePeriods.start), desc(sharePeriods.end)).prepare(),
  )
    .all()
    .map((p) => ({ ...p, sha256: p.sha256 ?? null }));
}

export function findPeriod(db: Db, id: number) {
  const p = preparedQuery(db, 'shares.period', () =>
    periodsQuery(db)
      .where(eq(sharePeriods.id, sql.placeholder('id')))
      .prepare(),
  ).get({ id });
  return p && { ...p, sha256: p.sha256 ?? null };
}

export function findPeriodByStart(db: Db, kind: PeriodKind, start: string) {
  return preparedQuery(db, 'shares.periodByStart', () =>
    db
      .select({ id: sharePeriods.id, end: sharePeriods.end })
      .from(sharePeriods)
      .where(and(eq(sharePeriods.kind, sql.placeholder('kind')), eq(sharePeriods.start, sql.placeholder('start'))))
      .prepare(),
  ).get({ kind, start });
}

/** A closed period that shares at least one day with `start`…`end`, if any. */
/** The first closed period sharing a day with `start`…`end`, if any. */
export function findClosedOverlapping(db: Db, start: string, end: string) {
  return db
    .select({ id: sharePeriods.id, start: sharePeriods.start, end: sharePeriods.end })
    .from(sharePeriods)
    .where(and(eq(sharePeriods.status, 'closed'), lte(sharePeriods.start, end), gte(sharePeriods.end, start)))
    .orderBy(asc(sharePeriods.start))
    .get();
}

/**
 * A closed period that shares a day with `start`…`end` without lying wholly inside it: the
 * closed period holding those days, or one straddling an edge. Periods are calendar months,
 * quarters and years, so closed ones nest inside a larger period (a year of closed quarters),
 * which a new period may do; a period inside a closed one may not.
 */
export function findClosedNotNested(db: Db, start: string, end: string) {
  return db
    .select({ id: sharePeriods.id, start: sharePeriods.start, end: sharePeriods.end })
    .from(sharePeriods)
    .where(
      and(
        eq(sharePeriods.status, 'closed'),
        lte(sharePeriods.start, end),
        gte(sharePeriods.end, start),
        or(sql`${sharePeriods.start} < ${start}`, sql`${sharePeriods.end} > ${end}`),
      ),
    )
    .orderBy(asc(sharePeriods.start))
    .get();
}

/** The closed period exactly `start`…`end` (its snapshot answers a report over that range). */
export function findClosedExact(db: Db, start: string, end: string) {
  return preparedQuery(db, 'shares.closedExact', () =>
    db
      .select({ id: sharePeriods.id, kind: sharePeriods.kind })
      .from(sharePeriods)
      .where(
        and(
          eq(sharePeriods.status, 'closed'),
          eq(sharePeriods.start, sql.placeholder('start')),
          eq(sharePeriods.end, sql.placeholder('end')),
        ),
      )
      .prepare(),
  ).get({ start, end });
}

export function insertPeriod(db: Db, row: typeof sharePeriods.$inferInsert) {
  return db.insert(sharePeriods).values(row).returning({ id: sharePeriods.id }).get().id;
}

/** Open → closed, only from open (the trigger refuses anything else). Returns false if it was not open. */
export function markClosed(db: Db, id: number, closedAt: string, closedBy: number | null): boolean {
  const res = db
    .update(sharePeriods)
    .set({ status: 'closed', closedAt, closedBy })
    .where(and(eq(sharePeriods.id, id), eq(sharePeriods.status, 'open')))
    .run();
  return res.changes === 1;
}

export function insertSnapshot(db: Db, row: typeof sharePeriodSnapshots.$inferInsert) {
  db.insert(sharePeriodSnapshots).values(row).run();
}

export function findSnapshot(db: Db, periodId: number) {
  return preparedQuery(db, 'shares.snapshot', () =>
    db
      .select({ reportJson: sharePeriodSnapshots.reportJson, sha256: sharePeriodSnapshots.sha256 })
      .from(sharePeriodSnapshots)
      .where(eq(sharePeriodSnapshots.periodId, sql.placeholder('periodId')))
      .prepare(),
  ).get({ periodId });
}

/** Writes (or, on a forced re-run, replaces) the draft of a month. */
export function saveMonthlyDraft(
  db: Db,
  row: {
    month: string;
    summary: Record<string, unknown> | null;
    sha256: string | null;
    error: string | null;
    createdAt: string;
  },
) {
  db.insert(shareMonthlyDrafts)
    .values(row)
    .onConflictDoUpdate({
      target: shareMonthlyDrafts.month,
      set: { summary: row.summary, sha256: row.sha256, error: row.error, createdAt: row.createdAt },
    })
    .run();
}

/**
 * The latest monthly drafts (newest month first), leaving out the months inside a closed period:
 * a closed month's figures are its period's snapshot, no longer a draft.
 */
export function listMonthlyDrafts(db: Db, limit: number) {
  return preparedQuery(db, 'shares.monthlyDrafts', () => {
    const firstDay = sql`${shareMonthlyDrafts.month} || '-01'`;
    return db
      .select()
      .from(shareMonthlyDrafts)
      .where(
        sql`NOT EXISTS (SELECT 1 FROM ${sharePeriods} WHERE ${sharePeriods.status} = 'closed'
        AND ${sharePeriods.start} <= ${firstDay} AND ${sharePeriods.end} >= ${firstDay})`,
      )
      .orderBy(desc(shareMonthlyDrafts.month))
      .limit(sql.placeholder('limit'))
      .prepare();
  }).all({ limit });
}

/**
 * Resolves (dismisses) the monthly-draft alerts of the months `from`…`to` (a period being
 * closed): the draft they announce is superseded by the closed report. Returns how many.
 */
export function dismissDraftAlerts(db: Db, range: { from: string; to: string }, atIso: string, userId: number | null) {
  return db
    .update(alerts)
    .set({ dismissedAt: atIso, dismissedBy: userId })
    .where(
      and(
        eq(alerts.kind, 'shares.monthly_draft'),
        eq(alerts.entity, 'share_month'),
        gte(alerts.entityId, range.from.slice(0, 7)),
        lte(alerts.entityId, range.to.slice(0, 7)),
        isNull(alerts.dismissedAt),
      ),
    )
    .run().changes;
}
