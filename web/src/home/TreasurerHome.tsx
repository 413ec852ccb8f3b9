import { PeriodsToCloseCard, SharesDraftCard } from '../shares/components/SharesHomeCards';
import { SettlementCard } from './SettlementCard';

/** The treasurer: last month's draft shares report, periods to close, and the settlement between pharmacies. */
export function TreasurerHome() {
  return (
    <>
      <SharesDraftCard />
      <PeriodsToCloseCard />
      <SettlementCard />
    </>
  );
}
