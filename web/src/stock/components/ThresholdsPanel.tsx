import { Button, Group, Stack, Text } from '@mantine/core';
import { IconPencil, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import { DataTable } from '../../shared/DataTable';
import { type ThresholdItem, useThresholds } from '../stock.api';
import { ProductName } from './ProductName';
import { ThresholdModal } from './ThresholdModal';

/** The minimum quantities of our pharmacy, added and changed one product at a time. */
export function ThresholdsPanel() {
  const { t } = useI18n();
  const thresholds = useThresholds();
  const [target, setTarget] = useState<{ threshold: ThresholdItem | null } | null>(null);
  return (
    <Stack>
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {t('stockAlerts.thresholds.hint')}
        </Text>
        <Button leftSection={<IconPlus size={18} />} onClick={() => setTarget({ threshold: null })}>
          {t('stockAlerts.thresholds.new')}
        </Button>
      </Group>
      <DataTable<ThresholdItem>
        label={t('stockAlerts.tab.thresholds')}
        rows={thresholds.data}
        query={thresholds}
        rowKey={(item) => item.cip13}
        empty={t('stockAlerts.thresholds.empty')}
        pageSize={50}
        minWidth={560}
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
            sortBy: (item) => item.minQuantity,
            cell: (item) => item.minQuantity,
          },
        ]}
        rowName={(item) => item.productLabel}
        actions={(item) => [
          { label: t('common.edit'), icon: IconPencil, onClick: () => setTarget({ threshold: item }) },
        ]}
      />
      <ThresholdModal target={target} onClose={() => setTarget(null)} />
    </Stack>
  );
}
