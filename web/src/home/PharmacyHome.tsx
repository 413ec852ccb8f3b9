import { PharmacyChangesCard } from '../orders/components/OrdersHomeCards';
import { BatchesToVerifyCard, UpcomingShortagesCard } from '../robot/production/ProductionHomeCards';
import { MyStatementCard } from '../shares/components/SharesHomeCards';
import { ExpiringLotsCard } from './ExpiringLotsCard';
import { TransfersTodoCard } from './TransfersTodoCard';

/** Pharmacist and technician: one line per card (docs/ADDING-A-DOMAIN.md, Web). */
export function PharmacyHome() {
  return (
    <>
      <PharmacyChangesCard />
      <BatchesToVerifyCard />
      <UpcomingShortagesCard />
      <TransfersTodoCard />
      <ExpiringLotsCard />
      <MyStatementCard />
    </>
  );
}
