import { Alert, Button, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { MonthPickerInput } from '@mantine/dates';
import { IconDownload } from '@tabler/icons-react';
import { useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import { usePharmacies } from '../../pharmacies/pharmacies.api';
import { useCalendarLabels } from '../../shared/calendar';
import { describeError } from '../../shared/errors';
import { formatMoney } from '../../shared/format';
import { type SettlementPair, settlementFileUrl, useSettlement } from '../stock.api';
import { parisToday, previousMonth } from '../stock.rules';

function Balance({ pair, a, b }: { pair: SettlementPair; a: string; b: string }) {
  const { t } = useI18n();
  if (pair.debtorId === null) return <Text size="sm">{t('settlement.even')}</Text>;
  const [debtor, creditor] = pair.debtorId === pair.pharmacyAId ? [a, b] : [b, a];
  return (
    <Text size="sm">
      {t('settlement.owes', { debtor, creditor })} <strong>{formatMoney(pair.netCents)}</strong>
    </Text>
  );
}

/**
 * The month's statement between pharmacies: what each sent the other at cost, netted into
 * one payment per pair, with the number of dépannages each way (they must stay occasional).
 */
export function SettlementPage() {
  const { t } = useI18n();
  const calendarLabels = useCalendarLabels();
  // Months are picked as their first day; the API wants 'YYYY-MM'.
  const [monthStart, setMonthStart] = useState<string | null>(`${previousMonth(parisToday())}-01`);
  const month = monthStart ? monthStart.slice(0, 7) : null;
  const settlement = useSettlement(month);
  const pairs = settlement.data?.pairs ?? [];
  // Five towns, five pharmacies: the town reads faster in a statement of pairs.
  const pharmacies = usePharmacies();
  const town = (id: number, name: string) => pharmacies.data?.find((p) => p.id === id)?.town ?? name;
  const total = pairs.reduce((sum, p) => sum + p.sentAToBCents + p.sentBToACents, 0);

  return (
    <Stack gap="lg" maw={1200}>
      <div>
        <Title order={1} size="h2">
          {t('settlement.title')}
        </Title>
        <Text c="dimmed">{t('settlement.subtitle')}</Text>
      </div>
      <Group align="flex-end" justify="space-between">
        <MonthPickerInput
          label={t('settlement.month')}
          value={monthStart}
          onChange={setMonthStart}
          valueFormat="MMMM YYYY"
          ariaLabels={calendarLabels}
          maxDate={`${parisToday().slice(0, 7)}-01`}
          w={240}
        />
        {month ? (
          <Group gap="sm">
            <Button
              component="a"
              href={settlementFileUrl(month, 'csv')}
              download
              variant="default"
              leftSection={<IconDownload size={18} />}
            >
              {t('settlement.downloadCsv')}
            </Button>
            <Button
              component="a"
              href={settlementFileUrl(month, 'pdf')}
              download
              variant="default"
              leftSection={<IconDownload size={18} />}
            >
              {t('settlement.downloadPdf')}
            </Button>
          </Group>
        ) : null}
      </Group>
      {settlement.error ? (
        <Alert color="red" role="alert">
          {describeError(t, settlement.error)}
        </Alert>
      ) : null}
      {settlement.isPending && month ? <Loader aria-label={t('common.loading')} /> : null}
      {settlement.data ? (
        <Table.ScrollContainer minWidth={680}>
          <Table striped withTableBorder aria-label={t('settlement.title')} bg="white">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('settlement.col.pair')}</Table.Th>
                <Table.Th>{t('settlement.col.aToB')}</Table.Th>
                <Table.Th>{t('settlement.col.bToA')}</Table.Th>
                <Table.Th>{t('settlement.col.balance')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {pairs.length === 0 ? (
                <Table.Tr>
                  <Table.Td colSpan={4}>
                    <Text c="dimmed">{t('settlement.empty')}</Text>
                  </Table.Td>
                </Table.Tr>
              ) : null}
              {pairs.map((pair) => {
                const a = town(pair.pharmacyAId, pair.pharmacyAName);
                const b = town(pair.pharmacyBId, pair.pharmacyBName);
                return (
                  <Table.Tr key={`${pair.pharmacyAId}-${pair.pharmacyBId}`}>
                    <Table.Td>
                      <Text size="sm" fw={500} title={`${pair.pharmacyAName} – ${pair.pharmacyBName}`}>
                        {t('settlement.pair', { a, b })}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="xs" c="dimmed">
                        {t('settlement.direction', { from: a, to: b })}
                      </Text>
                      <Text size="sm" fw={500}>
                        {formatMoney(pair.sentAToBCents)}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {t('settlement.transfers', { count: pair.transfersAToB })}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="xs" c="dimmed">
                        {t('settlement.direction', { from: b, to: a })}
                      </Text>
                      <Text size="sm" fw={500}>
                        {formatMoney(pair.sentBToACents)}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {t('settlement.transfers', { count: pair.transfersBToA })}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Balance pair={pair} a={a} b={b} />
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
            {pairs.length > 0 ? (
              <Table.Tfoot>
                <Table.Tr>
                  <Table.Th colSpan={4}>{t('settlement.total', { value: formatMoney(total) })}</Table.Th>
                </Table.Tr>
              </Table.Tfoot>
            ) : null}
          </Table>
        </Table.ScrollContainer>
      ) : null}
    </Stack>
  );
}
