import { Group, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { ReceiptBody } from '../../../../server/stock/stock.schemas';
import { ProductSearch, productField } from '../../catalogue/ProductSearch';
import { useI18n } from '../../i18n/i18n';
import { DateField } from '../../shared/DateField';
import { TargetDialog } from '../../shared/Dialog';
import { DialogForm, useDialogForm } from '../../shared/DialogForm';
import { formatUnitCost } from '../../shared/format';
import { numberOrUndefined } from '../../shared/forms';
import { NumberField } from '../../shared/NumberField';
import { notifySaved } from '../../shared/notify';
import { receiveStock, refreshStock } from '../stock.api';
import { eurosToMillicents, millicentsToCents } from '../stock.rules';
import { QuantityInput } from './QuantityInput';

type Values = {
  cip13: string | null;
  lotNumber: string;
  expiryDate: string | null;
  quantity: number | string;
  unitCostEuros: number | string;
};

function ReceiptForm({ onDone }: { onDone: () => void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const dialog = useDialogForm({
    schema: ReceiptBody,
    initialValues: { cip13: null, lotNumber: '', expiryDate: null, quantity: '', unitCostEuros: '' } as Values,
    toBody: (values) => ({
      cip13: values.cip13 ?? undefined,
      lotNumber: values.lotNumber,
      expiryDate: values.expiryDate ?? undefined,
      quantity: numberOrUndefined(values.quantity),
      // A tablet may cost 0,043 €: the cost is sent as bought, with its rounding to the cent.
      unitCostCents: millicentsToCents(eurosToMillicents(values.unitCostEuros)),
      unitCostMillicents: eurosToMillicents(values.unitCostEuros),
    }),
    fieldOf: { unitCostCents: 'unitCostEuros', unitCostMillicents: 'unitCostEuros' },
    validateOnBlur: ['lotNumber'],
    errorFields: {
      'stock.expiry_in_past': 'expiryDate',
      'stock.lot_expiry_mismatch': 'expiryDate',
      'stock.unknown_product': 'cip13',
    },
    submit: receiveStock,
    onSuccess: async (result) => {
      await refreshStock(queryClient);
      const moved = result.movements[0];
      const done = t('stock.receive.done', { quantity: moved?.quantity ?? 0, lotNumber: moved?.lotNumber ?? '' });
      // More of a lot held at another price: its unit cost is now the weighted average.
      const cost = result.unitCost;
      notifySaved(
        cost
          ? `${done} ${t('stock.receive.averaged', { before: formatUnitCost(cost.beforeMillicents), after: formatUnitCost(cost.afterMillicents) })}`
          : done,
      );
      onDone();
    },
  });
  const { form } = dialog;
  return (
    <DialogForm dialog={dialog} submitLabel={t('stock.receive.submit')} onCancel={onDone}>
      <ProductSearch label={t('stock.field.product')} required data-autofocus {...productField(form)} />
      <Group grow align="flex-start">
        <TextInput label={t('stock.field.lotNumber')} required {...form.getInputProps('lotNumber')} />
        <DateField
          label={t('stock.field.expiryDate')}
          description={t('stock.field.expiryHint')}
          required
          mode="expiry"
          inputWrapperOrder={['label', 'input', 'description', 'error']}
          {...form.getInputProps('expiryDate')}
        />
      </Group>
      <Group grow align="flex-start">
        <QuantityInput {...form.getInputProps('quantity')} />
        <NumberField
          label={t('stock.field.unitCost')}
          description={t('stock.field.unitCostHint')}
          required
          min={0}
          decimals={5}
          suffix="€"
          {...form.getInputProps('unitCostEuros')}
        />
      </Group>
    </DialogForm>
  );
}

/** Boxes arriving from the wholesaler: a new lot, or more of a lot already on the shelf. */
export function ReceiptModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <TargetDialog target={opened || null} title={t('stock.receive.title')} onClose={onClose} size="lg">
      {() => <ReceiptForm onDone={onClose} />}
    </TargetDialog>
  );
}
