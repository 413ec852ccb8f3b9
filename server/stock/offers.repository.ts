import { aliasedTable, and, desc, eq, gte, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import {
  cataloguePresentations,
  catalogueSpecialities,
  pharmacies,
  stockLots,
  stockMovements,
  transferOffers,
  transfers,
  users,
} from '../../db/schema';
import type { OfferStatus } from './stock.models';
import { productLabel } from './stock.repository';

const fromPharmacy = aliasedTable(pharmacies, 'offer_from');
const toPharmacy = aliasedTable(pharmacies, 'offer_to');

/** Offers with names, as stored: the caller reads an unanswered one past its last day as expired (offerStatusOn). */
function offersQuery(db: Db) {
  return db
    .select({
      id: transferOffers.id,
      fromPharmacyId: transferOffers.fromPharmacyId,
      fromPharmacyName: fromPharmacy.name,
      toPharmacyId: transferOffers.toPharmacyId,
      toPharmacyName: toPharmacy.name,
      lotId: transferOffers.lotId,
      cip13: transferOffers.cip13,
      productLabel,
      lotNumber: stockLots.lotNumber,
      expiryDate: stockLots.expiryDate,
      quantity: transferOffers.quantity,
      note: transferOffers.note,
      status: transferOffers.status,
      lastDay: transferOffers.lastDay,
      declineReason: transferOffers.declineReason,
      transferId: transferOffers.transferId,
      offeredAt: transferOffers.offeredAt,
      offeredBy: transferOffers.offeredBy,
      answeredAt: transferOffers.answeredAt,
    })
    .from(transferOffers)
    .innerJoin(fromPharmacy, eq(fromPharmacy.id, transferOffers.fromPharmacyId))
    .innerJoin(toPharmacy, eq(toPharmacy.id, transferOffers.toPharmacyId))
    .innerJoin(stockLots, eq(stockLots.id, transferOffers.lotId))
    .innerJoin(cataloguePresentations, eq(cataloguePresentations.cip13, transferOffers.cip13))
    .leftJoin(catalogueSpecialities, eq(catalogueSpecialities.cis, cataloguePresentations.cis));
}
export type OfferRow = NonNullable<ReturnType<ReturnType<typeof offersQuery>['get']>>;

/** An offer only if the pharmacy is one of its two sides. */
export function findOfferForPharmacy(db: Db, id: number, pharmacyId: number): OfferRow | undefined {
  return offersQuery(db)
    .where(
      and(
        eq(transferOffers.id, id),
        or(eq(transferOffers.fromPharmacyId, pharmacyId), eq(transferOffers.toPharmacyId, pharmacyId)),
      ),
    )
    .get();
}

/** The pharmacy's offers, newest first: `sent` (it holds the lot), `received` (offered to it) or both. */
export function listOffersForPharmacy(db: Db, pharmacyId: number, box: 'sent' | 'received' | 'all'): OfferRow[] {
  const side: SQL | undefined =
    box === 'sent'
      ? eq(transferOffers.fromPharmacyId, pharmacyId)
      : box === 'received'
        ? eq(transferOffers.toPharmacyId, pharmacyId)
        : or(eq(transferOffers.fromPharmacyId, pharmacyId), eq(transferOffers.toPharmacyId, pharmacyId));
  return offersQuery(db).where(side).orderBy(desc(transferOffers.offeredAt), desc(transferOffers.id)).limit(200).all();
}

const offeredUser = aliasedTable(users, 'offer_offered_by');
const answeredUser = aliasedTable(users, 'offer_answered_by');

/** The offer a transfer was born from (accepted), with who offered and who accepted it; undefined for a plain request. */
export function findOfferOfTransfer(db: Db, transferId: number) {
  return db
    .select({
      id: transferOffers.id,
      offeredAt: transferOffers.offeredAt,
      offeredByName: offeredUser.displayName,
      acceptedAt: transferOffers.answeredAt,
      acceptedByName: answeredUser.displayName,
    })
    .from(transferOffers)
    .leftJoin(offeredUser, eq(offeredUser.id, transferOffers.offeredBy))
    .leftJoin(answeredUser, eq(answeredUser.id, transferOffers.answeredBy))
    .where(eq(transferOffers.transferId, transferId))
    .get();
}

/** Offers still waiting for an answer on `today` (stored `offered`, last day not past). */
export function listOpenOffers(db: Db, today: string) {
  return db
    .select({
      id: transferOffers.id,
      lotId: transferOffers.lotId,
      fromPharmacyId: transferOffers.fromPharmacyId,
      toPharmacyId: transferOffers.toPharmacyId,
      quantity: transferOffers.quantity,
    })
    .from(transferOffers)
    .where(and(eq(transferOffers.status, 'offered'), sql`${transferOffers.lastDay} >= ${today}`))
    .all();
}

export function insertOffer(db: Db, row: typeof transferOffers.$inferInsert): number {
  return db.insert(transferOffers).values(row).returning({ id: transferOffers.id }).get().id;
}

/**
 * Answers an offer only if it is still `offered`: returns false when another request answered
 * it first (exactly one of two racing answers wins).
 */
export function closeOffer(
  db: Db,
  id: number,
  set: Partial<typeof transferOffers.$inferInsert> & { status: Exclude<OfferStatus, 'offered'> },
): boolean {
  return (
    db
      .update(transferOffers)
      .set(set)
      .where(and(eq(transferOffers.id, id), eq(transferOffers.status, 'offered')))
      .run().changes === 1
  );
}

/** The latest Paris day each lot received units by dépannage (`transfer_in`), for lots that did since `sinceDay`. */
export function lastTransferInDays(db: Db, sinceDay: string): Map<number, string> {
  const rows = db
    .select({ lotId: stockMovements.lotId, day: sql<string>`max(${stockMovements.day})` })
    .from(stockMovements)
    .where(and(eq(stockMovements.kind, 'transfer_in'), gte(stockMovements.day, sinceDay)))
    .groupBy(stockMovements.lotId)
    .all();
  return new Map(rows.map((r) => [r.lotId, r.day]));
}

/** The caller's open requests (requested or accepted) of one product to one pharmacy. */
export function listOpenRequests(db: Db, f: { toPharmacyId: number; fromPharmacyId: number; cip13: string }) {
  return db
    .select({
      id: transfers.id,
      status: transfers.status,
      quantityRequested: transfers.quantityRequested,
      requestedAt: transfers.requestedAt,
    })
    .from(transfers)
    .where(
      and(
        eq(transfers.toPharmacyId, f.toPharmacyId),
        eq(transfers.fromPharmacyId, f.fromPharmacyId),
        eq(transfers.cip13, f.cip13),
        inArray(transfers.status, ['requested', 'accepted']),
      ),
    )
    .orderBy(desc(transfers.requestedAt))
    .all();
}
