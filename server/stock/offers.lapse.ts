/**
 * An open anti-waste offer reserves nothing (patients first: the holder may still dispense the
 * lot), so it must close as soon as its lot can no longer cover it, rather than stay open and
 * unacceptable on both sides (issue #15). Called after every movement that takes units out of
 * a lot (move), after a reservation (transfer accept, re-pick) and after a snapshot import.
 */
import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import { pharmacies, transferOffers } from '../../db/schema';
import { raiseAlert, resolveAlerts } from '../alerts/alerts.usecases';
import { recordAudit } from '../audit/audit.usecases';
import type { Ctx } from '../http/context';
import { parisDate } from '../shared/dates';
import { findLot, findPresentationLabel } from './stock.repository';

/**
 * Lapses the open offers (stored `offered`, last day not past) of the given lots, or of every
 * lot of `pharmacyId`, that the lot no longer covers: units on hand minus units reserved by
 * accepted transfers. Offers of one lot keep their place in the order they were made: each
 * older offer that still fits keeps its units, any that no longer fits lapses (status
 * `lapsed`, no one answered it). Each lapse is audited (`transfers.offer_lapse`, with the units
 * left) and the recipient is told (alert `transfers.offerLapsed`); the holder sees it on its
 * offers panel. Must run inside the caller's write transaction. Returns the lapsed offer ids.
 */
export function lapseUncoverableOffers(ctx: Ctx, on: { lotIds?: readonly number[]; pharmacyId?: number }): number[] {
  const lotIds = on.lotIds ?? [];
  if (lotIds.length === 0 && on.pharmacyId === undefined) return [];
  const now = ctx.clock.now();
  const open = ctx.db
    .select()
    .from(transferOffers)
    .where(
      and(
        eq(transferOffers.status, 'offered'),
        sql`${transferOffers.lastDay} >= ${parisDate(now)}`,
        or(
          lotIds.length > 0 ? inArray(transferOffers.lotId, [...lotIds]) : undefined,
          on.pharmacyId !== undefined ? eq(transferOffers.fromPharmacyId, on.pharmacyId) : undefined,
        ),
      ),
    )
    .orderBy(asc(transferOffers.offeredAt), asc(transferOffers.id))
    .all();
  const left = new Map<number, number>();
  const lapsed: number[] = [];
  for (const offer of open) {
    if (!left.has(offer.lotId)) {
      const lot = findLot(ctx.db, offer.fromPharmacyId, offer.lotId);
      left.set(offer.lotId, lot ? Math.max(0, lot.quantity - lot.reserved) : 0);
    }
    const available = left.get(offer.lotId) ?? 0;
    if (offer.quantity <= available) {
      left.set(offer.lotId, available - offer.quantity);
      continue;
    }
    const closed = ctx.db
      .update(transferOffers)
      .set({ status: 'lapsed', answeredAt: now.toISOString(), answeredBy: null })
      .where(and(eq(transferOffers.id, offer.id), eq(transferOffers.status, 'offered')))
      .run().changes;
    if (closed !== 1) continue;
    lapsed.push(offer.id);
    recordAudit(ctx, {
      action: 'transfers.offer_lapse',
      entity: 'transfer_offer',
      entityId: offer.id,
      details: { lotId: offer.lotId, quantity: offer.quantity, available },
    });
    resolveAlerts(ctx, { entity: 'transfer_offer', entityId: offer.id });
    raiseAlert(ctx, {
      scope: { pharmacyId: offer.toPharmacyId },
      kind: 'transfers.offerLapsed',
      entity: 'transfer_offer',
      entityId: offer.id,
      messageKey: 'alerts.transferOfferLapsed',
      params: {
        product: findPresentationLabel(ctx.db, offer.cip13) ?? offer.cip13,
        pharmacy:
          ctx.db.select({ name: pharmacies.name }).from(pharmacies).where(eq(pharmacies.id, offer.fromPharmacyId)).get()
            ?.name ?? '',
        quantity: offer.quantity,
        available,
      },
    });
  }
  return lapsed;
}
