import { useQueryClient } from '@tanstack/react-query';
import { AdjustmentBody } from '../../../../server/stock/stock.schemas';
import { useI18n } from '../../i18n/i18n';
import { TargetDialog } from '../../shared/Dialog';
import { DialogForm, useDialogForm } from '../../shared/DialogForm';
import { numberOrUndefined } from '../../shared/forms';
import { LimitedTextInput } from '../../shared/LimitedTextarea';
import { notifySaved } from '../../shared/notify';
import { WholeNumberInput } from '../../shared/WholeNumberInput';
import { adjustStock, type Lot, refreshStock } from '../stock.api';
import { LotSummary } from './LotSummary';

function AdjustForm({ lot, onDone }: { lot: Lot; onDone: () => void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const dialog = useDialogForm({
    schema: AdjustmentBody,
    initialValues: { delta: '' as number | string, reason: '' },
    toBody: (values) => ({ lotId: lot.id, delta: numberOrUndefined(values.delta), reason: values.reason }),
    submit: adjustStock,
    onSuccess: async () => {
      await refreshStock(queryClient);
      notifySaved(t('stock.adjust.done', { lotNumber: lot.lotNumber }));
      onDone();
    },
  });
  const delta = numberOrUndefined(dialog.form.values.delta);
  return (
    <DialogForm dialog={dialog} submitLabel={t('stock.adjust.submit')} onCancel={onDone}>
      <LotSummary lot={lot} />
      <WholeNumberInput
        label={t('stock.field.delta')}
        description={
          delta === undefined || !Number.isInteger(delta)
            ? t('stock.adjust.deltaHint')
            : t('stock.adjust.newQuantity', { quantity: lot.quantity + delta })
        }
        required
        data-autofocus
        allowNegative
        wholeMessage={t('stock.field.wholeUnits')}
        {...dialog.form.getInputProps('delta')}
      />
      <LimitedTextInput
        label={t('stock.field.reason')}
        placeholder={t('stock.adjust.reasonPlaceholder')}
        required
        maxLength={200}
        {...dialog.form.getInputProps('reason')}
      />
    </DialogForm>
  );
}

/** A count that differs from the books (inventory, breakage found, box miscounted): reason required. */
export function AdjustModal({ lot, onClose }: { lot: Lot | null; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <TargetDialog target={lot} title={t('stock.adjust.title')} onClose={onClose}>
      {(target) => <AdjustForm key={target.id} lot={target} onDone={onClose} />}
    </TargetDialog>
  );
}
