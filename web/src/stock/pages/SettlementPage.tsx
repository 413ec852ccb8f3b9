import { Button, Group, Stack, Text } from '@mantine/core';
import { MonthPickerInput } from '@mantine/dates';
import { IconDownload } from '@tabler/icons-react';
import { useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import { useCalendarLabels } from '../../shared/calendar';
import { type Column, DataTable } from '../../shared/DataTable';
import { formatMoney } from '../../shared/format';
import { PageHeader } from '../../shared/PageHeader';
import { usePharmacyTown } from '../pharmacy-town';
import { type SettlementPair, settlementFileUrl, useSettlement } from '../stock.api';
import { parisToday, previousMonth } from '../stock.rules';

/** One direction of a pair: who sent to whom, at what cost, in how many dépannages. */
function Direction({ from, to, cents, count }: { from: string; to: string; cents: number; count: number }) {
  const { t } = useI18n();
  return (
    <>
      <Text size="xs" c="dimmed">
        {t('settlement.direction', { from, to })}
      </Text>
      <Text size="sm" fw={500}>
        {formatMoney(cents)}
      </Text>
      <Text size="xs" c="dimmed">
        {t('settlement.transfers', { count })}
      </Text>
    </>
  );
}

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
  const town = usePharmacyTown();
  const names = (pair: SettlementPair) =>
    [town(pair.pharmacyAId, pair.pharmacyAName), town(pair.pharmacyBId, pair.pharmacyBName)] as const;
  const total = pairs.reduce((sum, p) => sum + p.sentAToBCents + p.sentBToACents, 0);

  const columns: Column<SettlementPair>[] = [
    {
      key: 'pair',
      header: t('settlement.col.pair'),
      cell: (pair) => {
        const [a, b] = names(pair);
        return (
          <Text size="sm" fw={500} title={`${pair.pharmacyAName} – ${pair.pharmacyBName}`}>
            {t('settlement.pair', { a, b })}
          </Text>
        );
      },
    },
    {
      key: 'aToB',
      header: t('settlement.col.aToB'),
      cell: (pair) => {
        const [a, b] = names(pair);
        return <Direction from={a} to={b} cents={pair.sentAToBCents} count={pair.transfersAToB} />;
      },
    },
    {
      key: 'bToA',
      header: t('settlement.col.bToA'),
      cell: (pair) => {
        const [a, b] = names(pair);
        return <Direction from={b} to={a} cents={pair.sentBToACents} count={pair.transfersBToA} />;
      },
    },
    {
      key: 'balance',
      header: t('settlement.col.balance'),
      sortBy: (pair) => pair.netCents,
      cell: (pair) => {
        const [a, b] = names(pair);
        return <Balance pair={pair} a={a} b={b} />;
      },
    },
  ];

  return (
    <Stack gap="lg" maw={1200}>
      <PageHeader title={t('settlement.title')} subtitle={t('settlement.subtitle')} />
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
            {(['csv', 'pdf'] as const).map((format) => (
              <Button
                key={format}
                component="a"
                href={settlementFileUrl(month, format)}
                download
                variant="default"
                leftSection={<IconDownload size={18} />}
              >
                {t(format === 'csv' ? 'settlement.downloadCsv' : 'settlement.downloadPdf')}
              </Button>
            ))}
          </Group>
        ) : null}
      </Group>
      {month ? (
        <DataTable
          label={t('settlement.title')}
          columns={columns}
          rows={settlement.data?.pairs}
          query={settlement}
          rowKey={(pair) => `${pair.pharmacyAId}-${pair.pharmacyBId}`}
          empty={t('settlement.empty')}
          minWidth={680}
          footer={t('settlement.total', { value: formatMoney(total) })}
        />
      ) : null}
    </Stack>
  );
}
