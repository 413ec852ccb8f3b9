import { PharmacyChangesCard, PharmacyMissedCutoffCard } from '../orders/components/OrdersHomeCards';
import { ProposalsTodoCard, ReviewsTodoCard } from '../reviews/components/ReviewsHomeCards';
import { PendingOrdersCard } from '../robot/components/PendingOrdersCard';
import {
  BatchesToVerifyCard,
  UpcomingBatchesCard,
  UpcomingShortagesCard,
} from '../robot/production/ProductionHomeCards';
import { MyStatementCard } from '../shares/components/SharesHomeCards';
import { ExpiringLotsCard } from './ExpiringLotsCard';
import { TransfersTodoCard } from './TransfersTodoCard';

/** Pharmacist and technician: one line per card (docs/ADDING-A-DOMAIN.md, Web). */
export function PharmacyHome() {
  return (
    <>
      <PharmacyMissedCutoffCard />
      <PharmacyChangesCard />
      <PendingOrdersCard />
      <UpcomingBatchesCard />
      <BatchesToVerifyCard />
      <UpcomingShortagesCard />
      <TransfersTodoCard />
      <ExpiringLotsCard />
      <ReviewsTodoCard />
      <ProposalsTodoCard />
      <MyStatementCard />
    </>
  );
}
