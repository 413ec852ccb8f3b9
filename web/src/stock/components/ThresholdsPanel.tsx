import { ActionIcon, Button, Group, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { IconPencil, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import { type ThresholdItem, useThresholds } from '../stock.api';
import { ProductName } from './ProductName';
import { QueryState } from './QueryState';
import { ThresholdModal } from './ThresholdModal';

/** The minimum quantities of our pharmacy, added and changed one product at a time. */
export function ThresholdsPanel() {
  const { t } = useI18n();
  const thresholds = useThresholds();
  const [target, setTarget] = useState<{ threshold: ThresholdItem | null } | null>(null);
  const items = thresholds.data ?? [];
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
      <QueryState query={thresholds} />
      {thresholds.data ? (
        <Table.ScrollContainer minWidth={560}>
          <Table striped withTableBorder aria-label={t('stockAlerts.tab.thresholds')} bg="white">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('stock.col.product')}</Table.Th>
                <Table.Th ta="right">{t('stockAlerts.col.minQuantity')}</Table.Th>
                <Table.Th>
                  <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.length === 0 ? (
                <Table.Tr>
                  <Table.Td colSpan={3}>
                    <Text c="dimmed">{t('stockAlerts.thresholds.empty')}</Text>
                  </Table.Td>
                </Table.Tr>
              ) : null}
              {items.map((item) => (
                <Table.Tr key={item.cip13}>
                  <Table.Td>
                    <ProductName label={item.productLabel} cip13={item.cip13} />
                  </Table.Td>
                  <Table.Td ta="right">{item.minQuantity}</Table.Td>
                  <Table.Td ta="right">
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      aria-label={`${t('common.edit')} ${item.productLabel}`}
                      onClick={() => setTarget({ threshold: item })}
                    >
                      <IconPencil size={18} />
                    </ActionIcon>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
      <ThresholdModal target={target} onClose={() => setTarget(null)} />
    </Stack>
  );
}
