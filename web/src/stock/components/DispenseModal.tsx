import { Select } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { DispenseBody } from '../../../../server/stock/stock.schemas';
import { ProductSearch, productField } from '../../catalogue/ProductSearch';
import { useI18n } from '../../i18n/i18n';
import { TargetDialog } from '../../shared/Dialog';
import { DialogForm, useDialogForm } from '../../shared/DialogForm';
import { formatCalendarDate } from '../../shared/format';
import { numberOrUndefined } from '../../shared/forms';
import { notifySaved } from '../../shared/notify';
import { dispenseStock, type Lot, refreshStock, useLots } from '../stock.api';
import { LotSummary } from './LotSummary';
import { QuantityInput } from './QuantityInput';

type Values = { cip13: string | null; quantity: number | string; lotId: string | null };

function DispenseForm({ lot, onDone }: { lot: Lot | null; onDone: () => void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const dialog = useDialogForm({
    schema: DispenseBody,
    initialValues: { cip13: lot?.cip13 ?? null, quantity: '', lotId: lot ? String(lot.id) : null } as Values,
    toBody: (values) => ({
      cip13: values.cip13 ?? undefined,
      quantity: numberOrUndefined(values.quantity),
      lotId: values.lotId ? Number(values.lotId) : undefined,
    }),
    submit: dispenseStock,
    errorFields: { 'stock.insufficient_quantity': 'quantity', 'stock.lot_expired': 'lotId' },
    onSuccess: async (result) => {
      await refreshStock(queryClient);
      const detail = result.movements.map((m) => `${m.lotNumber} × ${m.quantity}`).join(', ');
      notifySaved(t('stock.dispense.done', { detail }));
      onDone();
    },
  });
  const { form } = dialog;
  const lots = useLots({ cip13: form.values.cip13 ?? undefined }, !lot && form.values.cip13 !== null);
  return (
    <DialogForm dialog={dialog} submitLabel={t('stock.dispense.submit')} onCancel={onDone}>
      {lot ? (
        <LotSummary lot={lot} />
      ) : (
        <>
          <ProductSearch
            label={t('stock.field.product')}
            required
            data-autofocus
            {...productField(form, () => form.setFieldValue('lotId', null))}
          />
          <Select
            label={t('stock.field.lot')}
            description={t('stock.dispense.fefoHint')}
            placeholder={t('stock.dispense.fefo')}
            clearable
            disabled={form.values.cip13 === null}
            data={(lots.data ?? []).map((l) => ({
              value: String(l.id),
              label: t('stock.lotOption', {
                lotNumber: l.lotNumber,
                expiryDate: formatCalendarDate(l.expiryDate),
                available: l.available,
              }),
            }))}
            {...form.getInputProps('lotId')}
          />
        </>
      )}
      <QuantityInput max={lot?.available} data-autofocus={lot ? true : undefined} {...form.getInputProps('quantity')} />
    </DialogForm>
  );
}

/** Units handed to patients, from a named lot or first-expired-first-out. */
export function DispenseModal({ target, onClose }: { target: { lot: Lot | null } | null; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <TargetDialog target={target} title={t('stock.dispense.title')} onClose={onClose} size="lg">
      {({ lot }) => <DispenseForm key={lot?.id ?? 'any'} lot={lot} onDone={onClose} />}
    </TargetDialog>
  );
}
