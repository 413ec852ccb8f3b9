import { Anchor, Drawer, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { isMessageKey, useI18n } from '../../i18n/i18n';
import { DataTable } from '../../shared/DataTable';
import { Fact } from '../../shared/Fact';
import { formatCalendarDate, formatDate, formatUnitCost } from '../../shared/format';
import { QueryState } from '../../shared/QueryState';
import { type Movement, useLot } from '../stock.api';
import { ExpiryDate } from './ExpiryDate';

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
      {lotId !== null && !lot.data ? <QueryState query={lot} /> : null}
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
            <Fact label={t('stock.col.unitCost')}>{formatUnitCost(lot.data.unitCostMillicents)}</Fact>
            <Fact label={t('stock.col.onHand')}>{lot.data.quantity}</Fact>
            <Fact label={t('stock.col.reserved')}>{lot.data.reserved}</Fact>
            <Fact label={t('stock.col.available')}>{lot.data.available}</Fact>
          </SimpleGrid>
          <Text fw={600} mt="sm">
            {t('stock.lot.movements')}
          </Text>
          <DataTable<Movement>
            label={t('stock.lot.movements')}
            rows={lot.data.movements}
            rowKey={(movement) => movement.id}
            empty={null}
            minWidth={480}
            columns={[
              { key: 'day', header: t('stock.col.day'), cell: (movement) => formatCalendarDate(movement.day) },
              { key: 'kind', header: t('stock.col.movement'), cell: (movement) => kindLabel(movement.kind) },
              {
                key: 'quantity',
                header: t('stock.col.quantity'),
                align: 'right',
                cell: (movement) => (movement.quantity > 0 ? `+${movement.quantity}` : movement.quantity),
                td: (movement) => ({ c: movement.quantity < 0 ? 'red.8' : 'teal.9', fw: 500 }),
              },
              {
                key: 'reason',
                header: t('stock.col.reason'),
                cell: (movement) => (
                  <Group gap={6}>
                    {reason(movement)}
                    {movement.transferId ? (
                      <Anchor component={Link} to={`/transfers/${movement.transferId}`} size="sm">
                        {t('stock.lot.transfer', { id: movement.transferId })}
                      </Anchor>
                    ) : null}
                    {movement.robotRunVoidedAt ? (
                      <Text size="xs" c="orange.9" data-testid={`movement-rejected-${movement.id}`}>
                        {t('stock.lot.robotRunRejected', { at: formatDate(movement.robotRunVoidedAt) })}
                      </Text>
                    ) : null}
                    {movement.counterpartPharmacyName ? (
                      <Text size="sm" c="dimmed">
                        {t(movement.quantity < 0 ? 'stock.lot.sentTo' : 'stock.lot.receivedFrom', {
                          pharmacy: movement.counterpartPharmacyName,
                        })}
                      </Text>
                    ) : null}
                  </Group>
                ),
              },
              {
                key: 'by',
                header: t('stock.col.by'),
                cell: (movement) => (
                  <>
                    <Text
                      size="sm"
                      c={movement.userName ? undefined : 'dimmed'}
                      fs={movement.userName ? undefined : 'italic'}
                    >
                      {movement.userName ?? t('stock.lot.noPerson')}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {movement.pharmacyName}
                    </Text>
                  </>
                ),
                td: (movement) => ({ 'data-testid': `movement-by-${movement.id}` }),
              },
            ]}
          />
        </Stack>
      ) : null}
    </Drawer>
  );
}
