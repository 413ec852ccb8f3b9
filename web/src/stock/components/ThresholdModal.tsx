import { Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { ThresholdBody } from '../../../../server/stock/stock.schemas';
import { ProductSearch, productField } from '../../catalogue/ProductSearch';
import { useI18n } from '../../i18n/i18n';
import { TargetDialog } from '../../shared/Dialog';
import { DialogForm, useDialogForm } from '../../shared/DialogForm';
import { numberOrUndefined } from '../../shared/forms';
import { notifySaved } from '../../shared/notify';
import { refreshStock, setThreshold, type ThresholdItem } from '../stock.api';
import { QuantityInput } from './QuantityInput';

type Values = { cip13: string | null; minQuantity: number | string };

function ThresholdForm({ threshold, onDone }: { threshold: ThresholdItem | null; onDone: () => void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const dialog = useDialogForm({
    schema: ThresholdBody,
    initialValues: { cip13: threshold?.cip13 ?? null, minQuantity: threshold?.minQuantity ?? '' } as Values,
    toBody: (values) => ({ minQuantity: numberOrUndefined(values.minQuantity) }),
    // The product is in the path, not the body.
    check: (values, errors) => {
      if (!values.cip13) errors.cip13 = t('validation.required');
    },
    submit: (body, values) => setThreshold(values.cip13 ?? '', body.minQuantity),
    onSuccess: async () => {
      await refreshStock(queryClient);
      notifySaved(t('common.saved'));
      onDone();
    },
  });
  const { form } = dialog;
  return (
    <DialogForm dialog={dialog} submitLabel={t('common.save')} onCancel={onDone}>
      {threshold ? (
        <Text fw={500}>{threshold.productLabel}</Text>
      ) : (
        <ProductSearch label={t('stock.field.product')} required data-autofocus {...productField(form)} />
      )}
      <QuantityInput
        label={t('stockAlerts.thresholds.minQuantity')}
        description={t('stockAlerts.thresholds.minQuantityHint')}
        required
        data-autofocus={threshold ? true : undefined}
        min={0}
        {...form.getInputProps('minQuantity')}
      />
    </DialogForm>
  );
}

/** The minimum quantity under which the low-stock list and job flag a product. */
export function ThresholdModal({
  target,
  onClose,
}: {
  target: { threshold: ThresholdItem | null } | null;
  onClose: () => void;
}) {
  const { t } = useI18n();
  return (
    <TargetDialog
      target={target}
      title={({ threshold }) => (threshold ? t('stockAlerts.thresholds.edit') : t('stockAlerts.thresholds.new'))}
      onClose={onClose}
      size="lg"
    >
      {({ threshold }) => <ThresholdForm key={threshold?.cip13 ?? 'new'} threshold={threshold} onDone={onClose} />}
    </TargetDialog>
  );
}
