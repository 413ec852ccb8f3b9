import { frenchCompare } from '../../../server/shared/collate';
import { centsOf } from '../../../server/stock/stock.models';
import type { Lot } from './stock.api';

/** How the stock page orders its products. */
export const PRODUCT_SORTS = ['product', 'expiry', 'quantity', 'value'] as const;
export type ProductSort = (typeof PRODUCT_SORTS)[number];

/** One product of our stock with its lots and their totals. */
export type ProductGroup = {
  cip13: string;
  productLabel: string;
  /** First-expired first. */
  lots: Lot[];
  /** Units on hand, reserved and available over the lots (units). */
  quantity: number;
  reserved: number;
  available: number;
  /** Value on hand at each lot's cost as bought, rounded once to the cent (centsOf). */
  valueCents: number;
  /** The nearest expiry among lots still holding units (else among all), `YYYY-MM-DD`. */
  nearestExpiry: string;
};

/**
 * Groups lots by product (CIP13) with totals per product, and orders the products: by name
 * (French order), nearest expiry first, fewest units first, or highest value first; ties by name.
 */
export function groupByProduct(lots: readonly Lot[], sort: ProductSort): ProductGroup[] {
  const byCip = new Map<string, Lot[]>();
  for (const lot of lots) byCip.set(lot.cip13, [...(byCip.get(lot.cip13) ?? []), lot]);
  const groups = [...byCip.values()].map((group): ProductGroup => {
    const sorted = [...group].sort((a, b) => a.expiryDate.localeCompare(b.expiryDate) || a.id - b.id);
    const held = sorted.filter((l) => l.quantity > 0);
    const first = sorted[0] as Lot;
    return {
      cip13: first.cip13,
      productLabel: first.productLabel,
      lots: sorted,
      quantity: sorted.reduce((s, l) => s + l.quantity, 0),
      reserved: sorted.reduce((s, l) => s + l.reserved, 0),
      available: sorted.reduce((s, l) => s + l.available, 0),
      valueCents: centsOf(sorted),
      nearestExpiry: (held[0] ?? first).expiryDate,
    };
  });
  const byName = (a: ProductGroup, b: ProductGroup) =>
    frenchCompare(a.productLabel, b.productLabel) || a.cip13.localeCompare(b.cip13);
  const order: Record<ProductSort, (a: ProductGroup, b: ProductGroup) => number> = {
    product: byName,
    expiry: (a, b) => a.nearestExpiry.localeCompare(b.nearestExpiry) || byName(a, b),
    quantity: (a, b) => a.quantity - b.quantity || byName(a, b),
    value: (a, b) => b.valueCents - a.valueCents || byName(a, b),
  };
  return groups.sort(order[sort]);
}
