import { Anchor, Badge, Button, Group, Paper, SimpleGrid, Stack, Text, Timeline, Title } from '@mantine/core';
import {
  IconArrowLeft,
  IconCheck,
  IconPackageImport,
  IconPrinter,
  IconSend,
  IconTruckDelivery,
  IconX,
  IconZoomQuestion,
} from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { useSessionUser } from '../../auth/auth-context';
import { useI18n } from '../../i18n/i18n';
import { PharmacyContactCard, usePharmacy } from '../../pharmacies/PharmacyContact';
import { ApiError } from '../../shared/api';
import { type Column, DataTable } from '../../shared/DataTable';
import { Fact } from '../../shared/Fact';
import { formatCalendarDate, formatDateTime, formatMoney } from '../../shared/format';
import { usePageTitle } from '../../shared/PageHeader';
import { QueryState } from '../../shared/QueryState';
import { NotFoundState } from '../../shell/NotFoundPage';
import { ProductName } from '../components/ProductName';
import { TransferActionButtons, useTransferActions } from '../components/TransferActions';
import { TransferStatusBadge, UrgencyBadge } from '../components/TransferBadges';
import { type Transfer, type TransferBox, useTransfer } from '../stock.api';

type TransferLine = Transfer['lines'][number];

type Step = {
  key: 'offered' | 'offerAccepted' | 'requested' | 'accepted' | 'rejected' | 'shipped' | 'received' | 'cancelled';
  /** Values of the step's title (the offer number). */
  params?: Record<string, string | number>;
  at: string;
  /** Who took the step (display name), when a user did. */
  person: string | null;
  /** The pharmacy that took it. */
  pharmacy: string | null;
  icon: ReactNode;
  color?: string;
};

/** The dated steps that happened, in the order they happened, each with its person and pharmacy. */
function stepsOf(transfer: Transfer): Step[] {
  const size = 14;
  const receiver = transfer.toPharmacyName;
  const sender = transfer.fromPharmacyName;
  const offer = transfer.offer;
  // Born from an anti-waste offer: the holder (sender) offered, then the receiver accepted.
  const opening: (Step | null)[] = offer
    ? [
        {
          key: 'offered',
          params: { id: offer.id },
          at: offer.offeredAt,
          person: offer.offeredByName,
          pharmacy: sender,
          icon: <IconSend size={size} />,
        },
        {
          key: 'offerAccepted',
          at: offer.acceptedAt ?? transfer.requestedAt,
          person: offer.acceptedByName,
          pharmacy: receiver,
          icon: <IconCheck size={size} />,
        },
      ]
    : [];
  const steps: (Step | null)[] = [
    ...opening,
    offer
      ? null
      : {
          key: 'requested',
          at: transfer.requestedAt,
          person: transfer.requestedByName,
          pharmacy: receiver,
          icon: <IconSend size={size} />,
        },
    transfer.decidedAt && !offer
      ? transfer.status === 'rejected'
        ? {
            key: 'rejected',
            at: transfer.decidedAt,
            person: transfer.decidedByName,
            pharmacy: sender,
            icon: <IconX size={size} />,
            color: 'red',
          }
        : {
            key: 'accepted',
            at: transfer.decidedAt,
            person: transfer.decidedByName,
            pharmacy: sender,
            icon: <IconCheck size={size} />,
          }
      : null,
    transfer.shippedAt
      ? {
          key: 'shipped',
          at: transfer.shippedAt,
          person: transfer.shippedByName,
          pharmacy: sender,
          icon: <IconTruckDelivery size={size} />,
        }
      : null,
    transfer.receivedAt
      ? {
          key: 'received',
          at: transfer.receivedAt,
          person: transfer.receivedByName,
          pharmacy: receiver,
          icon: <IconPackageImport size={size} />,
          color: 'green',
        }
      : null,
    transfer.cancelledAt
      ? {
          key: 'cancelled',
          at: transfer.cancelledAt,
          person: transfer.cancelledByName,
          pharmacy: transfer.cancelledByPharmacyName,
          icon: <IconX size={size} />,
          color: 'gray',
        }
      : null,
  ];
  return steps.filter((step): step is Step => step !== null).sort((a, b) => a.at.localeCompare(b.at));
}

function NotFound() {
  const { t } = useI18n();
  return (
    <NotFoundState
      icon={IconZoomQuestion}
      title={t('transferDetail.notFound.title')}
      body={t('transferDetail.notFound.body')}
      backTo="/transfers"
      backLabel={t('transferDetail.back')}
    />
  );
}

function PharmacyName({ name, ours }: { name: string; ours: boolean }) {
  const { t } = useI18n();
  return (
    <Group gap={6}>
      <span>{name}</span>
      {ours ? (
        <Badge size="sm" variant="light" color="blue">
          {t('transferDetail.ours')}
        </Badge>
      ) : null}
    </Group>
  );
}

/** A dépannage slip exists once lots are reserved: accepted, shipped, received. */
const SLIP_STATUSES = new Set<Transfer['status']>(['accepted', 'shipped', 'received']);

/** Both pharmacies' contact details, sender first (who to call about the parcel). */
function PartiesContacts({ transfer }: { transfer: Transfer }) {
  const { t } = useI18n();
  const from = usePharmacy(transfer.fromPharmacyId);
  const to = usePharmacy(transfer.toPharmacyId);
  return (
    <Paper withBorder p="md" radius="md" data-testid="transfer-contacts">
      <Title order={2} size="h4" mb="md">
        {t('transferDetail.contacts')}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg">
        <Fact label={t('transferDetail.sender')}>
          {from ? <PharmacyContactCard pharmacy={from} /> : transfer.fromPharmacyName}
        </Fact>
        <Fact label={t(transfer.offer ? 'transferDetail.receiverOffer' : 'transferDetail.receiver')}>
          {to ? <PharmacyContactCard pharmacy={to} /> : transfer.toPharmacyName}
        </Fact>
      </SimpleGrid>
    </Paper>
  );
}

function TransferDetail({ transfer }: { transfer: Transfer }) {
  const { t } = useI18n();
  const user = useSessionUser();
  const { onAction, modals } = useTransferActions();
  // Asked of us (we lend) or asked by us (we receive): the box of the list it sits in.
  const box: TransferBox = transfer.fromPharmacyId === user.pharmacy?.id ? 'inbox' : 'outbox';
  const steps = stepsOf(transfer);
  usePageTitle(t('transferDetail.title', { id: transfer.id }));
  // Lines are reserved at acceptance; the figure is what left only once shipped (SPEC §4).
  const shipped = transfer.shippedAt !== null;
  const lotColumns: Column<TransferLine>[] = [
    {
      key: 'lot',
      header: t('transferDetail.col.lot'),
      cell: (line) => line.lotNumber,
      td: () => ({ ff: 'monospace' }),
    },
    {
      key: 'expiry',
      header: t('transferDetail.col.expiry'),
      cell: (line) => formatCalendarDate(line.expiryDate),
    },
    {
      // The one figure a line carries is what was reserved until it ships, then what left.
      key: 'quantity',
      header: t(
        shipped
          ? 'transferDetail.col.shipped'
          : transfer.status === 'cancelled'
            ? 'transferDetail.col.released'
            : 'transferDetail.col.reserved',
      ),
      align: 'right',
      cell: (line) => line.quantity,
    },
    {
      key: 'received',
      header: t('transferDetail.col.received'),
      align: 'right',
      cell: (line) =>
        line.quantityReceived === null
          ? t('common.none')
          : line.expiredOnArrival
            ? t('transferDetail.expiredOnArrival', { count: line.quantityReceived })
            : line.quantityReceived,
      td: (line) => ({
        c:
          line.expiredOnArrival || (line.quantityReceived !== null && line.quantityReceived < line.quantity)
            ? 'orange.9'
            : undefined,
      }),
    },
  ];

  return (
    <Stack gap="lg" maw={1100}>
      <Anchor component={Link} to={box === 'outbox' ? '/transfers?tab=outbox' : '/transfers'} size="sm">
        <Group gap={4} component="span">
          <IconArrowLeft size={14} />
          {t('transferDetail.back')}
        </Group>
      </Anchor>
      <Group justify="space-between" align="flex-start">
        <Stack gap={6}>
          <Title order={1} size="h2">
            {t('transferDetail.title', { id: transfer.id })}
          </Title>
          <Group gap={6}>
            <TransferStatusBadge status={transfer.status} />
            <UrgencyBadge urgency={transfer.urgency} />
          </Group>
        </Stack>
        <Group gap="sm">
          {SLIP_STATUSES.has(transfer.status) ? (
            <Button
              component="a"
              href={`/api/transfers/${transfer.id}/slip.pdf`}
              download
              variant="default"
              size="sm"
              title={t('transferDetail.slipHint')}
              leftSection={<IconPrinter size={16} />}
            >
              {t('transferDetail.slip')}
            </Button>
          ) : null}
          <TransferActionButtons box={box} transfer={transfer} onAction={onAction} size="sm" />
        </Group>
      </Group>

      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Paper withBorder p="md" radius="md">
          <Stack gap="md">
            <Fact label={t('transferDetail.product')}>
              <ProductName label={transfer.productLabel} cip13={transfer.cip13} />
            </Fact>
            <SimpleGrid cols={2} spacing="md">
              {/* Born from an offer, nobody asked: the receiver accepted what the sender offered. */}
              <Fact label={t(transfer.offer ? 'transferDetail.receiverOffer' : 'transferDetail.receiver')}>
                <PharmacyName name={transfer.toPharmacyName} ours={box === 'outbox'} />
              </Fact>
              <Fact label={t('transferDetail.sender')}>
                <PharmacyName name={transfer.fromPharmacyName} ours={box === 'inbox'} />
              </Fact>
              <Fact label={t(transfer.offer ? 'transferDetail.quantityOffered' : 'transferDetail.quantityRequested')}>
                {transfer.quantityRequested}
              </Fact>
              {transfer.quantityAccepted !== null ? (
                <Fact label={t('transferDetail.quantityAccepted')}>{transfer.quantityAccepted}</Fact>
              ) : null}
            </SimpleGrid>
            <Fact label={t('transferDetail.reason')}>{transfer.reason}</Fact>
            {transfer.rejectionReason ? (
              <Fact label={t('transferDetail.rejectionReason')}>
                <Text size="sm" c="red.8" fw={500}>
                  {transfer.rejectionReason}
                </Text>
              </Fact>
            ) : null}
            {transfer.receiptNote ? (
              <Fact label={t('transferDetail.receiptNote')}>
                <Text size="sm" c="orange.9" fw={500}>
                  {transfer.receiptNote}
                </Text>
              </Fact>
            ) : null}
            {transfer.status === 'received' && transfer.valueCents !== null ? (
              <Fact label={t('transferDetail.value')}>{formatMoney(transfer.valueCents)}</Fact>
            ) : null}
          </Stack>
        </Paper>

        <Paper withBorder p="md" radius="md">
          <Title order={2} size="h4" mb="md">
            {t('transferDetail.timeline')}
          </Title>
          <Timeline
            active={steps.length - 1}
            bulletSize={26}
            lineWidth={2}
            aria-label={t('transferDetail.timeline')}
            data-testid="transfer-timeline"
          >
            {steps.map((step) => (
              <Timeline.Item
                key={step.key}
                bullet={step.icon}
                color={step.color}
                title={t(`transferDetail.step.${step.key}`, step.params)}
                data-testid={`timeline-${step.key}`}
              >
                <Text size="sm">{formatDateTime(step.at)}</Text>
                {step.person || step.pharmacy ? (
                  <Text size="xs" c="dimmed" data-testid={`timeline-${step.key}-by`}>
                    {step.person && step.pharmacy
                      ? t('transferDetail.byPerson', { person: step.person, pharmacy: step.pharmacy })
                      : t('transferDetail.by', { pharmacy: step.person ?? step.pharmacy ?? '' })}
                  </Text>
                ) : null}
              </Timeline.Item>
            ))}
          </Timeline>
        </Paper>
      </SimpleGrid>

      <PartiesContacts transfer={transfer} />

      <Stack gap="xs">
        <Title order={2} size="h4">
          {t('transferDetail.lots')}
        </Title>
        {transfer.lines.length === 0 ? (
          <Text c="dimmed" size="sm">
            {t('transferDetail.noLots')}
          </Text>
        ) : (
          <>
            {shipped ? null : (
              <Text c="dimmed" size="sm" data-testid="transfer-lots-note">
                {t(transfer.status === 'cancelled' ? 'transferDetail.lotsReleased' : 'transferDetail.lotsReserved')}
              </Text>
            )}
            <DataTable<TransferLine>
              label={t('transferDetail.lots')}
              rows={transfer.lines}
              rowKey={(line) => line.id}
              rowTestId={(line) => `transfer-line-${line.lotNumber}`}
              empty={null}
              minWidth={480}
              columns={lotColumns.filter((c) => shipped || c.key !== 'received')}
            />
          </>
        )}
      </Stack>
      {modals}
    </Stack>
  );
}

/** One dépannage, ours as lender or as requester: its parties, its steps, its lots and what we may do now. */
export function TransferDetailPage() {
  const params = useParams();
  const raw = params.id ?? '';
  const id = /^[1-9]\d{0,9}$/.test(raw) ? Number(raw) : null;
  const transfer = useTransfer(id);
  if (id === null) return <NotFound />;
  if (transfer.error instanceof ApiError && transfer.error.status === 404) return <NotFound />;
  if (!transfer.data) return <QueryState query={transfer} />;
  return <TransferDetail transfer={transfer.data} />;
}
