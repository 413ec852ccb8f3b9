import { aliasedTable, and, asc, eq, gte, inArray, isNull, lt, or } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { settlementPayments, transferLines, transfers, users } from '../../db/schema';

const markedUser = aliasedTable(users, 'marked_user');

/** The lots each of these transfers moved: lot number, expiry and units received (shipped when unset). */
export function listSettledLines(db: Db, transferIds: number[]) {
  if (transferIds.length === 0) return [];
  return db
    .select({
      transferId: transferLines.transferId,
      lotNumber: transferLines.lotNumber,
      expiryDate: transferLines.expiryDate,
      quantity: transferLines.quantity,
      quantityReceived: transferLines.quantityReceived,
    })
    .from(transferLines)
    .where(inArray(transferLines.transferId, transferIds))
    .orderBy(asc(transferLines.transferId), asc(transferLines.id))
    .all();
}

/**
 * Transfers still open (requested, accepted or shipped) that were asked for or shipped during
 * [fromIso, toIso): the month they belong to is not finished with.
 */
export function listOpenTransfersOf(db: Db, fromIso: string, toIso: string) {
  return db
    .select({ id: transfers.id, fromPharmacyId: transfers.fromPharmacyId, toPharmacyId: transfers.toPharmacyId })
    .from(transfers)
    .where(
      and(
        inArray(transfers.status, ['requested', 'accepted', 'shipped']),
        or(
          and(gte(transfers.requestedAt, fromIso), lt(transfers.requestedAt, toIso)),
          and(gte(transfers.shippedAt, fromIso), lt(transfers.shippedAt, toIso)),
        ),
      ),
    )
    .orderBy(asc(transfers.id))
    .all();
}

const paymentColumns = {
  id: settlementPayments.id,
  month: settlementPayments.month,
  debtorPharmacyId: settlementPayments.debtorPharmacyId,
  creditorPharmacyId: settlementPayments.creditorPharmacyId,
  amountCents: settlementPayments.amountCents,
  markedAt: settlementPayments.markedAt,
  markedByName: markedUser.displayName,
  undoneAt: settlementPayments.undoneAt,
};

/** Live (not undone) payment marks of these months, with who marked them. */
export function listLivePayments(db: Db, months: string[]) {
  if (months.length === 0) return [];
  return db
    .select(paymentColumns)
    .from(settlementPayments)
    .leftJoin(markedUser, eq(markedUser.id, settlementPayments.markedBy))
    .where(and(inArray(settlementPayments.month, months), isNull(settlementPayments.undoneAt)))
    .all();
}

export type PaymentRow = ReturnType<typeof listLivePayments>[number];

export function getPayment(db: Db, id: number): PaymentRow | undefined {
  return db
    .select(paymentColumns)
    .from(settlementPayments)
    .leftJoin(markedUser, eq(markedUser.id, settlementPayments.markedBy))
    .where(eq(settlementPayments.id, id))
    .get();
}

export function insertPayment(db: Db, row: typeof settlementPayments.$inferInsert): number {
  return db.insert(settlementPayments).values(row).returning({ id: settlementPayments.id }).get().id;
}

export function markPaymentUndone(db: Db, id: number, at: string, by: number | null) {
  db.update(settlementPayments)
    .set({ undoneAt: at, undoneBy: by })
    .where(and(eq(settlementPayments.id, id), isNull(settlementPayments.undoneAt)))
    .run();
}
