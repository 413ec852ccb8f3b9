import { Anchor, Badge, Button, Group, Stack, Text, Title } from '@mantine/core';
import { IconCheck, IconX } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { OfferDeclineBody } from '../../../../server/stock/offers.schemas';
import { useI18n } from '../../i18n/i18n';
import { ConfirmModal } from '../../shared/ConfirmModal';
import { type Column, DataTable } from '../../shared/DataTable';
import { TargetDialog } from '../../shared/Dialog';
import { DialogForm, useDialogForm } from '../../shared/DialogForm';
import { formatCalendarDate, formatDateTime } from '../../shared/format';
import { LimitedTextarea } from '../../shared/LimitedTextarea';
import { useMutation } from '../../shared/mutation';
import { notifySaved } from '../../shared/notify';
import {
  acceptOffer,
  cancelOffer,
  declineOffer,
  type OfferBox,
  type TransferOffer,
  useOfferOutcomes,
  useOpenOffers,
} from '../offers.api';
import { refreshStock } from '../stock.api';
import { ProductName } from './ProductName';

function DeclineForm({ offer, onDone }: { offer: TransferOffer; onDone: () => void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const dialog = useDialogForm({
    schema: OfferDeclineBody,
    initialValues: { reason: '' },
    toBody: (values) => ({ reason: values.reason.trim() === '' ? undefined : values.reason }),
    submit: (body) => declineOffer(offer.id, body),
    onSuccess: async () => {
      await refreshStock(queryClient);
      notifySaved(t('offers.declined'));
      onDone();
    },
  });
  return (
    <DialogForm dialog={dialog} submitLabel={t('offers.decline')} onCancel={onDone}>
      <LimitedTextarea
        label={t('offers.decline.reason')}
        autosize
        minRows={2}
        maxLength={300}
        data-autofocus
        {...dialog.form.getInputProps('reason')}
      />
    </DialogForm>
  );
}

/**
 * Anti-waste offers still waiting for an answer: those made to us (accept: a transfer is
 * created, the lot reserved; or decline) or those we made (withdraw). Hidden when there are none.
 */
export function OffersPanel({ box }: { box: OfferBox }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const offers = useOpenOffers(box);
  const [accepting, setAccepting] = useState<TransferOffer | null>(null);
  const [declining, setDeclining] = useState<TransferOffer | null>(null);
  const [cancelling, setCancelling] = useState<TransferOffer | null>(null);
  const accept = useMutation({
    mutationFn: (o: TransferOffer) => acceptOffer(o.id),
    onSuccess: async (transfer) => {
      await refreshStock(queryClient);
      notifySaved(t('offers.accepted', { id: transfer.id }));
      setAccepting(null);
    },
  });
  const cancel = useMutation({
    mutationFn: (o: TransferOffer) => cancelOffer(o.id),
    onSuccess: async () => {
      await refreshStock(queryClient);
      notifySaved(t('offers.cancelled'));
      setCancelling(null);
    },
  });
  if (!offers.data || offers.data.length === 0) return null;
  const received = box === 'received';

  const columns: Column<TransferOffer>[] = [
    {
      key: 'product',
      header: t('stock.col.product'),
      cell: (o) => (
        <>
          <ProductName label={o.productLabel} cip13={o.cip13} />
          <Text size="xs" c="dimmed" fs="italic" mt={2}>
            « {o.note} »
          </Text>
        </>
      ),
    },
    {
      key: 'lot',
      header: t('rebalance.col.lot'),
      cell: (o) => (
        <>
          <Text size="sm" ff="monospace">
            {o.lotNumber}
          </Text>
          <Text size="sm">{t('rebalance.expires', { date: formatCalendarDate(o.expiryDate) })}</Text>
        </>
      ),
    },
    {
      key: 'who',
      header: received ? t('offers.col.from') : t('offers.col.to'),
      cell: (o) => (received ? o.fromPharmacyName : o.toPharmacyName),
    },
    {
      key: 'quantity',
      header: t('stock.col.quantity'),
      align: 'right',
      cell: (o) => t('rebalance.units', { count: o.quantity }),
      td: () => ({ fw: 600 }),
    },
    { key: 'until', header: t('offers.col.until'), cell: (o) => formatCalendarDate(o.lastDay) },
    {
      key: 'action',
      header: t('common.actions'),
      hideHeader: true,
      align: 'right',
      cell: (o) =>
        received ? (
          <Group gap={6} justify="flex-end">
            <Button size="compact-sm" leftSection={<IconCheck size={14} />} onClick={() => setAccepting(o)}>
              {t('offers.accept')}
            </Button>
            <Button
              size="compact-sm"
              variant="default"
              leftSection={<IconX size={14} />}
              onClick={() => setDeclining(o)}
            >
              {t('offers.decline')}
            </Button>
          </Group>
        ) : (
          <Button size="compact-sm" variant="default" color="red" onClick={() => setCancelling(o)}>
            {t('offers.cancel')}
          </Button>
        ),
    },
  ];

  return (
    <Stack gap="xs">
      <Title order={2} size="h4">
        {received ? t('offers.received.title') : t('offers.sent.title')}
      </Title>
      {received ? (
        <Text size="sm" c="dimmed">
          {t('offers.received.hint')}
        </Text>
      ) : null}
      <DataTable
        label={received ? t('offers.received.title') : t('offers.sent.title')}
        columns={columns}
        rows={offers.data}
        rowKey={(o) => o.id}
        rowTestId={(o) => `offer-row-${o.lotNumber}`}
        empty={null}
        minWidth={600}
      />
      <ConfirmModal
        opened={accepting !== null}
        title={accepting ? t('offers.accept.title', { pharmacy: accepting.fromPharmacyName }) : ''}
        message={
          accepting
            ? t('offers.accept.body', {
                quantity: accepting.quantity,
                product: accepting.productLabel,
                lotNumber: accepting.lotNumber,
                date: formatCalendarDate(accepting.expiryDate),
                pharmacy: accepting.fromPharmacyName,
              })
            : ''
        }
        confirmLabel={t('offers.accept')}
        loading={accept.isPending}
        error={accept.error}
        onConfirm={() => accepting && accept.mutate(accepting)}
        onClose={() => {
          setAccepting(null);
          accept.reset();
        }}
      />
      <ConfirmModal
        opened={cancelling !== null}
        title={cancelling ? t('offers.cancel.title', { pharmacy: cancelling.toPharmacyName }) : ''}
        message={cancelling ? t('offers.cancel.body', { pharmacy: cancelling.toPharmacyName }) : ''}
        confirmLabel={t('offers.cancel')}
        cancelLabel={t('common.back')}
        color="red"
        loading={cancel.isPending}
        error={cancel.error}
        onConfirm={() => cancelling && cancel.mutate(cancelling)}
        onClose={() => {
          setCancelling(null);
          cancel.reset();
        }}
      />
      <TargetDialog
        target={declining}
        title={(o) => t('offers.decline.title', { pharmacy: o.fromPharmacyName })}
        onClose={() => setDeclining(null)}
      >
        {(o) => <DeclineForm key={o.id} offer={o} onDone={() => setDeclining(null)} />}
      </TargetDialog>
    </Stack>
  );
}

const OUTCOME_COLORS: Record<string, string> = {
  accepted: 'green',
  declined: 'red',
  cancelled: 'gray',
  expired: 'gray',
  lapsed: 'orange',
};

/**
 * The holder's offers of the last 30 days and what became of them: accepted (link to the
 * transfer to ship), declined with the recipient's reason, withdrawn, expired unanswered, or
 * lapsed because the lot no longer covered it. Hidden when there are none.
 */
export function OfferOutcomesPanel() {
  const { t } = useI18n();
  const outcomes = useOfferOutcomes();
  if (!outcomes.data || outcomes.data.length === 0) return null;
  const columns: Column<TransferOffer>[] = [
    {
      key: 'product',
      header: t('stock.col.product'),
      cell: (o) => <ProductName label={o.productLabel} cip13={o.cip13} />,
    },
    {
      key: 'lot',
      header: t('rebalance.col.lot'),
      cell: (o) => (
        <Text size="sm" ff="monospace">
          {o.lotNumber}
        </Text>
      ),
    },
    { key: 'to', header: t('offers.col.to'), cell: (o) => o.toPharmacyName },
    {
      key: 'quantity',
      header: t('stock.col.quantity'),
      align: 'right',
      cell: (o) => t('rebalance.units', { count: o.quantity }),
    },
    {
      key: 'outcome',
      header: t('offers.col.outcome'),
      cell: (o) => (
        <Stack gap={2}>
          <Badge variant="light" color={OUTCOME_COLORS[o.status] ?? 'gray'} data-testid={`offer-outcome-${o.id}`}>
            {t(`offers.status.${o.status}`)}
          </Badge>
          <Text size="xs" c="dimmed">
            {o.status === 'accepted' && o.transferId !== null ? (
              <Anchor component={Link} to={`/transfers/${o.transferId}`} size="xs">
                {t('offers.outcome.accepted', { id: o.transferId })}
              </Anchor>
            ) : o.status === 'declined' ? (
              o.declineReason ? (
                `« ${o.declineReason} »`
              ) : (
                t('offers.outcome.declinedNoReason')
              )
            ) : o.status === 'expired' ? (
              t('offers.outcome.expired', { date: formatCalendarDate(o.lastDay) })
            ) : (
              t(`offers.outcome.${o.status === 'lapsed' ? 'lapsed' : 'cancelled'}`)
            )}
          </Text>
        </Stack>
      ),
    },
    {
      key: 'when',
      header: t('offers.col.answeredOn'),
      cell: (o) => (o.answeredAt ? formatDateTime(o.answeredAt) : formatCalendarDate(o.lastDay)),
    },
  ];
  return (
    <Stack gap="xs" data-testid="offer-outcomes">
      <Title order={2} size="h4">
        {t('offers.outcomes.title')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('offers.outcomes.hint')}
      </Text>
      <DataTable
        label={t('offers.outcomes.title')}
        columns={columns}
        rows={outcomes.data}
        rowKey={(o) => o.id}
        rowTestId={(o) => `offer-outcome-row-${o.lotNumber}`}
        empty={null}
        minWidth={600}
      />
    </Stack>
  );
}
