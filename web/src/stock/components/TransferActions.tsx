import { Button, Group } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import { ConfirmModal } from '../../shared/ConfirmModal';
import { useMutation } from '../../shared/mutation';
import { notifySaved } from '../../shared/notify';
import { cancelTransfer, refreshStock, shipTransfer, type TransferBox, type TransferSummary } from '../stock.api';
import { type TransferAction, transferActions } from '../stock.rules';
import { AcceptTransferModal } from './AcceptTransferModal';
import { ReceiveTransferModal } from './ReceiveTransferModal';
import { RejectTransferModal } from './RejectTransferModal';

type Confirm = { kind: 'ship' | 'cancel'; box: TransferBox; transfer: TransferSummary };

export type OnTransferAction = (action: TransferAction, box: TransferBox, transfer: TransferSummary) => void;

/**
 * The steps of a transfer that are ours now, and the modals that carry them out: the list
 * and the detail page share them. Render `modals` once; call `onAction` from the buttons.
 */
export function useTransferActions(): { onAction: OnTransferAction; modals: ReactNode } {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [accepting, setAccepting] = useState<TransferSummary | null>(null);
  const [rejecting, setRejecting] = useState<TransferSummary | null>(null);
  const [receivingId, setReceivingId] = useState<number | null>(null);
  const [confirm, setConfirm] = useState<Confirm | null>(null);

  const step = useMutation({
    mutationFn: ({ kind, transfer }: Confirm) => (kind === 'ship' ? shipTransfer : cancelTransfer)(transfer.id),
    onSuccess: async (transfer, { kind }) => {
      await refreshStock(queryClient);
      setConfirm(null);
      notifySaved(
        t(kind === 'ship' ? 'transfers.ship.done' : 'transfers.cancel.done', { product: transfer.productLabel }),
      );
    },
    // A 409 means the other pharmacy moved first: show the transfer as it is now.
    onError: () => refreshStock(queryClient),
  });

  const onAction: OnTransferAction = (action, box, transfer) => {
    if (action === 'accept') setAccepting(transfer);
    else if (action === 'reject') setRejecting(transfer);
    else if (action === 'receive') setReceivingId(transfer.id);
    else {
      step.reset();
      setConfirm({ kind: action, box, transfer });
    }
  };

  const modals = (
    <>
      <AcceptTransferModal transfer={accepting} onClose={() => setAccepting(null)} />
      <RejectTransferModal transfer={rejecting} onClose={() => setRejecting(null)} />
      <ReceiveTransferModal transferId={receivingId} onClose={() => setReceivingId(null)} />
      <ConfirmModal
        opened={confirm !== null}
        title={confirm ? t(`transfers.${confirm.kind}.title`) : ''}
        message={
          confirm
            ? t(`transfers.${confirm.kind}.confirm`, {
                product: confirm.transfer.productLabel,
                pharmacy: confirm.box === 'inbox' ? confirm.transfer.toPharmacyName : confirm.transfer.fromPharmacyName,
                quantity: confirm.transfer.quantityAccepted ?? confirm.transfer.quantityRequested,
              })
            : ''
        }
        confirmLabel={confirm ? t(`transfers.${confirm.kind}.submit`) : ''}
        cancelLabel={t('common.back')}
        color={confirm?.kind === 'cancel' ? 'red' : undefined}
        loading={step.isPending}
        error={step.error}
        onConfirm={() => confirm && step.mutate(confirm)}
        onClose={() => setConfirm(null)}
      />
    </>
  );
  return { onAction, modals };
}

/** The buttons of the steps our side may take now (none when it is the other pharmacy's turn). */
export function TransferActionButtons({
  box,
  transfer,
  onAction,
  size = 'compact-sm',
}: {
  box: TransferBox;
  transfer: TransferSummary;
  onAction: OnTransferAction;
  size?: 'compact-sm' | 'sm';
}) {
  const { t } = useI18n();
  const actions = transferActions(box, transfer.status);
  if (actions.length === 0) return null;
  return (
    <Group gap={6}>
      {actions.map((action) => (
        <Button
          key={action}
          size={size}
          variant={action === 'cancel' || action === 'reject' ? 'default' : 'filled'}
          color={action === 'reject' ? 'red' : undefined}
          onClick={() => onAction(action, box, transfer)}
        >
          {t(`transfers.action.${action}`)}
        </Button>
      ))}
    </Group>
  );
}
