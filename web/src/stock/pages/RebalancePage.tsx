import { Anchor, Badge, Button, Group, Stack, Text } from '@mantine/core';
import { IconArrowRight, IconTruckDelivery } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useSessionUser } from '../../auth/auth-context';
import { useI18n } from '../../i18n/i18n';
import { type Column, DataTable } from '../../shared/DataTable';
import { describeError } from '../../shared/errors';
import { formatCalendarDate, formatMoney } from '../../shared/format';
import { notifyFailed, notifySaved } from '../../shared/notify';
import { PageHeader } from '../../shared/PageHeader';
import { ProductName } from '../components/ProductName';
import { usePharmacyTown } from '../pharmacy-town';
import { type RebalanceSuggestion, refreshStock, requestTransfer, useRebalancing } from '../stock.api';

/**
 * Anti-waste suggestions (SPEC §4): lots that will expire on one shelf, paired with the
 * pharmacy that uses the product faster. When we are that pharmacy, one click asks for them.
 */
export function RebalancePage() {
  const { t } = useI18n();
  const user = useSessionUser();
  const queryClient = useQueryClient();
  const suggestions = useRebalancing();
  const ask = useMutation({
    mutationFn: (s: RebalanceSuggestion) =>
      requestTransfer({
        fromPharmacyId: s.fromPharmacyId,
        cip13: s.cip13,
        quantity: s.suggestedQuantity,
        reason: t('rebalance.reason', { lotNumber: s.lotNumber, date: formatCalendarDate(s.expiryDate) }),
        urgency: 'normal',
      }),
    onSuccess: async (_transfer, s) => {
      await refreshStock(queryClient);
      notifySaved(t('pool.request.done', { pharmacy: s.fromPharmacyName }));
    },
    onError: (error) => notifyFailed(describeError(t, error)),
  });
  const mine = user.pharmacy?.id;
  // Towns keep the route readable in a narrow column; the full name is in the title.
  const town = usePharmacyTown();
  const openLink = (s: RebalanceSuggestion, size: 'xs' | 'sm') =>
    s.openTransferId !== null ? (
      <Anchor component={Link} to={`/transfers/${s.openTransferId}`} size={size}>
        {t('rebalance.open', { id: s.openTransferId })}
      </Anchor>
    ) : null;

  const columns: Column<RebalanceSuggestion>[] = [
    {
      key: 'product',
      header: t('stock.col.product'),
      sortBy: (s) => s.productLabel,
      cell: (s) => <ProductName label={s.productLabel} cip13={s.cip13} />,
    },
    {
      key: 'lot',
      header: t('rebalance.col.lot'),
      sortBy: (s) => s.expiryDate,
      cell: (s) => (
        <>
          <Text size="sm" ff="monospace">
            {s.lotNumber}
          </Text>
          <Text size="sm">{t('rebalance.expires', { date: formatCalendarDate(s.expiryDate) })}</Text>
          <Text size="xs" c={s.daysLeft <= 90 ? 'orange.9' : 'dimmed'}>
            {t('rebalance.daysLeft', { days: s.daysLeft })}
          </Text>
        </>
      ),
    },
    {
      key: 'route',
      header: t('rebalance.col.route'),
      cell: (s) => (
        <Group gap={6} wrap="nowrap">
          <Text size="sm" fw={s.fromPharmacyId === mine ? 700 : 400} title={s.fromPharmacyName}>
            {town(s.fromPharmacyId, s.fromPharmacyName)}
          </Text>
          <IconArrowRight size={16} aria-label={t('rebalance.to')} style={{ flexShrink: 0 }} />
          <Text size="sm" fw={s.toPharmacyId === mine ? 700 : 400} title={s.toPharmacyName}>
            {town(s.toPharmacyId, s.toPharmacyName)}
          </Text>
        </Group>
      ),
    },
    {
      key: 'atRisk',
      header: t('rebalance.col.atRisk'),
      align: 'right',
      sortBy: (s) => s.valueAtRiskCents ?? 0,
      cell: (s) => (
        <>
          <Text size="sm">{t('rebalance.units', { count: s.atRiskQuantity })}</Text>
          {s.valueAtRiskCents !== null ? (
            <Text size="xs" c="dimmed">
              {formatMoney(s.valueAtRiskCents)}
            </Text>
          ) : null}
        </>
      ),
    },
    {
      key: 'suggested',
      header: t('rebalance.col.suggested'),
      align: 'right',
      cell: (s) => s.suggestedQuantity,
      td: () => ({ fw: 600 }),
    },
    {
      key: 'action',
      header: t('common.actions'),
      td: () => ({ style: { whiteSpace: 'nowrap' } }),
      cell: (s) =>
        s.toPharmacyId === mine ? (
          <Stack gap={2} align="flex-start">
            <Button
              size="compact-sm"
              leftSection={<IconTruckDelivery size={14} />}
              disabled={s.openTransferId !== null}
              loading={ask.isPending && ask.variables?.lotId === s.lotId}
              onClick={() => ask.mutate(s)}
            >
              {t('rebalance.ask')}
            </Button>
            {openLink(s, 'xs')}
          </Stack>
        ) : (
          (openLink(s, 'sm') ?? (
            <Badge variant="light" color="gray">
              {t('rebalance.waiting')}
            </Badge>
          ))
        ),
    },
  ];

  return (
    <Stack gap="lg" maw={1300}>
      <PageHeader title={t('rebalance.title')} subtitle={t('rebalance.subtitle')} />
      <DataTable
        label={t('rebalance.title')}
        columns={columns}
        rows={suggestions.data}
        query={suggestions}
        rowKey={(s) => `${s.lotId}-${s.toPharmacyId}`}
        rowTestId={(s) => `rebalance-row-${s.lotNumber}`}
        empty={t('rebalance.empty')}
        minWidth={720}
      />
    </Stack>
  );
}
