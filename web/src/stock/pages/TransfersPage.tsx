import { Anchor, Badge, Group, Stack, Table, Tabs, Text, Title } from '@mantine/core';
import { Link, useSearchParams } from 'react-router';
import { useI18n } from '../../i18n/i18n';
import { usePharmacies } from '../../pharmacies/pharmacies.api';
import { formatDate, formatMoney, formatTime } from '../../shared/format';
import { ProductName } from '../components/ProductName';
import { QueryState } from '../components/QueryState';
import { type OnTransferAction, TransferActionButtons, useTransferActions } from '../components/TransferActions';
import { TransferStatusBadge, UrgencyBadge } from '../components/TransferBadges';
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
  items,
  onAction,
}: {
  box: TransferBox;
  items: TransferSummary[];
  onAction: OnTransferAction;
}) {
  const { t } = useI18n();
  // The other pharmacy by its town: six columns must fit a tablet without scrolling the actions away.
  const pharmacies = usePharmacies();
  const other = (transfer: TransferSummary) => {
    const [id, name] =
      box === 'inbox'
        ? [transfer.toPharmacyId, transfer.toPharmacyName]
        : [transfer.fromPharmacyId, transfer.fromPharmacyName];
    return pharmacies.data?.find((p) => p.id === id)?.town ?? name;
  };
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table striped withTableBorder aria-label={t(`transfers.tab.${box}`)} bg="white">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('transfers.col.requestedAt')}</Table.Th>
            <Table.Th>{t('transfers.col.product')}</Table.Th>
            <Table.Th>{box === 'inbox' ? t('transfers.col.requestedBy') : t('transfers.col.requestedOf')}</Table.Th>
            <Table.Th ta="right">{t('transfers.col.quantity')}</Table.Th>
            <Table.Th>{t('common.status')}</Table.Th>
            <Table.Th>{t('common.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.length === 0 ? (
            <Table.Tr>
              <Table.Td colSpan={6}>
                <Text c="dimmed">{t(`transfers.empty.${box}`)}</Text>
              </Table.Td>
            </Table.Tr>
          ) : null}
          {items.map((transfer) => (
            <Table.Tr key={transfer.id} data-testid={`transfer-row-${transfer.id}`}>
              <Table.Td>
                <Text size="sm">{formatDate(transfer.requestedAt)}</Text>
                <Text size="xs" c="dimmed">
                  {formatTime(transfer.requestedAt)} ·{' '}
                  <Anchor component={Link} to={`/transfers/${transfer.id}`} size="xs">
                    {t('transfers.number', { id: transfer.id })}
                  </Anchor>
                </Text>
              </Table.Td>
              <Table.Td>
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
              </Table.Td>
              <Table.Td title={box === 'inbox' ? transfer.toPharmacyName : transfer.fromPharmacyName}>
                {other(transfer)}
              </Table.Td>
              <Table.Td ta="right">{quantityText(t, transfer)}</Table.Td>
              <Table.Td>
                <Stack gap={4} align="flex-start">
                  <TransferStatusBadge status={transfer.status} />
                  {transfer.urgency === 'urgent' ? <UrgencyBadge urgency="urgent" /> : null}
                  {transfer.valueCents !== null ? (
                    <Text size="xs" c="dimmed">
                      {t('transfers.value', { value: formatMoney(transfer.valueCents) })}
                    </Text>
                  ) : null}
                </Stack>
              </Table.Td>
              <Table.Td>
                <TransferActionButtons box={box} transfer={transfer} onAction={onAction} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
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
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1} size="h2">
            {t('transfers.title')}
          </Title>
          <Text c="dimmed">{t('transfers.subtitle')}</Text>
        </div>
        <Group gap="md">
          <Anchor component={Link} to="/pool">
            {t('transfers.askNew')}
          </Anchor>
          <Anchor component={Link} to="/transfers/settlement">
            {t('nav.settlement')}
          </Anchor>
        </Group>
      </Group>
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
          <QueryState query={current} />
          {current.data ? <TransferTable box={box} items={current.data} onAction={onAction} /> : null}
        </Tabs.Panel>
      </Tabs>

      {modals}
    </Stack>
  );
}
