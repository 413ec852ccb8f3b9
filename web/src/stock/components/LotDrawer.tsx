import { Alert, Anchor, Drawer, Group, Loader, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { isMessageKey, useI18n } from '../../i18n/i18n';
import { describeError } from '../../shared/errors';
import { formatCalendarDate, formatMoney } from '../../shared/format';
import { type Movement, useLot } from '../stock.api';
import { ExpiryDate } from './ExpiryDate';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={500} component="div">
        {children}
      </Text>
    </div>
  );
}

/** A movement's reason: destruction reasons are codes, adjustment reasons free text. */
function useReason() {
  const { t } = useI18n();
  return (movement: Movement) => {
    if (!movement.reason) return '';
    const key = `stock.destructionReason.${movement.reason}`;
    return movement.kind === 'destruction' && isMessageKey(key) ? t(key) : movement.reason;
  };
}

/** One lot of our pharmacy with every movement that made its balance. */
export function LotDrawer({ lotId, onClose }: { lotId: number | null; onClose: () => void }) {
  const { t } = useI18n();
  const lot = useLot(lotId);
  const reason = useReason();
  const kindLabel = (kind: string) => {
    const key = `stock.movement.${kind}`;
    return isMessageKey(key) ? t(key) : kind;
  };
  return (
    <Drawer
      opened={lotId !== null}
      onClose={onClose}
      position="right"
      size="lg"
      title={lot.data ? t('stock.lot.title', { lotNumber: lot.data.lotNumber }) : t('common.loading')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {lot.error ? (
        <Alert color="red" role="alert">
          {describeError(t, lot.error)}
        </Alert>
      ) : null}
      {lot.isPending && lotId !== null ? <Loader aria-label={t('common.loading')} /> : null}
      {lot.data ? (
        <Stack>
          <div>
            <Text fw={600}>{lot.data.productLabel}</Text>
            <Text size="sm" c="dimmed" ff="monospace">
              {lot.data.cip13}
            </Text>
          </div>
          <SimpleGrid cols={3}>
            <Fact label={t('stock.col.expiry')}>
              <ExpiryDate date={lot.data.expiryDate} />
            </Fact>
            <Fact label={t('stock.col.unitCost')}>{formatMoney(lot.data.unitCostCents)}</Fact>
            <Fact label={t('stock.col.onHand')}>{lot.data.quantity}</Fact>
            <Fact label={t('stock.col.reserved')}>{lot.data.reserved}</Fact>
            <Fact label={t('stock.col.available')}>{lot.data.available}</Fact>
          </SimpleGrid>
          <Text fw={600} mt="sm">
            {t('stock.lot.movements')}
          </Text>
          <Table.ScrollContainer minWidth={420}>
            <Table striped withTableBorder aria-label={t('stock.lot.movements')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('stock.col.day')}</Table.Th>
                  <Table.Th>{t('stock.col.movement')}</Table.Th>
                  <Table.Th ta="right">{t('stock.col.quantity')}</Table.Th>
                  <Table.Th>{t('stock.col.reason')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {lot.data.movements.map((movement) => (
                  <Table.Tr key={movement.id}>
                    <Table.Td>{formatCalendarDate(movement.day)}</Table.Td>
                    <Table.Td>{kindLabel(movement.kind)}</Table.Td>
                    <Table.Td ta="right" c={movement.quantity < 0 ? 'red.8' : 'teal.9'} fw={500}>
                      {movement.quantity > 0 ? `+${movement.quantity}` : movement.quantity}
                    </Table.Td>
                    <Table.Td>
                      <Group gap={6}>
                        {reason(movement)}
                        {movement.transferId ? (
                          <Anchor component={Link} to={`/transfers/${movement.transferId}`} size="sm">
                            {t('stock.lot.transfer', { id: movement.transferId })}
                          </Anchor>
                        ) : null}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Stack>
      ) : null}
    </Drawer>
  );
}
