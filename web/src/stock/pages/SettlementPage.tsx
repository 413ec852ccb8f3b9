import { ActionIcon, Alert, Anchor, Badge, Button, Group, Stack, Text, Title } from '@mantine/core';
import { MonthPickerInput } from '@mantine/dates';
import {
  IconAlertTriangle,
  IconArrowBackUp,
  IconCheck,
  IconChevronLeft,
  IconChevronRight,
  IconDownload,
} from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useSessionUser } from '../../auth/auth-context';
import { useI18n } from '../../i18n/i18n';
import { ConfirmModal } from '../../shared/ConfirmModal';
import { useCalendarLabels } from '../../shared/calendar';
import { type Column, DataTable } from '../../shared/DataTable';
import { formatDate, formatMoney, formatMonth } from '../../shared/format';
import { useMutation } from '../../shared/mutation';
import { notifySaved } from '../../shared/notify';
import { PageHeader } from '../../shared/PageHeader';
import { UnreadAddressNotice } from '../../shared/UnreadAddressNotice';
import { usePharmacyTown } from '../pharmacy-town';
import {
  markSettlementPaid,
  refreshSettlement,
  type Settlement,
  type SettlementPair,
  type SettlementTransfer,
  type SettlementYearMonth,
  settlementFileUrl,
  undoSettlementPayment,
  useSettlement,
  useSettlementYear,
} from '../settlement.api';
import { parisToday, previousMonth } from '../stock.rules';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

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

/** A line's payment: paid (when, by whom), provisional, to pay, or nothing to pay. */
function PaymentState({ pair }: { pair: SettlementPair }) {
  const { t } = useI18n();
  if (pair.payment)
    return (
      <Stack gap={2}>
        <Badge color="teal" variant="light" leftSection={<IconCheck size={14} />}>
          {t('settlement.state.paid')}
        </Badge>
        <Text size="xs" c="dimmed">
          {t('settlement.paidBy', {
            date: formatDate(pair.payment.markedAt),
            name: pair.payment.markedByName ?? '—',
          })}
        </Text>
      </Stack>
    );
  if (pair.netCents === 0) return <Text size="sm">—</Text>;
  return pair.provisional ? (
    <Badge color="orange" variant="light">
      {t('settlement.state.provisional')}
    </Badge>
  ) : (
    <Badge color="blue" variant="light">
      {t('settlement.state.toPay')}
    </Badge>
  );
}

type Confirm = { kind: 'mark'; pair: SettlementPair } | { kind: 'undo'; pair: SettlementPair };

/** A month of the year list in words: provisional, paid, partly paid, to pay, or nothing to pay. */
function MonthState({ item }: { item: SettlementYearMonth }) {
  const { t } = useI18n();
  if (item.provisional)
    return (
      <Group gap={6}>
        <Badge color="orange" variant="light">
          {t('settlement.state.provisional')}
        </Badge>
        {item.paid > 0 ? (
          <Text size="xs" c="dimmed">
            {t('settlement.state.partlyPaid', { paid: item.paid, count: item.payments })}
          </Text>
        ) : null}
      </Group>
    );
  if (item.payments === 0) return <Text size="sm">{t('settlement.state.nothing')}</Text>;
  if (item.paid === item.payments)
    return (
      <Badge color="teal" variant="light" leftSection={<IconCheck size={14} />}>
        {t('settlement.state.paid')}
      </Badge>
    );
  return (
    <Badge color="blue" variant="light">
      {item.paid === 0
        ? t('settlement.state.toPay')
        : t('settlement.state.partlyPaid', { paid: item.paid, count: item.payments })}
    </Badge>
  );
}

function FileLinks({ month, label }: { month: string; label: string }) {
  const { t } = useI18n();
  return (
    <Group gap="xs" wrap="nowrap">
      {(['csv', 'pdf'] as const).map((format) => (
        <Anchor
          key={format}
          href={settlementFileUrl(month, format)}
          download
          size="sm"
          aria-label={t(format === 'csv' ? 'settlement.year.csvOf' : 'settlement.year.pdfOf', { month: label })}
        >
          {format.toUpperCase()}
        </Anchor>
      ))}
    </Group>
  );
}

/** The year's statements: each month's totals and state, a link to open it, its files. */
function YearStatements({
  year,
  selected,
  onYear,
  onOpen,
}: {
  year: number;
  selected: string;
  onYear: (y: number) => void;
  onOpen: (m: string) => void;
}) {
  const { t, lang } = useI18n();
  const statements = useSettlementYear(year);
  const thisYear = Number(parisToday().slice(0, 4));
  const columns: Column<SettlementYearMonth>[] = [
    {
      key: 'month',
      header: t('settlement.month'),
      cell: (item) => (
        <Anchor
          component="button"
          type="button"
          size="sm"
          fw={item.month === selected ? 700 : 500}
          aria-current={item.month === selected ? 'true' : undefined}
          onClick={() => onOpen(item.month)}
        >
          {formatMonth(item.month, lang)}
        </Anchor>
      ),
    },
    { key: 'transfers', header: t('settlement.year.transfers'), align: 'right', cell: (item) => item.transfers },
    {
      key: 'volume',
      header: t('settlement.year.volume'),
      align: 'right',
      visibleFrom: 'md',
      cell: (item) => formatMoney(item.volumeCents),
    },
    { key: 'due', header: t('settlement.year.due'), align: 'right', cell: (item) => formatMoney(item.dueCents) },
    { key: 'state', header: t('settlement.year.state'), cell: (item) => <MonthState item={item} /> },
    {
      key: 'files',
      header: t('settlement.year.files'),
      cell: (item) => <FileLinks month={item.month} label={formatMonth(item.month, lang)} />,
    },
  ];
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={2} size="h4">
          {t('settlement.year.title', { year })}
        </Title>
        <Group gap="xs">
          <ActionIcon variant="default" aria-label={t('settlement.year.previous')} onClick={() => onYear(year - 1)}>
            <IconChevronLeft size={18} />
          </ActionIcon>
          <ActionIcon
            variant="default"
            aria-label={t('settlement.year.next')}
            disabled={year >= thisYear}
            onClick={() => onYear(year + 1)}
          >
            <IconChevronRight size={18} />
          </ActionIcon>
        </Group>
      </Group>
      <DataTable
        label={t('settlement.year.title', { year })}
        columns={columns}
        rows={statements.data ? [...statements.data.items].reverse() : undefined}
        query={statements}
        rowKey={(item) => item.month}
        rowTestId={(item) => `settlement-month-${item.month}`}
        empty={t('settlement.year.empty')}
        minWidth={620}
      />
    </Stack>
  );
}

function ProvisionalNotice({ settlement }: { settlement: Settlement }) {
  const { t } = useI18n();
  if (!settlement.provisional) return null;
  return (
    <Alert color="orange" icon={<IconAlertTriangle size={18} />} title={t('settlement.provisional.title')}>
      <Stack gap={2}>
        {settlement.monthOver ? null : <Text size="sm">{t('settlement.provisional.monthOpen')}</Text>}
        {settlement.openTransfers > 0 ? (
          <Text size="sm">{t('settlement.provisional.openTransfers', { count: settlement.openTransfers })}</Text>
        ) : null}
        <Text size="sm">
          {t(settlement.monthOver ? 'settlement.provisional.someLines' : 'settlement.provisional.noPay')}
        </Text>
      </Stack>
    </Alert>
  );
}

/**
 * The month's statement between pharmacies: what each sent the other at cost, netted into one
 * payment per pair with its state (provisional, to pay, paid — marked by the treasurer or the
 * creditor's pharmacist, undoable), the dépannages received with their lots, and the year's
 * statements. The month is in the address (`?month=2026-10`) so the home card and the year
 * list link to it.
 */
export function SettlementPage() {
  const { t, lang } = useI18n();
  const user = useSessionUser();
  const queryClient = useQueryClient();
  const calendarLabels = useCalendarLabels();
  const [params, setParams] = useSearchParams();
  const asked = params.get('month');
  const month = asked && MONTH.test(asked) ? asked : previousMonth(parisToday());
  const unreadMonth = asked !== null && !MONTH.test(asked) ? asked : null;
  const [year, setYear] = useState(Number(month.slice(0, 4)));
  const openMonth = (m: string) => {
    setParams({ month: m });
    setYear(Number(m.slice(0, 4)));
  };
  const settlement = useSettlement(month);
  const pairs = settlement.data?.pairs ?? [];
  const town = usePharmacyTown();
  const names = (pair: SettlementPair) =>
    [town(pair.pharmacyAId, pair.pharmacyAName), town(pair.pharmacyBId, pair.pharmacyBName)] as const;
  const total = pairs.reduce((sum, p) => sum + p.sentAToBCents + p.sentBToACents, 0);
  const mayMark = (pair: SettlementPair) =>
    pair.creditorId !== null &&
    (user.role === 'treasurer' || (user.role === 'pharmacist' && user.pharmacy?.id === pair.creditorId));
  const [confirm, setConfirm] = useState<Confirm | null>(null);
  const isStaff = user.role === 'pharmacist' || user.role === 'technician';
  const nameOf = (pair: SettlementPair, id: number | null) =>
    id === pair.pharmacyAId ? pair.pharmacyAName : pair.pharmacyBName;

  const payment = useMutation({
    mutationFn: (c: Confirm) =>
      c.kind === 'mark'
        ? markSettlementPaid({
            month,
            debtorPharmacyId: c.pair.debtorId as number,
            creditorPharmacyId: c.pair.creditorId as number,
          })
        : undoSettlementPayment(c.pair.payment?.id as number),
    onSuccess: async (_, c) => {
      await refreshSettlement(queryClient);
      setConfirm(null);
      notifySaved(t(c.kind === 'mark' ? 'settlement.mark.done' : 'settlement.undo.done'));
    },
    onError: () => refreshSettlement(queryClient),
  });

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
      visibleFrom: 'md',
      cell: (pair) => {
        const [a, b] = names(pair);
        return <Direction from={a} to={b} cents={pair.sentAToBCents} count={pair.transfersAToB} />;
      },
    },
    {
      key: 'bToA',
      header: t('settlement.col.bToA'),
      visibleFrom: 'md',
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
    {
      key: 'payment',
      header: t('settlement.col.payment'),
      cell: (pair) => {
        const [a, b] = names(pair);
        const label = t('settlement.pair', { a, b });
        return (
          <Stack gap={6} align="flex-start">
            <PaymentState pair={pair} />
            {mayMark(pair) && pair.payment ? (
              <Button
                size="compact-xs"
                variant="subtle"
                color="gray"
                leftSection={<IconArrowBackUp size={14} />}
                aria-label={t('settlement.undo.label', { pair: label })}
                onClick={() => {
                  payment.reset();
                  setConfirm({ kind: 'undo', pair });
                }}
              >
                {t('settlement.undo.button')}
              </Button>
            ) : null}
            {mayMark(pair) && !pair.payment && !pair.provisional && pair.netCents > 0 ? (
              <Button
                size="compact-sm"
                variant="light"
                leftSection={<IconCheck size={14} />}
                aria-label={t('settlement.mark.label', { pair: label })}
                onClick={() => {
                  payment.reset();
                  setConfirm({ kind: 'mark', pair });
                }}
              >
                {t('settlement.mark.button')}
              </Button>
            ) : null}
          </Stack>
        );
      },
    },
  ];

  const transferColumns: Column<SettlementTransfer>[] = [
    {
      key: 'id',
      header: t('settlement.detail.number'),
      td: () => ({ style: { whiteSpace: 'nowrap' } }),
      // Staff see only their own pairs' transfers, so each opens its page; the treasurer reads none.
      cell: (x) =>
        isStaff ? (
          <Anchor component={Link} to={`/transfers/${x.id}`} size="sm">
            {t('transfers.number', { id: x.id })}
          </Anchor>
        ) : (
          t('transfers.number', { id: x.id })
        ),
    },
    {
      key: 'date',
      header: t('settlement.detail.received'),
      td: () => ({ style: { whiteSpace: 'nowrap' } }),
      cell: (x) => formatDate(x.receivedAt),
    },
    {
      key: 'route',
      header: t('settlement.detail.route'),
      cell: (x) =>
        t('settlement.direction', {
          from: town(x.fromPharmacyId, x.fromPharmacyName),
          to: town(x.toPharmacyId, x.toPharmacyName),
        }),
    },
    { key: 'product', header: t('settlement.detail.product'), cell: (x) => x.productLabel },
    { key: 'lots', header: t('settlement.detail.lots'), visibleFrom: 'md', cell: (x) => x.lots },
    { key: 'quantity', header: t('settlement.detail.quantity'), align: 'right', cell: (x) => x.quantity },
    { key: 'value', header: t('settlement.detail.value'), align: 'right', cell: (x) => formatMoney(x.valueCents) },
  ];

  const confirmPair = confirm?.pair;
  const confirmText = confirmPair
    ? {
        debtor: nameOf(confirmPair, confirmPair.debtorId),
        creditor: nameOf(confirmPair, confirmPair.creditorId),
        amount: formatMoney(confirmPair.netCents),
        month: formatMonth(month, lang),
        date: confirmPair.payment ? formatDate(confirmPair.payment.markedAt) : '',
      }
    : null;

  return (
    <Stack gap="lg" maw={1200}>
      <PageHeader title={t('settlement.title')} subtitle={t('settlement.subtitle')} />
      <UnreadAddressNotice value={unreadMonth} shown={formatMonth(month, lang)} />
      <Group align="flex-end" justify="space-between">
        <Group align="flex-end" gap="sm">
          <MonthPickerInput
            label={t('settlement.month')}
            value={`${month}-01`}
            onChange={(value) => value && openMonth(value.slice(0, 7))}
            valueFormat="MMMM YYYY"
            ariaLabels={calendarLabels}
            maxDate={`${parisToday().slice(0, 7)}-01`}
            w={220}
          />
          {settlement.data?.provisional ? (
            <Badge color="orange" size="lg" variant="light" mb={6} data-testid="settlement-provisional">
              {t('settlement.state.provisional')}
            </Badge>
          ) : null}
        </Group>
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
      </Group>
      {settlement.data ? <ProvisionalNotice settlement={settlement.data} /> : null}
      <DataTable
        label={t('settlement.title')}
        columns={columns}
        rows={settlement.data?.pairs}
        query={settlement}
        rowKey={(pair) => `${pair.pharmacyAId}-${pair.pharmacyBId}`}
        rowTestId={(pair) => `settlement-pair-${pair.pharmacyAId}-${pair.pharmacyBId}`}
        empty={t('settlement.empty')}
        minWidth={560}
        footer={t('settlement.total', { value: formatMoney(total) })}
      />
      {settlement.data && settlement.data.transfers.length > 0 ? (
        <Stack gap="sm">
          <Title order={2} size="h4">
            {t('settlement.detail.title')}
          </Title>
          <DataTable
            label={t('settlement.detail.title')}
            columns={transferColumns}
            rows={settlement.data.transfers}
            rowKey={(x) => x.id}
            empty={t('settlement.empty')}
            minWidth={620}
            pageSize={20}
          />
        </Stack>
      ) : null}
      <YearStatements year={year} selected={month} onYear={setYear} onOpen={openMonth} />
      <ConfirmModal
        opened={confirm !== null}
        title={confirm ? t(confirm.kind === 'mark' ? 'settlement.mark.title' : 'settlement.undo.title') : ''}
        message={
          confirm && confirmText
            ? t(confirm.kind === 'mark' ? 'settlement.mark.confirm' : 'settlement.undo.confirm', confirmText)
            : ''
        }
        confirmLabel={confirm ? t(confirm.kind === 'mark' ? 'settlement.mark.submit' : 'settlement.undo.submit') : ''}
        cancelLabel={t('common.back')}
        color={confirm?.kind === 'undo' ? 'red' : undefined}
        loading={payment.isPending}
        error={payment.error}
        onConfirm={() => confirm && payment.mutate(confirm)}
        onClose={() => setConfirm(null)}
      />
    </Stack>
  );
}
