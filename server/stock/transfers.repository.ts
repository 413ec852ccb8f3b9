import { aliasedTable, and, asc, desc, eq, gte, lt, or, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { cataloguePresentations, catalogueSpecialities, pharmacies, transferLines, transfers } from '../../db/schema';
import { productLabel } from './stock.repository';

type TransferStatus = (typeof transfers.$inferSelect)['status'];

const fromPharmacy = aliasedTable(pharmacies, 'from_pharmacy');
const toPharmacy = aliasedTable(pharmacies, 'to_pharmacy');

function transfersQuery(db: Db) {
  return db
    .select({
      id: transfers.id,
      fromPharmacyId: transfers.fromPharmacyId,
      fromPharmacyName: fromPharmacy.name,
      toPharmacyId: transfers.toPharmacyId,
      toPharmacyName: toPharmacy.name,
      cip13: transfers.cip13,
      productLabel,
      quantityRequested: transfers.quantityRequested,
      quantityAccepted: transfers.quantityAccepted,
      reason: transfers.reason,
      urgency: transfers.urgency,
      status: transfers.status,
      rejectionReason: transfers.rejectionReason,
      receiptNote: transfers.receiptNote,
      valueCents: transfers.valueCents,
      requestedAt: transfers.requestedAt,
      decidedAt: transfers.decidedAt,
      shippedAt: transfers.shippedAt,
      receivedAt: transfers.receivedAt,
      cancelledAt: transfers.cancelledAt,
    })
    .from(transfers)
    .innerJoin(fromPharmacy, eq(fromPharmacy.id, transfers.fromPharmacyId))
    .innerJoin(toPharmacy, eq(toPharmacy.id, transfers.toPharmacyId))
    .innerJoin(cataloguePresentations, eq(cataloguePresentations.cip13, transfers.cip13))
    .leftJoin(catalogueSpecialities, eq(catalogueSpecialities.cis, cataloguePresentations.cis));
}

/** A transfer only if the pharmacy is one of its two sides. */
export function findTransferForPharmacy(db: Db, id: number, pharmacyId: number) {
  return transfersQuery(db)
    .where(
      and(eq(transfers.id, id), or(eq(transfers.fromPharmacyId, pharmacyId), eq(transfers.toPharmacyId, pharmacyId))),
    )
    .get();
}

export function listTransfersForPharmacy(
  db: Db,
  pharmacyId: number,
  f: { box: 'inbox' | 'outbox' | 'all'; status?: TransferStatus },
) {
  const side: SQL | undefined =
    f.box === 'inbox'
      ? eq(transfers.fromPharmacyId, pharmacyId)
      : f.box === 'outbox'
        ? eq(transfers.toPharmacyId, pharmacyId)
        : or(eq(transfers.fromPharmacyId, pharmacyId), eq(transfers.toPharmacyId, pharmacyId));
  return transfersQuery(db)
    .where(and(side, f.status ? eq(transfers.status, f.status) : undefined))
    .orderBy(desc(transfers.requestedAt), desc(transfers.id))
    .limit(500)
    .all();
}

export function insertTransfer(db: Db, row: typeof transfers.$inferInsert): number {
  return db.insert(transfers).values(row).returning({ id: transfers.id }).get().id;
}

/**
 * Moves a transfer from one status to the next, only if it is still in the expected one.
 * Returns false when another request changed it first: exactly one of two racing accepts wins.
 */
export function changeStatus(
  db: Db,
  id: number,
  from: TransferStatus[],
  set: Partial<typeof transfers.$inferInsert> & { status: TransferStatus },
): boolean {
  const result = db
    .update(transfers)
    .set(set)
    .where(and(eq(transfers.id, id), or(...from.map((s) => eq(transfers.status, s)))))
    .run();
  return result.changes === 1;
}

export function insertTransferLine(db: Db, row: typeof transferLines.$inferInsert) {
  db.insert(transferLines).values(row).run();
}

/** Replaces the reserved lines of an accepted (not yet shipped) transfer: no movement refers to them yet. */
export function replaceTransferLines(db: Db, transferId: number, rows: (typeof transferLines.$inferInsert)[]) {
  db.delete(transferLines).where(eq(transferLines.transferId, transferId)).run();
  if (rows.length) db.insert(transferLines).values(rows).run();
}

export function listTransferLines(db: Db, transferId: number) {
  return db
    .select()
    .from(transferLines)
    .where(eq(transferLines.transferId, transferId))
    .orderBy(asc(transferLines.id))
    .all();
}

export function recordLineReceipt(db: Db, lineId: number, quantityReceived: number, receivedLotId: number | null) {
  db.update(transferLines).set({ quantityReceived, receivedLotId }).where(eq(transferLines.id, lineId)).run();
}

/** Transfers received during [fromIso, toIso), for the settlement. */
export function listReceivedBetween(db: Db, fromIso: string, toIso: string) {
  return db
    .select({
      id: transfers.id,
      fromPharmacyId: transfers.fromPharmacyId,
      toPharmacyId: transfers.toPharmacyId,
      valueCents: transfers.valueCents,
      cip13: transfers.cip13,
      productLabel,
      receivedAt: transfers.receivedAt,
    })
    .from(transfers)
    .innerJoin(cataloguePresentations, eq(cataloguePresentations.cip13, transfers.cip13))
    .leftJoin(catalogueSpecialities, eq(catalogueSpecialities.cis, cataloguePresentations.cis))
    .where(and(eq(transfers.status, 'received'), gte(transfers.receivedAt, fromIso), lt(transfers.receivedAt, toIso)))
    .orderBy(asc(transfers.receivedAt))
    .all();
}

/** Open (requested or accepted) transfers of a product between two pharmacies. */
export function listOpenTransfers(db: Db) {
  return db
    .select({
      id: transfers.id,
      fromPharmacyId: transfers.fromPharmacyId,
      toPharmacyId: transfers.toPharmacyId,
      cip13: transfers.cip13,
    })
    .from(transfers)
    .where(or(eq(transfers.status, 'requested'), eq(transfers.status, 'accepted')))
    .all();
}
