import { Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { TransferAcceptBody } from '../../../../server/stock/stock.schemas';
import { useI18n } from '../../i18n/i18n';
import { TargetDialog } from '../../shared/Dialog';
import { DialogForm, useDialogForm } from '../../shared/DialogForm';
import { numberOrUndefined } from '../../shared/forms';
import { notifySaved } from '../../shared/notify';
import { acceptTransfer, refreshStock, type TransferSummary } from '../stock.api';
import { QuantityInput } from './QuantityInput';

function AcceptForm({ transfer, onDone }: { transfer: TransferSummary; onDone: () => void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const dialog = useDialogForm({
    schema: TransferAcceptBody,
    initialValues: { quantity: transfer.quantityRequested as number | string },
    toBody: (values) => ({ quantity: numberOrUndefined(values.quantity) }),
    submit: (body) => acceptTransfer(transfer.id, body),
    // No more than was asked (the server refuses it: transfers.exceeds_requested).
    check: (values, errors) => {
      const quantity = numberOrUndefined(values.quantity);
      if (quantity !== undefined && quantity > transfer.quantityRequested && !errors.quantity) {
        errors.quantity = t('transfers.accept.tooMany', { requested: transfer.quantityRequested });
      }
    },
    errorFields: { 'stock.insufficient_quantity': 'quantity', 'transfers.exceeds_requested': 'quantity' },
    onSuccess: async (accepted) => {
      await refreshStock(queryClient);
      notifySaved(
        t('transfers.accept.done', { quantity: accepted.quantityAccepted ?? 0, pharmacy: accepted.toPharmacyName }),
      );
      onDone();
    },
    // A 409 means the other pharmacy moved first: show the transfer as it is now.
    onError: () => refreshStock(queryClient),
  });
  return (
    <DialogForm dialog={dialog} submitLabel={t('transfers.action.accept')} onCancel={onDone}>
      <Text>
        {t('transfers.accept.body', {
          pharmacy: transfer.toPharmacyName,
          quantity: transfer.quantityRequested,
          product: transfer.productLabel,
        })}
      </Text>
      <QuantityInput
        label={t('transfers.accept.quantity')}
        description={t('transfers.accept.quantityHint')}
        data-autofocus
        max={transfer.quantityRequested}
        {...dialog.form.getInputProps('quantity')}
      />
    </DialogForm>
  );
}

/** The sender agrees to all or part of a request; its lots are reserved first-expired first. */
export function AcceptTransferModal({ transfer, onClose }: { transfer: TransferSummary | null; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <TargetDialog target={transfer} title={t('transfers.accept.title')} onClose={onClose}>
      {(target) => <AcceptForm key={target.id} transfer={target} onDone={onClose} />}
    </TargetDialog>
  );
}
