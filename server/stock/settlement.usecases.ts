import { TZDate } from '@date-fns/tz';
import { addMonths } from 'date-fns/addMonths';
import type { Ctx } from '../http/context';
import { authorize, listScope } from '../http/policy';
import { PARIS } from '../shared/dates';
import { settle } from './stock.models';
import { listPharmacies } from './stock.repository';
import { listReceivedBetween } from './transfers.repository';

export type SettlementData = Awaited<ReturnType<typeof loadSettlement>>;

/**
 * The month's settlement statement: transfers received during the Paris calendar month,
 * netted per pair of pharmacies. Pharmacy staff see the pairs their pharmacy is part of;
 * the treasurer and the coordinator see all, to check exchanges stay occasional.
 */
export function loadSettlement({ ctx, month }: { ctx: Ctx; month: string }) {
  authorize(ctx.actor, 'settlement.read');
  const start = new TZDate(`${month}-01T00:00:00`, PARIS);
  const end = addMonths(start, 1);
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
