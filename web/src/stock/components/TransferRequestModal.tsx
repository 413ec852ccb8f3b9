import { Group, Radio, Text, Textarea } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { TransferRequestBody } from '../../../../server/stock/stock.schemas';
import { useI18n } from '../../i18n/i18n';
import { TargetDialog } from '../../shared/Dialog';
import { DialogForm, useDialogForm } from '../../shared/DialogForm';
import { formatCalendarDate } from '../../shared/format';
import { numberOrUndefined } from '../../shared/forms';
import { notifySaved } from '../../shared/notify';
import { refreshStock, requestTransfer } from '../stock.api';
import { QuantityInput } from './QuantityInput';

/** What is asked for, and of whom: a product another pharmacy holds. */
export type TransferAsk = {
  cip13: string;
  productLabel: string;
  fromPharmacyId: number;
  fromPharmacyName: string;
  available: number;
  nearestExpiry: string | null;
};

type Values = { quantity: number | string; reason: string; urgency: 'normal' | 'urgent' };

function TransferRequestForm({ ask, onDone }: { ask: TransferAsk; onDone: () => void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const dialog = useDialogForm({
    schema: TransferRequestBody,
    initialValues: { quantity: '', reason: '', urgency: 'normal' } as Values,
    toBody: (values) => ({
      fromPharmacyId: ask.fromPharmacyId,
      cip13: ask.cip13,
      quantity: numberOrUndefined(values.quantity),
      reason: values.reason,
      urgency: values.urgency,
    }),
    submit: requestTransfer,
    onSuccess: async () => {
      await refreshStock(queryClient);
      notifySaved(t('pool.request.done', { pharmacy: ask.fromPharmacyName }));
      onDone();
    },
  });
  return (
    <DialogForm dialog={dialog} submitLabel={t('pool.request.submit')} onCancel={onDone}>
      <div>
        <Text fw={600}>{ask.productLabel}</Text>
        <Text size="sm" c="dimmed">
          {ask.nearestExpiry
            ? t('pool.request.availability', {
                available: ask.available,
                expiry: formatCalendarDate(ask.nearestExpiry),
              })
            : t('pool.request.availabilityNoExpiry', { available: ask.available })}
        </Text>
      </div>
      <QuantityInput max={ask.available} data-autofocus {...dialog.form.getInputProps('quantity')} />
      <Textarea
        label={t('pool.request.reason')}
        description={t('pool.request.reasonHint')}
        required
        autosize
        minRows={2}
        maxLength={300}
        {...dialog.form.getInputProps('reason')}
      />
      <Radio.Group label={t('pool.request.urgency')} required {...dialog.form.getInputProps('urgency')}>
        <Group mt="xs">
          <Radio value="normal" label={t('transfers.urgency.normal')} />
          <Radio value="urgent" label={t('transfers.urgency.urgent')} />
        </Group>
      </Radio.Group>
    </DialogForm>
  );
}

/** Asks a colleague's pharmacy for a dépannage (SPEC §4): quantity, reason, urgency. */
export function TransferRequestModal({ ask, onClose }: { ask: TransferAsk | null; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <TargetDialog
      target={ask}
      title={(target) => t('pool.request.title', { pharmacy: target.fromPharmacyName })}
      onClose={onClose}
    >
      {(target) => (
        <TransferRequestForm key={`${target.cip13}-${target.fromPharmacyId}`} ask={target} onDone={onClose} />
      )}
    </TargetDialog>
  );
}
