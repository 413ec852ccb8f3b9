import { Button, Stack, Text } from '@mantine/core';
import { useSessionUser } from '../../auth/auth-context';
import { useI18n } from '../../i18n/i18n';
import { weekLabel } from '../../orders/components/OrderBits';
import { type Column, DataTable } from '../../shared/DataTable';
import { formatCount, formatDateTime } from '../../shared/format';
import type { PendingOrder } from '../robot.api';
import { formatMinutes } from '../robot.rules';
import { startLabel } from './StartPicker';

/** My care homes' submitted orders not yet in a batch, earliest delivery first, each bookable. */
export function PendingOrdersPanel({
  orders,
  query,
  onBook,
}: {
  orders: PendingOrder[] | undefined;
  query: { error: unknown; isPending: boolean };
  onBook: (order: PendingOrder) => void;
}) {
  const { t, lang } = useI18n();
  // The coordinator books for every pharmacy: « vos EHPAD » would name none.
  const coordinator = useSessionUser().role === 'admin';
  // A phone has room for one column and the button: each order reads as a card (the columns from a tablet up).
  const columns: Column<PendingOrder>[] = [
    {
      key: 'summary',
      header: t('robot.pending.order'),
      hiddenFrom: 'sm',
      cell: (o) => (
        <Stack gap={2}>
          <Text size="sm" fw={600}>
            {o.careHomeName}
          </Text>
          <Text size="sm">{weekLabel(t, o.week)}</Text>
          <Text size="sm">
            {t('robot.pending.cardFacts', {
              duration: formatMinutes(o.durationMinutes),
              deadline: startLabel(o.deadline, lang),
            })}
          </Text>
        </Stack>
      ),
    },
    {
      key: 'careHome',
      header: t('robot.pending.careHome'),
      cell: (o) => o.careHomeName,
      sortBy: (o) => o.careHomeName,
      visibleFrom: 'sm',
    },
    {
      key: 'week',
      header: t('robot.pending.week'),
      cell: (o) => weekLabel(t, o.week),
      sortBy: (o) => o.week,
      visibleFrom: 'sm',
    },
    {
      key: 'pouches',
      header: t('robot.pending.pouches'),
      cell: (o) => formatCount(o.pouches),
      align: 'right',
      visibleFrom: 'md',
    },
    {
      key: 'duration',
      header: t('robot.pending.duration'),
      cell: (o) => formatMinutes(o.durationMinutes),
      visibleFrom: 'sm',
    },
    {
      key: 'deadline',
      header: t('robot.pending.deadline'),
      cell: (o) => startLabel(o.deadline, lang),
      sortBy: (o) => o.deadline,
      visibleFrom: 'sm',
    },
    {
      key: 'cutoff',
      header: t('robot.pending.cutoff'),
      cell: (o) => formatDateTime(o.cutoffAt),
      visibleFrom: 'lg',
    },
    {
      key: 'book',
      header: t('robot.pending.book'),
      hideHeader: true,
      cell: (o) => (
        <Button
          size="xs"
          variant="light"
          onClick={() => onBook(o)}
          aria-label={t('robot.pending.bookFor', { careHome: o.careHomeName })}
        >
          {t('robot.pending.book')}
        </Button>
      ),
    },
  ];
  return (
    <DataTable
      label={t('robot.pending.title')}
      columns={columns}
      rows={orders}
      rowKey={(o) => o.orderId}
      empty={t(coordinator ? 'robot.pending.emptyAll' : 'robot.pending.empty')}
      query={query}
      minWidth={560}
      phoneMinWidth={0}
      rowTestId={(o) => `pending-${o.orderId}`}
    />
  );
}
