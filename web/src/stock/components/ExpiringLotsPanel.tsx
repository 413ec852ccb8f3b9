import { Anchor, Button, Group, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconFlame } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { centsOf } from '../../../../server/stock/stock.models';
import { useI18n } from '../../i18n/i18n';
import { type Column, DataTable } from '../../shared/DataTable';
import { formatCount, formatMoney } from '../../shared/format';
import { WholeNumberInput } from '../../shared/WholeNumberInput';
import { type Lot, useExpiring } from '../stock.api';
import { daysBetween, parisToday } from '../stock.rules';
import { DestroyModal } from './DestroyModal';
import { LotDrawer } from './LotDrawer';
import { lotColumns } from './lot-columns';

/** Our lots expiring within a chosen number of days (90 by default), with their value; expired ones can be destroyed. */
export function ExpiringLotsPanel() {
  const { t } = useI18n();
  const [days, setDays] = useState<number | string>(90);
  const [debouncedDays] = useDebouncedValue(days, 300);
  const horizon = typeof debouncedDays === 'number' ? Math.min(730, Math.max(0, debouncedDays)) : 90;
  const expiring = useExpiring(horizon);
  const [destroying, setDestroying] = useState<Lot | null>(null);
  const [detailId, setDetailId] = useState<number | null>(null);
  const today = parisToday();
  const items = expiring.data ?? [];
  // Summed exactly from the costs as bought and rounded once, as Mon stock and the anti-waste page do (centsOf).
  const atRisk = (lot: Lot) => ({ quantity: lot.available, unitCostMillicents: lot.unitCostMillicents });
  const value = centsOf(items.map(atRisk));
  const left = (lot: Lot) => daysBetween(today, lot.expiryDate);

  const columns: Column<Lot>[] = [
    ...lotColumns(t, setDetailId, horizon),
    {
      key: 'daysLeft',
      header: t('stockAlerts.col.daysLeft'),
      align: 'right',
      cell: left,
      td: (lot) => ({ c: left(lot) < 0 ? 'red.8' : undefined }),
    },
    {
      key: 'available',
      header: t('stock.col.available'),
      align: 'right',
      sortBy: (lot) => lot.available,
      cell: (lot) => formatCount(lot.available),
      td: () => ({ fw: 600 }),
    },
    {
      key: 'value',
      header: t('stockAlerts.col.value'),
      align: 'right',
      sortBy: (lot) => lot.available * lot.unitCostMillicents,
      cell: (lot) => formatMoney(centsOf([atRisk(lot)])),
    },
    {
      key: 'action',
      header: t('common.actions'),
      hideHeader: true,
      align: 'right',
      td: () => ({ style: { whiteSpace: 'nowrap' } }),
      cell: (lot) =>
        left(lot) < 0 && lot.available > 0 ? (
          <Button
            size="compact-sm"
            color="red"
            variant="light"
            leftSection={<IconFlame size={14} />}
            onClick={() => setDestroying(lot)}
          >
            {t('stock.destroy.action')}
          </Button>
        ) : (
          <Anchor component={Link} to="/pool/rebalance" size="sm">
            {t('stockAlerts.expiring.rebalance')}
          </Anchor>
        ),
    },
  ];

  return (
    <Stack>
      <Group align="flex-end">
        <WholeNumberInput
          label={t('stockAlerts.expiring.days')}
          description={t('stockAlerts.expiring.daysHint')}
          value={days}
          onChange={setDays}
          min={0}
          max={730}
          step={30}
          allowNegative={false}
          w={220}
        />
        {expiring.data ? (
          <Text size="sm" c="dimmed" mb={4} aria-live="polite">
            {t('stockAlerts.expiring.summary', { count: items.length, value: formatMoney(value) })}
          </Text>
        ) : null}
      </Group>
      <DataTable
        label={t('stockAlerts.tab.expiring')}
        columns={columns}
        rows={expiring.data}
        query={expiring}
        rowKey={(lot) => lot.id}
        empty={t('stockAlerts.expiring.empty')}
        // A 20 000-lot pharmacy has hundreds of lots expiring: 50 a page.
        pageSize={50}
        minWidth={820}
      />
      <DestroyModal lot={destroying} onClose={() => setDestroying(null)} />
      <LotDrawer lotId={detailId} onClose={() => setDetailId(null)} />
    </Stack>
  );
}
