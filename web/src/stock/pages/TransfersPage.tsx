import { Anchor, Badge, Button, Group, Pagination, Select, Stack, Tabs, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useI18n } from '../../i18n/i18n';
import { type Column, DataTable } from '../../shared/DataTable';
import { formatDate, formatMoney, formatTime } from '../../shared/format';
import { PageHeader } from '../../shared/PageHeader';
import { ProductName } from '../components/ProductName';
import { type OnTransferAction, TransferActionButtons, useTransferActions } from '../components/TransferActions';
import { TransferStatusBadge, UrgencyBadge } from '../components/TransferBadges';
import { usePharmacyTown } from '../pharmacy-town';
import {
  TRANSFERS_PAGE_SIZE,
  type TransferBox,
  type TransferPage,
  type TransferStatus,
  type TransferSummary,
  useTransfers,
} from '../stock.api';
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
  filtered,
}: {
  box: TransferBox;
  query: ReturnType<typeof useTransfers>;
  onAction: OnTransferAction;
  filtered: boolean;
}) {
  const { t } = useI18n();
  // The other pharmacy by its town: six columns must fit a tablet without scrolling the actions away.
  const town = usePharmacyTown();
  const other = (transfer: TransferSummary) =>
    box === 'inbox'
      ? { name: transfer.toPharmacyName, town: town(transfer.toPharmacyId, transfer.toPharmacyName) }
      : { name: transfer.fromPharmacyName, town: town(transfer.fromPharmacyId, transfer.fromPharmacyName) };
  const otherLabel = box === 'inbox' ? t('transfers.col.requestedBy') : t('transfers.col.requestedOf');
  const requested = (transfer: TransferSummary) => (
    <>
      <Text size="sm">{formatDate(transfer.requestedAt)}</Text>
      <Text size="xs" c="dimmed">
        {formatTime(transfer.requestedAt)} ·{' '}
        <Anchor component={Link} to={`/transfers/${transfer.id}`} size="xs" underline="always">
          {t('transfers.number', { id: transfer.id })}
        </Anchor>
      </Text>
    </>
  );
  const notes = (transfer: TransferSummary) => (
    <>
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
  );
  const status = (transfer: TransferSummary) => (
    <>
      <TransferStatusBadge status={transfer.status} />
      {transfer.urgency === 'urgent' ? <UrgencyBadge urgency="urgent" /> : null}
      {transfer.valueCents !== null ? (
        <Text size="xs" c="dimmed">
          {t('transfers.value', { value: formatMoney(transfer.valueCents) })}
        </Text>
      ) : null}
    </>
  );
  // A phone has room for one column: each transfer reads as a card (the six columns from a tablet up).
  const columns: Column<TransferSummary>[] = [
    {
      key: 'summary',
      header: t('transfers.col.transfer'),
      hiddenFrom: 'sm',
      cell: (transfer) => (
        <Stack gap={6} data-testid="transfer-card">
          <Group justify="space-between" align="flex-start" wrap="nowrap">
            <div>{requested(transfer)}</div>
            <Stack gap={4} align="flex-end">
              {status(transfer)}
            </Stack>
          </Group>
          <div>
            <ProductName label={transfer.productLabel} cip13={transfer.cip13} />
            <Text size="sm" mt={4}>
              {t('transfers.cardParty', {
                label: otherLabel,
                town: other(transfer).town,
                quantity: quantityText(t, transfer),
              })}
            </Text>
            {notes(transfer)}
          </div>
          <TransferActionButtons box={box} transfer={transfer} onAction={onAction} size="sm" />
        </Stack>
      ),
    },
    {
      key: 'requestedAt',
      header: t('transfers.col.requestedAt'),
      visibleFrom: 'sm',
      cell: requested,
    },
    {
      key: 'product',
      header: t('transfers.col.product'),
      visibleFrom: 'sm',
      cell: (transfer) => (
        <>
          <ProductName label={transfer.productLabel} cip13={transfer.cip13} />
          {notes(transfer)}
        </>
      ),
    },
    {
      key: 'other',
      header: otherLabel,
      visibleFrom: 'sm',
      cell: (transfer) => other(transfer).town,
      td: (transfer) => ({ title: other(transfer).name }),
    },
    {
      key: 'quantity',
      header: t('transfers.col.quantity'),
      visibleFrom: 'sm',
      align: 'right',
      cell: (transfer) => quantityText(t, transfer),
    },
    {
      key: 'status',
      header: t('common.status'),
      visibleFrom: 'sm',
      cell: (transfer) => (
        <Stack gap={4} align="flex-start">
          {status(transfer)}
        </Stack>
      ),
    },
    {
      key: 'actions',
      header: t('common.actions'),
      visibleFrom: 'sm',
      cell: (transfer) => <TransferActionButtons box={box} transfer={transfer} onAction={onAction} />,
    },
  ];
  return (
    <DataTable
      label={t(`transfers.tab.${box}`)}
      columns={columns}
      rows={query.data?.items}
      query={query}
      rowKey={(transfer) => transfer.id}
      rowTestId={(transfer) => `transfer-row-${transfer.id}`}
      empty={filtered ? t('transfers.noMatch') : t(`transfers.empty.${box}`)}
      minWidth={720}
      phoneMinWidth={0}
    />
  );
}

const STATUSES: TransferStatus[] = ['requested', 'accepted', 'shipped', 'received', 'rejected', 'cancelled'];
const isStatus = (value: string | null): value is TransferStatus => STATUSES.includes(value as TransferStatus);

/** Transfers of a box that wait for one of our steps (cancel aside): the tab's badge. */
function waiting(page: TransferPage | undefined, box: TransferBox): number {
  if (!page) return 0;
  return STATUSES.filter((s) => transferActions(box, s).some((a) => a !== 'cancel')).reduce(
    (sum, s) => sum + page.counts[s],
    0,
  );
}

/**
 * Dépannages asked of us (inbox) and asked by us (outbox), each row with the steps that are ours
 * now; filtered by status, searched and paged on the server. Tab, status, search and page live
 * in the address, so a link from the home card or a reload keeps them.
 */
export function TransfersPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const box: TransferBox = params.get('tab') === 'outbox' ? 'outbox' : 'inbox';
  const rawStatus = params.get('status');
  const status = isStatus(rawStatus) ? rawStatus : undefined;
  const q = params.get('q') ?? '';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [typed, setTyped] = useState(q);
  const [debounced] = useDebouncedValue(typed, 300);

  const update = (next: { tab?: TransferBox; status?: string | null; q?: string; page?: number }) => {
    const merged = {
      tab: next.tab ?? box,
      status: next.status === undefined ? (status ?? null) : next.status,
      q: next.q ?? q,
      page: next.page ?? 1,
    };
    const out: Record<string, string> = {};
    if (merged.tab === 'outbox') out.tab = 'outbox';
    if (merged.status) out.status = merged.status;
    if (merged.q.trim()) out.q = merged.q.trim();
    if (merged.page > 1) out.page = String(merged.page);
    setParams(out, { replace: true });
  };
  // The search box writes to the address once typing pauses.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new debounced value triggers it
  useEffect(() => {
    if (debounced.trim() !== q.trim()) update({ q: debounced });
  }, [debounced]);

  const filters = { status, q };
  const inbox = useTransfers('inbox', box === 'inbox' ? filters : {}, box === 'inbox' ? page : 1);
  const outbox = useTransfers('outbox', box === 'outbox' ? filters : {}, box === 'outbox' ? page : 1);
  const current = box === 'inbox' ? inbox : outbox;
  const { onAction, modals } = useTransferActions();
  const pages = current.data ? Math.ceil(current.data.total / TRANSFERS_PAGE_SIZE) : 0;
  const filtered = status !== undefined || q.trim() !== '';

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
        onChange={(value) => {
          setTyped('');
          update({ tab: value === 'outbox' ? 'outbox' : 'inbox', status: null, q: '' });
        }}
        keepMounted={false}
      >
        <Tabs.List>
          <Tabs.Tab value="inbox">{tabLabel('inbox', waiting(inbox.data, 'inbox'))}</Tabs.Tab>
          <Tabs.Tab value="outbox">{tabLabel('outbox', waiting(outbox.data, 'outbox'))}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value={box} pt="md">
          <Stack gap="sm">
            <Text size="sm" c="dimmed">
              {t(`transfers.hint.${box}`)}
            </Text>
            <Group gap="sm" align="flex-end" wrap="wrap">
              <TextInput
                label={t('transfers.search')}
                placeholder={t('transfers.searchPlaceholder')}
                leftSection={<IconSearch size={16} />}
                value={typed}
                onChange={(event) => setTyped(event.currentTarget.value)}
                w={{ base: '100%', xs: 340 }}
                data-testid="transfers-search"
              />
              <Select
                label={t('transfers.statusFilter')}
                placeholder={t('transfers.allStatuses')}
                clearable
                w={{ base: '100%', xs: 220 }}
                data={STATUSES.map((s) => ({
                  value: s,
                  label: current.data
                    ? t('transfers.statusCount', { status: t(`transfers.status.${s}`), count: current.data.counts[s] })
                    : t(`transfers.status.${s}`),
                }))}
                value={status ?? null}
                onChange={(value) => update({ status: value })}
                data-testid="transfers-status"
              />
              {filtered ? (
                <Button
                  variant="subtle"
                  onClick={() => {
                    setTyped('');
                    update({ status: null, q: '' });
                  }}
                >
                  {t('transfers.clearFilters')}
                </Button>
              ) : null}
              {current.data ? (
                <Text size="sm" c="dimmed" ml="auto" data-testid="transfers-total">
                  {t('transfers.count', { total: current.data.total })}
                </Text>
              ) : null}
            </Group>
            <TransferTable box={box} query={current} onAction={onAction} filtered={filtered} />
            {pages > 1 ? (
              <Pagination
                total={pages}
                value={Math.min(page, pages)}
                onChange={(p) => update({ page: p })}
                getControlProps={(control) => ({
                  'aria-label': control === 'previous' ? t('common.previousPage') : t('common.nextPage'),
                })}
              />
            ) : null}
          </Stack>
        </Tabs.Panel>
      </Tabs>

      {modals}
    </Stack>
  );
}
