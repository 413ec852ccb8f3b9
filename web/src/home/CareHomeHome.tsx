import { CareHomeOrderCard } from '../orders/components/OrdersHomeCards';

/** The care home's cards: its weekly order, with the cut-off countdown (docs/ADDING-A-DOMAIN.md, Web). */
export function CareHomeHome() {
  return <CareHomeOrderCard />;
}
