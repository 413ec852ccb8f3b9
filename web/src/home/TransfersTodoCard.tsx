import { Anchor, Stack, Text } from '@mantine/core';
import { IconArrowsExchange } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useI18n } from '../i18n/i18n';
import { useOpenOffers } from '../stock/offers.api';
import { useTransfers } from '../stock/stock.api';
import { TodoCard } from './TodoCard';

/**
 * Dépannages waiting for us: requests to answer, anti-waste offers to answer (on the anti-waste
 * page, where received offers come first), accepted ones to ship, shipments to receive.
 */
export function TransfersTodoCard() {
  const { t } = useI18n();
  const inbox = useTransfers('inbox');
  const outbox = useTransfers('outbox');
  const offers = useOpenOffers('received');
  // An offer list that fails to load leaves the card to the transfers rather than loading for ever.
  const loaded = inbox.data && outbox.data && !offers.isPending;
  // Counts per status come with any page of the list: the card needs no row.
  const toAnswer = inbox.data?.counts.requested ?? 0;
  const toShip = inbox.data?.counts.accepted ?? 0;
  const toReceive = outbox.data?.counts.shipped ?? 0;
  const offersToAnswer = offers.data?.length ?? 0;
  const total = toAnswer + offersToAnswer + toShip + toReceive;
  const lines = [
    { count: toAnswer, key: 'home.transfers.toAnswer', to: '/transfers?status=requested' },
    { count: offersToAnswer, key: 'home.transfers.offers', to: '/pool/rebalance' },
    { count: toShip, key: 'home.transfers.toShip', to: '/transfers?status=accepted' },
    { count: toReceive, key: 'home.transfers.toReceive', to: '/transfers?tab=outbox&status=shipped' },
  ] as const;
  return (
    <TodoCard
      testId="card-transfers"
      icon={IconArrowsExchange}
      title={t('home.transfers.title')}
      count={loaded ? total : undefined}
      empty={t('home.transfers.empty')}
      link={{ to: '/transfers', label: t('home.transfers.link') }}
    >
      {loaded && total > 0 ? (
        <Stack gap={6}>
          {lines
            .filter((line) => line.count > 0)
            .map((line) => (
              <Anchor key={line.key} component={Link} to={line.to} size="sm">
                {t(line.key, { count: line.count })}
              </Anchor>
            ))}
        </Stack>
      ) : loaded ? undefined : (
        <Text size="sm" c="dimmed">
          {t('common.loading')}
        </Text>
      )}
    </TodoCard>
  );
}
