import { Drawer, Stack, Table, Text } from '@mantine/core';
import { useI18n } from '../../i18n/i18n';
import { usePharmacies } from '../../pharmacies/pharmacies.api';
import { Fact } from '../../shared/Fact';
import { formatCalendarDate, formatMoney } from '../../shared/format';
import { QueryState } from '../../shared/QueryState';
import { useEntry } from '../shares.api';

/** One entry and how it was shared: the key, each member's weight and cents (zeros included), their sum. */
export function EntrySplitDrawer({ entryId, onClose }: { entryId: number | null; onClose: () => void }) {
  const { t } = useI18n();
  const entry = useEntry(entryId);
  const names = new Map((usePharmacies().data ?? []).map((p) => [p.id, p.name]));
  const e = entry.data;
  const total = e?.allocation.reduce((s, p) => s + p.cents, 0) ?? 0;
  return (
    <Drawer
      opened={entryId !== null}
      onClose={onClose}
      position="right"
      size="md"
      title={entryId !== null ? t('shares.split.title', { number: entryId }) : ''}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <QueryState query={entry} />
      {e ? (
        <Stack>
          <Fact label={t('shares.field.category')}>{`${e.categoryName} (${t(`shares.kind.${e.kind}`)})`}</Fact>
          <Fact label={t('shares.field.date')}>{formatCalendarDate(e.date)}</Fact>
          <Fact label={t('shares.field.amount')}>{formatMoney(e.amountCents)}</Fact>
          <Fact label={t('shares.field.description')}>{e.description}</Fact>
          {e.reference ? <Fact label={t('shares.field.reference')}>{e.reference}</Fact> : null}
          {e.reversesEntryId ? (
            <Text size="sm">
              {t('shares.split.reverses', { number: e.reversesEntryId, reason: e.reversalReason ?? '' })}
            </Text>
          ) : null}
          {e.reversedByEntryId ? (
            <Text size="sm">{t('shares.split.reversedBy', { number: e.reversedByEntryId })}</Text>
          ) : null}
          <Text size="sm">
            {t('shares.split.key', {
              key: t(`shares.key.${e.allocationKey}`),
              date: formatCalendarDate(e.allocationDate),
            })}
          </Text>
          {e.keyFallback ? (
            <Text size="sm" c="orange.9">
              {t('shares.split.fallback')}
            </Text>
          ) : null}
          {e.allocationError ? (
            <Text size="sm" c="red">
              {t(`errors.${e.allocationError}` as 'errors.shares.no_allocation_weights')}
            </Text>
          ) : (
            <Table aria-label={t('shares.split.table')} striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('shares.col.member')}</Table.Th>
                  <Table.Th ta="right">{t('shares.col.weight')}</Table.Th>
                  <Table.Th ta="right">{t('shares.col.part')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {e.allocation.map((p) => (
                  <Table.Tr key={p.pharmacyId}>
                    <Table.Td>{names.get(p.pharmacyId) ?? p.pharmacyId}</Table.Td>
                    <Table.Td ta="right">{p.weight.toLocaleString('fr-FR')}</Table.Td>
                    <Table.Td ta="right">{formatMoney(p.cents)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
              <Table.Tfoot>
                <Table.Tr>
                  <Table.Th>{t('shares.col.total')}</Table.Th>
                  <Table.Th />
                  <Table.Th ta="right">{formatMoney(total)}</Table.Th>
                </Table.Tr>
              </Table.Tfoot>
            </Table>
          )}
        </Stack>
      ) : null}
    </Drawer>
  );
}
