import { CareHomeOrderCard } from '../orders/components/OrdersHomeCards';
import { CareHomeProgressCard } from '../robot/production/ProductionHomeCards';

/** The care home's cards: its weekly order, with the cut-off countdown (docs/ADDING-A-DOMAIN.md, Web). */
export function CareHomeHome() {
  return (
    <>
      <CareHomeOrderCard />
      <CareHomeProgressCard />
    </>
  );
}
