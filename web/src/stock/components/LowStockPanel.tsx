import { Anchor } from '@mantine/core';
import { Link } from 'react-router';
import { useI18n } from '../../i18n/i18n';
import { DataTable } from '../../shared/DataTable';
import { formatCount } from '../../shared/format';
import { type LowStockItem, useLowStock } from '../stock.api';
import { ProductName } from './ProductName';

/** Products under their minimum quantity, each with a way to look for it in the pool. */
export function LowStockPanel() {
  const { t } = useI18n();
  const low = useLowStock();
  return (
    <DataTable<LowStockItem>
      label={t('stockAlerts.tab.low')}
      rows={low.data}
      query={low}
      rowKey={(item) => item.cip13}
      empty={t('stockAlerts.low.empty')}
      // Hundreds of products can run short in a large pharmacy: 50 a page.
      pageSize={50}
      minWidth={720}
      columns={[
        {
          key: 'product',
          header: t('stock.col.product'),
          sortBy: (item) => item.productLabel,
          cell: (item) => <ProductName label={item.productLabel} cip13={item.cip13} />,
        },
        {
          key: 'min',
          header: t('stockAlerts.col.minQuantity'),
          align: 'right',
          cell: (item) => formatCount(item.minQuantity),
        },
        { key: 'onHand', header: t('stock.col.onHand'), align: 'right', cell: (item) => formatCount(item.onHand) },
        {
          key: 'missing',
          header: t('stockAlerts.col.missing'),
          align: 'right',
          sortBy: (item) => item.missing,
          cell: (item) => formatCount(item.missing),
          td: () => ({ fw: 600, c: 'red.8' }),
        },
        {
          key: 'find',
          header: t('common.actions'),
          hideHeader: true,
          align: 'right',
          cell: (item) => (
            <Anchor component={Link} to={`/pool?q=${item.cip13}`} size="sm">
              {t('stockAlerts.low.findInPool')}
            </Anchor>
          ),
        },
      ]}
    />
  );
}
