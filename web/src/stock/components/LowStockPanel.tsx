import { Anchor, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { Link } from 'react-router';
import { useI18n } from '../../i18n/i18n';
import { useLowStock } from '../stock.api';
import { ProductName } from './ProductName';
import { QueryState } from './QueryState';

/** Products under their minimum quantity, each with a way to look for it in the pool. */
export function LowStockPanel() {
  const { t } = useI18n();
  const low = useLowStock();
  const items = low.data ?? [];
  return (
    <Stack>
      <QueryState query={low} />
      {low.data ? (
        <Table.ScrollContainer minWidth={720}>
          <Table striped withTableBorder aria-label={t('stockAlerts.tab.low')} bg="white">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('stock.col.product')}</Table.Th>
                <Table.Th ta="right">{t('stockAlerts.col.minQuantity')}</Table.Th>
                <Table.Th ta="right">{t('stock.col.onHand')}</Table.Th>
                <Table.Th ta="right">{t('stockAlerts.col.missing')}</Table.Th>
                <Table.Th>
                  <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.length === 0 ? (
                <Table.Tr>
                  <Table.Td colSpan={5}>
                    <Text c="dimmed">{t('stockAlerts.low.empty')}</Text>
                  </Table.Td>
                </Table.Tr>
              ) : null}
              {items.map((item) => (
                <Table.Tr key={item.cip13}>
                  <Table.Td>
                    <ProductName label={item.productLabel} cip13={item.cip13} />
                  </Table.Td>
                  <Table.Td ta="right">{item.minQuantity}</Table.Td>
                  <Table.Td ta="right">{item.onHand}</Table.Td>
                  <Table.Td ta="right" fw={600} c="red.8">
                    {item.missing}
                  </Table.Td>
                  <Table.Td ta="right">
                    <Anchor component={Link} to={`/pool?q=${item.cip13}`} size="sm">
                      {t('stockAlerts.low.findInPool')}
                    </Anchor>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
    </Stack>
  );
}
