import { Anchor, Button, Group, NumberInput, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconFlame } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { useI18n } from '../../i18n/i18n';
import { formatMoney } from '../../shared/format';
import { type Lot, useExpiring } from '../stock.api';
import { daysBetween, parisToday } from '../stock.rules';
import { DestroyModal } from './DestroyModal';
import { ExpiryDate } from './ExpiryDate';
import { LotDrawer } from './LotDrawer';
import { ProductName } from './ProductName';
import { QueryState } from './QueryState';

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
  const value = items.reduce((sum, lot) => sum + lot.available * lot.unitCostCents, 0);
  return (
    <Stack>
      <Group align="flex-end">
        <NumberInput
          label={t('stockAlerts.expiring.days')}
          description={t('stockAlerts.expiring.daysHint')}
          value={days}
          onChange={setDays}
          min={0}
          max={730}
          step={30}
          allowDecimal={false}
          allowNegative={false}
          w={220}
        />
        {expiring.data ? (
          <Text size="sm" c="dimmed" mb={4} aria-live="polite">
            {t('stockAlerts.expiring.summary', { count: items.length, value: formatMoney(value) })}
          </Text>
        ) : null}
      </Group>
      <QueryState query={expiring} />
      {expiring.data ? (
        <Table.ScrollContainer minWidth={820}>
          <Table striped withTableBorder aria-label={t('stockAlerts.tab.expiring')} bg="white">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('stock.col.product')}</Table.Th>
                <Table.Th>{t('stock.col.lot')}</Table.Th>
                <Table.Th>{t('stock.col.expiry')}</Table.Th>
                <Table.Th ta="right">{t('stockAlerts.col.daysLeft')}</Table.Th>
                <Table.Th ta="right">{t('stock.col.available')}</Table.Th>
                <Table.Th ta="right">{t('stockAlerts.col.value')}</Table.Th>
                <Table.Th>
                  <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.length === 0 ? (
                <Table.Tr>
                  <Table.Td colSpan={7}>
                    <Text c="dimmed">{t('stockAlerts.expiring.empty')}</Text>
                  </Table.Td>
                </Table.Tr>
              ) : null}
              {items.map((lot) => {
                const left = daysBetween(today, lot.expiryDate);
                return (
                  <Table.Tr key={lot.id}>
                    <Table.Td>
                      <ProductName label={lot.productLabel} cip13={lot.cip13} />
                    </Table.Td>
                    <Table.Td>
                      <Anchor
                        component="button"
                        type="button"
                        size="sm"
                        ff="monospace"
                        onClick={() => setDetailId(lot.id)}
                      >
                        {lot.lotNumber}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <ExpiryDate date={lot.expiryDate} soonDays={horizon} />
                    </Table.Td>
                    <Table.Td ta="right" c={left < 0 ? 'red.8' : undefined}>
                      {left}
                    </Table.Td>
                    <Table.Td ta="right" fw={600}>
                      {lot.available}
                    </Table.Td>
                    <Table.Td ta="right">{formatMoney(lot.available * lot.unitCostCents)}</Table.Td>
                    <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                      {left < 0 && lot.available > 0 ? (
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
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
      <DestroyModal lot={destroying} onClose={() => setDestroying(null)} />
      <LotDrawer lotId={detailId} onClose={() => setDetailId(null)} />
    </Stack>
  );
}
