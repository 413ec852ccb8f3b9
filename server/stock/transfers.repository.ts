import { aliasedTable, and, asc, count, desc, eq, gte, inArray, lt, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import {
  cataloguePresentations,
  catalogueSpecialities,
  pharmacies,
  transferLines,
  transfers,
  users,
} from '../../db/schema';
import { TRANSFER_STATUSES } from './stock.models';
import { productLabel } from './stock.repository';

type TransferStatus = (typeof transfers.$inferSelect)['status'];

const fromPharmacy = aliasedTable(pharmacies, 'from_pharmacy');
const toPharmacy = aliasedTable(pharmacies, 'to_pharmacy');
const requestedUser = aliasedTable(users, 'requested_user');
const decidedUser = aliasedTable(users, 'decided_user');
const shippedUser = aliasedTable(users, 'shipped_user');
const receivedUser = aliasedTable(users, 'received_user');
const cancelledUser = aliasedTable(users, 'cancelled_user');

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
      // Who took each step (display names; null when not taken or not by a user). The pharmacy
      // of a step follows from its side, except a cancel, which either side may do.
      requestedByName: requestedUser.displayName,
      decidedByName: decidedUser.displayName,
      shippedByName: shippedUser.displayName,
      receivedByName: receivedUser.displayName,
      cancelledByName: cancelledUser.displayName,
      cancelledByPharmacyId: cancelledUser.pharmacyId,
      cancelledByPharmacyName: sql<
        string | null
      >`(SELECT ${pharmacies.name} FROM ${pharmacies} WHERE ${pharmacies.id} = ${cancelledUser.pharmacyId})`,
    })
    .from(transfers)
    .innerJoin(fromPharmacy, eq(fromPharmacy.id, transfers.fromPharmacyId))
    .innerJoin(toPharmacy, eq(toPharmacy.id, transfers.toPharmacyId))
    .innerJoin(cataloguePresentations, eq(cataloguePresentations.cip13, transfers.cip13))
    .leftJoin(catalogueSpecialities, eq(catalogueSpecialities.cis, cataloguePresentations.cis))
    .leftJoin(requestedUser, eq(requestedUser.id, transfers.requestedBy))
    .leftJoin(decidedUser, eq(decidedUser.id, transfers.decidedBy))
    .leftJoin(shippedUser, eq(shippedUser.id, transfers.shippedBy))
    .leftJoin(receivedUser, eq(receivedUser.id, transfers.receivedBy))
    .leftJoin(cancelledUser, eq(cancelledUser.id, transfers.cancelledBy));
}

/** A transfer only if the pharmacy is one of its two sides. */
export function findTransferForPharmacy(db: Db, id: number, pharmacyId: number) {
  return transfersQuery(db)
    .where(
      and(eq(transfers.id, id), or(eq(transfers.fromPharmacyId, pharmacyId), eq(transfers.toPharmacyId, pharmacyId))),
    )
    .get();
}

/** Lower case, accents removed: how a search matches product and pharmacy names ("royere" finds Royère). */
const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase('fr');

/**
 * Does a transfer match what was typed in the list's search box? Every word must be found in
 * the product name, its CIP13, a lot number, the other pharmacy's name or the transfer number
 * (`12`, `n°12`, `#12`, `N° 12`: the number itself, not a part of it). Accents and case ignored.
 */
export function matchesTransferSearch(
  row: { id: number; productLabel: string; cip13: string; otherPharmacyName: string; lotNumbers: string | null },
  q: string,
): boolean {
  const number = /^\s*(?:n\s*°|no\.?|#)?\s*(\d{1,9})\s*$/i.exec(q);
  if (number && Number(number[1]) === row.id) return true;
  const haystack = fold(`${row.productLabel} ${row.cip13} ${row.otherPharmacyName} ${row.lotNumbers ?? ''}`);
  return fold(q)
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => haystack.includes(word));
}

/**
 * One page of a pharmacy's transfers, newest request first: `box` inbox (asked of us), outbox
 * (we asked) or all; optionally one `status`; optionally a search `q` (matchesTransferSearch).
 * Returns `items` (the page), `total` (how many match, every page), `page`, `pageSize`, and
 * `counts`: transfers of the box per status, whatever `status` and `q` say (tab badges, home card).
 */
export function listTransfersForPharmacy(
  db: Db,
  pharmacyId: number,
  f: { box: 'inbox' | 'outbox' | 'all'; status?: TransferStatus; q?: string; page: number; pageSize: number },
) {
  const side: SQL | undefined =
    f.box === 'inbox'
      ? eq(transfers.fromPharmacyId, pharmacyId)
      : f.box === 'outbox'
        ? eq(transfers.toPharmacyId, pharmacyId)
        : or(eq(transfers.fromPharmacyId, pharmacyId), eq(transfers.toPharmacyId, pharmacyId));
  const where = and(side, f.status ? eq(transfers.status, f.status) : undefined);
  const order = [desc(transfers.requestedAt), desc(transfers.id)];
  const byStatus = db
    .select({ status: transfers.status, n: count() })
    .from(transfers)
    .where(side)
    .groupBy(transfers.status)
    .all();
  const counts = Object.fromEntries(
    TRANSFER_STATUSES.map((s) => [s, byStatus.find((r) => r.status === s)?.n ?? 0]),
  ) as Record<TransferStatus, number>;
  const paging = { page: f.page, pageSize: f.pageSize };
  const q = f.q?.trim();
  if (!q) {
    const total = db.select({ n: count() }).from(transfers).where(where).get()?.n ?? 0;
    const items = transfersQuery(db)
      .where(where)
      .orderBy(...order)
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .all();
    return { items, total, ...paging, counts };
  }
  // A pharmacy has hundreds of transfers a year, not millions: the search reads the few columns
  // it matches on for the whole filtered box, then loads only the page.
  const candidates = db
    .select({
      id: transfers.id,
      productLabel,
      cip13: transfers.cip13,
      otherPharmacyName: sql<string>`CASE WHEN ${transfers.fromPharmacyId} = ${pharmacyId}
        THEN ${toPharmacy.name} ELSE ${fromPharmacy.name} END`,
      lotNumbers: sql<string | null>`(SELECT group_concat(${transferLines.lotNumber}, ' ') FROM ${transferLines}
        WHERE ${transferLines.transferId} = ${transfers.id})`,
    })
    .from(transfers)
    .innerJoin(fromPharmacy, eq(fromPharmacy.id, transfers.fromPharmacyId))
    .innerJoin(toPharmacy, eq(toPharmacy.id, transfers.toPharmacyId))
    .innerJoin(cataloguePresentations, eq(cataloguePresentations.cip13, transfers.cip13))
    .leftJoin(catalogueSpecialities, eq(catalogueSpecialities.cis, cataloguePresentations.cis))
    .where(where)
    .orderBy(...order)
    .all()
    .filter((row) => matchesTransferSearch(row, q));
  const pageIds = candidates.slice((f.page - 1) * f.pageSize, f.page * f.pageSize).map((r) => r.id);
  const items = pageIds.length
    ? transfersQuery(db)
        .where(inArray(transfers.id, pageIds))
        .orderBy(...order)
        .all()
    : [];
  return { items, total: candidates.length, ...paging, counts };
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
