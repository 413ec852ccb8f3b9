import type { Db } from '../../db/client';
import type { Ctx } from '../http/context';
import { authorize } from '../http/policy';
import { parisMonthRange } from '../shared/dates';
import { listPharmacies } from '../stock/stock.repository';
import { verifiedPouchesByPharmacy } from './production.repository';

/**
 * Verified robot pouches per pharmacy for a Paris month `YYYY-MM` (SPEC §8): the pouches of the
 * orders of each pharmacy's care homes in batches a pharmacist verified during that month
 * (`parisMonthRange`, DST-safe). Pharmacies without any are absent from the map.
 */
export function monthlyVerifiedPouches(db: Db, month: string): Map<number, number> {
  const { start, end } = parisMonthRange(month);
  const rows = verifiedPouchesByPharmacy(db, start.toISOString(), end.toISOString());
  return new Map(rows.filter((r) => r.pouches > 0).map((r) => [r.pharmacyId, r.pouches]));
}

/**
 * `GET /api/robot/activity?month=YYYY-MM`: verified pouches per pharmacy for the month, every
 * active pharmacy listed (0 when none), with the total; admin, treasurer and pharmacy staff
 * (figures per pharmacy, no resident).
 */
export function getActivity({ ctx, month }: { ctx: Ctx; month: string }) {
  authorize(ctx.actor, 'robot_activity.read');
  const pouches = monthlyVerifiedPouches(ctx.db, month);
  const items = listPharmacies(ctx.db).map((p) => ({
    pharmacyId: p.id,
    pharmacyName: p.name,
    pouches: pouches.get(p.id) ?? 0,
  }));
  return { month, items, total: items.reduce((s, i) => s + i.pouches, 0) };
}
