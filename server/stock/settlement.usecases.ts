import type { Ctx } from '../http/context';
import { authorize, listScope } from '../http/policy';
import { parisMonthRange } from '../shared/dates';
import { settle } from './stock.models';
import { listPharmacies } from './stock.repository';
import { listReceivedBetween } from './transfers.repository';

export type SettlementData = Awaited<ReturnType<typeof loadSettlement>>;

/**
 * The month's settlement statement (`month` is `YYYY-MM`): transfers received during the Paris
 * calendar month — the half-open UTC range of `parisMonthRange`, so a transfer belongs to exactly
 * one month whatever the server's zone — netted per pair of pharmacies. Pharmacy staff see the pairs their pharmacy is part of;
 * the treasurer and the coordinator see all, to check exchanges stay occasional.
 */
export function loadSettlement({ ctx, month }: { ctx: Ctx; month: string }) {
  authorize(ctx.actor, 'settlement.read');
  const { start, end } = parisMonthRange(month);
  const scope = listScope(ctx.actor);
  const received = listReceivedBetween(ctx.db, start.toISOString(), end.toISOString()).filter(
    (t) => scope.all || t.fromPharmacyId === scope.pharmacyId || t.toPharmacyId === scope.pharmacyId,
  );
  const names = new Map(listPharmacies(ctx.db).map((p) => [p.id, p.name]));
  const pairs = settle(received.map((t) => ({ ...t, valueCents: t.valueCents ?? 0 }))).map((p) => ({
    ...p,
    pharmacyAName: names.get(p.pharmacyAId) ?? '',
    pharmacyBName: names.get(p.pharmacyBId) ?? '',
  }));
  return {
    month,
    pairs,
    transfers: received.map((t) => ({
      id: t.id,
      receivedAt: t.receivedAt ?? '',
      fromPharmacyName: names.get(t.fromPharmacyId) ?? '',
      toPharmacyName: names.get(t.toPharmacyId) ?? '',
      productLabel: t.productLabel,
      valueCents: t.valueCents ?? 0,
    })),
  };
}
