import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { IconCoins, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import { usePharmacies } from '../../pharmacies/pharmacies.api';
import { type Column, DataTable } from '../../shared/DataTable';
import { Fact } from '../../shared/Fact';
import { formatCalendarDate, formatMoney } from '../../shared/format';
import { PageHeader } from '../../shared/PageHeader';
import { NominalValueModal } from '../components/NominalValueModal';
import { TransactionModal } from '../components/TransactionModal';
import { type Holding, type ShareTransaction, useHoldings, useShareTransactions } from '../shares.api';
import { parisToday } from '../shares.rules';

const number = (n: number) => n.toLocaleString('fr-FR');

/** The share register: who holds how many shares today, and every transaction, numbered. */
export function RegisterPage() {
  const { t } = useI18n();
  const [adding, setAdding] = useState(false);
  const [changingNominal, setChangingNominal] = useState(false);
  const holdings = useHoldings();
  const transactions = useShareTransactions();
  const names = new Map((usePharmacies().data ?? []).map((p) => [p.id, p.name]));
  const name = (id: number | null) => (id === null ? '' : (names.get(id) ?? `#${id}`));
  const h = holdings.data;

  const holdingColumns: Column<Holding>[] = [
    { key: 'name', header: t('shares.col.member'), cell: (row) => row.name, sortBy: (row) => row.name },
    {
      key: 'shares',
      header: t('shares.col.shares'),
      align: 'right',
      cell: (row) => number(row.shares),
      sortBy: (row) => row.shares,
    },
    {
      key: 'percent',
      header: t('shares.col.percent'),
      align: 'right',
      cell: (row) => `${row.percent.toLocaleString('fr-FR', { minimumFractionDigits: 2 })} %`,
    },
    {
      key: 'capital',
      header: t('shares.col.capital'),
      align: 'right',
      visibleFrom: 'sm',
      cell: (row) => (h?.nominalValueCents ? formatMoney(row.shares * h.nominalValueCents) : '—'),
    },
  ];
  const members = (tx: ShareTransaction) =>
    tx.type === 'transfer'
      ? t('shares.transferFromTo', { from: name(tx.pharmacyId), to: name(tx.toPharmacyId) })
      : name(tx.pharmacyId);
  const txColumns: Column<ShareTransaction>[] = [
    // On a phone, one summary per transaction: its number, date and kind, who, and how many shares.
    {
      key: 'summary',
      header: t('shares.register.transactions'),
      hiddenFrom: 'sm',
      cell: (tx) => (
        <Stack gap={2}>
          <Text size="sm" fw={600}>
            {t('shares.register.phoneFacts', {
              id: tx.id,
              date: formatCalendarDate(tx.date),
              type: t(`shares.type.${tx.type}`),
            })}
          </Text>
          <Text size="sm">{members(tx)}</Text>
          <Text size="sm">{t('shares.register.phoneShares', { shares: number(tx.shares) })}</Text>
        </Stack>
      ),
    },
    { key: 'id', header: t('shares.col.number'), cell: (tx) => tx.id, sortBy: (tx) => tx.id, visibleFrom: 'sm' },
    {
      key: 'date',
      header: t('shares.col.date'),
      cell: (tx) => formatCalendarDate(tx.date),
      sortBy: (tx) => tx.date,
      visibleFrom: 'sm',
    },
    { key: 'type', header: t('shares.col.type'), cell: (tx) => t(`shares.type.${tx.type}`), visibleFrom: 'sm' },
    { key: 'members', header: t('shares.col.member'), cell: members, visibleFrom: 'sm' },
    {
      key: 'shares',
      header: t('shares.col.shares'),
      align: 'right',
      cell: (tx) => number(tx.shares),
      visibleFrom: 'sm',
    },
    {
      key: 'value',
      header: t('shares.col.value'),
      align: 'right',
      visibleFrom: 'md',
      cell: (tx) => formatMoney(tx.shares * tx.nominalValueCents),
    },
    { key: 'note', header: t('shares.col.note'), visibleFrom: 'md', cell: (tx) => tx.note ?? '' },
  ];

  return (
    <Stack gap="lg" maw={1200}>
      <PageHeader
        title={t('shares.register.title')}
        subtitle={t('shares.register.subtitle')}
        actions={
          <Group gap="sm">
            <Button leftSection={<IconPlus size={18} />} onClick={() => setAdding(true)}>
              {t('shares.transaction.new')}
            </Button>
            <Button variant="default" leftSection={<IconCoins size={18} />} onClick={() => setChangingNominal(true)}>
              {t('shares.nominal.title')}
            </Button>
          </Group>
        }
      />
      <Title order={2} size="h4">
        {t('shares.register.holdingsToday', { date: formatCalendarDate(parisToday()) })}
      </Title>
      {h ? (
        <Group gap="xl">
          <Fact label={t('shares.register.totalShares')}>{number(h.totalShares)}</Fact>
          <Fact label={t('shares.register.nominal')}>
            {h.nominalValueCents ? formatMoney(h.nominalValueCents) : '—'}
          </Fact>
          <Fact label={t('shares.register.capital')}>
            {h.nominalValueCents ? formatMoney(h.totalShares * h.nominalValueCents) : '—'}
          </Fact>
        </Group>
      ) : null}
      <DataTable
        label={t('shares.register.holdings')}
        columns={holdingColumns}
        rows={h?.items}
        query={holdings}
        rowKey={(row) => row.pharmacyId}
        empty={t('shares.register.noMembers')}
        rowTestId={(row) => `holding-${row.pharmacyId}`}
        phoneMinWidth={0}
      />
      <Title order={2} size="h4">
        {t('shares.register.transactions')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('shares.register.appendOnly')}
      </Text>
      <DataTable
        label={t('shares.register.transactions')}
        columns={txColumns}
        rows={transactions.data ? [...transactions.data.items].reverse() : undefined}
        query={transactions}
        rowKey={(tx) => tx.id}
        empty={t('shares.register.noTransactions')}
        pageSize={20}
        minWidth={560}
        phoneMinWidth={0}
      />
      <TransactionModal opened={adding} onClose={() => setAdding(false)} />
      <NominalValueModal opened={changingNominal} onClose={() => setChangingNominal(false)} />
    </Stack>
  );
}
