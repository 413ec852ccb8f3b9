import { SettlementCard } from './SettlementCard';

/** The treasurer closes the month's settlement; the shares report adds its card with its domain. */
export function TreasurerHome() {
  return <SettlementCard />;
}
