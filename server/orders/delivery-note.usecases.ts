import { eq } from 'drizzle-orm';
import { careHomes, pharmacies } from '../../db/schema';
import { recordAudit } from '../audit/audit.usecases';
import type { Ctx } from '../http/context';
import { type DeliverySignatures, deliverySignatures } from '../robot/delivery.usecases';
import { frenchCompare } from '../shared/collate';
import { isoWeekDays } from '../shared/dates';
import { type OrderLot, orderLots } from './order-lots';
import { orderInScope } from './order-views.usecases';
import type { OrderStatus, OrderTotals } from './orders.models';
import { listOrderLineRows, listOrderProductRows, listOrderResidentRows } from './orders.repository';

/** Statuses after which the pouches exist: before them the delivery note is provisional. */
const PRODUCED: readonly OrderStatus[] = ['produced', 'verified', 'delivered'];

export type DeliveryNoteData = {
  orderId: number;
  careHomeName: string;
  finess: string;
  pharmacyName: string;
  week: string;
  days: readonly string[];
  status: OrderStatus;
  provisional: boolean;
  deliveryAt: string;
  totals: OrderTotals;
  /** Pouches per day, Monday first; `null` on a day the resident is away. */
  residents: { name: string; room: string; perDay: (number | null)[]; pouches: number }[];
  /** Never in pouches: delivered separately, per resident (SPEC §6). */
  horsPda: { name: string; room: string; label: string; units: number }[];
  products: { cip13: string; label: string; units: number; route: string }[];
  lots: OrderLot[];
  /** Verification and receipt once done, printed in the signature boxes (robot production). */
  signatures?: DeliverySignatures;
};

/**
 * Everything the delivery note (bon de livraison) prints, for staff of the serving pharmacy and
 * the care home itself, in every status (SPEC §5). Reading residents' data is audited.
 */
export function loadDeliveryNote({ ctx, id }: { ctx: Ctx; id: number }): DeliveryNoteData {
  const order = orderInScope(ctx, 'orders.read', id);
  const home = ctx.db
    .select({ finess: careHomes.finess, pharmacyName: pharmacies.name })
    .from(careHomes)
    .innerJoin(pharmacies, eq(pharmacies.id, careHomes.pharmacyId))
    .where(eq(careHomes.id, order.careHomeId))
    .get();
  const residentRows = listOrderResidentRows(ctx.db, id);
  const names = new Map(
    residentRows.map((r) => [
      r.residentId,
      { name: `${r.lastName.toLocaleUpperCase('fr')} ${r.firstName}`, room: r.room },
    ]),
  );
  recordAudit(ctx, { action: 'orders.delivery_note', entity: 'weekly_order', entityId: id });
  return {
    orderId: id,
    careHomeName: order.careHomeName,
    finess: home?.finess ?? '',
    pharmacyName: home?.pharmacyName ?? '',
    week: order.week,
    days: isoWeekDays(order.week),
    status: order.status,
    provisional: !PRODUCED.includes(order.status),
    deliveryAt: order.deliveryAt,
    totals: {
      pouches: order.pouches,
      robotUnits: order.robotUnits,
      manualUnits: order.manualUnits,
      horsPdaUnits: order.horsPdaUnits,
    },
    residents: residentRows
      .filter((r) => r.pouches > 0 || r.days.some((d) => d.absent))
      .map((r) => ({
        ...(names.get(r.residentId) as { name: string; room: string }),
        perDay: r.days.map((d) => (d.absent ? null : Object.values(d.pouchesByTime).reduce((s, n) => s + n, 0))),
        pouches: r.pouches,
      }))
      .sort((a, b) => frenchCompare(a.name, b.name) || frenchCompare(a.room, b.room)),
    horsPda: listOrderLineRows(ctx.db, id)
      .filter((l) => l.route === 'hors_pda' && l.units > 0)
      .map((l) => ({ ...(names.get(l.residentId) ?? { name: '', room: '' }), label: l.label, units: l.units }))
      .sort((a, b) => frenchCompare(a.name, b.name) || frenchCompare(a.label, b.label)),
    products: listOrderProductRows(ctx.db, id),
    lots: orderLots(ctx.db, id),
    signatures: deliverySignatures(ctx.db, id),
  };
}
