import { Anchor, Badge, Group, Stack, Tabs, Text } from '@mantine/core';
import { Link, useSearchParams } from 'react-router';
import { useI18n } from '../../i18n/i18n';
import { type Column, DataTable } from '../../shared/DataTable';
import { formatDate, formatMoney, formatTime } from '../../shared/format';
import { PageHeader } from '../../shared/PageHeader';
import { ProductName } from '../components/ProductName';
import { type OnTransferAction, TransferActionButtons, useTransferActions } from '../components/TransferActions';
import { TransferStatusBadge, UrgencyBadge } from '../components/TransferBadges';
import { usePharmacyTown } from '../pharmacy-town';
import { type TransferBox, type TransferSummary, useTransfers } from '../stock.api';
import { transferActions } from '../stock.rules';

function quantityText(t: ReturnType<typeof useI18n>['t'], transfer: TransferSummary): string {
  if (transfer.quantityAccepted !== null && transfer.quantityAccepted !== transfer.quantityRequested) {
    return t('transfers.partial', { accepted: transfer.quantityAccepted, requested: transfer.quantityRequested });
  }
  return String(transfer.quantityRequested);
}

function TransferTable({
  box,
  query,
  onAction,
}: {
  box: TransferBox;
  query: ReturnType<typeof useTransfers>;
  onAction: OnTransferAction;
}) {
  const { t } = useI18n();
  // The other pharmacy by its town: six columns must fit a tablet without scrolling the actions away.
  const town = usePharmacyTown();
  const other = (transfer: TransferSummary) =>
    box === 'inbox'
      ? { name: transfer.toPharmacyName, town: town(transfer.toPharmacyId, transfer.toPharmacyName) }
      : { name: transfer.fromPharmacyName, town: town(transfer.fromPharmacyId, transfer.fromPharmacyName) };
  const columns: Column<TransferSummary>[] = [
    {
      key: 'requestedAt',
      header: t('transfers.col.requestedAt'),
      sortBy: (transfer) => transfer.requestedAt,
      cell: (transfer) => (
        <>
          <Text size="sm">{formatDate(transfer.requestedAt)}</Text>
          <Text size="xs" c="dimmed">
            {formatTime(transfer.requestedAt)} ·{' '}
            <Anchor component={Link} to={`/transfers/${transfer.id}`} size="xs" underline="always">
              {t('transfers.number', { id: transfer.id })}
            </Anchor>
          </Text>
        </>
      ),
    },
    {
      key: 'product',
      header: t('transfers.col.product'),
      sortBy: (transfer) => transfer.productLabel,
      cell: (transfer) => (
        <>
          <ProductName label={transfer.productLabel} cip13={transfer.cip13} />
          <Text size="xs" mt={4}>
            {t('transfers.reasonText', { reason: transfer.reason })}
          </Text>
          {transfer.rejectionReason ? (
            <Text size="xs" c="red.8">
              {t('transfers.rejectionReason', { reason: transfer.rejectionReason })}
            </Text>
          ) : null}
          {transfer.receiptNote ? (
            <Text size="xs" c="orange.9">
              {t('transfers.receiptNote', { note: transfer.receiptNote })}
            </Text>
          ) : null}
        </>
      ),
    },
    {
      key: 'other',
      header: box === 'inbox' ? t('transfers.col.requestedBy') : t('transfers.col.requestedOf'),
      cell: (transfer) => other(transfer).town,
      td: (transfer) => ({ title: other(transfer).name }),
    },
    {
      key: 'quantity',
      header: t('transfers.col.quantity'),
      align: 'right',
      cell: (transfer) => quantityText(t, transfer),
    },
    {
      key: 'status',
      header: t('common.status'),
      sortBy: (transfer) => transfer.status,
      cell: (transfer) => (
        <Stack gap={4} align="flex-start">
          <TransferStatusBadge status={transfer.status} />
          {transfer.urgency === 'urgent' ? <UrgencyBadge urgency="urgent" /> : null}
          {transfer.valueCents !== null ? (
            <Text size="xs" c="dimmed">
              {t('transfers.value', { value: formatMoney(transfer.valueCents) })}
            </Text>
          ) : null}
        </Stack>
      ),
    },
    {
      key: 'actions',
      header: t('common.actions'),
      cell: (transfer) => <TransferActionButtons box={box} transfer={transfer} onAction={onAction} />,
    },
  ];
  return (
    <DataTable
      label={t(`transfers.tab.${box}`)}
      columns={columns}
      rows={query.data}
      query={query}
      rowKey={(transfer) => transfer.id}
      rowTestId={(transfer) => `transfer-row-${transfer.id}`}
      empty={t(`transfers.empty.${box}`)}
      pageSize={50}
      minWidth={720}
    />
  );
}

/** Dépannages asked of us (inbox) and asked by us (outbox), each row with the steps that are ours now. */
export function TransfersPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const box: TransferBox = params.get('tab') === 'outbox' ? 'outbox' : 'inbox';
  const inbox = useTransfers('inbox');
  const outbox = useTransfers('outbox');
  const current = box === 'inbox' ? inbox : outbox;
  const { onAction, modals } = useTransferActions();

  const waiting = (list: TransferSummary[] | undefined, which: TransferBox) =>
    (list ?? []).filter((x) => transferActions(which, x.status).some((a) => a !== 'cancel')).length;
  const tabLabel = (which: TransferBox, count: number) => (
    <Group gap={6} wrap="nowrap">
      {t(`transfers.tab.${which}`)}
      {count > 0 ? (
        <Badge size="sm" color="orange" circle>
          {count}
        </Badge>
      ) : null}
    </Group>
  );

  return (
    <Stack gap="lg" maw={1300}>
      <PageHeader
        title={t('transfers.title')}
        subtitle={t('transfers.subtitle')}
        actions={
          <>
            <Anchor component={Link} to="/pool">
              {t('transfers.askNew')}
            </Anchor>
            <Anchor component={Link} to="/transfers/settlement">
              {t('nav.settlement')}
            </Anchor>
          </>
        }
      />
      <Tabs
        value={box}
        onChange={(value) => setParams(value === 'outbox' ? { tab: 'outbox' } : {}, { replace: true })}
        keepMounted={false}
      >
        <Tabs.List>
          <Tabs.Tab value="inbox">{tabLabel('inbox', waiting(inbox.data, 'inbox'))}</Tabs.Tab>
          <Tabs.Tab value="outbox">{tabLabel('outbox', waiting(outbox.data, 'outbox'))}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value={box} pt="md">
          <Text size="sm" c="dimmed" mb="sm">
            {t(`transfers.hint.${box}`)}
          </Text>
          <TransferTable box={box} query={current} onAction={onAction} />
        </Tabs.Panel>
      </Tabs>

      {modals}
    </Stack>
  );
}
