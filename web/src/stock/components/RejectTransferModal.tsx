import { Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { TransferRejectBody } from '../../../../server/stock/stock.schemas';
import { useI18n } from '../../i18n/i18n';
import { TargetDialog } from '../../shared/Dialog';
import { DialogForm, useDialogForm } from '../../shared/DialogForm';
import { LimitedTextarea } from '../../shared/LimitedTextarea';
import { notifySaved } from '../../shared/notify';
import { refreshStock, rejectTransfer, type TransferSummary } from '../stock.api';

function RejectForm({ transfer, onDone }: { transfer: TransferSummary; onDone: () => void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const dialog = useDialogForm({
    schema: TransferRejectBody,
    initialValues: { reason: '' },
    submit: (body) => rejectTransfer(transfer.id, body),
    onSuccess: async () => {
      await refreshStock(queryClient);
      notifySaved(t('transfers.reject.done', { pharmacy: transfer.toPharmacyName }));
      onDone();
    },
    onError: () => refreshStock(queryClient),
  });
  return (
    <DialogForm dialog={dialog} submitLabel={t('transfers.action.reject')} submitColor="red" onCancel={onDone}>
      <Text>
        {t('transfers.reject.body', {
          pharmacy: transfer.toPharmacyName,
          quantity: transfer.quantityRequested,
          product: transfer.productLabel,
        })}
      </Text>
      <LimitedTextarea
        label={t('transfers.reject.reason')}
        required
        data-autofocus
        autosize
        minRows={2}
        maxLength={300}
        {...dialog.form.getInputProps('reason')}
      />
    </DialogForm>
  );
}

/** The sender declines a request and says why. */
export function RejectTransferModal({ transfer, onClose }: { transfer: TransferSummary | null; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <TargetDialog target={transfer} title={t('transfers.reject.title')} onClose={onClose}>
      {(target) => <RejectForm key={target.id} transfer={target} onDone={onClose} />}
    </TargetDialog>
  );
}
