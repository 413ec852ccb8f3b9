import { Group, Radio } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { DestructionBody } from '../../../../server/stock/stock.schemas';
import { useI18n } from '../../i18n/i18n';
import { TargetDialog } from '../../shared/Dialog';
import { DialogForm, useDialogForm } from '../../shared/DialogForm';
import { numberOrUndefined } from '../../shared/forms';
import { notifySaved } from '../../shared/notify';
import { destroyStock, type Lot, refreshStock } from '../stock.api';
import { expiryState, parisToday } from '../stock.rules';
import { LotSummary } from './LotSummary';
import { QuantityInput } from './QuantityInput';

const REASONS = ['expired', 'damaged', 'recalled'] as const;
type Values = { quantity: number | string; reason: (typeof REASONS)[number] | null };

function DestroyForm({ lot, onDone }: { lot: Lot; onDone: () => void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const expired = expiryState(parisToday(), lot.expiryDate) === 'expired';
  const dialog = useDialogForm({
    schema: DestructionBody,
    // An expired lot is usually destroyed whole.
    initialValues: (expired
      ? { quantity: lot.available, reason: 'expired' }
      : { quantity: '', reason: null }) as Values,
    toBody: (values) => ({
      lotId: lot.id,
      quantity: numberOrUndefined(values.quantity),
      reason: values.reason ?? undefined,
    }),
    submit: destroyStock,
    errorFields: { 'stock.insufficient_quantity': 'quantity', 'stock.lot_not_expired': 'reason' },
    onSuccess: async () => {
      await refreshStock(queryClient);
      notifySaved(t('stock.destroy.done', { lotNumber: lot.lotNumber }));
      onDone();
    },
  });
  return (
    <DialogForm dialog={dialog} submitLabel={t('stock.destroy.submit')} submitColor="red" onCancel={onDone}>
      <LotSummary lot={lot} />
      <QuantityInput max={lot.available} data-autofocus {...dialog.form.getInputProps('quantity')} />
      <Radio.Group label={t('stock.field.destructionReason')} required {...dialog.form.getInputProps('reason')}>
        <Group mt="xs">
          {REASONS.map((reason) => (
            // "Périmé" only once the lot is past its expiry (the server's rule: the waste figures count it).
            <Radio
              key={reason}
              value={reason}
              label={t(`stock.destructionReason.${reason}`)}
              disabled={reason === 'expired' && !expired}
            />
          ))}
        </Group>
      </Radio.Group>
    </DialogForm>
  );
}

/** Units taken off the shelf for good: expired, damaged or recalled. */
export function DestroyModal({ lot, onClose }: { lot: Lot | null; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <TargetDialog target={lot} title={t('stock.destroy.title')} onClose={onClose}>
      {(target) => <DestroyForm key={target.id} lot={target} onDone={onClose} />}
    </TargetDialog>
  );
}
